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
        "agendas",
        "db",
        "cases",
        "meetings",
        "intake",
        "contacts",
        "resources",
        "matches",
    }


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
    assert (
        "エラー: そのコマンドはありません 'expor'. もしかして 'export'?" in result.output
    )  # Japanese by default


def test_root_help_imports_no_command_module() -> None:
    code = (
        "import json, sys\n"
        "sys.argv = ['welfare-tui', '--help']\n"
        "from welfare_tui.launch import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('welfare_tui'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True, timeout=60
    )
    *help_lines, loaded = result.stdout.strip().splitlines()
    assert json.loads(loaded) == [
        "welfare_tui",
        "welfare_tui.cli",
        "welfare_tui.cli.app",
        "welfare_tui.failure",
        "welfare_tui.launch",
        "welfare_tui.startup",
    ]
    for name, (_, _, summary) in COMMANDS.items():
        assert any(line.split()[:2] == [name, summary.split()[0]] for line in help_lines), (name, help_lines)


@pytest.mark.parametrize(
    ("args", "options"),
    [
        ([], {}),
        (["--db", "city.db"], {"db": "city.db"}),
        (["--db=city.db", "--lang", "en"], {"db": "city.db", "lang": "en"}),
        (["--lang=ja"], {"lang": "ja"}),
        (["--help"], None),
        (["export", "--all"], None),
        (["--db", "city.db", "cases", "list"], None),
        (["--db"], None),  # Typer says the value is missing
        (["--db", "--lang"], None),
        (["--db", "a.db", "--db", "b.db"], None),
    ],
)
def test_only_db_and_lang_open_the_tui_without_typer(args: list[str], options: dict | None) -> None:
    from welfare_tui.launch import tui_options

    assert tui_options(args) == options


def test_opening_the_tui_loads_no_typer_nor_the_os_user_lookup(tmp_path) -> None:
    code = (
        "import sys\n"
        "import welfare_tui.views.app as views\n"
        "views.run_app = lambda settings: print(settings.db, settings.lang, "
        "sorted(m for m in sys.modules if m in ('typer', 'getpass') or m.startswith('welfare_tui.cli')))\n"
        f"sys.argv = ['welfare-tui', '--db', {str(tmp_path / '市役所.db')!r}, '--lang=en']\n"
        "import welfare_tui.startup as startup\n"
        "startup.has_terminal = lambda: True\n"  # the test's pipes are not a terminal
        "from welfare_tui.launch import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "市役所.db"), "en", "[]"]


@pytest.mark.parametrize("args", [["--lang", "xx"], ["--lang", "xx", "cases", "list"]])
def test_a_bad_option_reads_the_same_with_or_without_a_command(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "welfare_tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "エラー: 不明な言語 'xx': ja か en を指定してください\n",
    )
