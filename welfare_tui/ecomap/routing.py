"""The lines from the household box to its nodes, which never cross: a node level with the box is
joined straight to its side; a node above (below) it runs along its own row to a port on the box's top
(bottom) edge and turns down (up). Ports are ordered so that the farther a node is from the box the
nearer its port is to the box's middle, which nests the elbows inside one another."""

from __future__ import annotations

from dataclasses import dataclass

from welfare_tui.ecomap.canvas import (
    CHANGE_COLOUR,
    CORNERS,
    HORIZONTAL,
    REMOVED_LINE,
    STRESS_COLOUR,
    Canvas,
    Cell,
    line_run,
)
from welfare_tui.ecomap.placement import Frame, Placed


def route_ties(canvas: Canvas, placed: list[Placed], frame: Frame) -> None:
    ports = _ports(placed, frame)
    for item in placed:
        _route(canvas, item, frame, ports.get(id(item)))


def _ports(placed: list[Placed], frame: Frame) -> dict[int, int]:
    """The column of each above or below node's port on the box edge (by `id` of its `Placed`)."""
    ports: dict[int, int] = {}
    for side in ("left", "right"):
        mine = [p for p in placed if p.side == side]
        ups = sorted((p for p in mine if p.y < frame.box_y), key=lambda p: p.y, reverse=True)  # nearest first
        downs = sorted((p for p in mine if p.y > frame.y1), key=lambda p: p.y)
        for nested in (ups, downs):
            for rank, item in enumerate(nested):
                offset = 2 + 2 * rank
                ports[id(item)] = frame.box_x + offset if side == "left" else frame.x1 - offset
    return ports


@dataclass(frozen=True)
class _Pen:
    """Draws one tie's line cells in its style (a removed tie as a dotted ghost)."""

    canvas: Canvas
    item: Placed
    style: str

    def run(self, axis: str, a: int, b: int) -> str:
        length = b - a + 1
        return REMOVED_LINE * length if self.item.removed else line_run(self.item.tie, axis, length, a)

    def horizontal(self, a: int, b: int) -> None:
        for offset, char in enumerate(self.run("h", a, b)):
            self.canvas.put(a + offset, self.item.y, char, self.style)

    def vertical(self, x: int, a: int, b: int) -> None:
        for offset, char in enumerate(self.run("v", a, b)):
            self.canvas.put(x, a + offset, char, self.style)

    def mark(self, x: int, y: int, char: str) -> None:
        self.canvas.put(x, y, char, self.style)


def _line_style(item: Placed) -> str:
    """Grey for a removed tie, red for a stressful one, amber when it changed; bold when strong."""
    style = "dim" if item.removed else STRESS_COLOUR if item.tie.stressful else ""
    if item.changed:
        style = f"bold {CHANGE_COLOUR}"
    if item.tie.strength == "strong" and not item.removed:
        style = f"bold {style}".strip()
    return style


def _route(canvas: Canvas, item: Placed, frame: Frame, port: int | None) -> None:
    pen = _Pen(canvas, item, _line_style(item))
    left = item.side == "left"
    start = frame.column + 1 if left else frame.x1 + 1
    end = frame.box_x - 1 if left else frame.width - frame.column - 2
    if frame.box_y <= item.y <= frame.y1 or port is None:
        _straight(pen, frame, start, end)
    else:
        _elbow(pen, frame, start, end, port)
    if item.tie.flow in ("from_household", "both"):  # the arrowhead at the node's end
        pen.mark(start if left else end, item.y, "◀" if left else "▶")


def _into_household(pen: _Pen) -> bool:
    return pen.item.tie.flow in ("to_household", "both")


def _straight(pen: _Pen, frame: Frame, start: int, end: int) -> None:
    """A node level with the box: one row straight to the box's side, which gets a junction."""
    item = pen.item
    plain = HORIZONTAL[item.tie.strength]
    pen.horizontal(start, end)
    if item.side == "left":
        pen.mark(end, item.y, "▶" if _into_household(pen) else plain)
        pen.canvas.grid[item.y][frame.box_x] = Cell("╢", "bold", "box")
    else:
        pen.mark(start, item.y, "◀" if _into_household(pen) else plain)
        pen.canvas.grid[item.y][frame.x1] = Cell("╟", "bold", "box")


def _elbow(pen: _Pen, frame: Frame, start: int, end: int, port: int) -> None:
    """A node above (below) the box: along its row to the port's column, then down (up) to the edge.
    An arrow into the household sits at the edge, or on the row when there is no vertical run."""
    item = pen.item
    left, above = item.side == "left", item.y < frame.box_y
    a, b = (start, port - 1) if left else (port + 1, end)
    pen.horizontal(a, b)
    corners = CORNERS["strong" if item.tie.strength == "strong" else "thin"]
    pen.mark(port, item.y, corners[("down_from_" if above else "up_from_") + ("left" if left else "right")])
    top, bottom = (item.y + 1, frame.box_y - 1) if above else (frame.y1 + 1, item.y - 1)
    pen.vertical(port, top, bottom)
    if _into_household(pen):
        if top <= bottom:
            pen.mark(port, bottom if above else top, "▼" if above else "▲")
        else:
            pen.mark(b if left else a, item.y, "▶" if left else "◀")
    edge = frame.box_y if above else frame.y1
    pen.canvas.grid[edge][port] = Cell("╤" if above else "╧", "bold", "box")
