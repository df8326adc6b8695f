"""The ecomap as a Rich renderable, sized to whatever the console (or the Textual widget) offers."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from welfare_tui.ecomap.changes import Change
from welfare_tui.ecomap.layout import Layout, layout
from welfare_tui.ecomap.model import Ecomap


class EcomapDrawing:
    """Draws `ecomap` in the console's width; height from `height`, the console's height option, or
    the natural height. `changes` (from `tie_changes`) are highlighted and removed ties shown as ghosts."""

    def __init__(
        self,
        ecomap: Ecomap,
        *,
        changes: Sequence[Change] = (),
        width: int | None = None,
        height: int | None = None,
    ) -> None:
        self.ecomap = ecomap
        self.changes = tuple(changes)
        self.width = width
        self.height = height

    def layout(self, width: int, height: int | None) -> Layout:
        marks: dict[str, str] = {}
        for change in self.changes:
            if change.kind != "removed":
                marks[change.node] = marks.get(change.node, "") + change.mark
        removed = tuple(
            change.before for change in self.changes if change.kind == "removed" and change.before is not None
        )
        return layout(self.ecomap, width, height, changes=marks, removed=removed)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = self.width or options.max_width
        height = self.height or options.height
        result = self.layout(width, height)
        styles: dict[str, Style] = {}
        for row in result.grid:
            for cell in row:
                if cell.char == "":
                    continue  # the right half of a wide character
                style = styles.get(cell.style)
                if style is None:
                    style = styles[cell.style] = Style.parse(cell.style) if cell.style else Style()
                yield Segment(cell.char, style)
            yield Segment.line()


def render_ecomap(
    ecomap: Ecomap, *, changes: Sequence[Change] = (), width: int | None = None, height: int | None = None
) -> EcomapDrawing:
    return EcomapDrawing(ecomap, changes=changes, width=width, height=height)


def to_text(drawing: EcomapDrawing, width: int, height: int | None = None) -> str:
    """The drawing as plain text (tests, debugging)."""
    result = drawing.layout(width, height)
    return "\n".join("".join(cell.char for cell in row).rstrip() for row in result.grid)
