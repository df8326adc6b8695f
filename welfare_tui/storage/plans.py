"""The support plan across meetings (支援プラン, domain.md §13.4): versions of a case's plan, each a
draft until a 重層的支援会議 approves it (case_lifecycle.plan_approval_refusal), the approved one in
force until the next is approved; goals (長期/短期, owner agency, term, review date) and their
evaluation at a meeting (達成 / 一部達成 / 未達成 / 中止). Only a draft is edited: a new version starts
as a copy of the latest one, each goal keeping its uid."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from welfare_tui import case_lifecycle as rules
from welfare_tui.errors import Conflict, InvalidInput, NotFound, RuleRefused
from welfare_tui.i18n import label, t
from welfare_tui.storage.conflicts import flush_versioned
from welfare_tui.storage.lifecycle_rows import checked, row_dict
from welfare_tui.storage.models import Case, GoalEvaluation, Meeting, PlanGoal, SupportPlan

_PLAN_FIELDS = ("intention", "direction", "participation", "outreach", "links_note")
_COPIED = (*_PLAN_FIELDS,)
_GOAL_COPIED = ("term", "text", "agency_id", "period", "review_date")


def current_plan(session: Session, *, case_id: int) -> dict[str, Any] | None:
    """The approved plan in force (the latest approved version), or None."""
    return _latest(session, case_id, "approved")


def draft_plan(session: Session, *, case_id: int) -> dict[str, Any] | None:
    """The draft being written, or None."""
    return _latest(session, case_id, "draft")


def plan_versions(session: Session, *, case_id: int) -> list[dict[str, Any]]:
    """Every version of the case's plan, oldest first, each with its goals and their evaluations."""
    _case(session, case_id)
    rows = session.exec(
        select(SupportPlan).where(SupportPlan.case_id == case_id).order_by(col(SupportPlan.number))
    ).all()
    return [plan_dict(session, row) for row in rows]


def get_plan(session: Session, *, plan_id: int) -> dict[str, Any]:
    return plan_dict(session, _plan(session, plan_id))


def start_plan_draft(session: Session, *, case_id: int) -> dict[str, Any]:
    """The case's draft: the one being written, or a new version copied from the latest (goals with
    their uids), or an empty first version."""
    _case(session, case_id)
    existing = _latest_row(session, case_id, "draft")
    if existing is not None:
        return plan_dict(session, existing)
    latest = session.exec(
        select(SupportPlan).where(SupportPlan.case_id == case_id).order_by(col(SupportPlan.number).desc())
    ).first()
    plan = SupportPlan(case_id=case_id, number=(latest.number + 1) if latest else 1, status="draft")
    if latest is not None:
        for name in _COPIED:
            setattr(plan, name, getattr(latest, name))
    session.add(plan)
    session.flush()
    if latest is not None:
        for goal in _goals(session, latest.id):
            session.add(
                PlanGoal(
                    plan_id=_id(plan),
                    uid=goal.uid,
                    position=goal.position,
                    **{name: getattr(goal, name) for name in _GOAL_COPIED},
                )
            )
        session.flush()
    return plan_dict(session, plan)


def update_plan(
    session: Session, *, plan_id: int, expected_version: int | None = None, **fields: Any
) -> dict[str, Any]:
    """Change a draft's 意向, 方向性 and links (参加支援, アウトリーチ, their note)."""
    plan = _draft(session, plan_id)
    if expected_version is not None and plan.version != expected_version:
        raise Conflict("plan", plan_id, plan.version, {})
    values = checked(session, "plan", fields)
    for name in values:
        if name not in _PLAN_FIELDS:
            raise InvalidInput(t("storage.fixed_field", name=name))
    for name, value in values.items():
        setattr(plan, name, value)
    session.add(plan)
    flush_versioned(session, "plan", plan)
    return plan_dict(session, plan)


def add_plan_goal(session: Session, *, plan_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Append a goal to a draft (`term`, `text`, `agency_id`, `period`, `review_date`)."""
    plan = _draft(session, plan_id)
    fields = checked(session, "plan_goal", values)
    if not str(fields.get("text", "")).strip():
        raise InvalidInput(t("lifecycle.goal_text_missing"))
    position = session.exec(select(func.max(PlanGoal.position)).where(PlanGoal.plan_id == plan.id)).one()
    goal = PlanGoal(plan_id=_id(plan), uid=uuid.uuid4().hex, position=(position or 0) + 1, **fields)
    session.add(goal)
    session.flush()
    return goal_dict(goal, [])


def update_plan_goal(
    session: Session, *, goal_id: int, values: dict[str, Any], expected_version: int | None = None
) -> dict[str, Any]:
    goal = _goal(session, goal_id)
    _draft(session, goal.plan_id)
    if expected_version is not None and goal.version != expected_version:
        raise Conflict("plan_goal", goal_id, goal.version, {})
    for name, value in checked(session, "plan_goal", values).items():
        setattr(goal, name, value)
    session.add(goal)
    flush_versioned(session, "plan_goal", goal)
    return goal_dict(goal, [])


def delete_plan_goal(session: Session, *, goal_id: int) -> None:
    goal = _goal(session, goal_id)
    _draft(session, goal.plan_id)
    session.delete(goal)
    session.flush()


def approve_plan(session: Session, *, plan_id: int, meeting_id: int) -> dict[str, Any]:
    """Approve a draft at a 重層的支援会議 of the same case (支援決定日: the meeting's date); the
    version approved before is superseded. Any other meeting type: RuleRefused."""
    plan = _draft(session, plan_id)
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(t("storage.no_meeting_id", id=meeting_id))
    refusal = rules.plan_approval_refusal(meeting.type)
    if refusal:
        raise RuleRefused(refusal)
    if meeting.case_id != plan.case_id:
        raise RuleRefused(t("lifecycle.plan_other_case", id=plan_id))
    for old in session.exec(
        select(SupportPlan).where(SupportPlan.case_id == plan.case_id, SupportPlan.status == "approved")
    ).all():
        old.status = "superseded"
        session.add(old)
        flush_versioned(session, "plan", old)
    plan.status = "approved"
    plan.approved_meeting_id = meeting.id
    plan.approved_date = meeting.date
    session.add(plan)
    flush_versioned(session, "plan", plan)
    return plan_dict(session, plan)


def evaluate_goal(
    session: Session, *, goal_id: int, meeting_id: int, result: str, note: str = ""
) -> dict[str, Any]:
    """Record (or change) how a goal went as `meeting` judged it; the goal must be in a plan of the
    meeting's case. Returns the evaluation."""
    goal = _goal(session, goal_id)
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(t("storage.no_meeting_id", id=meeting_id))
    if _plan(session, goal.plan_id).case_id != meeting.case_id:
        raise RuleRefused(t("lifecycle.goal_other_case", id=goal_id))
    values = checked(session, "goal_evaluation", {"result": result, "note": note})
    row = session.exec(
        select(GoalEvaluation).where(
            GoalEvaluation.goal_id == goal_id, GoalEvaluation.meeting_id == meeting_id
        )
    ).first()
    if row is None:
        row = GoalEvaluation(goal_id=goal_id, meeting_id=meeting_id, **values)
    else:
        for name, value in values.items():
            setattr(row, name, value)
    session.add(row)
    flush_versioned(session, "goal_evaluation", row)
    return evaluation_dict(row)


def meeting_evaluations(session: Session, *, meeting_id: int) -> list[dict[str, Any]]:
    """The goal evaluations a meeting made, each with its goal's uid, term and text."""
    rows = session.exec(
        select(GoalEvaluation, PlanGoal)
        .join(PlanGoal, col(PlanGoal.id) == col(GoalEvaluation.goal_id))
        .where(GoalEvaluation.meeting_id == meeting_id)
        .order_by(col(PlanGoal.position), col(PlanGoal.id))
    ).all()
    return [
        evaluation_dict(row) | {"goal_uid": goal.uid, "term": goal.term, "text": goal.text}
        for row, goal in rows
    ]


def plan_reviews_due(
    session: Session, *, until: dt.date | str, case_id: int | None = None
) -> list[dict[str, Any]]:
    """Goals of approved plans in force whose review date is on or before `until`, for cases not
    closed, earliest first: the case, the plan version and the goal."""
    from welfare_tui.records import values as v

    day = v.required_date("until", until)
    query = (
        select(PlanGoal, SupportPlan, Case)
        .join(SupportPlan, col(SupportPlan.id) == col(PlanGoal.plan_id))
        .join(Case, col(Case.id) == col(SupportPlan.case_id))
        .where(
            SupportPlan.status == "approved",
            col(PlanGoal.review_date).is_not(None),
            col(PlanGoal.review_date) <= day,
            col(Case.status).not_in(tuple(rules.ENDED)),
        )
    )
    if case_id is not None:
        query = query.where(Case.id == case_id)
    rows = session.exec(
        query.order_by(col(PlanGoal.review_date), col(Case.code), col(PlanGoal.position))
    ).all()
    return [
        goal_dict(goal, [])
        | {"case_id": case.id, "case_code": case.code, "case_label": case.label, "plan_number": plan.number}
        for goal, plan, case in rows
    ]


def plan_dict(session: Session, plan: SupportPlan) -> dict[str, Any]:
    """A plan version with its approving meeting's uid and its goals, each with its evaluations."""
    data = row_dict("plan", plan, "case_id", "version", "approved_meeting_id")
    data["status_label"] = label("plan_status", plan.status)
    meeting = session.get(Meeting, plan.approved_meeting_id) if plan.approved_meeting_id else None
    data["approved_meeting_uid"] = meeting.uid if meeting else None
    goals = _goals(session, _id(plan))
    evaluations: dict[int, list[dict[str, Any]]] = {goal.id or 0: [] for goal in goals}
    if goals:
        for row in session.exec(
            select(GoalEvaluation)
            .where(col(GoalEvaluation.goal_id).in_(list(evaluations)))
            .order_by(col(GoalEvaluation.id))
        ).all():
            evaluations[row.goal_id].append(evaluation_dict(row))
    data["goals"] = [goal_dict(goal, evaluations[goal.id or 0]) for goal in goals]
    return data


def goal_dict(goal: PlanGoal, evaluations: list[dict[str, Any]]) -> dict[str, Any]:
    data = row_dict("plan_goal", goal, "plan_id", "uid", "position", "version")
    data["evaluations"] = evaluations
    return data


def evaluation_dict(row: GoalEvaluation) -> dict[str, Any]:
    return row_dict("goal_evaluation", row, "goal_id", "version")


def _latest(session: Session, case_id: int, status: str) -> dict[str, Any] | None:
    _case(session, case_id)
    row = _latest_row(session, case_id, status)
    return plan_dict(session, row) if row is not None else None


def _latest_row(session: Session, case_id: int, status: str) -> SupportPlan | None:
    return session.exec(
        select(SupportPlan)
        .where(SupportPlan.case_id == case_id, SupportPlan.status == status)
        .order_by(col(SupportPlan.number).desc())
    ).first()


def _goals(session: Session, plan_id: int | None) -> list[PlanGoal]:
    return list(
        session.exec(
            select(PlanGoal)
            .where(PlanGoal.plan_id == plan_id)
            .order_by(col(PlanGoal.position), col(PlanGoal.id))
        ).all()
    )


def _draft(session: Session, plan_id: int) -> SupportPlan:
    plan = _plan(session, plan_id)
    if plan.status != "draft":
        raise RuleRefused(
            t("lifecycle.plan_not_draft", number=plan.number, status=label("plan_status", plan.status))
        )
    return plan


def _plan(session: Session, plan_id: int) -> SupportPlan:
    plan = session.get(SupportPlan, plan_id)
    if plan is None:
        raise NotFound(t("lifecycle.no_plan_id", id=plan_id))
    return plan


def _goal(session: Session, goal_id: int) -> PlanGoal:
    goal = session.get(PlanGoal, goal_id)
    if goal is None:
        raise NotFound(t("lifecycle.no_goal", id=goal_id))
    return goal


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(t("storage.no_case_id", id=case_id))
    return case


def _id(row: SupportPlan) -> int:
    if row.id is None:
        raise ValueError("the plan has not been saved yet")
    return row.id
