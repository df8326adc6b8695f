"""What the statistics screen shows on each of its tabs, as Rich text for a width in cells: the
year's figures by group with a bar chart each, the report form's table, the unmet needs by category
and sector. Pure functions of the values `storage/statistics.py` and `storage/gaps.py` compute (the
same values `welfare-tui stats` and `gaps` render), so what the screen says is what the command says.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text

from welfare_tui.i18n import t
from welfare_tui.views.widgets.month_chart import chart_lines, pad

GAP_COUNT_CELLS = 10  # 「ケース数」 (eight cells) and two spaces before it


def figures_text(figures: Any, width: int) -> Text:
    """Every group of `figures` (figures.model.YearFigures): its title, its bars (`group_chart`),
    its table of every series by month with the year's count."""
    from welfare_tui.figures.text_formats import total_heading

    blocks: list[Text] = []
    for group in figures.groups:
        chart, caption = group_chart(group)
        blocks.append(Text(group.title, style="bold"))
        heading = total_heading(figures, group.kind)
        blocks += chart_lines(group.series, width=width, chart=chart, caption=caption, total_heading=heading)
        blocks.append(Text(""))
    return Text("\n").join(blocks)


def group_chart(group: Any) -> tuple[tuple[int, ...], str]:
    """The twelve counts a group's bars draw and the caption that says what they are: the group's
    headline figure when it has one (新規相談受付件数 over the routes; adding it to them would count each
    intake twice), else the months' sum of its series (intakes by outcome, cases by stage at the
    month's end), else, for counts of distinct cases (a case with two tags is in two series), its
    largest series. Nothing when the year has none."""
    from welfare_tui.figures.catalogue import GROUPS_BY_KEY

    series = list(group.series)
    spec = GROUPS_BY_KEY.get(group.key)
    headline = next((one for one in series if spec and spec.fixed and one.key == spec.fixed[0]), None)
    if headline is None and group.kind == "cases" and series:
        headline = max(series, key=lambda one: one.total)
    if headline is not None:
        months, caption = tuple(headline.months), headline.label
    else:
        months = tuple(sum(one.months[index] for one in series) for index in range(12)) if series else ()
        caption = t(f"stats_tui.chart.{group.kind}")
    return (months if any(months) else ()), caption


def report_text(form: Any, width: int) -> Text:
    """The report form (figures.model.FormTable) applied to the year: a row per line of the form."""
    if form is None or not form.rows:
        return Text(t("stats_tui.report.none"))
    lines = [Text(form.name, style="bold"), *chart_lines(form.rows, width=width)]
    return Text("\n").join(lines)


def gaps_text(report: Any, width: int) -> Text:
    """The unmet needs of the year (figures.model.GapReport): by category and sector with the number
    of needs and of cases and the cases' stages now (on as many lines as they need), then the totals
    by category and by sector."""
    if report is None or not report.rows:
        return Text(t("stats_tui.gaps.none"))
    keys = [row.category_label + (f"・{row.sector_label}" if row.sector_label else "") for row in report.rows]
    names = [name for _, name, _ in (*report.by_category, *report.by_sector)]
    longest = max(cell_len(text) for text in (*keys, *names, t("stats_tui.gaps.col.key")))
    label_cells = max(8, min(longest, width - 2 * GAP_COUNT_CELLS - 20))
    stage_cells = width - label_cells - 2 * GAP_COUNT_CELLS - 2
    counts = label_cells + 2 * GAP_COUNT_CELLS + 2
    header = (
        pad(t("stats_tui.gaps.col.key"), label_cells)
        + pad(t("stats_tui.gaps.col.needs"), GAP_COUNT_CELLS, right=True)
        + pad(t("stats_tui.gaps.col.cases"), GAP_COUNT_CELLS, right=True)
        + "  "
        + pad(t("stats_tui.gaps.col.stages"), stage_cells)
    )
    blocks = [Text(t("stats_tui.gaps.heading", needs=report.total), style="bold"), Text(header, style="bold")]
    for key, row in zip(keys, report.rows):
        stages = [t("stats_tui.gaps.stage", stage=name, cases=count) for _, name, count in row.stages]
        first, *more = packed(stages, stage_cells)
        blocks.append(
            Text(
                pad(key, label_cells)
                + pad(str(row.needs), GAP_COUNT_CELLS, right=True)
                + pad(str(row.cases), GAP_COUNT_CELLS, right=True)
                + "  "
                + pad(first, stage_cells)
            )
        )
        blocks += [Text(" " * counts + pad(line, stage_cells)) for line in more]
    for title, totals in (
        (t("stats_tui.gaps.by_category"), report.by_category),
        (t("stats_tui.gaps.by_sector"), report.by_sector),
    ):
        blocks += [Text(""), Text(title, style="bold"), *_totals(totals, label_cells)]
    return Text("\n").join(blocks)


def packed(items: Sequence[str], cells: int) -> list[str]:
    """`items` two spaces apart on lines of at most `cells` (an item longer than a line has one of its
    own, cut with …); at least one line."""
    lines: list[str] = []
    for item in items:
        if lines and cell_len(lines[-1]) + 2 + cell_len(item) <= cells:
            lines[-1] += "  " + item
        else:
            lines.append(item)
    return lines or [""]


def _totals(totals: Sequence[tuple[str, str, int]], label_cells: int) -> list[Text]:
    return [
        Text(pad(name, label_cells) + pad(str(count), GAP_COUNT_CELLS, right=True))
        for _, name, count in totals
    ]
