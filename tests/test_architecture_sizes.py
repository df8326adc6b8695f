"""The size rule (docs/architecture.md): no module of `welfare_tui/` over 400 lines, no function over 60.

A module that grows past that is doing more than one job; split it by meaning (ecomap/layout.py into
placement, routing and degradation passes is the worked example), not by cutting at line 400. The only
exceptions are declarative tables, listed in DECLARATIVE with the reason each may be long.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "welfare_tui"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Modules (paths from the repository's top, `fnmatch` patterns) that hold tables, not logic.
DECLARATIVE = {
    # The SQLModel tables: one class per table, one line per column; they stay explicit (the record
    # spec is checked against them, not generated into them).
    "welfare_tui/storage/models.py",
    # Alembic revisions: the schema's history, written once and never edited; 0001 creates every table.
    "welfare_tui/storage/migrations/versions/*.py",
    # The message modules (in a folder of i18n/; i18n/__init__.py is code): one entry per message in
    # both languages.
    "welfare_tui/i18n/*/*.py",
    # The agency catalogue: one entry per kind of agency.
    "welfare_tui/catalogue.py",
}


def _relative(path: Path, package: Path = PACKAGE) -> str:
    return path.relative_to(package.parent).as_posix()


def _listed(name: str, patterns: set[str]) -> bool:
    return any(fnmatch(name, pattern) for pattern in patterns)


def _offences(path: Path, package: Path = PACKAGE) -> list[str]:
    """What in one module breaks the rule, as 'path: N lines' and 'path:line name(): N lines'."""
    text = path.read_text(encoding="utf-8")
    name = _relative(path, package)
    found = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{name}: {lines} lines (at most {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(text, filename=name)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(
                    f"{name}:{node.lineno} {node.name}(): {length} lines (at most {MAX_FUNCTION_LINES})"
                )
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_over_400_lines_and_no_function_over_60() -> None:
    offences = [
        offence
        for path in _modules()
        if not _listed(_relative(path), DECLARATIVE)
        for offence in _offences(path)
    ]
    assert not offences, "split by meaning (docs/architecture.md, the size rule):\n" + "\n".join(offences)


def test_the_lists_name_what_exists() -> None:
    """An entry for a file that was renamed or removed would silently exempt nothing (or its successor)."""
    names = [_relative(path) for path in _modules()]
    for entry in DECLARATIVE:
        assert any(_listed(name, {entry}) for name in names), f"{entry} matches no module of welfare_tui/"


def test_the_rule_catches_a_long_function_and_a_long_module(tmp_path: Path) -> None:
    """The checker itself: a 61-line function and a 401-line module are named, 60 and 400 are not."""
    package = tmp_path / "welfare_tui"
    package.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(59))
    files = {
        "short.py": f"def fine():\n{body}\n",
        "long.py": f"def too_long():\n{body}\n    x = 0\n",
        "small.py": "x = 0\n" * 400,
        "big.py": "x = 0\n" * 401,
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    found = {name: _offences(package / name, package) for name in files}
    assert found == {
        "short.py": [],
        "long.py": ["welfare_tui/long.py:1 too_long(): 61 lines (at most 60)"],
        "small.py": [],
        "big.py": ["welfare_tui/big.py: 401 lines (at most 400)"],
    }
