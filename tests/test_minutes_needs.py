"""The unmet needs (地域課題) of a meeting in its minutes: a table after the free text of the
不足する社会資源・地域課題 section (Markdown, and Word through the same blocks), labels in the reader's
language, nothing when there are none; an agency's handout leaves them out like the assessment."""

from __future__ import annotations

import copy

import pytest

from tests.test_minutes import load_fixture
from welfare_tui.i18n import set_language
from welfare_tui.minutes.handout import agency_handout
from welfare_tui.minutes.markdown import render_markdown

NEEDS = [
    {
        "category": "ibasho",
        "sector": "kodomo",
        "text": "ひきこもりの長男が通える居場所が市内にない",
        "member": "長男",
    },
    {
        "category": "mobility",
        "sector": "kaigo",
        "text": "通院の移動手段（髙﨑地区にバスがない）",
        "member": "母",
    },
]


@pytest.fixture
def with_needs() -> dict:
    doc = copy.deepcopy(load_fixture("meeting_8050"))
    doc["needs"] = copy.deepcopy(NEEDS)
    return doc


def section(markdown: str, heading: str) -> str:
    return markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def table_rows(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def test_the_needs_are_a_table_after_the_free_text_of_their_section(with_needs: dict) -> None:
    gaps = section(render_markdown(with_needs), "不足する社会資源・地域課題")
    free_text = gaps.split("### ", 1)[0]
    assert free_text.strip()  # the free text of the fixture comes first, as before
    assert "### 地域課題（資源で満たされないニーズ）" in gaps
    header, _rule, *rows = table_rows(gaps)
    assert header == ["種別", "分野", "不足している資源・支援", "世帯員（続柄）"]  # the form's labels
    assert rows == [
        ["居場所", "こども", "ひきこもりの長男が通える居場所が市内にない", "長男"],
        ["移動", "介護", "通院の移動手段（髙﨑地区にバスがない）", "母"],
    ]


def test_no_needs_prints_the_section_as_before() -> None:
    doc = load_fixture("meeting_8050")
    assert render_markdown(dict(doc, needs=[])) == render_markdown(doc)
    assert "地域課題（資源で満たされないニーズ）" not in render_markdown(doc)


def test_english_minutes_label_the_needs_in_english(with_needs: dict) -> None:
    set_language("en")
    try:
        markdown = render_markdown(with_needs)
    finally:
        set_language("ja")
    gaps = section(markdown, "Missing social resources")
    header, _, first, _ = table_rows(gaps)
    assert header == ["Category", "Sector", "What is missing", "Member (relation)"]
    assert first[:2] == ["Place to be", "Children"]


def test_the_word_minutes_carry_the_needs_table(with_needs: dict) -> None:
    from welfare_tui.minutes.docx_format import docx_minutes
    from welfare_tui.minutes.docx_text import docx_text

    text = docx_text(docx_minutes(with_needs))
    assert "地域課題（資源で満たされないニーズ）" in text
    assert (
        "ひきこもりの長男が通える居場所が市内にない" in text
        and "通院の移動手段（髙﨑地区にバスがない）" in text
    )


def test_an_agency_handout_leaves_the_needs_out(with_needs: dict) -> None:
    from welfare_tui.minutes.markdown import render_handout

    agency = with_needs["attendees"][0]["agency"]
    handout = agency_handout(with_needs, agency)
    assert "needs" not in handout
    text = render_handout(handout)
    assert all(need["text"] not in text for need in NEEDS)
