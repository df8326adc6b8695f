"""Two facilitators in two real apps on one database edit a step's notes and a table row (a role):
a change by the other opens the conflict dialog, a change to another field merges, and a stale edit
dialog never reverts what the other saved. Run on every backend (the `db_url` fixture)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.tui_helpers import make_app, open_only_meeting, seed_meeting, settle, type_text
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.views.modals.conflict import ConflictDialog
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.screens.meeting import MeetingScreen

REVIEW_STEP = 3  # 前回の振り返り: its notes are the step's own notes
ROLES_STEP = 9  # 役割分担


def with_session(db_url: str, function, **kwargs):
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            return function(session, **kwargs)
    finally:
        engine.dispose()


def stored_notes(db_url: str, meeting_id: int) -> str:
    return with_session(db_url, repo.get_meeting, meeting_id=meeting_id).steps[REVIEW_STEP]["notes"]


def stored_role(db_url: str, meeting_id: int) -> dict:
    return with_session(db_url, repo.list_items, kind="role", parent_id=meeting_id)[0]


def dialog_values(app) -> tuple[str, str]:
    assert isinstance(app.screen, ConflictDialog), type(app.screen)
    return (
        str(app.screen.query_one("#conflict-theirs-0").render()),
        str(app.screen.query_one("#conflict-yours-0").render()),
    )


async def go_to_step(pilot, index: int) -> None:
    await pilot.press("ctrl+g", "home", *(["down"] * index), "enter")
    await settle(pilot)


async def write_notes(pilot, text: str) -> None:
    """Focus the step's notes, type at their end and leave the box (which saves)."""
    pilot.app.screen.query_one("#n-notes").focus()
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.press("tab")
    await settle(pilot)


async def edit_role(pilot, **values: str) -> None:
    """Open the edit dialog of the first role (as the table holds it), type `values`, save."""
    pilot.app.screen.query_one("#table-role").focus()
    await pilot.press("e")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, ItemForm), type(form)
    for name, text in values.items():
        box = form.query_one(f"#f-{name}", Input)
        box.focus()
        box.value = ""  # as if the user selected the old text and typed over it
        await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_step_notes_of_another_app_are_never_overwritten_silently(tmp_path: Path, db_url: str) -> None:
    meeting_id = seed_meeting(db_url)
    first, second = make_app(tmp_path / "a", db_url), make_app(tmp_path / "b", db_url)
    async with first.run_test(size=(100, 32)) as pilot_a, second.run_test(size=(100, 32)) as pilot_b:
        for pilot in (pilot_a, pilot_b):
            await open_only_meeting(pilot)
            await go_to_step(pilot, REVIEW_STEP)
        await write_notes(pilot_a, "母の通院は継続")
        assert stored_notes(db_url, meeting_id) == "母の通院は継続"

        await write_notes(pilot_b, "長男と面談できた")
        assert dialog_values(second) == ("母の通院は継続", "長男と面談できた")
        assert stored_notes(db_url, meeting_id) == "母の通院は継続"
        await pilot_b.press("k")  # keep mine: saved over theirs knowingly
        await settle(pilot_b)
        assert isinstance(second.screen, MeetingScreen)
        assert stored_notes(db_url, meeting_id) == "長男と面談できた"

        # The first app read its notes before that: its next edit asks too, and taking theirs writes nothing.
        await write_notes(pilot_a, "。")
        assert dialog_values(first) == ("長男と面談できた", "母の通院は継続。")
        await pilot_a.press("t")
        await settle(pilot_a)
        assert first.screen.query_one("#n-notes").text == "長男と面談できた"
        assert stored_notes(db_url, meeting_id) == "長男と面談できた"


async def test_a_stale_row_dialog_never_reverts_the_other_apps_change(tmp_path: Path, db_url: str) -> None:
    meeting_id = seed_meeting(db_url)
    with_session(
        db_url,
        repo.add_item,
        kind="role",
        parent_id=meeting_id,
        values={"task": "自宅訪問", "person": "", "due_date": "2026-11-10"},
    )
    first, second = make_app(tmp_path / "a", db_url), make_app(tmp_path / "b", db_url)
    async with first.run_test(size=(110, 40)) as pilot_a, second.run_test(size=(110, 40)) as pilot_b:
        for pilot in (pilot_a, pilot_b):
            await open_only_meeting(pilot)
            await go_to_step(pilot, ROLES_STEP)

        await edit_role(pilot_a, due_date="2026-11-30")
        assert stored_role(db_url, meeting_id)["due_date"] == "2026-11-30"
        # The second app's table still shows 2026-11-10: editing another field merges, the due date stays.
        await edit_role(pilot_b, person="髙﨑")
        assert isinstance(second.screen, MeetingScreen), type(second.screen)
        role = stored_role(db_url, meeting_id)
        assert (role["person"], role["due_date"]) == ("髙﨑", "2026-11-30")

        # Both change the due date: the later save shows both dates; taking theirs keeps them.
        await edit_role(pilot_a, due_date="2026-12-05")
        await edit_role(pilot_b, due_date="2026-12-24")
        assert dialog_values(second) == ("2026-12-05", "2026-12-24")
        assert stored_role(db_url, meeting_id)["due_date"] == "2026-12-05"
        await pilot_b.press("t")
        await settle(pilot_b)
        assert isinstance(second.screen, MeetingScreen), type(second.screen)
        assert stored_role(db_url, meeting_id)["due_date"] == "2026-12-05"
        assert second.screen.query_one("#items-role").rows[0]["due_date"] == "2026-12-05"

        # A row the other app changed since this one read it is not deleted.
        await edit_role(pilot_a, person="山﨑")
        second.screen.query_one("#table-role").focus()
        await pilot_b.press("d", "y")
        await settle(pilot_b)
        role = stored_role(db_url, meeting_id)
        assert (role["person"], role["due_date"]) == ("山﨑", "2026-12-05")
        # The table now shows their change; deleting once more, knowingly, deletes.
        assert second.screen.query_one("#items-role").rows[0]["person"] == "山﨑"
        await pilot_b.press("d", "y")
        await settle(pilot_b)
        assert with_session(db_url, repo.list_items, kind="role", parent_id=meeting_id) == []


async def test_a_review_mark_over_another_facilitators_mark_asks_first(tmp_path: Path) -> None:
    """Last meeting's roles are marked done / continue / revise / drop; a mark someone else set since
    the list was read is not overwritten without the dialog."""
    from welfare_tui.demo import build_demo

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        case = next(c for c in app.screen.cases if c.code == "DEMO-2026-004")  # D氏世帯: one 支援会議
        previous = app.db.run(repo.list_meetings, case_id=case.id)[0]
        app.screen.query_one("#cases").move_cursor(row=app.screen.cases.index(case))
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("ctrl+s")  # a new 支援会議, today
        await settle(pilot)
        await go_to_step(pilot, REVIEW_STEP)
        role = with_session(url, repo.list_items, kind="role", parent_id=previous.id)[0]
        # Another facilitator marks the first role 見直し while this screen shows it open.
        with_session(
            url,
            repo.update_item,
            kind="role",
            item_id=role["id"],
            values={"status": "revise"},
            expected_version=role["version"],
            original={"status": role["status"]},
        )
        app.screen.query_one("#review-table").focus()
        await pilot.press("1")  # 完了
        await settle(pilot)
        assert dialog_values(app) == ("見直し", "完了")
        await pilot.press("t")
        await settle(pilot)
        assert with_session(url, repo.list_items, kind="role", parent_id=previous.id)[0]["status"] == "revise"
        assert "✎" in str(app.screen.query_one("#review-table").get_row_at(0))
        # Having seen their mark, a new one saves at once.
        await pilot.press("2")  # 継続
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert (
            with_session(url, repo.list_items, kind="role", parent_id=previous.id)[0]["status"] == "continue"
        )
