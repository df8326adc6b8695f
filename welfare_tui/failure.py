"""How a command line says what went wrong: one `Error: ...` line on stderr and an exit code, never a
traceback. Free of Typer, so that opening the TUI without it (launch.py) reports errors the same way."""

from __future__ import annotations

import os
import sys


def say(message: str, code: int | None = None) -> int:
    """Print `Error: message` (`エラー: message` in Japanese) on stderr; returns the exit code
    (ExitCode.DOMAIN unless given)."""
    from welfare_tui.errors import ExitCode
    from welfare_tui.i18n import t
    from welfare_tui.redact import redact

    # whatever the message quotes, never a password
    sys.stderr.write(t("error.line", message=redact(message)) + "\n")
    return int(ExitCode.DOMAIN if code is None else code)


def report(error: BaseException) -> int:
    """Tell the user what `error` means and return the exit code for it. With WELFARE_TUI_DEBUG set,
    an unexpected error is raised again, traceback and all."""
    from welfare_tui.errors import WelfareError, driver_error
    from welfare_tui.i18n import t

    if isinstance(error, WelfareError):
        return say(str(error), error.exit_code)
    if isinstance(error, KeyboardInterrupt):
        return 130
    if isinstance(error, BrokenPipeError):
        # `welfare-tui export ... - | head`: the reader left; that is not an error.
        sys.stderr.close()
        return 0
    if os.environ.get("WELFARE_TUI_DEBUG"):
        raise error
    meaning = driver_error(error)  # a lost race is a conflict (exit 1), a lost connection an outage (3)
    if meaning is not None:
        return say(str(meaning), meaning.exit_code)
    return say(t("error.unexpected", kind=type(error).__name__, detail=error))
