"""The 地域資源 register and 参加支援 matches in the TUI, driven like a user: `r` on the home screen opens
the register (add, edit, each resource's matches); a role and an ecomap tie name a resource through the
resource picker; a match is proposed in the goals step, moved on, and listed under its resource."""

from __future__ import annotations

from pathlib import Path

from tests.case_life_helpers import goto_step, open_meeting, seed_case, seed_meeting
from tests.tui_helpers import make_app, plain_text, settle, type_text
from welfare_tui.storage import repo
from welfare_tui.views.screens.home import HomeScreen
from welfare_tui.views.screens.resources import ResourceScreen
from welfare_tui.views.widgets.match_table import MatchTable
from welfare_tui.views.widgets.resource_picker import ResourcePicker, ResourceSearch

AOBA = {
    "id": "hotto_space_aoba",
    "name": "ほっとスペースあおば",
    "category": "ibasho",
    "sector": "cross",
    "area": "青葉地区",
    "capacity": 15,
    "contact": "青葉地区社協",
    "notes": "毎週水曜",
    "active": True,
}
MIDORI = {
    **AOBA,
    "id": "kodomo_midori",
    "name": "みどり子ども食堂",
    "category": "kodomo_shokudo",
    "sector": "kodomo",
}


def seed_register(app) -> None:
    app.db.run(repo.upsert_resources, rows=[AOBA, MIDORI])


async def open_register(pilot) -> ResourceScreen:
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("r")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ResourceScreen)
    return screen


async def pick_resource(pilot, query: str) -> None:
    """In a focused resource picker: type `query` (the first key opens the search), Enter takes the
    best match."""
    await type_text(pilot, query)
    await settle(pilot)
    assert isinstance(pilot.app.screen, ResourceSearch)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_register_is_added_to_and_edited_from_the_keyboard(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(pilot)
        from welfare_tui.views.widgets.key_bar import screen_hints

        assert {"a", "e", "escape"} <= {hint.key for hint in screen_hints(screen)}
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "hotto_space_aoba")  # the form opens on the id
        app.screen.query_one("#f-name").focus()
        await type_text(pilot, "ほっとスペース𠮷田")
        app.screen.query_one("#f-area").focus()
        await type_text(pilot, "青葉地区")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        stored = [dict(r) for r in app.db.query(repo.list_resources)]
        assert [(r["id"], r["name"], r["area"], r["active"]) for r in stored] == [
            ("hotto_space_aoba", "ほっとスペース𠮷田", "青葉地区", True)
        ]
        assert screen.resources[0]["name"] == "ほっとスペース𠮷田"
        # e edits the highlighted one; the name is changed, the rest kept.
        await pilot.press("e")
        await settle(pilot)
        name = app.screen.query_one("#f-name")
        name.focus()
        name.value = ""
        await type_text(pilot, "ほっとスペースあおば")
        await pilot.press("ctrl+s")
        await settle(pilot)
        stored = [dict(r) for r in app.db.query(repo.list_resources)]
        assert [(r["name"], r["area"]) for r in stored] == [("ほっとスペースあおば", "青葉地区")]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_resource_is_named_in_a_role_from_the_role_form(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        seed_register(app)
        case_id = seed_case(app)
        meeting_id = seed_meeting(app, case_id, "shien_kaigi")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "roles")
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "居場所の見学に同行")
        picker = app.screen.query_one("#f-resource_id", ResourcePicker)
        picker.focus()
        await pick_resource(pilot, "ほっと")  # ひらがな finds the register's name
        assert picker.value == "hotto_space_aoba"
        assert "ほっとスペースあおば（居場所・青葉地区）" in str(picker.render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        roles = app.db.query(repo.list_items, kind="role", parent_id=meeting_id)
        assert [(r["task"], r["resource_id"]) for r in roles] == [("居場所の見学に同行", "hotto_space_aoba")]


async def test_a_tie_to_a_resource_draws_the_resource_by_name(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        seed_register(app)
        case_id = seed_case(app)
        meeting_id = seed_meeting(app, case_id, "shien_kaigi")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "ecomap")
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        picker = app.screen.query_one("#f-resource_id", ResourcePicker)
        picker.focus()
        await pick_resource(pilot, "みどり")
        await pilot.press("ctrl+s")
        await settle(pilot)
        ties = app.db.query(repo.list_items, kind="tie", parent_id=meeting_id)
        assert [(t["to_node"], t["resource_id"]) for t in ties] == [("kodomo_midori", "kodomo_midori")]
        drawing = plain_text(app.screen.query_one("#ecomap-drawing"))
        assert "みどり子ども食堂" in drawing and "kodomo_midori" not in drawing


async def test_a_match_is_recorded_moved_on_and_listed_under_its_resource(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        seed_register(app)
        case_id = seed_case(app)
        meeting_id = seed_meeting(app, case_id, "shien_kaigi")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "policy")
        table = app.screen.query_one("#case-matches", MatchTable)
        table.focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.focused, ResourcePicker)  # the form opens on the resource
        await pick_resource(pilot, "青葉")  # by area
        member = app.screen.query_one("#f-member")
        member.focus()
        member.value = ""
        await type_text(pilot, "長男")
        await pilot.press("ctrl+s")
        await settle(pilot)
        matches = [dict(m) for m in app.db.query(repo.list_matches, case_id=case_id)]
        assert [(m["resource_id"], m["member"], m["state"], m["proposed_date"]) for m in matches] == [
            ("hotto_space_aoba", "長男", "proposed", "2026-11-20")
        ]
        assert table.matches[0]["member"] == "長男"
        # s: the next state is offered first (利用開始), dated today.
        table.focus()
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        moved = dict(app.db.query(repo.list_matches, case_id=case_id)[0])
        assert (moved["state"], moved["started_date"]) == ("started", "2026-11-20")
        # The register lists it under the resource, by case code and relation.
        await pilot.press("escape")
        await settle(pilot)
        register = await open_register(pilot)
        assert register.counts["hotto_space_aoba"]["started"] == 1
        listed = register.query_one("#resource-matches", MatchTable)
        assert [(m["member"], m["state"]) for m in listed.matches] == [("長男", "started")]
        cells = [str(cell) for cell in listed.get_row_at(0)]
        assert cells[1:3] == ["長男", "利用開始"]


async def test_ending_a_match_without_a_reason_keeps_the_dialog_and_saves_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        seed_register(app)
        case_id = seed_case(app)
        app.db.run(
            repo.add_match, case_id=case_id, resource_id="kodomo_midori", member="長女", date="2026-11-01"
        )
        await settle(pilot)
        register = await open_register(pilot)
        await pilot.press("down")  # みどり子ども食堂
        await settle(pilot)
        listed = register.query_one("#resource-matches", MatchTable)
        assert [m["member"] for m in listed.matches] == ["長女"]
        listed.focus()
        await pilot.press("s")
        await settle(pilot)
        from textual.widgets import Select

        app.screen.query_one("#f-state", Select).value = "ended"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ResourceScreen)  # still the dialog: nothing was saved
        assert dict(app.db.query(repo.list_matches, case_id=case_id)[0])["state"] == "proposed"
        app.screen.query_one("#f-reason").focus()
        await type_text(pilot, "本人の希望で終了")
        await pilot.press("ctrl+s")
        await settle(pilot)
        ended = dict(app.db.query(repo.list_matches, case_id=case_id)[0])
        assert (ended["state"], ended["end_reason"]) == ("ended", "本人の希望で終了")
