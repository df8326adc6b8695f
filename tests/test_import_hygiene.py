"""The layers keep to their direction (house-style.md, Habits 1-2).

* CLI subcommands and the storage/core modules never import Textual.
* The TUI module imports no SQLAlchemy before its first frame (storage loads in a worker).
* Views never build SQL: they reach storage only through repository functions.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__import__("welfare_tui").__file__).parent


def loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nimport json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in json.loads(out.stdout.strip().splitlines()[-1])}


@pytest.mark.parametrize(
    "module",
    [
        "welfare_tui.storage.repo",
        "welfare_tui.storage.documents",
        "welfare_tui.storage.engine",
        "welfare_tui.agendas",
        "welfare_tui.minutes.markdown",
        "welfare_tui.minutes.yaml_format",
        "welfare_tui.demo",
        "welfare_tui.ecomap",
        "welfare_tui.cli",
    ],
)
def test_core_and_storage_never_import_textual(module: str) -> None:
    assert "textual" not in loaded_after(f"import {module}")


@pytest.mark.parametrize(
    "argv",
    [
        ["cases", "list", "--json"],
        ["meetings", "list"],
        ["agendas", "list"],
        ["agendas", "show", "shien_kaigi"],
        ["db", "path"],
        ["db", "upgrade"],
        ["demo", "--no-open"],
        ["export", "--all", "--format", "md"],
        ["export", "--all", "--format", "yaml"],
        ["--help"],
    ],
)
def test_cli_subcommands_run_without_textual(argv: list[str], tmp_path: Path) -> None:
    db = tmp_path / "hygiene.db"
    code = (
        "from typer.testing import CliRunner\n"
        "from welfare_tui.cli import app\n"
        f"result = CliRunner().invoke(app, ['--db', {str(db)!r}, 'demo', '--no-open'])\n"
        f"result = CliRunner().invoke(app, ['--db', {str(db)!r}, *{argv!r}])\n"
        "assert result.exit_code == 0, (result.exit_code, result.output)\n"
    )
    assert "textual" not in loaded_after(code)


def test_tui_first_frame_needs_no_sqlalchemy() -> None:
    loaded = loaded_after("import welfare_tui.views.app")
    assert "textual" in loaded
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic", "yaml"}


def test_views_never_build_sql() -> None:
    offenders = []
    for path in (PACKAGE / "views").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(
            r"^\s*(from|import) (sqlalchemy|sqlmodel)\b|\bselect\(|\bsession\.(exec|execute|query)\(",
            text,
            re.MULTILINE,
        ):
            offenders.append(path.name)
    assert offenders == []
