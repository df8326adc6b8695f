"""The case's life in a meeting document (version 2): the case's intakes, its stage history and its
plan versions (with their goals and the evaluations of each goal), read for a batch of cases with one
query per table, and the decision the meeting recorded (the last decision event naming it).

Meetings are named by uid (`stages[].meeting`, `plan[].approved_meeting`, `evaluations[].meeting`), so
the document means the same in any database; agencies by id, as everywhere in a document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from welfare_tui.records import values as v
from welfare_tui.storage.bulk import grouped
from welfare_tui.storage.document_shape import (
    DECISION_KEYS,
    EVALUATION_KEYS,
    INTAKE_KEYS,
    PLAN_GOAL_KEYS,
    PLAN_KEYS,
    STAGE_KEYS,
)
from welfare_tui.storage.models import (
    CaseEvent,
    GoalEvaluation,
    Intake,
    PlanGoal,
    SupportPlan,
)

EMPTY: dict[str, list[Any]] = {"intakes": [], "stages": [], "plan": []}


def read_lives(
    session: Session, case_ids: Iterable[int], case_meetings: Iterable[Any]
) -> dict[int, dict[str, list[Any]]]:
    """{case id: {intakes, stages, plan}} in document form, for every case of `case_ids`;
    `case_meetings`: (id, uid, date, round) of every meeting of those cases (documents.py reads them)."""
    ids = list(set(case_ids))
    if not ids:
        return {}
    meetings = {row.id: row for row in case_meetings}
    uid_of = {meeting_id: row.uid for meeting_id, row in meetings.items()}
    intakes = grouped(session, Intake, "case_id", ids)
    events = grouped(session, CaseEvent, "case_id", ids)
    plans = grouped(session, SupportPlan, "case_id", ids)
    plan_ids = [row.id for rows in plans.values() for row in rows]
    goals = grouped(session, PlanGoal, "plan_id", plan_ids) if plan_ids else {}
    goal_ids = [row.id for rows in goals.values() for row in rows]
    evaluations = grouped(session, GoalEvaluation, "goal_id", goal_ids) if goal_ids else {}

    def evaluation_order(row: Any) -> tuple[Any, ...]:
        meeting = meetings[row.meeting_id]  # a meeting of the case (approve_plan, evaluate_goal check it)
        return (meeting.date, meeting.round, meeting.uid)

    def goaldocument_row(row: Any) -> dict[str, Any]:
        done = sorted(evaluations.get(row.id, []), key=evaluation_order)
        return document_row(
            PLAN_GOAL_KEYS,
            row,
            evaluations=[
                document_row(
                    EVALUATION_KEYS,
                    e,
                    meeting_uid=meetings[e.meeting_id].uid,
                    meeting_date=meetings[e.meeting_id].date,
                )
                for e in done
            ],
        )

    lives = {}
    for case_id in ids:
        lives[case_id] = {
            "intakes": [
                document_row(INTAKE_KEYS, row, tags=json.loads(row.tags)) for row in intakes.get(case_id, [])
            ],
            "stages": [
                document_row(STAGE_KEYS, row, meeting_uid=uid_of.get(row.meeting_id))
                for row in events.get(case_id, [])
            ],
            "plan": [
                document_row(
                    PLAN_KEYS,
                    row,
                    approved_meeting_uid=uid_of.get(row.approved_meeting_id),
                    goals=[goaldocument_row(goal) for goal in goals.get(row.id, [])],
                )
                for row in sorted(plans.get(case_id, []), key=lambda plan: plan.number)
            ],
        }
    return lives


def document_row(keys: tuple[tuple[str, str], ...], row: Any, **given: Any) -> dict[str, Any]:
    """A row as document keys: `given` values for the columns that are not the row's own."""
    item = {}
    for key, column in keys:
        value = given[column] if column in given else getattr(row, column)
        item[key] = v.iso(value) if hasattr(value, "isoformat") else value
    return item


def meeting_decision(stages: list[dict[str, Any]], meeting_uid: str) -> dict[str, Any] | None:
    """The decision a meeting recorded (the last decision event naming it), or None."""
    decided = [e for e in stages if e["kind"] == "decision" and e["meeting"] == meeting_uid]
    if not decided:
        return None
    last = decided[-1]
    return {key: last[key] for key in DECISION_KEYS}


def life_agencies(life: dict[str, list[Any]]) -> list[Any]:
    """Every agency id the case's life refers to, in document order (for the document's agency map)."""
    return [
        *(a for intake in life["intakes"] for a in (intake["window"], intake["referred_to"])),
        *(event["to_agency"] for event in life["stages"]),
        *(goal["agency"] for plan in life["plan"] for goal in plan["goals"]),
    ]
