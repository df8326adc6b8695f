"""A field naming a 地域資源 in the generic row form (record-spec type `resource`): the role form's
resource picker offers the register's active resources by name at 80×24 (a search as one types), and
what is chosen is saved with the role."""

from __future__ import annotations

from pathlib import Path

from tests.tui_helpers import make_app, open_only_meeting, seed_meeting, settle, type_text
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.screens.meeting import MeetingScreen
from welfare_tui.views.widgets.resource_picker import NONE, ResourcePicker, ResourceSearch


def _register(db_url: str) -> None:
    engine = open_database(db_url)
    with session_scope(engine) as session:
        repo.upsert_resources(
            session,
            [
                {"id": "kodomo_shokudo_aoba", "name": "青葉こども食堂", "category": "kodomo_shokudo"},
                {"id": "salon_midori", "name": "みどりサロン", "category": "salon"},
                {"id": "closed_cafe", "name": "閉店した喫茶", "active": False},
            ],
        )
    engine.dispose()


def _roles(db_url: str, meeting_id: int) -> list[dict]:
    engine = open_database(db_url)
    with session_scope(engine) as session:
        rows = repo.list_items(session, kind="role", parent_id=meeting_id)
    engine.dispose()
    return rows


async def test_the_role_form_offers_the_active_resources_and_saves_the_one_chosen(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'tui.db'}"
    meeting_id = seed_meeting(db_url)
    _register(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        for _ in range(len(screen.meeting.steps)):
            step = next(s for s in screen.meeting.steps if s["id"] == screen.meeting.current_step)
            if step["kind"] == "roles":
                break
            await pilot.press("ctrl+n")
            await settle(pilot)
        table = screen.query_one("#items-role")
        assert "地域資源" not in [str(column.label) for column in table.table.columns.values()]
        table.table.focus()
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm)
        await type_text(pilot, "こども食堂の見学に同行")
        picker = form.query_one("#f-resource_id", ResourcePicker)
        picker.focus()
        await pilot.press("enter")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, ResourceSearch)
        assert search.shown == [NONE, "salon_midori", "kodomo_shokudo_aoba"]  # active ones, by name
        await type_text(pilot, "コドモ")  # katakana finds the name's ひらがな
        await settle(pilot)
        assert search.shown == ["kodomo_shokudo_aoba"]
        await pilot.press("enter")
        await settle(pilot)
        assert picker.value == "kodomo_shokudo_aoba"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ItemForm)
    [role] = _roles(db_url, meeting_id)
    assert (role["task"], role["resource_id"]) == ("こども食堂の見学に同行", "kodomo_shokudo_aoba")
