"""What the statistics screen's tabs say (views/statistics_text.py), from the values `stats` and `gaps`
compute: bars of a group's headline figure or of its sum, never a count twice; the unmet needs with
every stage of their cases whole, on more lines when one is too short, within the width in cells."""

from __future__ import annotations

from rich.cells import cell_len

from welfare_tui.figures.model import GapReport, GapRow, Group, Series
from welfare_tui.views.statistics_text import gaps_text, group_chart

ZERO = (0,) * 12


def series(key: str, label: str, months: tuple[int, ...]) -> Series:
    return Series(key, label, months, sum(months))


def test_a_group_with_a_headline_draws_it_and_not_the_sum_with_its_parts() -> None:
    total = series("intakes.total", "新規相談受付件数", (2, 0, 1, *ZERO[3:]))
    routes = (
        series("intakes.route.agency", "関係機関", (2, *ZERO[1:])),
        series("intakes.route.resident", "地域住民", (0, 0, 1, *ZERO[3:])),
    )
    chart, caption = group_chart(Group("intakes_route", "新規相談受付（経路別）", "flow", (total, *routes)))
    assert chart == total.months and caption == "新規相談受付件数"


def test_a_group_of_parts_draws_their_sum_and_one_of_distinct_cases_its_largest() -> None:
    stages = (
        series("cases.stage.support", "支援実施", (1, 2, *ZERO[2:])),
        series("cases.stage.closed", "終結", (0, 1, *ZERO[2:])),
    )
    chart, caption = group_chart(Group("cases_stage", "段階別ケース数", "stock", stages))
    assert chart[:2] == (1, 3) and caption == "月末の合計"
    tags = (
        series("tags.8050", "8050", (1, *ZERO[1:])),
        series("tags.hikikomori", "ひきこもり", (1, 1, *ZERO[2:])),
    )
    chart, caption = group_chart(Group("tags", "複合課題", "cases", tags))
    assert chart[:2] == (1, 1) and caption == "ひきこもり"  # a case with both tags is not drawn twice
    assert group_chart(Group("plans", "プラン", "flow", (series("plans.created", "作成", ZERO),))) == (
        (),
        "作成",
    )


def test_the_stages_of_the_needs_cases_are_never_cut() -> None:
    stages = (
        ("shien_kaigi", "支援会議段階", 1),
        ("support", "支援実施・モニタリング", 2),
        ("handed_over", "引継ぎ", 1),
    )
    row = GapRow("mobility", "移動", "kaigo", "介護", 4, 4, stages)
    report = GapReport(2026, None, (row,), (("mobility", "移動", 4),), (("kaigo", "介護", 4),))
    lines = gaps_text(report, 78).plain.splitlines()
    assert max(cell_len(line) for line in lines) <= 78
    text = "".join(lines)
    assert all(f"{name}{count}件" in text for _, name, count in stages)
    first = next(line for line in lines if line.startswith("移動・介護"))
    assert first.split()[1:3] == ["4", "4"]
