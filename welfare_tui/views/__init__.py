"""The Textual front end."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STYLES = Path(__file__).parent
"""Where the stylesheets (*.tcss) are. Screens name theirs by absolute path, so a subclass defined
elsewhere (a test, the benchmark's probe) still finds them."""


@contextmanager
def loading_for_good() -> Iterator[None]:
    """Import modules whose objects live as long as the process (Textual, Rich, the screens).

    They create some 50,000 objects that the cyclic garbage collector tracks, none of them garbage: it
    would walk them again and again while they load (about 8 ms of the TUI's start-up). They load with
    it paused, then `gc.freeze` moves them out of its way for good, so neither start-up nor a later
    collection (while someone types) spends time on them. The collector is enabled again after.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
