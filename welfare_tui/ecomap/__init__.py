"""The ecomap (domain.md §5): model, terminal layout and drawing, SVG, Mermaid, changes between meetings.

Core code: never imports Textual or storage. Everything is drawn from one `Ecomap` built by
`from_document` (exports) or `from_items` (the TUI's rows).
"""

from __future__ import annotations

from welfare_tui.ecomap.changes import Change, tie_changes
from welfare_tui.ecomap.model import HOUSEHOLD, Ecomap, Node, Person, Tie, from_document, from_items
from welfare_tui.ecomap.render import EcomapDrawing, render_ecomap

__all__ = [
    "HOUSEHOLD",
    "Change",
    "Ecomap",
    "EcomapDrawing",
    "Node",
    "Person",
    "Tie",
    "from_document",
    "from_items",
    "render_ecomap",
    "tie_changes",
]
