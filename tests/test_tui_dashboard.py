"""The follow-up dashboard over the demo database: periods, agency and case filters, jump to a case."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from tests.tui_helpers import make_app, settle, type_text
from welfare_tui.demo import build_demo
from welfare_tui.storage.followups import open_followups
from welfare_tui.storage.repo import add_item, list_meetings
from welfare_tui.views.screens.dashboard import DashboardScreen, in_period
from welfare_tui.views.screens.home import HomeScreen


def test_periods() -> None:
    friday = date(2026, 11, 20)
    assert in_period("2026-11-19", "overdue", friday) and not in_period("2026-11-20", "overdue", friday)
    # This week: the next 7 days, today included.
    assert in_period("2026-11-26", "week", friday) and not in_period("2026-11-27", "week", friday)
    assert in_period("2026-11-30", "month", friday) and not in_period("2026-12-01", "month", friday)
    assert in_period(None, "all", friday) and not in_period(None, "week", friday)


def test_periods_nest_on_the_last_day_of_a_month() -> None:
    """On 11-30, 今週 reaches 12-06: 今月 shows those items too, never fewer rows than 今週."""
    last_day = date(2026, 11, 30)
    assert in_period("2026-12-06", "week", last_day) and in_period("2026-12-06", "month", last_day)
    assert not in_period("2026-12-07", "month", last_day)
    for offset in range(-3, 40):
        due = (last_day + timedelta(days=offset)).isoformat()
        if in_period(due, "week", last_day):
            assert in_period(due, "month", last_day), due


async def test_dashboard_month_shows_this_weeks_items_on_the_last_day_of_a_month(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    app = make_app(tmp_path, url)
    app.now = lambda: datetime(2026, 11, 30, 17, 0)
    meeting = app.db.query(list_meetings)[0]
    app.db.run(
        add_item,
        kind="role",
        parent_id=meeting.id,
        values={"task": "𠮷田さん宅の訪問（１２月３日）", "due_date": "2026-12-03", "status": "open"},
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        await pilot.press("2")
        await settle(pilot)
        week = {(row.due, row.text) for row in screen.shown}
        assert ("2026-12-03", "𠮷田さん宅の訪問（１２月３日）") in week
        await pilot.press("3")
        await settle(pilot)
        month = {(row.due, row.text) for row in screen.shown}
        assert week <= month and len(month) >= len(week)


async def test_dashboard_filters_and_jumps_to_case(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    app = make_app(tmp_path, url)  # the frozen clock says 2026-11-20
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        everything = app.db.run(open_followups, today=app.now().date())
        assert everything
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        overdue = [row for row in everything if row.overdue]
        assert len(screen.shown) == len(overdue) and all(row.overdue for row in screen.shown)
        await pilot.press("4")
        await settle(pilot)
        assert len(screen.shown) == len(everything)
        await pilot.press("3")
        await settle(pilot)
        assert all(row.due and "2026-11-20" <= row.due <= "2026-11-30" for row in screen.shown)

        # Agency filter: pick the agency of the first open item.
        await pilot.press("4")
        agency = everything[0].agency
        screen.query_one("#agency").value = agency
        await settle(pilot)
        assert screen.shown and all(row.agency == agency for row in screen.shown)
        screen.query_one("#agency").clear()
        await settle(pilot)

        # Case filter by typing, then Enter jumps to that case on the home screen (C氏世帯: E氏世帯 is
        # closed in the demo, its roles done).
        screen.query_one("#case-filter").focus()
        await type_text(pilot, "C氏")
        await settle(pilot)
        assert screen.shown and all(row.case_label == "C氏世帯" for row in screen.shown)
        screen.query_one("#followups").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.case_filter.label == "C氏世帯"
        assert all(m.case_label == "C氏世帯" for m in app.screen.meetings)
