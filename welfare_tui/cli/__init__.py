"""Command-line entry point: `welfare-tui` and `python -m welfare_tui`."""

from __future__ import annotations

from welfare_tui.cli.app import app

# Each module adds its commands to `app` when imported.
from welfare_tui.cli import agendas, db, demo, due, export, import_cmd, lists  # noqa: E402,F401


def main() -> None:
    app()


__all__ = ["app", "main"]
