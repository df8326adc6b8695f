"""The command-line app: `welfare-tui COMMAND ...` (`launch.main` opens the TUI when there is no command,
and the command line when there is one).

The commands live in the modules of this package, each imported only when its command runs
(`app.COMMANDS`).
"""

from __future__ import annotations

from welfare_tui.cli.app import app

__all__ = ["app"]
