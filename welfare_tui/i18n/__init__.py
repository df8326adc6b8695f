"""Every user-facing text (screens, messages, exports) in Japanese (default) and English.

Each area of the program keeps its messages in its own module under `welfare_tui/i18n/messages/`
(`MESSAGES = {"key": ("日本語", "English"), ...}`), named in `messages.MODULES`, so that people working
on different screens never edit the same file. `t("key", name=...)` looks a key up in the current language and fills `{name}`.
"""

from __future__ import annotations

import importlib
from functools import cache

LANGUAGES = ("ja", "en")
_current = ["ja"]


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current[0] = lang


def language() -> str:
    return _current[0]


@cache
def all_messages() -> dict[str, tuple[str, str]]:
    """Every message of every module of `i18n/messages/`; a key defined twice is a programming error."""
    from welfare_tui.i18n import messages

    merged: dict[str, tuple[str, str]] = {}
    for name in messages.MODULES:
        module = importlib.import_module(f"{messages.__name__}.{name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise KeyError(f"message {key!r} defined twice (messages/{name}.py)")
            merged[key] = texts
    return merged


def t(key: str, /, **values: object) -> str:
    """The message `key` in the current language, with `{placeholders}` filled from `values`."""
    ja, en = all_messages()[key]
    text = en if _current[0] == "en" else ja
    return text.format(**values) if values else text


def foreign(text: object) -> str:
    """Another program's English (PyYAML's syntax errors, the OS's strerror), with every phrase of
    messages/foreign.py replaced by the current language's; unknown phrases stay as they came."""
    shown = str(text)
    if _current[0] == "en":
        return shown
    for english, japanese in _foreign_phrases():
        if english in shown:
            shown = shown.replace(english, japanese)
    return shown


@cache
def _foreign_phrases() -> list[tuple[str, str]]:
    """(English, Japanese) of messages/foreign.py, longest first: a phrase never replaces part of a longer one."""
    pairs = [(en, ja) for key, (ja, en) in all_messages().items() if key.startswith("foreign.")]
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


def record_name(table: str) -> str:
    """What the user calls a kind of record (`role` → 役割分担); an unknown table name as it is."""
    texts = all_messages().get(f"locking.record.{table}")
    return table if texts is None else (texts[1] if _current[0] == "en" else texts[0])


def vocabulary(name: str) -> dict[str, str]:
    """Key → label of a domain vocabulary (`consent`, `role_status`, ...) in the current language."""
    from welfare_tui.i18n.messages.domain import JAPANESE

    return {key: t(f"{name}.{key}") for key in JAPANESE[name]}


def label(name: str, key: str | None) -> str:
    """The label of one vocabulary value; an unknown or empty value is shown as it is."""
    if not key:
        return ""
    texts = all_messages().get(f"{name}.{key}")
    return key if texts is None else (texts[1] if _current[0] == "en" else texts[0])


def pick(ja: str, en: str) -> str:
    """Of a pair of texts stored in data (agenda titles, guide questions), the current language's."""
    return en if _current[0] == "en" and en else ja


def pick_list(ja: list[str] | tuple[str, ...] | None, en: list[str] | tuple[str, ...] | None) -> list[str]:
    """Like `pick`, for lists of texts (guide questions)."""
    return list(en) if _current[0] == "en" and en else list(ja or [])
