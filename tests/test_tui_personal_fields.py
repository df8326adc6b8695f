"""The case's and each household member's address and phone, typed in the TUI like a user would:
saved to the database, so that masking knows them (minutes/masking.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.tui_helpers import make_app, open_only_meeting, settle, type_text
from welfare_tui.agendas import get_agenda
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.screens.meeting import MeetingScreen
from welfare_tui.views.widgets.item_table import ItemTable


def with_database(db_url: str, work):
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            return work(session)
    finally:
        engine.dispose()


def seed_at_case_summary(db_url: str) -> int:
    def work(session):
        case = repo.create_case(session, label="𠮷田氏世帯")
        meeting = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date=date(2026, 11, 20)
        )
        repo.update_meeting(session, meeting_id=meeting.id, current_step="case_summary")
        return case.id

    return with_database(db_url, work)


async def test_case_and_member_address_and_phone_from_the_keyboard(tmp_path: Path, db_url: str) -> None:
    case_id = seed_at_case_summary(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(110, 40)) as pilot:
        await open_only_meeting(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        for field, typed in (
            ("address", "みよし市三好町ﾏﾙﾏﾙ１２３－４"),
            ("phone", "０５６１－１２－３４５６"),
        ):
            screen.query_one(f"#c-{field}").focus()
            await pilot.pause()
            await type_text(pilot, typed)
            await pilot.press("enter")
            await settle(pilot)
        case = with_database(db_url, lambda s: repo.get_case(s, case_id=case_id))
        assert (case.address, case.phone) == ("みよし市三好町ﾏﾙﾏﾙ１２３－４", "０５６１－１２－３４５６")

        # A household member with an address of their own.
        screen.query_one(ItemTable).query_one("DataTable").focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ItemForm)
        await type_text(pilot, "長女")
        form = app.screen
        form.query_one("#f-name").focus()
        await type_text(pilot, "髙﨑 花子")
        form.query_one("#f-address").focus()
        await type_text(pilot, "横浜市港北区新横浜2-5-10 グリーンハイツ305号室")
        form.query_one("#f-phone").focus()
        await type_text(pilot, "090-1234-5678")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        [member] = with_database(db_url, lambda s: repo.list_items(s, kind="member", parent_id=case_id))
        assert (member["name"], member["address"], member["phone"]) == (
            "髙﨑 花子",
            "横浜市港北区新横浜2-5-10 グリーンハイツ305号室",
            "090-1234-5678",
        )
