"""The columns of the home screen's two tables (cases, meetings), in terminal cells: widths that fit
80 columns with Japanese text, and the cells a wider terminal adds, shared among the free-text columns."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from welfare_tui.i18n import t

# Widths in terminal cells, chosen so both tables fit 80 columns with Japanese text.
CASE_COLUMNS = (("code", 13), ("label", 10), ("tags", 14), ("status", 8), ("lead", 10), ("next", 10))
MEETING_COLUMNS = (("date", 10), ("time", 12), ("case", 10), ("type", 14), ("round", 5), ("state", 8))
# The widths above fill 80 columns; a wider terminal gives its extra cells to the free-text columns.
# (column, share): tags are the longest texts of the case list.
WIDENED = {"cases": (("tags", 2), ("label", 1)), "meetings": (("case", 1), ("type", 1))}


def add_columns(table: DataTable[str], columns: tuple[tuple[str, int], ...]) -> None:
    for key, width in columns:
        table.add_column(Text(t(f"home.col.{key}")), width=width, key=key)


def widened(
    columns: tuple[tuple[str, int], ...], wide: tuple[tuple[str, int], ...], screen: int
) -> tuple[tuple[str, int], ...]:
    """The columns with the cells beyond an 80-column screen shared among the `wide` ones by their
    shares (the first takes what division leaves over)."""
    extra = max(0, screen - 80)
    parts = sum(part for _, part in wide)
    added = {key: extra * part // parts for key, part in wide}
    added[wide[0][0]] += extra - sum(added.values())
    return tuple((key, width + added.get(key, 0)) for key, width in columns)
