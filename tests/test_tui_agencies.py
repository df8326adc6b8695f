"""A local agency not in the catalogue is registered from an agency picker (F2) and chosen at once."""

from __future__ import annotations

from pathlib import Path

from tests.tui_helpers import make_app, open_only_meeting, seed_meeting, settle, type_text
from welfare_tui.storage import repo
from welfare_tui.views.modals.item_form import ItemForm


async def test_register_local_agency_from_attendee_form(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'agencies.db'}"
    meeting_id = seed_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        await pilot.press("ctrl+n")  # opening → attendance
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ItemForm) and app.screen.form_title == "新しい機関を登録"
        await type_text(pilot, "なかよし地域包括支援センター")
        await pilot.press("tab")
        await type_text(pilot, "なかよし包括")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.form_title == "出席者を追加"
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "山崎 明美")
        await pilot.press("ctrl+s")
        await settle(pilot)
        attendees = app.db.run(repo.list_items, kind="attendee", parent_id=meeting_id)
        local = next(a for a in app.agencies if a.name == "なかよし地域包括支援センター")
        assert local.local and local.short == "なかよし包括"
        assert attendees[0]["agency_id"] == local.id and attendees[0]["name"] == "山崎 明美"
        assert "なかよし包括" in str(app.screen.query_one("#table-attendee").get_row_at(0))
