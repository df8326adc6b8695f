"""The Textual front end."""

from pathlib import Path

STYLES = Path(__file__).parent
"""Where the stylesheets (*.tcss) are. Screens name theirs by absolute path, so a subclass defined
elsewhere (a test, the benchmark's probe) still finds them."""
