"""The report-form file (figures/report_form.py): the bundled default, and every kind of broken file
refused with its `FILE:LINE: FIELD: message` lines before anything is counted."""

from __future__ import annotations

import pytest

from welfare_tui.errors import AgendaError, InvalidInput
from welfare_tui.figures.catalogue import all_keys, assemble, kind_of_key
from welfare_tui.figures.report_form import apply_form, load_form, parse_form

HEAD = "format: welfare-tui-report-form\nversion: 1\nname: 試験\nrows:\n"


def test_the_bundled_form_names_only_known_figures():
    form = load_form()
    assert form.name and len(form.rows) >= 10
    assert form.rows[0].label == "新規相談受付件数" and form.rows[0].keys == ("intakes.total",)
    assert all(kind_of_key(key) for row in form.rows for key in row.keys)


def test_a_row_adds_its_figures_month_by_month():
    counts = {"contacts.mode.visit": [1] * 12, "contacts.mode.accompany": [0, 2] + [0] * 10}
    figures = assemble(2026, counts)
    form = parse_form(
        HEAD + "  - label: 訪問・同行\n    sum: [contacts.mode.visit, contacts.mode.accompany]\n", "f"
    )
    row = apply_form(form, figures).rows[0]
    assert row.months[:3] == (1, 3, 1) and row.total == 14 and row.kind == "flow"


def test_open_groups_take_any_member_and_closed_ones_only_theirs():
    assert kind_of_key("roles.agency.houkatsu") == "flow" and kind_of_key("tags.独自") == "cases"
    assert kind_of_key("closures.reason.市独自の理由") == "flow"
    assert kind_of_key("contacts.mode.fax") is None and kind_of_key("intakes") is None
    assert kind_of_key("closures.reason.handover") == "flow"  # open group: a key nobody has counts zero
    assert "closures.reason.handover" not in all_keys()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + "  - label: a\n    sum: []\n", "f:6: rows[0].sum: 集計キーを1つ以上"),
        (HEAD + "  - label: a\n    sum: [plans.created]\n    note: x\n", "f:7: rows[0].note: "),
        (HEAD + "  - label: a\n    sum: [plans.created]\n  - sum: [plans.revised]\n", "f:7: rows[1].label: "),
        (HEAD + "  - label: a\n    sum: [1]\n", "f:6: rows[0].sum[0]: "),
        (HEAD, "f:4: rows: リストが必要"),
        (HEAD + "  - &a {label: a, sum: [plans.created]}\n", "f:5: anchor: "),
        ("format: welfare-tui-report-form\nname: a\nname: b\nrows: []\n", "f:3: name: "),
    ],
)
def test_broken_forms(text, expected):
    with pytest.raises(AgendaError) as raised:
        parse_form(text, "f")
    assert expected in str(raised.value), str(raised.value)


def test_a_file_that_is_not_utf8_or_not_a_file(tmp_path):
    broken = tmp_path / "form.yaml"
    broken.write_bytes((HEAD + "  - label: 訪問\n").encode("cp932"))
    with pytest.raises(InvalidInput) as raised:
        load_form(broken)
    assert str(raised.value).startswith(f"{broken}:")
    with pytest.raises(InvalidInput):
        load_form(tmp_path)  # a folder
