"""The statistics screen's terminal charts (views/widgets/month_chart.py): a bar stands over its month
and its count, every line is as wide as the others in terminal cells (kanji count two), a label too long
for its column has a line of its own, and counts are never cut."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rich.cells import cell_len

from welfare_tui.i18n import set_language
from welfare_tui.views.widgets.month_chart import MONTH_CELLS, bars, chart_lines


@dataclass(frozen=True)
class Row:
    label: str
    months: tuple[int, ...]
    total: int


ROUTES = (
    Row("本人・家族", (1, 0, 2, 3, 0, 0, 10, 1, 0, 0, 0, 5), 22),
    Row("関係機関からのつなぎ（民生委員・地域包括支援センター）", (0, 0, 2, 0, 0, 0, 0, 1, 0, 12, 0, 5), 20),
)


@pytest.fixture(autouse=True)
def japanese():
    set_language("ja")
    yield
    set_language("ja")


def sums(rows) -> tuple[int, ...]:
    return tuple(sum(row.months[i] for row in rows) for i in range(12))


def test_every_line_fits_the_width_in_cells_with_japanese_labels() -> None:
    lines = [line.plain for line in chart_lines(ROUTES, width=78, chart=sums(ROUTES), caption="月別合計")]
    assert {cell_len(line) for line in lines} == {78}
    assert lines[0].startswith("月別合計 ") and lines[1].startswith(
        "（最大 12）"
    )  # what the bars draw, their scale
    header, *counts = lines[4:]
    assert header.startswith("月") and header.split()[1:] == [
        *map(str, (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)),
        "計",
    ]
    assert counts[0].startswith("本人・家族") and counts[0].split()[-1] == "22"
    # The long label has a line of its own, whole; its counts follow on the next line.
    assert counts[1].rstrip() == ROUTES[1].label
    assert counts[2].split() == ["0", "0", "2", "0", "0", "0", "0", "1", "0", "12", "0", "5", "20"]


def test_a_bar_stands_over_its_month_and_scales_to_the_tallest() -> None:
    lines = [line.plain for line in chart_lines(ROUTES, width=78, chart=sums(ROUTES))]
    drawn, header = lines[:4], lines[4]

    def column(text: str) -> int:  # the cell where the month's number ends, in the header
        at = header.index(text)
        return cell_len(header[:at]) + len(text)

    def cells(line: str) -> str:  # one character per terminal cell (a wide one, then a filler)
        return "".join(char + "\0" * (cell_len(char) - 1) for char in line)

    drawn = [cells(line) for line in drawn]

    january, october, june = column(" 1 ") - 1, column("10"), column(" 6")
    # January (12 of 12) is full height; October (10) fills three rows and 3/8 of the top one;
    # June (4) a row and a third.
    assert [line[january - 2 : january] for line in drawn] == ["██"] * 4
    assert [line[october - 2 : october] for line in drawn] == ["▃▃", "██", "██", "██"]
    assert [line[june - 2 : june] for line in drawn] == ["  ", "  ", "▃▃", "██"]
    assert sums(ROUTES)[9] == 12 and sums(ROUTES)[6] == 10 and sums(ROUTES)[2] == 4


def test_a_month_with_one_case_is_never_drawn_as_none() -> None:
    drawn = bars((1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000), height=4, indent=0)
    assert drawn[-1][MONTH_CELLS - 2 : MONTH_CELLS] == "▁▁"
    assert drawn[-1][MONTH_CELLS * 2 - 2 : MONTH_CELLS * 2] == "  "
    assert bars((0,) * 12, height=2, indent=3) == [" " * (3 + 12 * MONTH_CELLS)] * 2


def test_a_label_longer_than_the_whole_width_is_cut_with_an_ellipsis() -> None:
    rows = (Row("地域課題" * 30, (1,) * 12, 12),)
    label, counts = (line.plain for line in chart_lines(rows, width=78)[1:])
    assert cell_len(label) == 78 and label.rstrip().endswith("…") and counts.split() == ["1"] * 12 + ["12"]


def test_large_counts_widen_the_columns_rather_than_being_cut() -> None:
    rows = (Row("支援実施", (12345,) * 12, 12345),)
    lines = [line.plain for line in chart_lines(rows, width=78)]
    assert lines[1].split()[1:] == ["12345"] * 13
    assert "…" not in lines[1]


def test_english_months_are_named() -> None:
    set_language("en")
    header = chart_lines(ROUTES, width=100)[0].plain
    assert header.split()[:3] == ["Month", "Apr", "May"] and header.split()[-1] == "Total"
