"""Writing the case's life of a checked meeting document (document_life_check.py) as changes to what
the database holds, so that re-importing an unchanged file writes nothing:

* intakes are matched by uid: a new one is added, a changed one updated; none is deleted;
* stage events are matched by uid and only ever added (history is not rewritten); an event whose
  meeting was not in the database when it was added gets it when that meeting arrives;
* plan versions are matched by number and updated where they differ; a version's goals are matched
  by uid and become exactly the document's; evaluations are matched by goal and meeting.

Meetings are named by uid: one this database does not hold yet leaves the event without its meeting
and the evaluation out, until the document of that meeting is imported (it carries them again).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, select

from welfare_tui.storage import audit
from welfare_tui.storage.bulk import grouped, insert_rows
from welfare_tui.storage.models import (
    CaseEvent,
    GoalEvaluation,
    Intake,
    Meeting,
    PlanGoal,
    SupportPlan,
    table_of,
    utc_now,
)


def write_life(session: Session, case_id: int, life: dict[str, Any], changes: list[audit.Change]) -> bool:
    """Write one document's life of case `case_id`; True when anything was written."""
    intakes, stages, plans = life["intakes"], life["stages"], life["plans"]
    if not (intakes or stages or plans):
        return False  # a version 1 document, or a case with no life recorded yet: nothing to compare
    meeting_ids = meeting_ids_of(session, _named_meetings(stages or [], plans or []))
    changed = _write_intakes(session, case_id, intakes or [], changes)
    changed = _write_stages(session, case_id, stages or [], meeting_ids, changes) or changed
    for plan in plans or []:
        changed = _write_plan(session, case_id, plan, meeting_ids, changes) or changed
    return changed


def _named_meetings(stages: list[dict[str, Any]], plans: list[dict[str, Any]]) -> set[str]:
    named = {e["meeting_uid"] for e in stages} | {p["approved_meeting_uid"] for p in plans}
    named |= {e["meeting_uid"] for p in plans for g in p["goals"] for e in g["evaluations"]}
    named.discard(None)
    return named


def meeting_ids_of(session: Session, uids: Iterable[str], *, always: bool = False) -> dict[str | None, int]:
    """{uid: id} of the meetings of `uids` this database holds (asked even for none when `always`)."""
    wanted = list(uids)
    if not wanted and not always:
        return {}
    c = table_of(Meeting).c
    return {
        uid: meeting_id for uid, meeting_id in session.execute(select(c.uid, c.id).where(c.uid.in_(wanted)))
    }


def _write_intakes(
    session: Session, case_id: int, intakes: list[dict[str, Any]], changes: list[audit.Change]
) -> bool:
    if not intakes:
        return False
    c = table_of(Intake).c
    uids = [row["uid"] for row in intakes]
    stored = {row.uid: row for row in session.execute(select(*c).where(c.uid.in_(uids)))}
    new = [{**row, "case_id": case_id} for row in intakes if row["uid"] not in stored]
    insert_rows(session, Intake, new, changes, identified_by=("uid",))
    changed = bool(new)
    for row in intakes:
        if row["uid"] in stored:
            changed = (
                update_changed(session, Intake, stored[row["uid"]], {**row, "case_id": case_id}) or changed
            )
    return changed


def _write_stages(
    session: Session,
    case_id: int,
    stages: list[dict[str, Any]],
    meeting_ids: dict[str | None, int],
    changes: list[audit.Change],
) -> bool:
    if not stages:
        return False
    stored = {row.uid: row for row in grouped(session, CaseEvent, "case_id", [case_id]).get(case_id, [])}
    new = []
    changed = False
    for event in stages:
        fields = {key: value for key, value in event.items() if key != "meeting_uid"}
        meeting_id = meeting_ids.get(event["meeting_uid"])
        before = stored.get(event["uid"])
        if before is None:
            new.append({**fields, "case_id": case_id, "meeting_id": meeting_id})
        elif before.meeting_id is None and meeting_id is not None:
            changed = update_changed(session, CaseEvent, before, {"meeting_id": meeting_id}) or changed
    insert_rows(session, CaseEvent, new, changes, identified_by=("case_id", "uid"))
    return changed or bool(new)


def _write_plan(
    session: Session,
    case_id: int,
    plan: dict[str, Any],
    meeting_ids: dict[str | None, int],
    changes: list[audit.Change],
) -> bool:
    fields = {key: value for key, value in plan.items() if key not in ("goals", "approved_meeting_uid")}
    fields |= {"case_id": case_id, "approved_meeting_id": meeting_ids.get(plan["approved_meeting_uid"])}
    c = table_of(SupportPlan).c
    before = session.execute(select(*c).where(c.case_id == case_id, c.number == plan["number"])).first()
    if before is None:
        [(plan_id,)] = insert_rows(session, SupportPlan, [fields], changes)
        changed = True
    else:
        plan_id = before.id
        changed = update_changed(session, SupportPlan, before, fields)
    return _write_goals(session, plan_id, plan["goals"], meeting_ids, changes) or changed


def _write_goals(
    session: Session,
    plan_id: int,
    goals: list[dict[str, Any]],
    meeting_ids: dict[str | None, int],
    changes: list[audit.Change],
) -> bool:
    stored = {row.uid: row for row in grouped(session, PlanGoal, "plan_id", [plan_id]).get(plan_id, [])}
    changed = False
    for uid in set(stored) - {goal["uid"] for goal in goals}:
        session.delete(session.get_one(PlanGoal, stored.pop(uid).id))
        changed = True
    session.flush()
    for position, goal in enumerate(goals):
        fields = {key: value for key, value in goal.items() if key != "evaluations"}
        fields |= {"plan_id": plan_id, "position": position}
        before = stored.get(goal["uid"])
        if before is None:
            [(goal_id,)] = insert_rows(session, PlanGoal, [fields], changes)
            changed = True
        else:
            goal_id = before.id
            changed = update_changed(session, PlanGoal, before, fields) or changed
        changed = _write_evaluations(session, goal_id, goal["evaluations"], meeting_ids, changes) or changed
    return changed


def _write_evaluations(
    session: Session,
    goal_id: int,
    evaluations: list[dict[str, Any]],
    meeting_ids: dict[str | None, int],
    changes: list[audit.Change],
) -> bool:
    stored = {
        row.meeting_id: row for row in grouped(session, GoalEvaluation, "goal_id", [goal_id]).get(goal_id, [])
    }
    new = []
    changed = False
    for evaluation in evaluations:
        meeting_id = meeting_ids.get(evaluation["meeting_uid"])
        if meeting_id is None:
            continue  # its meeting arrives with its own document
        fields = {key: value for key, value in evaluation.items() if key != "meeting_uid"}
        fields |= {"goal_id": goal_id, "meeting_id": meeting_id}
        if meeting_id in stored:
            changed = update_changed(session, GoalEvaluation, stored[meeting_id], fields) or changed
        else:
            new.append(fields)
    insert_rows(session, GoalEvaluation, new, changes, identified_by=("goal_id", "meeting_id"))
    return changed or bool(new)


def update_changed(session: Session, model: Any, stored: Any, fields: dict[str, Any]) -> bool:
    """Update a row through the ORM (its version checked and bumped, the change audited) with only the
    fields whose value differs; nothing at all when none does."""
    changed = {name: value for name, value in fields.items() if getattr(stored, name) != value}
    if not changed:
        return False
    row = session.get_one(model, stored.id)
    for name, value in changed.items():
        setattr(row, name, value)
    if hasattr(row, "updated_at"):
        row.updated_at = utc_now()
    session.flush()
    return True


def insert_new_lives(
    session: Session, lives: dict[int, list[dict[str, Any]]], changes: list[audit.Change]
) -> None:
    """The lives of cases this database did not hold, {case id: the lives its documents carry, in
    order}, written with one INSERT per table whatever the number of cases (an import into an empty
    database). The documents of one case are merged as applying them one by one would: intakes and
    plan versions as the last document gives them, stage events and evaluations added once."""
    merged = {case_id: _merged(found) for case_id, found in lives.items()}
    if not any(part for life in merged.values() for part in life.values()):
        return  # documents of version 1, or cases with no life recorded
    named = set().union(*(_named_meetings(life["stages"], life["plans"]) for life in merged.values()))
    # Asked even when no meeting is named, so that the statements sent do not depend on the data.
    meeting_ids = meeting_ids_of(session, named, always=True)
    insert_rows(
        session,
        Intake,
        [{**row, "case_id": case_id} for case_id, life in merged.items() for row in life["intakes"]],
        changes,
        identified_by=("uid",),
    )
    events = [
        {
            **{k: v for k, v in event.items() if k != "meeting_uid"},
            "case_id": case_id,
            "meeting_id": meeting_ids.get(event["meeting_uid"]),
        }
        for case_id, life in merged.items()
        for event in life["stages"]
    ]
    insert_rows(session, CaseEvent, events, changes, identified_by=("case_id", "uid"))
    plans = [(case_id, plan) for case_id, life in merged.items() for plan in life["plans"]]
    _insert_plans(session, plans, meeting_ids, changes)


def _insert_plans(
    session: Session,
    plans: list[tuple[int, dict[str, Any]]],
    meeting_ids: dict[str | None, int],
    changes: list[audit.Change],
) -> None:
    """Plan versions (case id, plan) of new cases, then their goals, then the goals' evaluations:
    one INSERT each."""
    plan_rows = [
        {
            **{k: v for k, v in plan.items() if k not in ("goals", "approved_meeting_uid")},
            "case_id": case_id,
            "approved_meeting_id": meeting_ids.get(plan["approved_meeting_uid"]),
        }
        for case_id, plan in plans
    ]
    plan_ids = insert_rows(session, SupportPlan, plan_rows, changes, identified_by=("case_id", "number"))
    goals = [
        ((plan_id,), goal, position)
        for ((plan_id,), (_, plan)) in zip(plan_ids, plans)
        for position, goal in enumerate(plan["goals"])
    ]
    goal_rows = [
        {**{k: v for k, v in goal.items() if k != "evaluations"}, "plan_id": plan_id, "position": position}
        for (plan_id,), goal, position in goals
    ]
    goal_ids = insert_rows(session, PlanGoal, goal_rows, changes, identified_by=("plan_id", "uid"))
    evaluations = [
        {
            **{k: v for k, v in e.items() if k != "meeting_uid"},
            "goal_id": goal_id,
            "meeting_id": meeting_ids[e["meeting_uid"]],
        }
        for (goal_id,), (_, goal, _) in zip(goal_ids, goals)
        for e in goal["evaluations"]
        if e["meeting_uid"] in meeting_ids
    ]
    insert_rows(session, GoalEvaluation, evaluations, changes, identified_by=("goal_id", "meeting_id"))


def _merged(lives: list[dict[str, Any]]) -> dict[str, Any]:
    intakes: dict[str, dict[str, Any]] = {}
    events: dict[str, dict[str, Any]] = {}
    plans: dict[int, dict[str, Any]] = {}
    for life in lives:
        intakes |= {row["uid"]: row for row in life["intakes"] or []}
        for event in life["stages"] or []:
            known = events.setdefault(event["uid"], event)
            if known["meeting_uid"] is None:
                known["meeting_uid"] = event["meeting_uid"]
        plans |= {plan["number"]: plan for plan in life["plans"] or []}
    return {"intakes": list(intakes.values()), "stages": list(events.values()), "plans": list(plans.values())}
