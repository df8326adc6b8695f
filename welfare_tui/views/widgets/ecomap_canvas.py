"""The ecomap drawing as a widget: the picture is laid out again for the widget's own size."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widget import Widget

from welfare_tui.ecomap import Change, Ecomap, EcomapDrawing


class EcomapCanvas(Widget):
    DEFAULT_CSS = """
    EcomapCanvas { height: 24; min-height: 12; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ecomap: Ecomap | None = None
        self.changes: tuple[Change, ...] = ()

    def show(self, ecomap: Ecomap, changes: Sequence[Change] = ()) -> None:
        self.ecomap, self.changes = ecomap, tuple(changes)
        self.refresh()

    @property
    def content(self) -> EcomapDrawing | str:
        """What is drawn now (tests read it as text)."""
        if self.ecomap is None:
            return ""
        return EcomapDrawing(
            self.ecomap,
            changes=self.changes,
            width=max(self.size.width, 40),
            height=max(self.size.height, 12),
        )

    def render(self) -> EcomapDrawing | str:
        return self.content
