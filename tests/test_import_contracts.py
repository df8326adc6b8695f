"""The import contracts of pyproject.toml ([tool.importlinter]) hold, and they would catch a break.

`lint-imports` is run on the installed package (as CI installs it), then on a copy of the package
with one forbidden import added: the contract must fail and name the import. Each layer of
docs/architecture.md is covered by one such case, and every top-level module belongs to a layer.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("importlinter")

PACKAGE = Path(__import__("welfare_tui").__file__).parent
PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
CONTRACTS = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
# Modules above the layers: they start the program and may import any layer.
ENTRY = {"__init__", "__main__", "launch", "startup", "demo"}


def lint_imports(python_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the package as imported here, or on the copy in `python_path`."""
    where = python_path or PACKAGE.parent
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run(
        [sys.executable, "-c", code, str(PYPROJECT), "--no-cache", "--no-logo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**_base_env(), "PYTHONPATH": str(where)},
        cwd=where,  # `python -c` puts the working directory first on the path
        check=False,
        timeout=120,
    )


def _base_env() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def test_the_package_keeps_every_contract() -> None:
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract", "shown"),
    [
        # The example: a command importing the TUI, even inside a function.
        (
            "cli/due.py",
            "def _tui():\n    import welfare_tui.views.app\n",
            "the command line imports no Textual",
            "welfare_tui.cli.due -> welfare_tui.views.app",
        ),
        (
            "cli/lists.py",
            "import textual\n",
            "the command line imports no Textual",
            "welfare_tui.cli.lists -> textual",
        ),
        (
            "storage/listing.py",
            "import typer\n",
            "storage imports no front end",
            "welfare_tui.storage.listing -> typer",
        ),
        (
            "domain.py",
            "import sqlalchemy\n",
            "the kernel imports no storage, no front end and no SQLAlchemy",
            "welfare_tui.domain -> sqlalchemy",
        ),
        (
            "minutes/yaml_format.py",
            "from welfare_tui.storage import engine\n",
            "the kernel imports no storage, no front end and no SQLAlchemy",
            "welfare_tui.minutes.yaml_format -> welfare_tui.storage.engine",
        ),
        (
            "views/names.py",
            "from sqlmodel import select\n",
            "the views build no SQL",
            "welfare_tui.views.names -> sqlmodel",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str, shown: str
) -> None:
    copy = tmp_path / "welfare_tui"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + line, encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{contract} BROKEN" in result.stdout
    assert f"Contracts: {len(CONTRACTS) - 1} kept, 1 broken." in result.stdout
    assert shown in result.stdout


def test_every_top_level_module_belongs_to_a_layer() -> None:
    """A new module or package under welfare_tui/ is named in a contract (or is an entry point), so no
    part of the code is outside the checks."""
    covered = set(ENTRY)
    for contract in CONTRACTS:
        for name in contract["source_modules"]:
            parts = name.split(".")
            assert parts[0] == "welfare_tui", name
            covered.add(parts[1])
    top_level = {
        path.stem if path.suffix == ".py" else path.name
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" or (path / "__init__.py").is_file())
    }
    unplaced = top_level - covered
    assert unplaced == set(), (
        f"{sorted(unplaced)}: name each in the source_modules of a contract in pyproject.toml "
        "(the kernel's, if it imports no storage, front end or SQLAlchemy), or in ENTRY above"
    )
