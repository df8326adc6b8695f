"""Two facilitators edit the same meeting field: the later save shows both values and the user
chooses; nothing is ever overwritten silently. Run on every backend (the `db_url` fixture).

"Another session" is either a direct repository write (as the CLI or another PC would do) or a
second app on the same database.
"""

from __future__ import annotations

from pathlib import Path

from tests.tui_helpers import make_app, open_only_meeting, seed_meeting, settle, type_text
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.views.modals.conflict import ConflictDialog
from welfare_tui.views.screens.meeting import MeetingScreen


def other_session_writes(db_url: str, meeting_id: int, **values) -> None:
    """Another facilitator saves: they read the meeting, then save their values over what they read."""
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            meeting = repo.get_meeting(session, meeting_id=meeting_id)
            repo.update_meeting(
                session,
                meeting_id=meeting_id,
                expected_version=meeting.version,
                original={name: getattr(meeting, name) for name in values},
                **values,
            )
    finally:
        engine.dispose()


def stored(db_url: str, meeting_id: int, name: str):
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            return getattr(repo.get_meeting(session, meeting_id=meeting_id), name)
    finally:
        engine.dispose()


def dialog_values(app) -> tuple[str, str]:
    dialog = app.screen
    assert isinstance(dialog, ConflictDialog), type(dialog)
    theirs = str(dialog.query_one("#conflict-theirs-0").render())
    yours = str(dialog.query_one("#conflict-yours-0").render())
    return theirs, yours


async def collide(pilot, db_url: str, meeting_id: int, theirs: str, mine: str) -> None:
    """Open the meeting; another session saves `theirs` as the purpose, then this user types `mine`."""
    await open_only_meeting(pilot)
    other_session_writes(db_url, meeting_id, purpose=theirs)
    await type_purpose_and_leave(pilot, mine)


async def type_purpose_and_leave(pilot, text: str) -> None:
    """The opening step opens with the purpose box focused; type, then Tab out (saves on leaving)."""
    assert pilot.app.focused.id == "m-purpose"
    await type_text(pilot, text)
    await pilot.press("tab")
    await settle(pilot)


async def test_take_theirs_puts_their_text_in_the_field_and_writes_nothing(
    tmp_path: Path, db_url: str
) -> None:
    meeting_id = seed_meeting(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 32)) as pilot:
        await collide(
            pilot, db_url, meeting_id, "長男の就労支援について協議する", "母の介護サービス導入を検討する"
        )

        assert dialog_values(app) == ("長男の就労支援について協議する", "母の介護サービス導入を検討する")
        # Until the user chooses, their text stays in the field and nothing is written.
        assert stored(db_url, meeting_id, "purpose") == "長男の就労支援について協議する"
        await pilot.press("t")
        await settle(pilot)

        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.query_one("#m-purpose").text == "長男の就労支援について協議する"
        assert stored(db_url, meeting_id, "purpose") == "長男の就労支援について協議する"
        # Taking theirs leaves nothing pending: moving on raises no second dialog.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.current_step == "attendance"


async def test_keep_mine_saves_over_theirs_knowingly(tmp_path: Path, db_url: str) -> None:
    meeting_id = seed_meeting(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 32)) as pilot:
        await collide(
            pilot, db_url, meeting_id, "長男の就労支援について協議する", "母の介護サービス導入を検討する"
        )
        assert dialog_values(app) == ("長男の就労支援について協議する", "母の介護サービス導入を検討する")
        await pilot.press("k")
        await settle(pilot)

        assert isinstance(app.screen, MeetingScreen)
        assert stored(db_url, meeting_id, "purpose") == "母の介護サービス導入を検討する"
        assert app.screen.query_one("#m-purpose").text == "母の介護サービス導入を検討する"
        # The form's version is current again: a further edit saves without any dialog.
        app.screen.query_one("#m-purpose").focus()
        await pilot.pause()
        await pilot.press("end")
        await type_purpose_and_leave(pilot, "。")
        assert isinstance(app.screen, MeetingScreen)
        assert stored(db_url, meeting_id, "purpose") == "母の介護サービス導入を検討する。"


async def test_decide_later_keeps_the_typed_text_and_asks_again(tmp_path: Path, db_url: str) -> None:
    meeting_id = seed_meeting(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 32)) as pilot:
        await collide(pilot, db_url, meeting_id, "他の人の趣旨", "自分の趣旨")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.query_one("#m-purpose").text == "自分の趣旨"
        assert stored(db_url, meeting_id, "purpose") == "他の人の趣旨"
        # Leaving the step saves what is pending: the question comes back instead of an overwrite.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert dialog_values(app) == ("他の人の趣旨", "自分の趣旨")
        assert stored(db_url, meeting_id, "purpose") == "他の人の趣旨"


async def test_a_change_to_another_field_merges_without_a_dialog(tmp_path: Path, db_url: str) -> None:
    meeting_id = seed_meeting(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_only_meeting(pilot)
        other_session_writes(db_url, meeting_id, chair="地域福祉課長 佐藤")
        await type_purpose_and_leave(pilot, "情報を共有する")
        assert isinstance(app.screen, MeetingScreen)
        assert stored(db_url, meeting_id, "purpose") == "情報を共有する"
        assert stored(db_url, meeting_id, "chair") == "地域福祉課長 佐藤"


async def test_rounds_of_concurrent_edits_never_overwrite_silently(tmp_path: Path, db_url: str) -> None:
    """Round after round the other facilitator saves the same field first; each time the dialog must
    come and the stored value must be exactly the one the user chose. Silent overwrites are counted."""
    meeting_id = seed_meeting(db_url)
    app = make_app(tmp_path, db_url)
    silent_overwrites = 0
    dialogs = 0
    async with app.run_test(size=(100, 32)) as pilot:
        await open_only_meeting(pilot)
        for round_number in range(4):
            theirs, mine = f"他の人の案{round_number}", f"自分の案{round_number}"
            other_session_writes(db_url, meeting_id, purpose=theirs)
            box = app.screen.query_one("#m-purpose")
            box.focus()
            await pilot.pause()
            box.clear()  # as if the user selected the text and typed over it
            await type_purpose_and_leave(pilot, mine)
            if not isinstance(app.screen, ConflictDialog):
                silent_overwrites += stored(db_url, meeting_id, "purpose") != theirs
                continue
            dialogs += 1
            assert dialog_values(app)[0] == theirs
            choice = "k" if round_number % 2 else "t"
            await pilot.press(choice)
            await settle(pilot)
            assert stored(db_url, meeting_id, "purpose") == (mine if choice == "k" else theirs)
    assert silent_overwrites == 0
    assert dialogs == 4


async def test_two_apps_on_one_database(tmp_path: Path, db_url: str) -> None:
    meeting_id = seed_meeting(db_url)
    first, second = make_app(tmp_path / "a", db_url), make_app(tmp_path / "b", db_url)
    async with first.run_test(size=(100, 32)) as pilot_a, second.run_test(size=(100, 32)) as pilot_b:
        await open_only_meeting(pilot_a)
        await open_only_meeting(pilot_b)
        await type_purpose_and_leave(pilot_a, "Aさんの趣旨")
        assert stored(db_url, meeting_id, "purpose") == "Aさんの趣旨"
        await type_purpose_and_leave(pilot_b, "Bさんの趣旨")
        assert dialog_values(second) == ("Aさんの趣旨", "Bさんの趣旨")
        assert stored(db_url, meeting_id, "purpose") == "Aさんの趣旨"
        await pilot_b.press("t")
        await settle(pilot_b)
        assert second.screen.query_one("#m-purpose").text == "Aさんの趣旨"
        assert stored(db_url, meeting_id, "purpose") == "Aさんの趣旨"


async def test_a_button_save_that_collides_can_keep_mine(tmp_path: Path, db_url: str) -> None:
    """The confidentiality button saves through StepView.save_meeting: its dialog works the same way."""
    meeting_id = seed_meeting(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_only_meeting(pilot)
        await pilot.press("ctrl+g", "home", "down", "down", "enter")  # 守秘義務の確認
        await settle(pilot)
        other_session_writes(db_url, meeting_id, confidentiality_confirmed_at="13:55")
        app.screen.query_one("#confirm-statement").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert dialog_values(app)[0].startswith("13:55")
        await pilot.press("k")
        await settle(pilot)
        assert stored(db_url, meeting_id, "confidentiality_confirmed_at") == "14:00"
