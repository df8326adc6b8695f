"""The root command lists its commands from `cli.app.COMMANDS` and imports a command's module only
when that command runs: the table must agree with the commands it names, and `--help` must load none
of them (the `--help` budget in docs/performance.md depends on it)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer.main
from typer import _click
from typer.core import TyperGroup
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.cli.app import COMMANDS, load_command


def first_paragraph(text: str) -> str:
    return " ".join(text.split("\n\n")[0].split())


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_loads_and_its_summary_is_the_first_paragraph_of_its_help(name: str) -> None:
    command = load_command(name)
    assert command.name == name
    assert COMMANDS[name][2] == first_paragraph(command.help or "")


def test_groups_stay_groups_even_of_one_command() -> None:
    assert {name for name in COMMANDS if isinstance(load_command(name), TyperGroup)} == {
        "agendas", "db", "cases", "meetings"}


@pytest.mark.parametrize("width", [60, 100])
def test_root_help_lists_the_commands_as_click_would_from_the_loaded_ones(width: int) -> None:
    lazy = typer.main.get_command(app)
    eager = TyperGroup(name="welfare-tui", commands={name: load_command(name) for name in COMMANDS})
    ctx = typer.Context(lazy, info_name="welfare-tui")
    shown = []
    for group in (lazy, eager):
        formatter = _click.HelpFormatter(width=width)
        group.format_commands(ctx, formatter)
        shown.append(formatter.getvalue())
    assert shown[0] == shown[1]
    assert lazy.list_commands(ctx) == list(COMMANDS)


def test_a_mistyped_command_is_still_suggested() -> None:
    result = CliRunner().invoke(app, ["expor"])
    assert result.exit_code == 2
    assert "No such command 'expor'. Did you mean 'export'?" in result.output


def test_root_help_imports_no_command_module() -> None:
    code = (
        "import json, sys\n"
        "sys.argv = ['welfare-tui', '--help']\n"
        "from welfare_tui.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('welfare_tui'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                            check=True, timeout=60)
    *help_lines, loaded = result.stdout.strip().splitlines()
    assert json.loads(loaded) == ["welfare_tui", "welfare_tui.cli", "welfare_tui.cli.app"]
    for name, (_, _, summary) in COMMANDS.items():
        assert any(line.split()[:2] == [name, summary.split()[0]] for line in help_lines), (name, help_lines)
