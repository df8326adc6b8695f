"""The support plan in the meeting: the goals step shows the current plan and edits a draft (F8);
approval (F9) only at a 重層的支援会議; the evaluation step marks each goal of the current plan."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.case_life_helpers import goto_step, open_meeting, record_notices, seed_case, seed_meeting
from tests.tui_helpers import make_app, pick_agency, settle, type_text
from welfare_tui.storage import repo
from welfare_tui.views.steps.plan import GoalEvaluationTable, PlanGoalTable


def approved_plan(app, case_id: int, meeting_id: int) -> dict:
    """A plan approved at `meeting_id` with two goals (seeded through storage)."""
    draft = app.db.run(repo.start_plan_draft, case_id=case_id)
    app.db.run(
        repo.update_plan, plan_id=draft["id"], intention="母は自宅で暮らしたい", direction="家族全体を支える"
    )
    for term, text, review in (
        ("long", "長男が社会とつながる", "2027-05-01"),
        ("short", "ごみの搬出", "2026-12-01"),
    ):
        app.db.run(
            repo.add_plan_goal,
            plan_id=draft["id"],
            values={"term": term, "text": text, "review_date": review},
        )
    return app.db.run(repo.approve_plan, plan_id=draft["id"], meeting_id=meeting_id)


async def write_draft(pilot, app) -> None:
    """On the goals step: F8, then the 意向 and one goal typed like a user."""
    await pilot.press("f8")
    await settle(pilot)
    assert app.focused is app.screen.query_one("#p-intention")
    await type_text(pilot, "母は自宅で暮らしたい。長男は働きたい")
    table = app.screen.query_one(PlanGoalTable)
    table.focus()
    await pilot.press("a")
    await settle(pilot)
    await type_text(pilot, "長男が週１回、𠮷田さんの作業所に通う")
    app.screen.query_one("#f-agency_id").focus()
    await pick_agency(pilot, "社会福祉協議会")
    app.screen.query_one("#f-review_date").focus()
    await type_text(pilot, "2027-02-01")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_a_draft_is_written_and_approved_at_a_juso_shien_kaigi(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = seed_case(app)
        meeting_id = seed_meeting(app, case_id, "juso_shien_kaigi")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "policy")
        assert "承認済みの支援プランはまだありません" in str(
            app.screen.query_one("#current-plan", Static).content
        )
        await write_draft(pilot, app)
        draft = app.db.query(repo.draft_plan, case_id=case_id)
        assert draft["intention"] == "母は自宅で暮らしたい。長男は働きたい"
        assert [(g["term"], g["text"], g["review_date"]) for g in draft["goals"]] == [
            ("short", "長男が週１回、𠮷田さんの作業所に通う", "2027-02-01")
        ]
        assert draft["goals"][0]["agency_id"]
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        plan = app.db.query(repo.current_plan, case_id=case_id)
        assert (plan["number"], plan["status"], plan["approved_date"]) == (1, "approved", "2026-11-20")
        assert app.db.query(repo.draft_plan, case_id=case_id) is None
        assert "第1版（承認済み）" in str(app.screen.query_one("#current-plan", Static).content)
        decisions = app.db.query(repo.meeting_decisions, meeting_id=meeting_id)
        assert [(e["decision"], e["to_stage"]) for e in decisions] == [("approve", "decided")]


async def test_a_shien_kaigi_may_draft_but_never_approve(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = seed_case(app)
        meeting_id = seed_meeting(app, case_id, "shien_kaigi")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "policy")
        await write_draft(pilot, app)
        await pilot.press("f9")
        await settle(pilot)
        assert any("重層的支援会議" in notice for notice in notices)
        assert app.db.query(repo.current_plan, case_id=case_id) is None
        assert app.db.query(repo.draft_plan, case_id=case_id)["status"] == "draft"
        assert app.db.query(repo.meeting_decisions, meeting_id=meeting_id) == []


async def test_the_evaluation_step_marks_every_goal_of_the_current_plan(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = seed_case(app, status="support")
        first = seed_meeting(app, case_id, "juso_shien_kaigi")
        plan = approved_plan(app, case_id, first)
        meeting_id = seed_meeting(app, case_id, "hyoka_kaigi")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "evaluation")
        table = app.screen.query_one(GoalEvaluationTable)
        assert [g["text"] for g in table.goals] == ["長男が社会とつながる", "ごみの搬出"]
        table.focus()
        await pilot.press("2")  # 一部達成
        await pilot.press("down", "enter")
        await settle(pilot)
        await type_text(pilot, "搬出は２回で完了")
        await pilot.press("ctrl+s")
        await settle(pilot)
        results = app.db.query(repo.meeting_evaluations, meeting_id=meeting_id)
        assert [(e["text"], e["result"], e["note"]) for e in results] == [
            ("長男が社会とつながる", "partial", ""),
            ("ごみの搬出", "achieved", "搬出は２回で完了"),
        ]
        await pilot.press("up", "4")  # changed: one evaluation per goal and meeting
        await settle(pilot)
        results = app.db.query(repo.meeting_evaluations, meeting_id=meeting_id)
        assert [e["result"] for e in results] == ["cancelled", "achieved"]
        assert plan["goals"][0]["uid"] == results[0]["goal_uid"]


async def test_plan_reviews_due_are_on_the_follow_up_dashboard(tmp_path: Path) -> None:
    from welfare_tui.views.screens.dashboard import DashboardScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = seed_case(app, status="support")
        approved_plan(app, case_id, seed_meeting(app, case_id, "juso_shien_kaigi"))
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        await pilot.press("3")  # this month: the short goal's review on 12-01 is not yet due
        await settle(pilot)
        assert [row.text for row in screen.shown if row.kind == "plan_review"] == []
        await pilot.press("4")  # all: both reviews, the earlier first
        await settle(pilot)
        reviews = [(row.due, row.text) for row in screen.shown if row.kind == "plan_review"]
        assert reviews == [("2026-12-01", "ごみの搬出"), ("2027-05-01", "長男が社会とつながる")]
        table = screen.query_one("#followups")
        assert "見直し" in [str(cell) for cell in table.get_row_at(0)]
        case_code = app.db.query(repo.get_case, case_id=case_id).code
        row = next(i for i, r in enumerate(screen.shown) if r.kind == "plan_review")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.case_filter.code == case_code


async def test_the_evaluation_step_still_shows_the_last_meetings_own_goals(tmp_path: Path) -> None:
    """A case without a plan: its earlier meeting's goals (items, as before plans) are shown as typed."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = seed_case(app, status="support")
        first = seed_meeting(app, case_id, "juso_shien_kaigi")
        app.db.run(
            repo.add_item, kind="goal", parent_id=first, values={"term": "short", "text": "[仮] 長男の就労"}
        )
        meeting_id = seed_meeting(app, case_id, "hyoka_kaigi")
        await open_meeting(pilot, meeting_id)
        await goto_step(pilot, "evaluation")
        assert "承認済みのプランがありません" in str(app.screen.query_one("#previous-goals", Static).content)
        shown = app.screen.query_one("#previous-meeting-goals", Static)
        assert "短期目標: [仮] 長男の就労" in str(shown.render())
