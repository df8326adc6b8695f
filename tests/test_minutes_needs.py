"""The unmet needs (地域課題) a meeting records in its resource-gaps step, in its minutes: a table at the
head of the 不足する社会資源・地域課題 section, before the free text (Markdown, and Word through the same
blocks), labels in the reader's language, nothing when there are none. (The rendering is
minutes/markdown_between.py's; the handout's needs and the masking: tests/test_between_masking.py.)"""

from __future__ import annotations

import copy

import pytest

from tests.test_minutes import load_fixture
from welfare_tui.i18n import set_language, t
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


def test_the_needs_are_a_table_before_the_free_text_of_their_section(with_needs: dict) -> None:
    gaps = section(render_markdown(with_needs), "不足する社会資源・地域課題")
    intro, table_text, free_text = gaps.strip().split("\n\n", 2)
    assert intro == t("between_doc.minutes.needs_intro")
    header, _rule, *rows = table_rows(table_text)
    assert header == ["分類", "分野", "対象", "内容"]
    assert rows == [
        ["居場所", "こども", "長男", "ひきこもりの長男が通える居場所が市内にない"],
        ["移動", "介護", "母", "通院の移動手段（髙﨑地区にバスがない）"],
    ]
    assert free_text.strip() and "|" not in free_text  # the fixture's free text follows, as written


def test_no_needs_prints_the_section_as_before() -> None:
    doc = load_fixture("meeting_8050")
    assert render_markdown(dict(doc, needs=[])) == render_markdown(doc)
    assert t("between_doc.minutes.needs_intro") not in render_markdown(doc)


def test_english_minutes_label_the_needs_in_english(with_needs: dict) -> None:
    set_language("en")
    try:
        markdown = render_markdown(with_needs)
    finally:
        set_language("ja")
    gaps = section(markdown, "Missing social resources")
    header, _, first, _ = table_rows(gaps)
    assert header == ["Category", "Sector", "Member", "Need"]
    assert first[:2] == ["Place to be", "Children"]


def test_the_word_minutes_carry_the_needs_table(with_needs: dict) -> None:
    from welfare_tui.minutes.docx_format import docx_minutes
    from welfare_tui.minutes.docx_text import docx_text

    text = docx_text(docx_minutes(with_needs))
    assert t("between_doc.minutes.needs_intro") in text
    assert (
        "ひきこもりの長男が通える居場所が市内にない" in text
        and "通院の移動手段（髙﨑地区にバスがない）" in text
    )
