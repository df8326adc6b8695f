"""Settings in one typed place: defaults < config file (TOML) < WELFARE_TUI_* environment < command line.

A dataclass rather than a pydantic model keeps start-up cheap: the TUI reads its settings before the
first frame, and pydantic costs ~100 ms to import on a slow PC.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from welfare_tui import locations
from welfare_tui.errors import InvalidInput


@dataclass(frozen=True)
class Settings:
    db: str = ""
    """Database: a file path or an SQLAlchemy URL. Empty means the SQLite file in the user data directory."""

    lang: str = "ja"
    """Language of screens and minutes: `ja` (default) or `en`."""

    user: str = ""
    """Name recorded as the author of edits and exports. Empty means the operating-system user."""

    theme: str = ""
    """Colour theme of the TUI: empty for the default, `high-contrast` for strong contrast (or any Textual theme)."""

    export_dir: str = ""
    """Where the TUI writes minutes of the open meeting. Empty means `exports/` in the user data directory."""

    import_max_mb: str = "10"
    """Largest file `import` reads, in MB (1 MB = 1,048,576 bytes): a whole number from 1 to 1024."""

    closure_reasons: str = ""
    """Closure reasons offered when a case is closed, separated by commas (a TOML list is accepted):
    default keys or labels, or reasons of your own. Empty means the default list (case_lifecycle.py)."""

    notice_email: str = ""
    """The office's e-mail address, named as organiser in the `.ics` invitations `notice` writes, so that
    an agency's reply reaches the office. Empty means none is known: the invitation names the chair."""

    @property
    def db_url(self) -> str:
        return database_url(self.db)

    @property
    def user_name(self) -> str:
        if self.user:
            return self.user
        import getpass  # here, not at the top: it loads pwd and termios, which start-up does not need

        try:
            return getpass.getuser()
        except (ImportError, KeyError, OSError):  # no login name (containers, some Windows services)
            return "unknown"

    @property
    def import_max_bytes(self) -> int:
        return import_limit(self.import_max_mb)

    @property
    def export_path(self) -> Path:
        return Path(self.export_dir).expanduser() if self.export_dir else locations.exports_dir()


def import_limit(value: str) -> int:
    """The `import_max_mb` setting in bytes; InvalidInput when it is not a whole number from 1 to 1024."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 1024):
        from welfare_tui.i18n import t

        raise InvalidInput(t("error.config.import_limit", value=repr(value)))
    return int(text) * 1024 * 1024


# One address, plain ASCII, without the characters that would end a calendar line or a mailto: URI.
_EMAIL = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"


def notice_email(value: str) -> str:
    """The `notice_email` setting, stripped; InvalidInput when it is neither empty nor one address."""
    import re

    text = str(value).strip()
    if text and not re.fullmatch(_EMAIL, text):
        from welfare_tui.i18n import t

        raise InvalidInput(t("error.config.notice_email", value=repr(value)))
    return text


def _setting_text(value: object) -> str:
    """A value of the config file as the setting's text: a list (closure_reasons) joined by commas."""
    if isinstance(value, list):
        return ",".join(str(item) for item in value)
    return str(value)


def database_url(value: str) -> str:
    """Turn what the user typed (a path or a URL) into an SQLAlchemy URL."""
    if not value:
        return "sqlite:///" + str(locations.default_db_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


_KNOWN = {f.name for f in fields(Settings)}


def load_settings(config_path: Path | None = None, **overrides: str | None) -> Settings:
    """Read the config file and environment, then apply command-line overrides that are not None.
    Sets the language of messages as soon as it is known, so that a wrong value after it is told in
    the language the user chose (`--lang en`)."""
    settings = Settings()
    path = config_path or locations.config_file()
    data: dict[str, object] = {}
    if path.is_file():
        try:
            import tomllib  # only when there is a config file to read: start-up pays nothing otherwise

            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            from welfare_tui.i18n import t

            raise InvalidInput(t("error.config.unreadable", path=path, detail=error)) from None
        unknown = set(data) - _KNOWN
        if unknown:
            from welfare_tui.i18n import t

            raise InvalidInput(t("error.config.unknown", path=path, names=", ".join(sorted(unknown))))
        settings = replace(settings, **{k: _setting_text(v) for k, v in data.items()})
    env = {
        name: os.environ[f"WELFARE_TUI_{name.upper()}"]
        for name in _KNOWN
        if f"WELFARE_TUI_{name.upper()}" in os.environ
    }
    if "lang" not in env and "lang" not in data and os.environ.get("LANG", "").startswith("en"):
        env["lang"] = "en"
    settings = replace(settings, **env)
    settings = replace(settings, **{k: v for k, v in overrides.items() if v is not None})
    if settings.lang not in ("ja", "en"):
        from welfare_tui.i18n import t

        raise InvalidInput(t("error.config.language", lang=repr(settings.lang)))
    from welfare_tui.i18n import set_language

    set_language(settings.lang)
    import_limit(settings.import_max_mb)
    return replace(settings, notice_email=notice_email(settings.notice_email))
