"""A new meeting of a case opens with last meeting's role assignments and monitoring dates; the
facilitator marks each done / continue / revise / drop, and the mark is saved on the item."""

from __future__ import annotations

from pathlib import Path

from tests.tui_helpers import make_app, settle
from welfare_tui.demo import build_demo
from welfare_tui.storage import repo
from welfare_tui.views.screens.meeting import MeetingScreen


async def test_review_previous_actions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        case = next(c for c in app.screen.cases if c.code == "DEMO-2026-004")  # D氏世帯: one 支援会議
        previous = app.db.run(repo.list_meetings, case_id=case.id)[0]
        roles = app.db.run(repo.list_items, kind="role", parent_id=previous.id)
        assert len(roles) >= 2
        app.screen.query_one("#cases").move_cursor(row=app.screen.cases.index(case))
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("ctrl+s")  # 支援会議, today
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.meeting.round == 2
        await pilot.press("ctrl+g", "home", "down", "down", "down", "enter")
        await settle(pilot)
        table = screen.query_one("#review-table")
        assert table.row_count == len(roles) + len(
            app.db.run(repo.list_items, kind="monitoring", parent_id=previous.id)
        )
        assert roles[0]["task"] in str(table.get_row_at(0))
        table.focus()
        await pilot.press("1", "down", "2", "down", "3", "down", "4")
        await settle(pilot)
        outcomes = [row["status"] for row in app.db.run(repo.list_items, kind="role", parent_id=previous.id)]
        assert outcomes[:2] == ["done", "continue"]
        assert "✓" in str(table.get_row_at(0)) and "→" in str(table.get_row_at(1))
