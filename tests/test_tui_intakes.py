"""The intake inbox (i on the home screen): add, accept as a case, refer, close; open intakes first."""

from __future__ import annotations

from pathlib import Path

from tests.tui_helpers import make_app, pick_agency, settle, type_text
from welfare_tui.storage import repo
from welfare_tui.views.screens.home import HomeScreen
from welfare_tui.views.screens.intakes import IntakeScreen


def seed_intakes(app) -> tuple[int, int]:
    """Two intakes: one settled (closed) and, newer, one open."""
    closed = app.db.run(repo.add_intake, label="髙﨑世帯", date="2026-11-01", concern="家賃の滞納")
    app.db.run(repo.close_intake, intake_id=closed["id"], note="家計相談の窓口を案内", date="2026-11-02")
    opened = app.db.run(
        repo.add_intake, label="𠮷田世帯", date="2026-10-15", concern="ごみ屋敷の苦情", tags=["8050"]
    )
    return opened["id"], closed["id"]


async def open_inbox(pilot) -> IntakeScreen:
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, IntakeScreen)
    return screen


async def test_open_intakes_come_first_and_the_key_bar_lists_the_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        opened, closed = seed_intakes(app)
        screen = await open_inbox(pilot)
        assert [row["id"] for row in screen.intakes] == [opened, closed]
        from welfare_tui.views.widgets.key_bar import screen_hints

        shown = {hint.key for hint in screen_hints(screen)}
        assert {"a", "c", "r", "x", "escape"} <= shown
        await pilot.press("f1")
        await settle(pilot)
        from welfare_tui.views.modals.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        keys = [key for key, _ in app.screen.ours]
        assert "c" in keys and "r" in keys


async def test_add_an_intake_from_the_keyboard(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_inbox(pilot)
        await pilot.press("a")
        await settle(pilot)
        # The form opens on the date; the window is an agency picker, then the route (a select).
        await pilot.press("tab")
        await pick_agency(pilot, "地域包括")
        app.screen.query_one("#f-label").focus()
        await type_text(pilot, "山﨑世帯")
        app.screen.query_one("#f-concern").focus()
        await type_text(pilot, "長男のひきこもり、母の介護")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        rows = app.db.query(repo.list_intakes)
        assert [(r["label"], r["concern"], r["outcome"]) for r in rows] == [
            ("山﨑世帯", "長男のひきこもり、母の介護", "open")
        ]
        assert rows[0]["window_agency_id"] and rows[0]["date"] == "2026-11-20"
        assert screen.intakes[0]["label"] == "山﨑世帯"


async def test_a_missing_label_keeps_what_was_typed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_inbox(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#f-concern").focus()
        await type_text(pilot, "母の入院")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "呼び名" in str(app.screen.query_one("#form-error").content)
        assert app.screen.query_one("#f-concern").text == "母の入院"
        assert app.db.query(repo.list_intakes) == []


async def test_accept_creates_the_case_and_home_shows_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        opened, _ = seed_intakes(app)
        await open_inbox(pilot)
        await pilot.press("c")
        await settle(pilot)
        code = app.screen.query_one("#f-code").value
        assert code  # the next case code is offered
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.case_filter is not None and app.screen.case_filter.code == code
        intake = app.db.query(repo.get_intake, intake_id=opened)
        assert intake["outcome"] == "accepted" and intake["case_code"] == code
        case = app.db.query(repo.get_case_by_code, code=code)
        assert case.label == "𠮷田世帯" and case.summary == "ごみ屋敷の苦情" and case.status == "intake"
        assert [e["kind"] for e in app.db.query(repo.stage_history, case_id=case.id)] == ["opened"]


async def test_refer_and_close_and_a_settled_intake_is_refused(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        opened, closed = seed_intakes(app)
        screen = await open_inbox(pilot)
        await pilot.press("down", "c")  # the closed one
        await settle(pilot)
        assert app.screen is screen
        assert app.db.query(repo.get_intake, intake_id=closed)["outcome"] == "closed"
        await pilot.press("up", "r")
        await settle(pilot)
        await pick_agency(pilot, "社会福祉協議会")
        await pilot.press("ctrl+s")
        await settle(pilot)
        intake = app.db.query(repo.get_intake, intake_id=opened)
        assert intake["outcome"] == "referred" and intake["referred_to_id"]
        assert intake["outcome_date"] == "2026-11-20"


async def test_close_needs_a_note(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        opened, _ = seed_intakes(app)
        await open_inbox(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.db.query(repo.get_intake, intake_id=opened)["outcome"] == "open"
        await type_text(pilot, "制度の情報提供のみ")
        await pilot.press("ctrl+s")
        await settle(pilot)
        intake = app.db.query(repo.get_intake, intake_id=opened)
        assert (intake["outcome"], intake["outcome_note"]) == ("closed", "制度の情報提供のみ")


async def test_the_inbox_in_english(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        seed_intakes(app)
        screen = await open_inbox(pilot)
        table = screen.query_one("#intakes")
        assert [str(column.label) for column in table.columns.values()][:3] == ["Date", "Outcome", "Label"]
        assert [str(cell) for cell in table.get_row_at(1)][1] == "Closed"
        assert "Concern: ごみ屋敷の苦情" in str(screen.query_one("#intake-detail").content)
