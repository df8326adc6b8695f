"""Start the real TUI headless on a database and exit as soon as the home screen shows its case list.

    python bench/startup_probe.py DB_URL [--first-frame]

With `--first-frame` it exits as soon as the first screen has been painted instead. The benchmark
times the whole process (interpreter start, imports, database, first paint), so this script adds
nothing of its own beyond two small hooks: it imports only what the real `welfare-tui` command would.

The moment is reached, the process ends with `os._exit`, as `baseline_textual.py` does: tearing the
app down (and joining a worker thread that is still loading the meeting list) is not start-up.
Exit code 0 when the screen was reached, 1 when the case list failed to load.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path


def leave(code: int) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str]) -> int:
    args = [arg for arg in argv if not arg.startswith("--")]
    first_frame = "--first-frame" in argv
    if len(args) != 1:
        sys.stderr.write("usage: startup_probe.py DB_URL [--first-frame]\n")
        return 2

    from welfare_tui.config import load_settings
    from welfare_tui.views.app import WelfareApp
    from welfare_tui.views.screens.home import HomeScreen

    outcome = {"reached": False}
    show_cases = HomeScreen.show_cases
    show = HomeScreen.show

    def show_or_fail(screen: HomeScreen, cases: object, meetings: object, *rest: object) -> None:
        show(screen, cases, meetings, *rest)
        if cases is None:  # the database could not be opened or read: the error is on screen
            leave(1)

    def show_cases_then_exit(screen: HomeScreen, *args: object, **kwargs: object) -> None:
        show_cases(screen, *args, **kwargs)
        outcome["reached"] = True
        screen.call_after_refresh(leave, 0)

    if not first_frame:
        HomeScreen.show_cases = show_cases_then_exit
        HomeScreen.show = show_or_fail

    class ProbeApp(WelfareApp):
        # A relative CSS_PATH resolves against the subclass's module: point it back at the app's own.
        CSS_PATH = str(Path(sys.modules[WelfareApp.__module__].__file__ or "").with_name("app.tcss"))

        def on_ready(self) -> None:
            # Textual sends Ready once the first frame has been composited and written.
            if first_frame:
                leave(0 if isinstance(self.screen, HomeScreen) else 1)

    timer = threading.Timer(60, leave, (3,))  # never hang a benchmark
    timer.daemon = True
    timer.start()
    ProbeApp(load_settings(db=args[0])).run(headless=True)
    return 0 if outcome["reached"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
