"""The year in figures (storage/statistics.py) on both backends: a year of cases built through the
repository, every figure compared with the same figure counted in plain Python over the raw rows
(tests/figures_oracle.py), and the definitions that matter checked by hand (a hand-over is no closure,
a stage is the one at the month's end, a case counts once a year)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from tests.figures_oracle import expected_figures
from welfare_tui.agendas import get_agenda
from welfare_tui.figures.model import fiscal_months, fiscal_year_of
from welfare_tui.storage import repo
from welfare_tui.storage.statistics import year_figures

YEAR = 2026
YEAR_END = dt.date(2027, 3, 31)  # the year is counted whole, as known once it has ended


def held(session, case_id: int, agenda: str, date: str):
    meeting = repo.create_meeting(session, case_id=case_id, agenda=get_agenda(agenda), date=date)
    repo.update_meeting(session, meeting_id=meeting.id, status="in_progress")
    return meeting


def build_year(session) -> dict[str, int]:
    """Three cases through fiscal 2026 (and rows just outside it, which must not count)."""
    first = repo.add_intake(
        session, date="2026-04-10", label="山﨑世帯", route="self_family", window_agency="houkatsu"
    )
    repo.accept_intake(session, intake_id=first["id"], code="C-2026-001", date="2026-04-15")
    referred = repo.add_intake(session, date="2026-05-02", label="髙橋世帯", route="agency")
    repo.refer_intake(session, intake_id=referred["id"], to_agency="shakyo", date="2026-05-03")
    repo.add_intake(session, date="2027-03-31", label="𠮷田世帯", route="resident")
    repo.add_intake(session, date="2026-03-31", label="前年度世帯", route="resident")  # the year before
    one = repo.get_case_by_code(session, code="C-2026-001")
    repo.update_case(session, case_id=one.id, tags=["8050", "ひきこもり", "独自の課題"])
    held(session, one.id, "shien_kaigi", "2026-05-10")
    repo.update_case(session, case_id=one.id, consent_status="written", consent_date="2026-05-20")
    juso = held(session, one.id, "juso_shien_kaigi", "2026-06-15")
    repo.add_item(session, kind="role", parent_id=juso.id, values={"task": "訪問", "agency_id": "houkatsu"})
    repo.add_item(session, kind="role", parent_id=juso.id, values={"task": "家計相談", "agency_id": "shakyo"})
    repo.add_item(
        session,
        kind="need",
        parent_id=juso.id,
        values={"category": "ibasho", "sector": "kodomo", "text": "居場所がない"},
    )
    draft = repo.start_plan_draft(session, case_id=one.id)
    repo.update_plan(session, plan_id=draft["id"], outreach=True)
    repo.approve_plan(session, plan_id=draft["id"], meeting_id=juso.id)
    repo.record_decision(session, meeting_id=juso.id, decision="approve")
    revision = held(session, one.id, "juso_shien_kaigi", "2026-10-20")
    second = repo.start_plan_draft(session, case_id=one.id)
    repo.update_plan(session, plan_id=second["id"], outreach=False, participation=True)
    repo.approve_plan(session, plan_id=second["id"], meeting_id=revision.id)
    repo.add_contact(session, case_id=one.id, date="2026-04-20", mode="visit", whom="person")
    repo.add_contact(session, case_id=one.id, date="2026-05-01", mode="letter", whom="absent")
    repo.add_resource(
        session, resource_id="salon_aoba", name="あおばサロン", category="salon", sector="kaigo"
    )
    match = repo.add_match(
        session, case_id=one.id, resource_id="salon_aoba", member="本人", date="2026-08-20"
    )
    repo.set_match_state(session, match_id=match["id"], state="started", date="2026-09-01")
    repo.set_match_state(session, match_id=match["id"], state="ended", date="2026-12-15", reason="転居")
    closing = held(session, one.id, "juso_shien_kaigi", "2027-02-10")
    repo.record_decision(session, meeting_id=closing.id, decision="close", closure_reason="moved")
    two = repo.create_case(
        session, code="C-2026-002", label="B世帯", tags=["ダブルケア"], opened_on="2026-04-01"
    )
    repo.add_contact(session, case_id=two.id, date="2026-07-07", mode="phone", whom="refused")
    repo.add_contact(session, case_id=two.id, date="2026-07-08", mode="accompany", whom="person")
    repo.record_transition(session, case_id=two.id, to_stage="suspended", date="2026-08-01")
    three = repo.create_case(
        session,
        code="C-2026-003",
        label="C世帯",
        tags=["8050"],
        opened_on="2026-09-01",
        consent_status="oral",
        consent_date="2026-09-01",
    )
    handing = held(session, three.id, "juso_shien_kaigi", "2026-11-05")
    repo.record_decision(session, meeting_id=handing.id, decision="hand_over", to_agency="houkatsu")
    held(session, three.id, "shien_kaigi", "2027-04-02")  # the next year
    return {"one": one.id, "two": two.id, "three": three.id}


def assert_matches_raw_rows(session, figures) -> None:
    expected = expected_figures(session.connection(), figures.fiscal_year, figures.last_day)
    shown = {s.key for g in figures.groups for s in g.series}
    for group in figures.groups:
        for series in group.series:
            want = expected.get(series.key, [0] * 13)
            assert list(series.months) == want[:12], series.key
            assert series.total == want[12], series.key
    missing = {key for key, values in expected.items() if any(values) and key not in shown}
    assert not missing


def test_every_figure_equals_the_raw_rows_counted_again(session):
    build_year(session)
    session.flush()
    figures = year_figures(session, fiscal_year=YEAR, as_of=YEAR_END)
    assert_matches_raw_rows(session, figures)


def test_the_definitions_by_hand(session):
    build_year(session)
    session.flush()
    figures = year_figures(session, fiscal_year=YEAR, as_of=YEAR_END)

    def months(key: str) -> dict[int, int]:
        series = figures.series(key)
        assert series is not None, key
        return {figures.months[i].month: n for i, n in enumerate(series.months) if n}

    def total(key: str) -> int:
        series = figures.series(key)
        assert series is not None, key
        return series.total

    assert total("intakes.total") == 3  # 2026-03-31 belongs to the year before; 2027-03-31 to this one
    assert months("intakes.route.resident") == {3: 1}
    assert months("intakes.outcome.referred") == {5: 1}
    assert months("meetings.type.juso_shien_kaigi") == {6: 1, 10: 1, 11: 1, 2: 1}
    assert total("meetings.total") == 5  # the meeting of 2027-04-02 is next year's
    assert months("plans.created") == {6: 1} and months("plans.revised") == {10: 1}
    assert months("consents.obtained") == {5: 1, 9: 1}  # C-2026-003 opened with consent
    assert months("closures.reason.moved") == {2: 1} and total("closures.total") == 1
    assert months("handovers.total") == {11: 1}, "a hand-over is counted apart"
    assert figures.series("closures.reason.handover") is None
    assert months("suspensions.total") == {8: 1}
    assert months("contacts.met") == {4: 1, 7: 1} and total("contacts.mode.letter") == 1
    assert months("matches.started") == {9: 1} and months("matches.ended") == {12: 1}
    assert months("needs.sector.kodomo") == {6: 1}
    assert total("roles.agency.houkatsu") == 1 and total("roles.agency.shakyo") == 1
    agency = figures.series("roles.agency.shakyo")
    assert agency is not None and "社会福祉協議会" in agency.label
    # at the end of each month: C-2026-002 suspended from August, C-2026-001 closed from February
    assert months("cases.stage.suspended") == {m: 1 for m in (8, 9, 10, 11, 12, 1, 2, 3)}
    assert months("cases.stage.closed") == {2: 1, 3: 1}
    assert total("cases.stage.closed") == 1
    # distinct cases: C-2026-001 has the tag 8050 all year, C-2026-003 from September; once each a year
    assert months("tags.8050")[4] == 1 and months("tags.8050")[9] == 2
    assert total("tags.8050") == 2 and total("tags.独自の課題") == 1
    assert total("cases.active") == 3
    assert months("links.outreach")[4] == 1  # a visit in April
    assert months("links.outreach")[7] == 2  # the plan with outreach (C-2026-001), 同行 (C-2026-002)
    assert months("links.participation") == {9: 1, 10: 1, 11: 1, 12: 1, 1: 1, 2: 1}  # match, then plan


def test_a_year_in_progress_counts_nothing_after_the_day_it_is_counted_on(session):
    """A half-year report (as of 30 September) and a year counted mid-month: no later intake, meeting or
    contact, no month-end stage of a month to come; the stock's year is its value on that day."""
    build_year(session)
    session.flush()
    half = year_figures(session, fiscal_year=YEAR, as_of=dt.date(2026, 9, 30))
    assert half.as_of == dt.date(2026, 9, 30) and half.last_day == dt.date(2026, 9, 30)
    assert_matches_raw_rows(session, half)

    def months(figures, key: str) -> dict[int, int]:
        series = figures.series(key)
        assert series is not None, key
        return {figures.months[i].month: n for i, n in enumerate(series.months) if n}

    assert months(half, "meetings.type.juso_shien_kaigi") == {6: 1}  # not October's, November's, February's
    assert months(half, "cases.stage.suspended") == {8: 1, 9: 1}
    assert half.series("cases.stage.suspended").total == 1  # as at 30 September, not at year end
    assert not months(half, "cases.stage.closed") and not months(half, "matches.ended")
    first_half = {4, 5, 6, 7, 8, 9}
    assert set(months(half, "cases.active")) == first_half and set(months(half, "tags.8050")) <= first_half
    # Counted on 15 August: August holds what happened up to that day, and the month's stage is that day's.
    mid = year_figures(session, fiscal_year=YEAR, as_of=dt.date(2026, 8, 15))
    assert_matches_raw_rows(session, mid)
    assert months(mid, "cases.stage.suspended") == {8: 1}
    # A year not begun counts nothing; a year ended has no as_of.
    assert year_figures(session, fiscal_year=YEAR + 1, as_of=dt.date(2026, 12, 1)).as_of is not None
    assert not any(
        s.total
        for g in year_figures(session, fiscal_year=YEAR + 1, as_of=dt.date(2027, 3, 31)).groups
        for s in g.series
    )
    assert year_figures(session, fiscal_year=YEAR, as_of=dt.date(2027, 6, 1)).as_of is None


def test_an_empty_year_has_every_row_at_zero(session):
    figures = year_figures(session, fiscal_year=2030)
    assert figures.months[0].isoformat() == "2030-04-01" and figures.months[-1].isoformat() == "2031-03-01"
    keys = [s.key for g in figures.groups for s in g.series]
    assert (
        "intakes.route.outreach" in keys and "cases.stage.suspended" in keys and "tags.ヤングケアラー" in keys
    )
    assert all(s.total == 0 and not any(s.months) for g in figures.groups for s in g.series)


def test_fiscal_months_and_year():
    months = fiscal_months(2026)
    assert months[0][0].isoformat() == "2026-04-01" and months[10][1].isoformat() == "2027-02-28"
    assert months[-1][1].isoformat() == "2027-03-31"
    assert fiscal_year_of(months[-1][1]) == 2026 and fiscal_year_of(months[0][0]) == 2026


def test_the_counts_are_grouped_in_the_database(session, monkeypatch):
    """Item 6's budget: a handful of aggregate queries, not one per row."""
    build_year(session)
    session.flush()
    statements: list[str] = []
    from sqlalchemy import event

    engine = session.get_bind()
    listener = lambda *args: statements.append(args[2])
    event.listen(engine, "before_cursor_execute", listener)
    try:
        year_figures(session, fiscal_year=YEAR, as_of=YEAR_END)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) <= 20
    assert all("GROUP BY" in statement for statement in statements)
    assert session.execute(text("SELECT COUNT(*) FROM contact_log")).scalar() == 4
