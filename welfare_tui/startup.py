"""What every run does first (settings, audit author, language) and opening the TUI.

Shared by `launch.main` (the TUI without Typer) and the command line (`cli/app.root`, `demo`): both
import this module, neither imports the other. The TUI's modules are imported inside `open_tui`, the
command line's one declared way into the views (pyproject.toml, [tool.importlinter]).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from welfare_tui.config import Settings


def configure(db: str | None = None, lang: str | None = None) -> Settings:
    """The settings of this run (options, environment, config file); sets the author the audit log
    names and (load_settings does) the language of screens and messages."""
    from welfare_tui.config import load_settings
    from welfare_tui.storage.author import set_author

    settings = load_settings(db=db, lang=lang)
    # The configured name, or None for the operating-system user, looked up only when an edit is
    # logged (finding it loads pwd and termios, which the first frame does not need).
    set_author(settings.user)
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
    except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 - every failure becomes one line and an exit code
        return report(error)
    return 0


def has_terminal() -> bool:
    """Whether stdin and stdout are both a terminal, as the TUI needs (checked before Textual loads)."""
    try:
        return sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
