"""One case across its life, as plain values (`welfare-tui cases show`): the case and its stage, the
stage history, the support plan in force (and the draft being written), the open roles, the intake it
came from, and the next dates — the next meeting, role due dates and plan reviews, earliest first."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from welfare_tui.storage.cases import get_case_by_code, list_cases
from welfare_tui.storage.intakes import intake_dict
from welfare_tui.storage.lifecycle import open_roles, stage_history
from welfare_tui.storage.models import Agency, Intake
from welfare_tui.storage.plans import current_plan, draft_plan


def case_overview(session: Session, *, code: str) -> dict[str, Any]:
    """Everything `cases show` prints about the case `code` (NotFound when there is none); the
    stage history's events also carry `to_agency_name`."""
    case = get_case_by_code(session, code=code)
    row = next(r for r in list_cases(session, search=code) if r.id == case.id)
    plan = current_plan(session, case_id=case.id)
    draft = draft_plan(session, case_id=case.id)
    roles = open_roles(session, case_id=case.id)
    intake = session.exec(select(Intake).where(Intake.case_id == case.id)).first()
    lead = session.get(Agency, case.lead_agency_id) if case.lead_agency_id else None
    return {
        "case": {
            "code": case.code,
            "label": case.label,
            "stage": case.status,
            "summary": case.summary,
            "tags": case.tags,
            "lead_agency": case.lead_agency_id,
            "lead_agency_name": lead.name if lead else "",
            "consent_status": case.consent_status,
            "consent_date": case.consent_date.isoformat() if case.consent_date else None,
        },
        "stages": [_named(session, event) for event in stage_history(session, case_id=case.id)],
        "plan": plan,
        "draft_plan": draft,
        "open_roles": roles,
        "intake": intake_dict(session, intake) if intake else None,
        "next": _next_dates(row.next_meeting_date, roles, plan),
        "agencies": _agency_names(session, roles, plan),
    }


def _agency_names(
    session: Session, roles: list[dict[str, Any]], plan: dict[str, Any] | None
) -> dict[str, str]:
    """Id → name of the agencies the roles and goals name (what a reader sees instead of ids)."""
    ids = {r["agency_id"] for r in roles} | {g["agency_id"] for g in (plan["goals"] if plan else [])}
    ids.discard(None)
    return {agency.id: agency.name for agency in session.exec(select(Agency).where(col(Agency.id).in_(ids)))}


def _next_dates(
    next_meeting: Any, roles: list[dict[str, Any]], plan: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """The dated things ahead (or overdue), earliest first: {kind, date, text}."""
    found = [{"kind": "meeting", "date": next_meeting.isoformat(), "text": ""}] if next_meeting else []
    found += [{"kind": "role", "date": r["due_date"], "text": r["task"]} for r in roles if r["due_date"]]
    goals = plan["goals"] if plan else []
    found += [
        {"kind": "plan_review", "date": g["review_date"], "text": g["text"]}
        for g in goals
        if g["review_date"]
    ]
    return sorted(found, key=lambda item: (item["date"], item["kind"]))


def _named(session: Session, event: dict[str, Any]) -> dict[str, Any]:
    agency = session.get(Agency, event["to_agency_id"]) if event["to_agency_id"] else None
    return event | {"to_agency_name": agency.name if agency else ""}
