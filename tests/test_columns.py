"""Columns sized for their content in terminal cells (views/columns.py) and ecomap labels that keep
their stress mark (ecomap/placement.py node_lines)."""

from __future__ import annotations

from rich.cells import cell_len

from welfare_tui.ecomap.model import Node, Tie
from welfare_tui.ecomap.placement import node_lines
from welfare_tui.views.columns import CELL_PADDING, clip, column_widths
from welfare_tui.views.item_specs import ITEM_COLUMNS

ROLES = [
    ["本人への訪問の継続（月2回）と急変時の手順確認", "𠮷田ｹｱﾏﾈ事務所", "山﨑 浩二", "2026-12-15", "未着手"],
    ["家計の見直し", "自立相談", "髙橋", "2027-01-08", "完了"],
]


def test_dates_and_choices_are_whole_and_names_stay_whole_at_80_columns() -> None:
    fields = ITEM_COLUMNS["role"]
    widths = column_widths(fields, ROLES, 51)  # the step pane's width at 80×24
    assert sum(widths) + CELL_PADDING * len(widths) <= 51
    task, _agency, person, due, status = widths
    assert due == 10 and status >= cell_len("未着手")  # never 「2026」
    assert person >= cell_len("山﨑 浩二")  # the short text stays whole; the long task gives way
    assert task < cell_len(ROLES[0][0])


def test_a_wider_terminal_gives_every_column_its_content() -> None:
    fields = ITEM_COLUMNS["role"]
    widths = column_widths(fields, ROLES, 160)
    assert widths[0] == cell_len(ROLES[0][0]) and widths[1] == cell_len("𠮷田ｹｱﾏﾈ事務所")


def test_a_narrow_table_cuts_the_title_of_a_check_column_before_any_value() -> None:
    fields = ITEM_COLUMNS["tie"]
    rows = [["なかよし包括", "強い", "✓", "世帯へ", "月1回訪問", "母"]]
    widths = column_widths([*fields, fields[3]], rows, 51)
    assert widths[2] < cell_len(fields[2].title)  # the title of the ✓ column gives way
    assert all(width >= cell_len(value) for width, value in zip(widths, rows[0]))  # before any value


def test_clip_never_splits_a_wide_character() -> None:
    assert clip("𠮷田ﾏﾙﾏﾙ３０１", 6) == "𠮷田ﾏ…"
    assert clip("髙﨑", 3) == "髙…"
    assert clip("髙﨑", 4) == "髙﨑"


def _tie(**values) -> Tie:
    return Tie(
        **{
            "near": "household",
            "far": "denryoku",
            "strength": "normal",
            "stressful": True,
            "flow": "to_household",
            "label": "ごみの苦情で電気を止めると連絡",
            **values,
        }
    )


def test_a_stressful_tie_keeps_its_mark_however_narrow_the_label() -> None:
    node = Node(key="denryoku", name="電力会社（中部電力パワーグリッド）", sector="地域")
    one_line = node_lines(node, _tie(), "", False, False, 14)
    assert one_line[0][0].endswith("⚡") and cell_len(one_line[0][0]) <= 14
    name, caption = node_lines(node, _tie(), "", False, True, 16)
    assert caption[0].endswith("⚡ストレス") and cell_len(caption[0]) <= 16
    assert "〔" not in name[0]  # the sector is left out rather than cut: 「電力会社〔…」
    calm = node_lines(node, _tie(stressful=False), "", False, True, 16)
    assert "⚡" not in calm[0][0] + calm[1][0]


def test_a_name_stays_whole_in_a_table_of_many_columns() -> None:
    fields = ITEM_COLUMNS["member"]
    row = [
        "長男",
        "髙田 𠮷子ﾏﾙﾏﾙ",
        "たかだ よしこ",
        "女",
        "1972-03-01",
        "３０１号室",
        "",
        "✓",
        "",
        "✓",
        "",
        "要介護２",
    ]
    widths = column_widths(fields, [row], 51)
    assert widths[1] == cell_len(row[1]) and widths[4] == 10  # the name and the date whole
    assert widths[5] < cell_len(row[5]) or sum(widths) + CELL_PADDING * len(widths) > 51  # others give way
