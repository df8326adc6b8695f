"""The whole life of a case through the TUI, as a coordinator lives it: an intake accepted as a case,
a 支援会議 (consent obtained), a 重層的支援会議 approving the plan (支援決定), an evaluation meeting
revising it, and closure with a reason. The stage history (storage API) matches each step, and so do
what leaves the program: the minutes state each decision, the plan sheet shows the plan in force with
its evaluation, and the YAML carries the intake, the stage history and the plan's versions."""

from __future__ import annotations

from pathlib import Path

import yaml
from textual.widgets import Select
from typer.testing import CliRunner

from tests.case_life_helpers import goto_step
from tests.tui_helpers import make_app, pick_agency, settle, type_text
from welfare_tui.cli import app as cli
from welfare_tui.storage import repo
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.screens.home import HomeScreen
from welfare_tui.views.screens.meeting import MeetingScreen
from welfare_tui.views.steps.plan import GoalEvaluationTable, PlanGoalTable


async def typed_into(pilot, widget_id: str, text: str) -> None:
    """Focus a field of the screen, empty it from the keyboard and type `text`."""
    field = pilot.app.screen.query_one(widget_id)
    field.focus()
    await pilot.press("end", *["backspace"] * len(field.value))
    await type_text(pilot, text)


async def intake_to_case(pilot) -> str:
    await settle(pilot)
    await pilot.press("i", "a")
    await settle(pilot)
    await typed_into(pilot, "#f-label", "𠮷田世帯")
    pilot.app.screen.query_one("#f-concern").focus()
    await type_text(pilot, "82歳の母と長男（髙﨑）の二人暮らし。近隣からごみの苦情")
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    code = pilot.app.screen.query_one("#f-code").value
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen) and pilot.app.screen.case_filter.code == code
    return code


async def new_meeting(pilot, agenda: str, day: str) -> int:
    """m on the home screen: the agenda, the date, save; the meeting screen opens."""
    await pilot.press("m")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, ItemForm)
    form.query_one("#f-agenda", Select).value = agenda
    await typed_into(pilot, "#f-date", day)
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen), screen
    return screen.meeting_id


async def decide(pilot, key: str, reason: str = "") -> None:
    """On a step with decisions: F7, the decision's number, the reason, save."""
    await pilot.press("f7", key)
    await settle(pilot)
    if reason:
        pilot.app.screen.query_one("#f-reason").focus()
        await type_text(pilot, reason)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def leave(pilot) -> None:
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)


async def shien_kaigi_with_consent(pilot) -> int:
    meeting = await new_meeting(pilot, "shien_kaigi", "2026-11-20")
    await goto_step(pilot, "case_summary")
    screen = pilot.app.screen
    screen.query_one("#c-consent_status").focus()
    await pilot.press("enter", "down", "down", "enter")  # なし → 口頭 → 書面
    await typed_into(pilot, "#c-consent_date", "2026-11-20")
    await goto_step(pilot, "closing")
    await decide(pilot, "1", "同意を得て重層的支援会議へ")
    await leave(pilot)
    return meeting


async def add_goal(pilot, text: str, review: str) -> None:
    pilot.app.screen.query_one(PlanGoalTable).focus()
    await pilot.press("a")
    await settle(pilot)
    await type_text(pilot, text)
    pilot.app.screen.query_one("#f-agency_id").focus()
    await pick_agency(pilot, "社会福祉協議会")
    await typed_into(pilot, "#f-review_date", review)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def approve_draft(pilot) -> None:
    await pilot.press("f9")
    await settle(pilot)
    await pilot.press("y")
    await settle(pilot)


async def plenary_approving_a_plan(pilot) -> int:
    meeting = await new_meeting(pilot, "juso_shien_kaigi", "2026-12-04")
    await goto_step(pilot, "policy")
    await pilot.press("f8")
    await settle(pilot)
    await type_text(pilot, "母は自宅で暮らし続けたい")
    await add_goal(pilot, "ごみの搬出を月１回、𠮷田さんと行う", "2027-03-01")
    await approve_draft(pilot)
    await leave(pilot)
    return meeting


async def evaluation_revising_it(pilot) -> int:
    meeting = await new_meeting(pilot, "hyoka_kaigi", "2027-03-05")
    await goto_step(pilot, "evaluation")
    pilot.app.screen.query_one(GoalEvaluationTable).focus()
    await pilot.press("2")  # 一部達成
    await settle(pilot)
    await goto_step(pilot, "policy")
    await pilot.press("f8")
    await settle(pilot)
    await add_goal(pilot, "長男が週１回、作業所に通う", "2027-06-01")
    await approve_draft(pilot)
    await leave(pilot)
    return meeting


async def closing_with_a_reason(pilot) -> int:
    meeting = await new_meeting(pilot, "hyoka_kaigi", "2027-06-04")
    await goto_step(pilot, "closing")
    await decide(pilot, "5", "目標をすべて達成")  # 終結, the reason offered first: 目標達成
    await leave(pilot)
    return meeting


async def test_the_whole_life_of_a_case(tmp_path: Path, db_url: str) -> None:
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        code = await intake_to_case(pilot)
        case = app.db.query(repo.get_case_by_code, code=code)
        first = await shien_kaigi_with_consent(pilot)
        plenary = await plenary_approving_a_plan(pilot)
        evaluation = await evaluation_revising_it(pilot)
        last = await closing_with_a_reason(pilot)

        history = app.db.query(repo.stage_history, case_id=case.id)
        assert [
            (e["kind"], e["decision"], e["from_stage"], e["to_stage"], e["meeting_id"]) for e in history
        ] == [
            ("opened", "", "", "intake", None),
            ("consent", "", "intake", "planning", None),  # consent obtained in the 支援会議
            ("decision", "continue", "planning", "planning", first),
            ("decision", "approve", "planning", "decided", plenary),
            ("decision", "plan_review", "decided", "support", evaluation),
            ("decision", "close", "support", "closed", last),
        ]
        assert history[-1]["closure_reason"] == "goal_achieved"
        assert history[-1]["reason"] == "目標をすべて達成"
        final = app.db.query(repo.get_case, case_id=case.id)
        assert (final.status, final.consent_status) == ("closed", "written")

        plans = app.db.query(repo.plan_versions, case_id=case.id)
        assert [(p["number"], p["status"], p["approved_meeting_id"]) for p in plans] == [
            (1, "superseded", plenary),
            (2, "approved", evaluation),
        ]
        assert plans[0]["intention"] == "母は自宅で暮らし続けたい"
        assert [g["text"] for g in plans[1]["goals"]] == [
            "ごみの搬出を月１回、𠮷田さんと行う",
            "長男が週１回、作業所に通う",
        ]
        evaluations = app.db.query(repo.meeting_evaluations, meeting_id=evaluation)
        assert [(e["text"], e["result"]) for e in evaluations] == [
            ("ごみの搬出を月１回、𠮷田さんと行う", "partial")
        ]
        intake = app.db.query(repo.list_intakes)[0]
        assert (intake["outcome"], intake["case_code"]) == ("accepted", code)

        meetings = (first, plenary, evaluation, last)
    exported_life_matches(db_url, code, meetings, history)


def export(db_url: str, meeting: int, fmt: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db_url, "export", str(meeting), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def exported_life_matches(db_url: str, code: str, meetings: tuple[int, ...], history: list) -> None:
    first, plenary, evaluation, last = meetings
    decided = {meeting: export(db_url, meeting, "md") for meeting in meetings}
    assert "決定：継続" in decided[first]
    assert "決定：支援決定" in decided[plenary]
    assert "決定：プラン見直し" in decided[evaluation]
    closing = next(line for line in decided[last].splitlines() if "決定：" in line)
    assert "終結" in closing and "目標達成" in closing

    sheet = export(db_url, evaluation, "plan")  # the plan in force at the evaluation: version 2
    for text in (
        "母は自宅で暮らし続けたい",
        "ごみの搬出を月１回、𠮷田さんと行う",
        "長男が週１回、作業所に通う",
    ):
        assert text in sheet
    assert "一部達成" in sheet

    doc = yaml.safe_load(export(db_url, last, "yaml"))
    case = doc["case"]
    assert (case["code"], case["status"]) == (code, "closed")
    assert [(e["kind"], e["decision"], e["to"]) for e in case["stages"]] == [
        (e["kind"], e["decision"], e["to_stage"]) for e in history
    ]
    assert [intake["outcome"] for intake in case["intakes"]] == ["accepted"]
    assert [(version["number"], version["status"]) for version in case["plan"]] == [
        (1, "superseded"),
        (2, "approved"),
    ]
    assert doc["meeting"]["decision"]["decision"] == "close"
