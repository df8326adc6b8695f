"""The follow-up dashboard over the demo database: periods, agency and case filters, jump to a case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.tui_helpers import make_app, settle, type_text
from welfare_tui.demo import build_demo
from welfare_tui.storage.followups import open_followups
from welfare_tui.views.screens.dashboard import DashboardScreen, in_period
from welfare_tui.views.screens.home import HomeScreen


def test_periods() -> None:
    friday = date(2026, 11, 20)
    assert in_period("2026-11-19", "overdue", friday) and not in_period("2026-11-20", "overdue", friday)
    assert in_period("2026-11-22", "week", friday) and not in_period("2026-11-23", "week", friday)
    assert in_period("2026-11-30", "month", friday) and not in_period("2026-12-01", "month", friday)
    assert in_period(None, "all", friday) and not in_period(None, "week", friday)


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

        # Case filter by typing, then Enter jumps to that case on the home screen.
        screen.query_one("#case-filter").focus()
        await type_text(pilot, "E氏")
        await settle(pilot)
        assert screen.shown and all(row.case_label == "E氏世帯" for row in screen.shown)
        screen.query_one("#followups").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.case_filter.label == "E氏世帯"
        assert all(m.case_label == "E氏世帯" for m in app.screen.meetings)
