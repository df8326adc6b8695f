"""Two languages through one table of messages: no user-facing Japanese literal in the views, every message
in both languages, and the vocabularies complete."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import welfare_tui
from welfare_tui import domain
from welfare_tui.i18n import all_messages, label, set_language, t, vocabulary
from welfare_tui.i18n.messages.domain import JAPANESE

VIEWS = Path(welfare_tui.__file__).parent / "views"
# Kana and ideographs, but not the middle dot ・ (U+30FB) used as a list bullet in both languages.
JAPANESE_TEXT = re.compile(r"[\u3041-\u30fa\u30fc-\u30ff\u4e00-\u9fff]")


def string_literals(tree: ast.AST):
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


def test_views_hold_no_japanese_literals() -> None:
    found = []
    for path in sorted(VIEWS.rglob("*.py")):
        for node in string_literals(ast.parse(path.read_text(encoding="utf-8"))):
            if JAPANESE_TEXT.search(node.value):
                found.append(f"{path.relative_to(VIEWS)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_every_message_module_is_listed() -> None:
    # all_messages() loads the modules named in messages.MODULES (no folder search at start-up): a new
    # area's module must be added there, or its messages would be missing.
    from welfare_tui.i18n import messages

    on_disk = sorted(
        path.stem for path in Path(messages.__file__).parent.glob("*.py") if path.stem != "__init__"
    )
    assert sorted(messages.MODULES) == on_disk
    assert len(set(messages.MODULES)) == len(messages.MODULES)


def test_every_message_has_both_languages() -> None:
    empty = [key for key, (ja, en) in all_messages().items() if not ja.strip() or not en.strip()]
    assert empty == []
    # English may name a Japanese institution in passing (支援会議), but must be English words.
    untranslated = [key for key, (ja, en) in all_messages().items() if not re.search("[A-Za-z]", en)]
    assert untranslated == []


def test_placeholders_match_between_languages() -> None:
    names = re.compile(r"{(\w+)}")
    mismatched = [
        key for key, (ja, en) in all_messages().items() if set(names.findall(ja)) != set(names.findall(en))
    ]
    assert mismatched == []


def test_vocabularies_cover_the_domain() -> None:
    assert set(JAPANESE["meeting_type"]) == set(domain.MEETING_TYPES)
    try:
        set_language("en")
        assert vocabulary("consent") == {"none": "None", "oral": "Oral", "written": "Written"}
        assert label("meeting_type", "shien_kaigi") == "Support Meeting"
        assert t("home.round", round=2) == "#2"
        set_language("ja")
        assert label("meeting_type", "shien_kaigi") == "支援会議"
        assert label("role_status", "unknown-value") == "unknown-value"
    finally:
        set_language("ja")


def test_binding_texts_are_message_keys_not_translations() -> None:
    """t() in a class body runs once, at import, in whatever language was current: binding texts
    must be message keys, localised per instance (views/bindings.py)."""
    found = []
    for path in sorted(VIEWS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "Binding"
                and any(isinstance(arg, ast.Call) for arg in [*node.args, *(k.value for k in node.keywords)])
            ):
                found.append(f"{path.relative_to(VIEWS)}:{node.lineno}")
    assert found == []
