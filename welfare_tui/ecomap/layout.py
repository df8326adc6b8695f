"""Placing the ecomap in a grid of terminal cells: the household box in the middle, nodes on both
sides of it (clockwise from the top right), every tie drawn with Hartman's line styles.

Routing never crosses: a node level with the box is joined straight to its side; a node above (below)
it runs along its own row to a port on the box's top (bottom) edge and turns down (up). Ports are
ordered so that the farther a node is from the box the nearer its port is to the box's middle, which
nests the elbows inside one another. Japanese text is measured with `rich.cells.cell_len` (wide
characters take two cells) and cut with "…" to the column, so labels never run into each other.

When the nodes do not fit, the picture degrades in steps: the gap between nodes goes, then the
second line (the tie's label), and at last the remaining nodes are grouped into one "ほか N件" node.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len

from welfare_tui.ecomap.model import HOUSEHOLD, Ecomap, Node, Tie, sector_label
from welfare_tui.i18n import t

MIN_WIDTH = 40
MIN_HEIGHT = 8
GUTTER = 6
MAX_GUTTER = 18
STRESS_COLOUR = "#e53935"
CHANGE_COLOUR = "#ffb300"

HORIZONTAL = {"strong": "━", "normal": "─", "weak": "┄"}
VERTICAL = {"strong": "┃", "normal": "│", "weak": "┆"}
CORNERS = {
    "strong": {"down_from_left": "┓", "up_from_left": "┛", "down_from_right": "┏", "up_from_right": "┗"},
    "thin": {"down_from_left": "┐", "up_from_left": "┘", "down_from_right": "┌", "up_from_right": "└"},
}
ZIGZAG = "╱╲"
REMOVED_LINE = "·"


@dataclass
class Cell:
    char: str = " "
    style: str = ""
    owner: str = ""  # "label", "box", "line", "legend": lets tests prove nothing overwrites a label


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


@dataclass
class Layout:
    width: int
    height: int
    grid: list[list[Cell]]
    placed: list[Placed] = field(default_factory=list)
    box: tuple[int, int, int, int] = (0, 0, 0, 0)  # x, y, width, height
    drawn_ties: list[Tie] = field(default_factory=list)
    grouped: int = 0
    collisions: int = 0

    def rows(self) -> list[list[Cell]]:
        return self.grid


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.grid = [[Cell() for _ in range(width)] for _ in range(height)]
        self.collisions = 0

    def put(self, x: int, y: int, char: str, style: str = "", owner: str = "line") -> None:
        if not (0 <= y < self.height and 0 <= x < self.width):
            return
        cell = self.grid[y][x]
        if cell.owner in ("label", "legend") or (cell.owner == "box" and owner == "line"):
            self.collisions += 1
            return
        self.grid[y][x] = Cell(char, style, owner)

    def text(self, x: int, y: int, text: str, style: str = "", owner: str = "label") -> int:
        """Write text from x; a wide character takes two cells (the second holds "")."""
        for char in text:
            width = cell_len(char)
            if width == 0:
                continue
            if x + width > self.width:
                break
            self.put(x, y, char, style, owner)
            if width == 2:
                self.put(x + 1, y, "", style, owner)
            x += width
        return x


def clip(text: str, cells: int) -> str:
    """Cut text to `cells` terminal cells, ending with … when cut."""
    if cell_len(text) <= cells:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > cells - 1:
            break
        out += char
    return out + "…" if cells >= 1 else ""


def wrap_words(words: list[str], cells: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        word = clip(word, cells)
        if lines and cell_len(lines[-1] + " " + word) <= cells:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def legend_segments() -> list[tuple[str, str]]:
    return [
        (t("ecomap.legend.title") + ":", "bold"),
        ("━━" + t("ecomap.legend.strong"), ""),
        ("──" + t("ecomap.legend.normal"), ""),
        ("┄┄" + t("ecomap.legend.weak"), ""),
        ("─╱╲─" + t("ecomap.legend.stressful"), STRESS_COLOUR),
        ("◀ ▶" + t("ecomap.legend.flow"), ""),
        (t("ecomap.legend.changed"), CHANGE_COLOUR),
        (t("ecomap.legend.genogram"), "dim"),
    ]


def legend_lines(width: int) -> list[list[tuple[str, str]]]:
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0
    for text, style in legend_segments():
        text = clip(text, width)
        need = cell_len(text) + (1 if used else 0)
        if used and used + need > width:
            lines.append([])
            used, need = 0, cell_len(text)
        if used:
            lines[-1].append((" ", ""))
        lines[-1].append((text, style))
        used += need
    return lines


def centre_lines(ecomap: Ecomap, inner: int) -> list[tuple[str, str]]:
    lines = [(clip(ecomap.centre, inner), "bold")]
    together = [p.short for p in ecomap.members if p.cohabiting and not p.deceased]
    apart = [p.short for p in ecomap.members if not p.cohabiting or p.deceased]
    lines += [(line, "") for line in wrap_words(together, inner)]
    if apart:
        lines += [(line, "dim") for line in wrap_words([t("ecomap.apart") + ":", *apart], inner)]
    return lines


def fit(text: str, keep: str, cells: int) -> str:
    """`text` cut (with …) to leave room for `keep`, which is never cut while it fits at all."""
    if cell_len(keep) >= cells:
        return clip(keep, cells)
    return clip(text, cells - cell_len(keep)) + keep


def node_lines(
    node: Node, tie: Tie, marks: str, removed: bool, two_lines: bool, width: int
) -> list[tuple[str, str]]:
    name = (f"★{marks} " if marks else "") + node.name
    sector = f"〔{sector_label(node.sector)}〕"
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


def layout(
    ecomap: Ecomap,
    width: int,
    height: int | None = None,
    *,
    changes: dict[str, str] | None = None,
    removed: tuple[Tie, ...] = (),
) -> Layout:
    """Place `ecomap` in width×height cells (height None: as tall as it reads best).

    `changes` maps node keys to change marks (highlighted); `removed` are ties of the previous meeting
    that no longer exist, drawn as ghosts so the room sees what was lost.
    """
    width = max(width, MIN_WIDTH)
    changes = changes or {}
    legend = legend_lines(width)
    entries: list[tuple[Node, Tie, bool]] = [
        (ecomap.node(tie.far), tie, False)
        for tie in ecomap.ties
        if tie.near == HOUSEHOLD and tie.far != HOUSEHOLD
    ]
    entries += [(ecomap.node(tie.far), tie, True) for tie in removed]
    others = [tie for tie in ecomap.ties if tie.near != HOUSEHOLD]

    together = " ".join(p.short for p in ecomap.members if p.cohabiting and not p.deceased)
    inner = min(max(cell_len(ecomap.centre), 12, cell_len(together)), width // 3)
    centre = centre_lines(ecomap, inner)
    count = len(entries)
    per_side = (count + 1) // 2
    extra_rows = len(others)
    if height is None:
        body = max(len(centre) + 2, per_side * 3 - 1, 3)
        height = body + len(legend) + extra_rows
    height = max(height, MIN_HEIGHT)
    body = height - len(legend) - extra_rows
    if body < 3:
        others, body = [], height - len(legend)

    # How each node's block is drawn: (block height, gap), from the most readable down.
    block, gap = 1, 0
    for block, gap in ((2, 1), (2, 0), (1, 1), (1, 0)):
        if per_side * block + (per_side - 1) * gap <= body:
            break
    grouped = 0
    capacity = 2 * body
    if count > capacity:  # even one row per node does not fit: group the rest into one node
        keep = capacity - 1
        rest = entries[keep:]
        grouped = len(rest)
        sectors: dict[str, int] = {}
        for node, _, _ in rest:
            sectors[node.sector] = sectors.get(node.sector, 0) + 1
        summary = "・".join(f"{sector_label(sector)}{n}" for sector, n in sectors.items())
        group = Node("__group__", t("ecomap.grouped", count=grouped), summary)
        entries = entries[:keep] + [
            (
                group,
                Tie(
                    HOUSEHOLD,
                    "__group__",
                    "normal",
                    False,
                    "none",
                    "、".join(node.name for node, _, _ in rest),
                ),
                False,
            )
        ]
        count = len(entries)
        per_side = (count + 1) // 2
        block, gap = 1, 0

    box_height = min(len(centre) + 2, body)
    centre = centre[: box_height - 2]
    box_y = (body - box_height) // 2
    right = entries[:per_side]
    left = list(reversed(entries[per_side:]))

    def rows(k: int) -> list[int]:
        if k <= 0:
            return []
        if k == 1:
            return [max(0, (body - block) // 2)]
        step = (body - block) / (k - 1)
        return [int(i * step) for i in range(k)]

    left_rows, right_rows = rows(len(left)), rows(len(right))
    above = max(sum(1 for y in left_rows if y < box_y), sum(1 for y in right_rows if y < box_y))
    below = max(
        sum(1 for y in left_rows if y >= box_y + box_height),
        sum(1 for y in right_rows if y >= box_y + box_height),
    )
    box_width = max(inner + 4, 4 * max(above, below) + 6)
    column = (width - box_width - 2 * GUTTER) // 2
    if column < 8:
        box_width = max(inner + 4, width - 2 * GUTTER - 16)
        column = (width - box_width - 2 * GUTTER) // 2
    labels = max(
        [
            cell_len(text)
            for node, tie, gone in entries
            for text, _ in node_lines(node, tie, changes.get(node.key, ""), gone, block == 2, 200)
        ]
        or [8]
    )
    column = max(4, min(column, labels))
    full_width = width
    width = min(width, 2 * column + box_width + 2 * MAX_GUTTER)  # a very wide map is centred, not stretched
    gutter = (width - box_width - 2 * column) // 2
    box_x = column + gutter
    canvas = Canvas(width, height)

    # The box with the household's genogram.
    x1, y1 = box_x + box_width - 1, box_y + box_height - 1
    for x in range(box_x, x1 + 1):
        canvas.put(x, box_y, "═", "bold", "box")
        canvas.put(x, y1, "═", "bold", "box")
    for y in range(box_y, y1 + 1):
        canvas.put(box_x, y, "║", "bold", "box")
        canvas.put(x1, y, "║", "bold", "box")
    for (x, y), char in {(box_x, box_y): "╔", (x1, box_y): "╗", (box_x, y1): "╚", (x1, y1): "╝"}.items():
        canvas.grid[y][x] = Cell(char, "bold", "box")
    for index, (text, style) in enumerate(centre):
        canvas.text(box_x + 2, box_y + 1 + index, text, style)

    placed: list[Placed] = []
    for side, items, side_rows in (("left", left, left_rows), ("right", right, right_rows)):
        for (node, tie, gone), y in zip(items, side_rows, strict=True):
            lines = node_lines(node, tie, changes.get(node.key, ""), gone, block == 2, column)
            block_width = max(cell_len(text) for text, _ in lines)
            x = column - block_width if side == "left" else width - column
            for index, (text, style) in enumerate(lines):
                line_x = column - cell_len(text) if side == "left" else x
                canvas.text(line_x, y + index, text, style)
            placed.append(Placed(node, tie, x, y, block_width, lines, side, changes.get(node.key, ""), gone))

    # Ports on the top and bottom edges, nested so that elbows never cross.
    ports: dict[int, int] = {}
    for side in ("left", "right"):
        mine = [p for p in placed if p.side == side]
        ups = sorted((p for p in mine if p.y < box_y), key=lambda p: p.y, reverse=True)  # nearest first
        downs = sorted((p for p in mine if p.y > y1), key=lambda p: p.y)
        for group_ in (ups, downs):
            for rank, item in enumerate(group_):
                offset = 2 + 2 * rank
                ports[id(item)] = box_x + offset if side == "left" else x1 - offset
    for item in placed:
        _route(canvas, item, box_x, box_y, x1, y1, column, width, ports.get(id(item)), changes)

    # Ties between two nodes (rare): written under the map, one per row.
    row = body
    for tie in others:
        text = f"{ecomap.name(tie.near)} {_run(tie, 'h', 4)} {ecomap.name(tie.far)}"
        if tie.caption:
            text += f"  {tie.caption}"
        canvas.text(0, row, clip(text, width), STRESS_COLOUR if tie.stressful else "", "label")
        row += 1

    if full_width > width:
        pad = (full_width - width) // 2
        for index, row_cells in enumerate(canvas.grid):
            canvas.grid[index] = (
                [Cell() for _ in range(pad)] + row_cells + [Cell() for _ in range(full_width - width - pad)]
            )
        for item in placed:
            item.x += pad
        box_x += pad
        width = canvas.width = full_width
    for index, segments in enumerate(legend):
        x = 0
        for text, style in segments:
            x = canvas.text(x, height - len(legend) + index, text, style, "legend")
    drawn = [p.tie for p in placed if not p.removed and p.node.key != "__group__"] + others
    return Layout(
        width,
        height,
        canvas.grid,
        placed,
        (box_x, box_y, box_width, box_height),
        drawn,
        grouped,
        canvas.collisions,
    )


def _run(tie: Tie, axis: str, length: int, start: int = 0) -> str:
    """`length` line cells of a tie's style; a stressful tie interleaves the zigzag with its line."""
    line = (HORIZONTAL if axis == "h" else VERTICAL)[tie.strength]
    if not tie.stressful:
        return line * length
    pattern = line + ZIGZAG if axis == "h" else line + "╲╱"
    return "".join(pattern[(start + i) % len(pattern)] for i in range(length))


def _route(
    canvas: Canvas,
    item: Placed,
    box_x: int,
    box_y: int,
    x1: int,
    y1: int,
    column: int,
    width: int,
    port: int | None,
    changes: dict[str, str],
) -> None:
    tie = item.tie
    style = "dim" if item.removed else STRESS_COLOUR if tie.stressful else ""
    if item.changed:
        style = f"bold {CHANGE_COLOUR}"
    if tie.strength == "strong" and not item.removed:
        style = f"bold {style}".strip()
    into_household = tie.flow in ("to_household", "both")
    into_node = tie.flow in ("from_household", "both")
    y = item.y
    left = item.side == "left"
    start = column + 1 if left else x1 + 1
    end = box_x - 1 if left else width - column - 2

    def horizontal(a: int, b: int) -> None:
        run = _run(tie, "h", b - a + 1, a) if not item.removed else REMOVED_LINE * (b - a + 1)
        for offset, char in enumerate(run):
            canvas.put(a + offset, y, char, style)

    def vertical(x: int, a: int, b: int) -> None:
        if b < a:
            return
        run = _run(tie, "v", b - a + 1, a) if not item.removed else REMOVED_LINE * (b - a + 1)
        for offset, char in enumerate(run):
            canvas.put(x, a + offset, char, style)

    corners = CORNERS["strong" if tie.strength == "strong" else "thin"]
    if box_y <= y <= y1 or port is None:  # level with the box: straight to its side
        horizontal(start, end)
        if left:
            canvas.put(end, y, "▶" if into_household else HORIZONTAL[tie.strength], style)
            canvas.grid[y][box_x] = Cell("╢", "bold", "box")
        else:
            canvas.put(start, y, "◀" if into_household else HORIZONTAL[tie.strength], style)
            canvas.grid[y][x1] = Cell("╟", "bold", "box")
    elif y < box_y:
        a, b = (start, port - 1) if left else (port + 1, end)
        horizontal(a, b)
        canvas.put(port, y, corners["down_from_left" if left else "down_from_right"], style)
        vertical(port, y + 1, box_y - 1)
        if into_household:
            if y + 1 <= box_y - 1:
                canvas.put(port, box_y - 1, "▼", style)
            else:
                canvas.put(b if left else a, y, "▶" if left else "◀", style)
        canvas.grid[box_y][port] = Cell("╤", "bold", "box")
    else:
        a, b = (start, port - 1) if left else (port + 1, end)
        horizontal(a, b)
        canvas.put(port, y, corners["up_from_left" if left else "up_from_right"], style)
        vertical(port, y1 + 1, y - 1)
        if into_household:
            if y1 + 1 <= y - 1:
                canvas.put(port, y1 + 1, "▲", style)
            else:
                canvas.put(b if left else a, y, "▶" if left else "◀", style)
        canvas.grid[y1][port] = Cell("╧", "bold", "box")
    if into_node:
        canvas.put(start if left else end, y, "◀" if left else "▶", style)
