"""Unmet needs across cases (storage/gaps.py, `welfare-tui gaps`) on both backends: counts by category
and sector, the stages of the cases, the year's filter, and examples that never hold a name — the
household's own (𠮷田, 髙﨑, in the need's text) nor another case's."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from welfare_tui.agendas import get_agenda
from welfare_tui.cli import app
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.storage.gaps import gap_report

NAMES = (
    "𠮷田 花子",
    "𠮷田",
    "花子",
    "髙﨑 一郎",
    "髙﨑",
    "一郎",
    "よしだ はなこ",
    "山﨑 明美",
    "山﨑",
    "明美",
)


def need(session, meeting_id: int, category: str, sector: str, text: str, member: str = "本人") -> None:
    repo.add_item(
        session,
        kind="need",
        parent_id=meeting_id,
        values={"category": category, "sector": sector, "text": text, "member": member},
    )


def build(session) -> None:
    one = repo.create_case(session, code="C-2026-101", label="A氏世帯", opened_on="2026-04-01")
    repo.add_item(
        session,
        kind="member",
        parent_id=one.id,
        values={"name": "𠮷田 花子", "kana": "よしだ はなこ", "relation": "本人"},
    )
    repo.add_item(session, kind="member", parent_id=one.id, values={"name": "髙﨑 一郎", "relation": "長男"})
    two = repo.create_case(session, code="C-2026-102", label="B氏世帯", opened_on="2026-04-01")
    repo.add_item(session, kind="member", parent_id=two.id, values={"name": "山﨑 明美", "relation": "本人"})
    first = repo.create_meeting(session, case_id=one.id, agenda=get_agenda("shien_kaigi"), date="2026-06-01")
    second = repo.create_meeting(session, case_id=two.id, agenda=get_agenda("shien_kaigi"), date="2026-07-01")
    earlier = repo.create_meeting(
        session, case_id=two.id, agenda=get_agenda("shien_kaigi"), date="2025-07-01"
    )
    need(
        session, first.id, "ibasho", "kodomo", "𠮷田花子さんは昼間に過ごす居場所がない。髙﨑 一郎さんも同じ。"
    )
    need(session, first.id, "mobility", "kaigo", "よしだ はなこ さんの通院の足がない", member="本人")
    need(
        session,
        second.id,
        "ibasho",
        "kodomo",
        "山﨑さんの子が放課後に行く場所がない。𠮷田さんの家とも遠い。",
        member="長女",
    )
    need(session, earlier.id, "work", "konkyu", "山﨑 明美さんの就労体験先がない")


def leaked(text: str) -> list[str]:
    return [name for name in NAMES if name in text]


def test_needs_by_category_and_sector_with_masked_examples(session):
    build(session)
    session.flush()
    report = gap_report(session, fiscal_year=2026)
    assert report.total == 3
    cells = {(row.category, row.sector): row for row in report.rows}
    assert set(cells) == {("ibasho", "kodomo"), ("mobility", "kaigo")}
    ibasho = cells[("ibasho", "kodomo")]
    assert (ibasho.needs, ibasho.cases) == (2, 2)
    assert ibasho.category_label == "居場所" and ibasho.sector_label == "こども"
    assert [(stage, count) for stage, _, count in ibasho.stages] == [("shien_kaigi", 2)]
    texts = [example.text for row in report.rows for example in row.examples]
    assert len(texts) == 3
    assert not leaked("\n".join(texts)), texts
    assert any("A氏" in text for text in texts)  # the household's own names become letters
    assert {example.member for example in ibasho.examples} == {"本人", "長女"}
    assert {key: count for key, _, count in report.by_category} == {"ibasho": 2, "mobility": 1}
    everything = gap_report(session, fiscal_year=None)
    assert everything.total == 4 and everything.period is None
    assert not leaked(json.dumps([e.text for r in everything.rows for e in r.examples], ensure_ascii=False))


def test_gaps_command_in_every_format_names_nobody(db_url):
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            build(session)
    finally:
        engine.dispose()
    for fmt in ("md", "csv", "json"):
        result = CliRunner().invoke(app, ["--db", db_url, "gaps", "--fiscal-year", "2026", "--format", fmt])
        assert result.exit_code == 0, result.stderr
        assert not leaked(result.stdout), (fmt, leaked(result.stdout))
        assert "A氏世帯" not in result.stdout and "B氏世帯" not in result.stdout
    data = json.loads(CliRunner().invoke(app, ["--db", db_url, "gaps", "--format", "json", "--era"]).stdout)
    assert data["total"] == 4 and data["fiscal_year"] is None
    assert data["rows"][0]["category"] == "ibasho" and data["rows"][0]["cases"] == 2
    markdown = CliRunner().invoke(app, ["--db", db_url, "gaps", "--fiscal-year", "2026", "--era"]).stdout
    assert "令和8年度" in markdown and "居場所" in markdown and "こども" in markdown


def test_gaps_with_nothing_recorded(db_url):
    result = CliRunner().invoke(app, ["--db", db_url, "gaps"])
    assert result.exit_code == 0, result.stderr
    assert "記録された地域課題はありません" in result.stdout


def test_a_need_carried_to_the_next_meeting_is_one_example(session):
    build(session)
    case = repo.get_case_by_code(session, code="C-2026-101")
    later = repo.create_meeting(session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-08-01")
    need(session, later.id, "mobility", "kaigo", "よしだ はなこ さんの通院の足がない", member="本人")
    session.flush()
    row = next(r for r in gap_report(session, fiscal_year=2026).rows if r.category == "mobility")
    assert (row.needs, row.cases) == (2, 1)
    assert len(row.examples) == 1 and "通院の足がない" in row.examples[0].text
