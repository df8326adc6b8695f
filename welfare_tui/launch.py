"""The `welfare-tui` command (and `python -m welfare_tui`): the TUI, or the command-line app.

`welfare-tui [--db DB] [--lang ja|en]` opens the TUI without loading Typer: Typer and Click take ~40 ms
to import, all of it before the first frame, and with no command there is nothing for them to do but
read two options. So `main` reads them here when they are all the command line holds; anything else
(a command, `--help`, a mistake) goes to the Typer app (`cli/`), which says what is wrong the usual way.
Opening the TUI itself (`startup.open_tui`) is shared with the command line, which never imports this
module.
"""

from __future__ import annotations

import sys

from welfare_tui.startup import open_tui

OPTIONS = ("--db", "--lang")


def main() -> None:
    options = tui_options(sys.argv[1:])
    if options is not None:
        sys.exit(open_tui(options.get("db"), options.get("lang")))
    from welfare_tui.cli import app

    app()


def tui_options(args: list[str]) -> dict[str, str] | None:
    """{"db": ..., "lang": ...} when `args` are only `--db`/`--lang` (`--db X` or `--db=X`, each at
    most once); None for any other command line."""
    options: dict[str, str] = {}
    rest = list(args)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if name not in OPTIONS or name[2:] in options:
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None  # a missing value: Typer's message names it
            value = rest.pop(0)
        options[name[2:]] = value
    return options
