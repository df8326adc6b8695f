"""The start-up baseline: the smallest Textual app that shows one label, run headless, exiting as
soon as its first frame is painted (the same moment `startup_probe.py --first-frame` exits, and
the same way: `os._exit`, so that neither pays for tearing the app down).

With `--terminal` it runs on the real terminal and stays up until killed: `bench/terminal.py` times it
to the first bytes showing its label."""

from __future__ import annotations

import os
import sys

from textual.app import App, ComposeResult
from textual.widgets import Label


class Baseline(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("baseline")

    def on_ready(self) -> None:
        if TERMINAL:
            return
        sys.stdout.flush()
        os._exit(0)


TERMINAL = "--terminal" in sys.argv

if __name__ == "__main__":
    Baseline().run(headless=not TERMINAL)
