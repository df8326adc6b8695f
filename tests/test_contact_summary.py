"""The one line of what happened between two meetings (contact_summary.py): 「前回から：訪問5回（面会2回）・
手紙2通」, the same on the review step and in the Markdown minutes' review section."""

from __future__ import annotations

import copy

import pytest

from welfare_tui.contact_summary import document_summary, summary_line, tally
from welfare_tui.i18n import set_language
from welfare_tui.minutes import render


def contact(date: str, mode: str, whom: str = "absent") -> dict[str, str]:
    return {"date": date, "mode": mode, "whom": whom, "note": "𠮷田さん宅"}


# The 8050 household between its meeting of 10-20 and that of 11-20: five visits (twice the person
# was met), two letters, a call that reached only the mother; one visit on the day of the previous
# meeting (reported there) and one after this meeting (news for the next one).
ROWS = [
    contact("2026-10-20", "visit", "person"),
    *(contact(day, "visit") for day in ("2026-10-22", "2026-10-29", "2026-11-05")),
    contact("2026-11-12", "visit", "person"),
    contact("2026-11-20", "visit", "person"),
    contact("2026-10-25", "letter", "person"),
    contact("2026-11-08", "letter"),
    contact("2026-11-01", "phone", "family"),
    contact("2026-11-21", "visit", "person"),
]


def test_the_issue_s_example_in_japanese() -> None:
    counts = tally(ROWS, after="2026-10-20", until="2026-11-20")
    assert counts.total == 8
    assert summary_line(counts) == "前回から：訪問5回（面会2回）・電話1回（本人と通話0回）・手紙2通"


def test_bounds_after_is_exclusive_and_until_inclusive() -> None:
    assert tally(ROWS, after="2026-11-20").total == 1  # only 11-21
    assert tally(ROWS, until="2026-10-20").total == 1  # only 10-20
    assert tally(ROWS).total == len(ROWS)
    import datetime as dt

    assert tally(ROWS, after=dt.date(2026, 10, 20), until=dt.date(2026, 11, 20)).total == 8


def test_english_and_nothing_recorded() -> None:
    set_language("en")
    try:
        line = summary_line(tally(ROWS, after="2026-10-20", until="2026-11-20"))
        assert line == (
            "Since the last meeting: visits 5 (met the person 2), calls 1 (spoke with the person 0), letters 2"
        )
        assert summary_line(tally([])) == "Since the last meeting: no contacts recorded"
    finally:
        set_language("ja")
    assert summary_line(tally([])) == "前回から：接触の記録なし"


def test_a_letter_reaches_but_never_meets() -> None:
    line = summary_line(tally([contact("2026-11-01", "letter", "person")]))
    assert line == "前回から：手紙1通" and "面会" not in line


def test_modes_follow_the_vocabulary_and_an_unknown_one_comes_last() -> None:
    rows = [
        contact("2026-11-01", "online", "person"),
        contact("2026-11-02", "fax"),
        contact("2026-11-03", "accompany", "person"),
        contact("2026-11-04", "office"),
    ]
    assert summary_line(tally(rows)) == (
        "前回から：同行1回（面会1回）・来所1回（面会0回）・オンライン1回（面会1回）・fax 1回"
    )


@pytest.fixture
def documents():
    """The second meeting of the 8050 test document, with a previous meeting and the contact log."""
    from pathlib import Path

    from welfare_tui.minutes.yaml_format import load_document

    data = Path(__file__).parent / "data" / "meeting_8050.yaml"
    doc = load_document(data.read_text(encoding="utf-8"))
    doc["meeting"]["date"] = "2026-11-20"
    doc["ecomap"]["previous"] = {"uid": "0" * 32, "round": 1, "date": "2026-10-20", "ties": []}
    doc["review"] = {"meeting": "0" * 32, "round": 1, "roles": [], "monitoring": []}
    with_log = copy.deepcopy(doc)
    with_log["case"]["contacts"] = ROWS
    return doc, with_log


def test_the_minutes_review_section_says_it(documents) -> None:
    plain, with_log = documents
    assert document_summary(plain) == ""  # a document without a contact log prints as before
    assert document_summary(with_log) == "前回から：訪問5回（面会2回）・電話1回（本人と通話0回）・手紙2通"
    minutes = render(with_log, "md")
    # In the review section, before the table of last meeting's actions.
    section = minutes.split("前回の決定事項の確認", 1)[1].split("\n## ", 1)[0]
    assert section.lstrip("\n").startswith("前回から：訪問5回（面会2回）・電話1回（本人と通話0回）・手紙2通")
    assert "前回から：" not in render(plain, "md")


def test_no_previous_meeting_no_line(documents) -> None:
    _, with_log = documents
    first = copy.deepcopy(with_log)
    first["ecomap"]["previous"] = None
    assert document_summary(first) == ""
