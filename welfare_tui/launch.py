"""The `welfare-tui` command (and `python -m welfare_tui`): the TUI, or the command-line app.

`welfare-tui [--db DB] [--lang ja|en]` opens the TUI without loading Typer: Typer and Click take ~40 ms
to import, all of it before the first frame, and with no command there is nothing for them to do but
read two options. So `main` reads them here when they are all the command line holds; anything else
(a command, `--help`, a mistake) goes to the Typer app (`cli/`), which says what is wrong the usual way.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from welfare_tui.config import Settings

OPTIONS = ("--db", "--lang")


def main() -> None:
    options = tui_options(sys.argv[1:])
    if options is not None:
        sys.exit(open_tui(**options))
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


def configure(db: str | None = None, lang: str | None = None) -> Settings:
    """The settings of this run (options, environment, config file); sets the author the audit log
    names and the language of screens and messages."""
    from welfare_tui.config import load_settings
    from welfare_tui.i18n import set_language
    from welfare_tui.storage.author import set_author

    settings = load_settings(db=db, lang=lang)
    # The configured name, or None for the operating-system user, looked up only when an edit is
    # logged (finding it loads pwd and termios, which the first frame does not need).
    set_author(settings.user)
    set_language(settings.lang)
    return settings


def open_tui(db: str | None = None, lang: str | None = None, *, settings: Settings | None = None) -> int:
    """Run the TUI (with `settings` when the caller has configured them already); returns the exit code,
    having said on stderr what went wrong if anything did."""
    from welfare_tui.failure import report, say

    try:
        settings = settings or configure(db, lang)
        if not has_terminal():
            # Textual would wait for keys that never come, at full speed, forever (issue 12).
            from welfare_tui.errors import ExitCode
            from welfare_tui.i18n import t

            return say(t("contract.no_terminal"), ExitCode.USAGE)
        from welfare_tui.views.app import run_app

        run_app(settings)
    except (Exception, KeyboardInterrupt) as error:
        return report(error)
    return 0


def has_terminal() -> bool:
    """Whether stdin and stdout are both a terminal, as the TUI needs (checked before Textual loads)."""
    try:
        return sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
