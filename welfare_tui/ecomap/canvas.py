"""The terminal ecomap's cell grid and the characters it is drawn with: Hartman's line styles in box
drawing characters, and Japanese text measured with `rich.cells.cell_len` (a wide character takes two
cells) and cut with "…" to its column, so labels never run into each other."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from welfare_tui.ecomap.model import Tie

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

    def widen(self, width: int) -> int:
        """Centre the drawing in `width` columns (a very wide map is centred, not stretched); returns
        the padding added on the left."""
        pad = (width - self.width) // 2
        right = width - self.width - pad
        self.grid = [[Cell() for _ in range(pad)] + row + [Cell() for _ in range(right)] for row in self.grid]
        self.width = width
        return pad


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


def fit(text: str, keep: str, cells: int) -> str:
    """`text` cut (with …) to leave room for `keep`, which is never cut while it fits at all."""
    if cell_len(keep) >= cells:
        return clip(keep, cells)
    return clip(text, cells - cell_len(keep)) + keep


def wrap_words(words: list[str], cells: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        word = clip(word, cells)
        if lines and cell_len(lines[-1] + " " + word) <= cells:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def line_run(tie: Tie, axis: str, length: int, start: int = 0) -> str:
    """`length` line cells of a tie's style; a stressful tie interleaves the zigzag with its line."""
    line = (HORIZONTAL if axis == "h" else VERTICAL)[tie.strength]
    if not tie.stressful:
        return line * length
    pattern = line + ZIGZAG if axis == "h" else line + "╲╱"
    return "".join(pattern[(start + i) % len(pattern)] for i in range(length))
