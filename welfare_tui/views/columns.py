"""Table columns sized for what they hold, in terminal cells (a Japanese character takes two).

Dates, times, numbers, check marks and choices from a list are short and must never be cut (「2026」
for a due date says nothing): they get their whole width. The free-text columns (names, tasks,
labels) share what is left: each gets all it needs while that fits; else first titles give way to
their column's values (「ストレス」 over a column of ✓), then the longest texts, so short values such as
names stay whole; a person's name is never cut below 14 cells (a table with many columns scrolls
sideways instead). A wider terminal gives every column more.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from welfare_tui.views.fields import Field

WHOLE_KINDS = frozenset({"date", "time", "int", "bool", "select"})
CELL_PADDING = 2  # DataTable draws one cell of padding on each side of a column
MIN_TEXT_CELLS = 6
# Names of people are kept whole up to this many cells, even when the table must then scroll sideways.
NAME_FIELDS = frozenset({"name", "kana", "person"})
NAME_CELLS = 14


def clip(text: str, cells: int) -> str:
    """Cut text to `cells` terminal cells, ending with … when cut (never half a wide character)."""
    if cell_len(text) <= cells:
        return text
    out, used = "", 0
    for char in text:
        width = cell_len(char)
        if used + width > cells - 1:
            break
        out, used = out + char, used + width
    return out + "…" if cells >= 1 else ""


def column_widths(fields: Sequence[Field], rows: Sequence[Sequence[str]], available: int) -> list[int]:
    """The width of each column (padding excluded) for a table `available` cells wide."""
    values = [max((cell_len(row[index]) for row in rows), default=0) for index in range(len(fields))]
    needs = [max(cell_len(field.title), values[index], 1) for index, field in enumerate(fields)]
    text = [index for index, field in enumerate(fields) if field.kind not in WHOLE_KINDS]
    floors = {
        index: min(max(values[index], 2), NAME_CELLS if fields[index].name in NAME_FIELDS else MIN_TEXT_CELLS)
        for index in text
    }

    def left() -> int:
        return available - CELL_PADDING * len(fields) - sum(n for i, n in enumerate(needs) if i not in floors)

    # Before any value is cut, titles give way down to their column's values (「ストレス」 over a column
    # of ✓, the title of a column still empty), those that overhang most first.
    deficit = sum(needs[index] for index in text) - left()
    for i in sorted(range(len(fields)), key=lambda i: values[i] - needs[i]):
        if deficit <= 0:
            break
        less = min(deficit, needs[i] - max(values[i], 2))
        needs[i] -= max(less, 0)
        deficit -= max(less, 0)
    if sum(needs[index] for index in text) <= left():
        return needs
    # The widest cap such that every text column cut to it fits: the longest texts give way first.
    cap = max(needs)
    while cap > 1 and sum(max(floors[i], min(needs[i], cap)) for i in text) > left():
        cap -= 1
    widths = [max(floors[i], min(n, cap)) if i in floors else n for i, n in enumerate(needs)]
    spare = left() - sum(widths[i] for i in text)
    for i in sorted(
        (i for i in text if widths[i] < needs[i]), key=needs.__getitem__
    ):  # shortest made whole first
        more = min(spare, needs[i] - widths[i])
        widths[i] += more
        spare -= more
    return widths
