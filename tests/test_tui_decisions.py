"""Decisions in the meeting (F7 on the evaluation and closing steps): the rule module decides what a
meeting type may record; 終結 asks the closure reason and the open roles; 引継ぎ asks the agency."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.case_life_helpers import goto_step, open_meeting, seed_case, seed_meeting
from tests.tui_helpers import make_app, pick_agency, settle, type_text
from welfare_tui.storage import repo
from welfare_tui.views.steps.decision import DecisionDialog
from welfare_tui.views.widgets.key_bar import screen_hints


def decision_shown(app) -> str:
    return str(app.screen.query_one("#case-decision", Static).content)


async def test_a_shien_kaigi_is_refused_support_decided_and_may_suspend(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = seed_case(app)
        meeting_id = seed_meeting(app, case_id, "shien_kaigi")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "closing")
        assert "f7" in {hint.key for hint in screen_hints(app.screen)}
        assert decision_shown(app) == "この会議の決定：まだ記録していません"
        await pilot.press("f7")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog)
        for key in ("3", "4", "5", "2"):  # 支援決定, 引継ぎ, 終結, プラン見直し: 重層的支援会議 only
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is dialog
            assert "重層的支援会議" in str(dialog.query_one("#form-error", Static).content)
        assert app.db.query(repo.meeting_decisions, meeting_id=meeting_id) == []
        await pilot.press("6")  # 中断
        await settle(pilot)
        await type_text(pilot, "本人と連絡が取れない")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert decision_shown(app) == "この会議の決定：中断（理由：本人と連絡が取れない）"
        events = app.db.query(repo.meeting_decisions, meeting_id=meeting_id)
        assert [(e["decision"], e["to_stage"], e["reason"]) for e in events] == [
            ("suspend", "suspended", "本人と連絡が取れない")
        ]
        assert app.db.query(repo.get_case, case_id=case_id).status == "suspended"


async def test_closing_asks_the_reason_and_settles_the_open_roles(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = seed_case(app, status="support")
        meeting_id = seed_meeting(app, case_id, "juso_shien_kaigi")
        kept = app.db.run(
            repo.add_item,
            kind="role",
            parent_id=meeting_id,
            values={"task": "𠮷田さん宅の訪問", "person": "山﨑"},
        )
        dropped = app.db.run(
            repo.add_item, kind="role", parent_id=meeting_id, values={"task": "家計の見直し"}
        )
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "closing")
        await pilot.press("f7", "5")
        await settle(pilot)
        form = app.screen
        labels = [widget.content for widget in form.query(".field-label")]
        assert "未了の役割：𠮷田さん宅の訪問＊" in [str(text) for text in labels]
        # The closure reason: the configured list, 目標達成 first; choose 転出 (the fourth).
        form.query_one("#f-closure_reason").focus()
        await pilot.press("enter", "down", "down", "down", "enter")
        form.query_one(f"#f-role_{dropped['id']}").focus()
        await pilot.press("enter", "down", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert decision_shown(app) == "この会議の決定：終結（理由：転出）"
        case = app.db.query(repo.get_case, case_id=case_id)
        assert case.status == "closed"
        statuses = {
            row["id"]: row["status"]
            for row in app.db.query(repo.list_items, kind="role", parent_id=meeting_id)
        }
        assert statuses == {kept["id"]: "done", dropped["id"]: "dropped"}
        history = app.db.query(repo.stage_history, case_id=case_id)
        assert (history[-1]["decision"], history[-1]["closure_reason"]) == ("close", "moved")


async def test_a_hand_over_needs_the_agency(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = seed_case(app, status="support")
        meeting_id = seed_meeting(app, case_id, "hyoka_kaigi")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "evaluation")
        await pilot.press("f7", "4")
        await settle(pilot)
        await pilot.press("ctrl+s")  # no agency: the form says so and stays
        await settle(pilot)
        assert "引継ぎ先" in str(app.screen.query_one("#form-error").content)
        app.screen.query_one("#f-to_agency").focus()
        await pick_agency(pilot, "地域包括")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert decision_shown(app).startswith("この会議の決定：引継ぎ（理由：")
        case = app.db.query(repo.get_case, case_id=case_id)
        assert case.status == "handed_over" and case.lead_agency_id


async def test_support_decided_needs_consent(tmp_path: Path) -> None:
    """A 重層的支援会議 of a case whose consent is gone: the rule refuses 支援決定 in the dialog."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = seed_case(app)
        meeting_id = seed_meeting(app, case_id, "juso_shien_kaigi")
        app.db.run(repo.withdraw_consent, case_id=case_id, date="2026-11-20", note="本人の申し出")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "closing")
        await pilot.press("f7", "3")
        await settle(pilot)
        assert isinstance(app.screen, DecisionDialog)
        assert "同意" in str(app.screen.query_one("#form-error", Static).content)
        await pilot.press("escape")
        await settle(pilot)
        assert app.db.query(repo.meeting_decisions, meeting_id=meeting_id) == []


async def test_continue_at_a_shien_kaigi_brings_an_intake_case_to_its_stage(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = seed_case(app, consent="none", status="intake")
        meeting_id = seed_meeting(app, case_id, "shien_kaigi")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "closing")
        await pilot.press("f7", "1")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert decision_shown(app) == "この会議の決定：継続"
        assert app.db.query(repo.get_case, case_id=case_id).status == "shien_kaigi"
