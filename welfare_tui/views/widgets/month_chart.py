"""A year of monthly counts drawn in the terminal: bars of block characters above a table of the
same counts, one column per month of the 年度 (April to March), every column the same width so a
bar stands over its month and its number.

Pure text (Rich `Text` lines): the statistics screen shows it in a Static, tests read it as text.
Widths are terminal cells (`rich.cells.cell_len`): a label of kanji is twice its length in characters.
A label longer than its column has a line of its own above its counts (a report form's 「うち本人・家族
からの相談件数」 is read whole); only a label longer than the whole width is cut with … (views/columns.clip),
never half a wide character.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.cells import cell_len
from rich.text import Text

from welfare_tui.i18n import t
from welfare_tui.views.columns import clip

MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)  # the months of a 年度, in its order
MONTH_CELLS = 4  # 「10」, "Oct"; a count of up to three digits keeps a space before it
TOTAL_CELLS = 6  # the year's total: up to five digits and a space
LEVELS = " ▁▂▃▄▅▆▇█"  # eighths of a cell, from empty to full
BAR = 2  # cells of a bar, under the last two cells of its month's column (「月」, the last digits)
MIN_LABEL_CELLS = 8


class Row(Protocol):
    """One measure over the year (a figure of `figures.model`, a report form's row): its label, a
    count for each month in MONTHS order and the year's count (not always the months' sum: cases at
    a month's end, or distinct cases, are counted once for the year)."""

    @property
    def label(self) -> str: ...

    @property
    def months(self) -> tuple[int, ...]: ...

    @property
    def total(self) -> int: ...


def column_cells(series: Sequence[Row], total_heading: str = "") -> tuple[int, int]:
    """(a month's cells, the total's cells): wide enough for every count, and the total's heading,
    with a space before it (a count is never cut: 10,000 cases at a month's end widen the columns,
    the chart scrolls)."""
    widest = max((len(str(n)) for one in series for n in one.months), default=1)
    total = max((len(str(one.total)) for one in series), default=1)
    return max(MONTH_CELLS, widest + 1), max(TOTAL_CELLS, total + 1, cell_len(total_heading) + 1)


def label_cells(series: Sequence[Row], width: int, caption: str = "", total_heading: str = "") -> int:
    """The label column's width for a chart `width` cells wide: the longest label when it fits,
    else what the months and the total leave (never under MIN_LABEL_CELLS: the chart scrolls then)."""
    month, total = column_cells(series, total_heading)
    room = width - month * len(MONTHS) - total
    longest = max((cell_len(text) for text in (caption, *(s.label for s in series))), default=0)
    return max(MIN_LABEL_CELLS, min(longest, room))


def pad(text: str, cells: int, *, right: bool = False) -> str:
    """`text` cut to `cells` and filled with spaces to exactly `cells` (left- or right-aligned)."""
    text = clip(text, cells)
    fill = " " * (cells - cell_len(text))
    return fill + text if right else text + fill


def month_label(month: int) -> str:
    """The month over its column: 「10」 under a 「月」 of the label column (「10月」 would fill the
    column and run into its neighbours: 「9月10月11月」), "Oct" in English."""
    return t(f"stats_tui.month.{month}")


def bars(values: Sequence[int], *, height: int, indent: int, cells: int = MONTH_CELLS) -> list[str]:
    """`height` lines of vertical bars, one per value in a column of `cells`, scaled to the largest
    (a count above zero shows at least ▁, so a month with one case is never drawn as none)."""
    top = max(values, default=0)
    eighths = [0 if top <= 0 or value <= 0 else max(1, round(value * height * 8 / top)) for value in values]
    lines = []
    for row in range(height):
        floor = (height - 1 - row) * 8
        drawn = "".join(
            " " * (cells - BAR) + LEVELS[min(8, max(0, level - floor))] * BAR for level in eighths
        )
        lines.append(" " * indent + drawn)
    return lines


def chart_lines(
    series: Sequence[Row],
    *,
    width: int,
    chart: Sequence[int] = (),
    caption: str = "",
    height: int = 4,
    total_heading: str = "",
) -> list[Text]:
    """The bars of `chart` (twelve counts; none when empty) with `caption` beside their top line and
    the tallest bar's count beside the next, then a header row of months and a row of counts per
    series with the year's count under `total_heading` (計 when none: 年度末 or 現在 say what a
    count at the month's end holds for the year)."""
    total_heading = total_heading or t("stats_tui.total")
    month, total = column_cells(series, total_heading)
    cells = label_cells(series, width, caption if chart else "", total_heading)
    lines: list[Text] = []
    if chart:
        drawn = [line + " " * total for line in bars(chart, height=height, indent=cells, cells=month)]
        drawn[0] = pad(caption, cells) + drawn[0][cells:]
        if height > 1:
            drawn[1] = pad(t("stats_tui.chart.top", top=max(chart)), cells) + drawn[1][cells:]
        lines += [Text(line) for line in drawn]
    header = pad(t("stats_tui.months"), cells) + "".join(
        pad(month_label(m), month, right=True) for m in MONTHS
    )
    lines.append(Text(header + pad(total_heading, total, right=True), style="bold"))
    for one in series:
        label = one.label
        if cell_len(label) > cells:  # a label that does not fit has a line of its own, whole
            lines.append(Text(pad(label, cells + month * len(MONTHS) + total)))
            label = ""
        row = pad(label, cells) + "".join(pad(str(n), month, right=True) for n in one.months)
        lines.append(Text(row + pad(str(one.total), total, right=True)))
    return lines
