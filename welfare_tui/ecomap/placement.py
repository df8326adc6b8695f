"""Where things go on the terminal ecomap: the household box in the middle with the genogram, and the
nodes on both sides of it, clockwise from the top right, each a block of one or two lines (name and
sector, then the tie's caption) right-aligned on the left side and left-aligned on the right."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from welfare_tui.ecomap.canvas import Canvas, Cell, clip, fit, wrap_words
from welfare_tui.ecomap.degrade import Entry
from welfare_tui.ecomap.model import Ecomap, Node, Tie
from welfare_tui.i18n import t

GUTTER = 6
MAX_GUTTER = 18

Side = tuple[str, list[Entry], list[int]]  # "left" | "right", its nodes (top down) and their rows


@dataclass
class Placed:
    """A node's text block on the grid."""

    node: Node
    tie: Tie
    x: int
    y: int
    width: int
    lines: list[tuple[str, str]]  # (text, style)
    side: str  # "left" | "right"
    changed: str = ""  # change marks, e.g. "↓"
    removed: bool = False


@dataclass(frozen=True)
class Frame:
    """The household box and the label columns on either side of it."""

    width: int  # the drawing's width: a map narrower than its screen is centred afterwards
    column: int  # the width of each side's label column
    box_x: int
    box_y: int
    box_width: int
    box_height: int

    @property
    def x1(self) -> int:
        return self.box_x + self.box_width - 1

    @property
    def y1(self) -> int:
        return self.box_y + self.box_height - 1


def inner_width(ecomap: Ecomap, width: int) -> int:
    """The width of the household box's text: the household's name and its cohabiting members."""
    together = " ".join(p.short for p in ecomap.members if p.cohabiting and not p.deceased)
    return min(max(cell_len(ecomap.centre), 12, cell_len(together)), width // 3)


def centre_lines(ecomap: Ecomap, inner: int) -> list[tuple[str, str]]:
    lines = [(clip(ecomap.centre, inner), "bold")]
    together = [p.short for p in ecomap.members if p.cohabiting and not p.deceased]
    apart = [p.short for p in ecomap.members if not p.cohabiting or p.deceased]
    lines += [(line, "") for line in wrap_words(together, inner)]
    if apart:
        lines += [(line, "dim") for line in wrap_words([t("ecomap.apart") + ":", *apart], inner)]
    return lines


def node_lines(
    node: Node, tie: Tie, marks: str, removed: bool, two_lines: bool, width: int
) -> list[tuple[str, str]]:
    name = (f"★{marks} " if marks else "") + node.name
    sector = f"〔{node.caption}〕"
    if cell_len(name + sector) <= width:  # the sector only beside a whole name (its colour says it too)
        name += sector
    stress = t("ecomap.stress_mark")
    style = f"bold {node.colour}" + (" strike" if removed else "")
    # A stressful tie's mark is never cut off: on the caption line, or after the name on one line.
    lines = [(fit(name, " " + stress[0] if tie.stressful and not two_lines else "", width), style)]
    if two_lines:
        keep = (" " if tie.caption else "") + stress if tie.stressful else ""
        lines.append((fit(tie.caption, keep, width), "dim"))
    return lines


def widest_label(entries: list[Entry], changes: dict[str, str], two_lines: bool) -> int:
    """The widest node line when nothing is cut (8 for a map without nodes)."""
    widths = [
        cell_len(text)
        for node, tie, gone in entries
        for text, _ in node_lines(node, tie, changes.get(node.key, ""), gone, two_lines, 200)
    ]
    return max(widths or [8])


def side_rows(count: int, body: int, block: int) -> list[int]:
    """The top rows of `count` blocks spread evenly over `body` rows."""
    if count <= 0:
        return []
    if count == 1:
        return [max(0, (body - block) // 2)]
    step = (body - block) / (count - 1)
    return [int(i * step) for i in range(count)]


def split_sides(entries: list[Entry], body: int, block: int) -> list[Side]:
    """The first half of the nodes down the right side, the rest up the left (clockwise)."""
    per_side = (len(entries) + 1) // 2
    right = entries[:per_side]
    left = list(reversed(entries[per_side:]))
    return [
        ("left", left, side_rows(len(left), body, block)),
        ("right", right, side_rows(len(right), body, block)),
    ]


def place_frame(sides: list[Side], centre_rows: int, inner: int, body: int, width: int, labels: int) -> Frame:
    """The box as tall as the genogram (within the body) and wide enough for the ports of the nodes
    above and below it; label columns as wide as the widest label allows, the rest split as gutters."""
    box_height = min(centre_rows + 2, body)
    box_y = (body - box_height) // 2
    above = max(sum(1 for y in rows if y < box_y) for _, _, rows in sides)
    below = max(sum(1 for y in rows if y >= box_y + box_height) for _, _, rows in sides)
    box_width = max(inner + 4, 4 * max(above, below) + 6)
    column = (width - box_width - 2 * GUTTER) // 2
    if column < 8:
        box_width = max(inner + 4, width - 2 * GUTTER - 16)
        column = (width - box_width - 2 * GUTTER) // 2
    column = max(4, min(column, labels))
    drawn = min(width, 2 * column + box_width + 2 * MAX_GUTTER)  # a very wide map is centred, not stretched
    gutter = (drawn - box_width - 2 * column) // 2
    return Frame(drawn, column, column + gutter, box_y, box_width, box_height)


def draw_box(canvas: Canvas, frame: Frame, centre: list[tuple[str, str]]) -> None:
    """The double-lined box with the household's genogram, cut to the box's height."""
    x0, y0, x1, y1 = frame.box_x, frame.box_y, frame.x1, frame.y1
    for x in range(x0, x1 + 1):
        canvas.put(x, y0, "═", "bold", "box")
        canvas.put(x, y1, "═", "bold", "box")
    for y in range(y0, y1 + 1):
        canvas.put(x0, y, "║", "bold", "box")
        canvas.put(x1, y, "║", "bold", "box")
    for (x, y), char in {(x0, y0): "╔", (x1, y0): "╗", (x0, y1): "╚", (x1, y1): "╝"}.items():
        canvas.grid[y][x] = Cell(char, "bold", "box")
    for index, (text, style) in enumerate(centre[: frame.box_height - 2]):
        canvas.text(x0 + 2, y0 + 1 + index, text, style)


def place_nodes(
    canvas: Canvas, frame: Frame, sides: list[Side], changes: dict[str, str], two_lines: bool
) -> list[Placed]:
    """Write every node's block in its side's column; left-side lines end at the column's edge."""
    placed: list[Placed] = []
    for side, items, rows in sides:
        for (node, tie, gone), y in zip(items, rows, strict=True):
            marks = changes.get(node.key, "")
            lines = node_lines(node, tie, marks, gone, two_lines, frame.column)
            block_width = max(cell_len(text) for text, _ in lines)
            x = frame.column - block_width if side == "left" else frame.width - frame.column
            for index, (text, style) in enumerate(lines):
                line_x = frame.column - cell_len(text) if side == "left" else x
                canvas.text(line_x, y + index, text, style)
            placed.append(Placed(node, tie, x, y, block_width, lines, side, marks, gone))
    return placed
