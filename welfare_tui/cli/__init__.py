"""Command-line entry point: `welfare-tui` and `python -m welfare_tui`.

The commands live in the modules of this package, each imported only when its command runs
(`app.COMMANDS`).
"""

from __future__ import annotations

from welfare_tui.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
