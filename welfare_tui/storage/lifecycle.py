"""The case's stage history in the database (`case_event`), kept in step with the case's `status`
column, which holds the stage the last event left it at. Every change of stage goes through here and
is checked by the one rule module, `case_lifecycle.py`: a meeting's decision (`record_decision`), a
change by hand (`record_transition`), reopening (`reopen_case`), consent obtained (`consented`, called
by `update_case`) and withdrawn (`withdrawn`, called by storage/consent.py), and a case's first stage
(`opened`, called when a case is created).
Events are added, never changed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlmodel import Session, col, select

from welfare_tui import case_lifecycle as rules
from welfare_tui import domain
from welfare_tui.errors import NotFound, RuleRefused
from welfare_tui.i18n import t
from welfare_tui.records import values as v
from welfare_tui.storage.agencies import agency_ref
from welfare_tui.storage.conflicts import flush_versioned
from welfare_tui.storage.lifecycle_rows import recorder, row_dict, today
from welfare_tui.storage.models import Case, CaseEvent, Meeting, RoleAssignment, utc_now

CLOSED_ROLE_STATUSES = ("done", "dropped")


def opened(session: Session, case: Case, *, date: dt.date | None = None, reason: str = "") -> CaseEvent:
    """The first event of a new case: it starts at the stage it was created at."""
    return _write(
        session, case, kind="opened", to_stage=case.status, date=date or dt.date.today(), reason=reason
    )


def consented(session: Session, case: Case, *, date: dt.date | None) -> None:
    """Consent obtained (an edit of the case's consent fields): a case at 受付 or 支援会議段階 moves on to
    アセスメント・プラン案 (domain.md §9.1), with a `consent` event."""
    after = rules.after_consent(case.status)
    if after != case.status:
        _write(session, case, kind="consent", to_stage=after, date=date or dt.date.today())


def withdrawn(session: Session, case: Case, *, date: dt.date, note: str) -> None:
    """Consent withdrawn: a case in a consent-based stage goes back to 支援会議段階, with an event."""
    after = rules.after_withdrawal(case.status)
    if after != case.status:
        _write(session, case, kind="withdrawal", to_stage=after, date=date, reason=note)


def record_decision(
    session: Session,
    *,
    meeting_id: int,
    decision: str,
    reason: str = "",
    closure_reason: str = "",
    to_agency: str | None = None,
    roles: Mapping[int, str] | None = None,
    date: dt.date | str | None = None,
    recorded_by: str | None = None,
    closure_reasons: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Record what a meeting decided for its case (case_lifecycle.decision_refusal says who may decide
    what; RuleRefused otherwise). The event names the meeting; the case moves to the decision's stage;
    a hand-over makes `to_agency` the case's lead agency; `roles` maps open roles of the case to
    `done` or `dropped` (closing lists them). `closure_reasons`: the configured list (default list
    when None). Returns the event."""
    meeting = _meeting(session, meeting_id)
    case = _case(session, meeting.case_id)
    reason_text = v.text("reason", reason)
    closure = v.text("closure_reason", closure_reason).strip()
    agency = agency_ref(session, "to_agency", to_agency)
    refusal = rules.decision_refusal(
        meeting_type=meeting.type,
        decision=decision,
        stage=case.status,
        has_consent=case.consent_status != "none",
        closure_reason=closure,
        to_agency=agency,
        reasons=tuple(closure_reasons) if closure_reasons is not None else tuple(domain.CLOSURE_REASON),
    )
    if refusal:
        raise RuleRefused(refusal)
    outcome = rules.decision_outcome(decision, case.status, closure)
    _close_roles(session, case, roles or {})
    if outcome.to_stage == "handed_over":
        case.lead_agency_id = agency
    event = _write(
        session,
        case,
        kind="decision",
        decision=decision,
        to_stage=outcome.to_stage,
        date=today(date) if date not in (None, "") else meeting.date,
        meeting_id=meeting.id,
        recorded_by=recorded_by,
        reason=reason_text,
        closure_reason=outcome.closure_reason,
        to_agency_id=agency,
    )
    return event_dict(event, meeting_uid=meeting.uid)


def record_transition(
    session: Session,
    *,
    case_id: int,
    to_stage: str,
    date: dt.date | str | None = None,
    reason: str = "",
    meeting_id: int | None = None,
    recorded_by: str | None = None,
) -> dict[str, Any]:
    """Change a case's stage by hand, within case_lifecycle.MANUAL (RuleRefused otherwise)."""
    case = _case(session, case_id)
    refusal = rules.transition_refusal(case.status, to_stage, has_consent=case.consent_status != "none")
    if refusal:
        raise RuleRefused(refusal)
    meeting = _meeting(session, meeting_id) if meeting_id is not None else None
    event = _write(
        session,
        case,
        kind="transition",
        to_stage=to_stage,
        date=today(date),
        meeting_id=meeting.id if meeting else None,
        recorded_by=recorded_by,
        reason=v.text("reason", reason),
    )
    return event_dict(event, meeting_uid=meeting.uid if meeting else None)


def reopen_case(
    session: Session,
    *,
    case_id: int,
    date: dt.date | str | None = None,
    reason: str = "",
    to_stage: str | None = None,
    recorded_by: str | None = None,
) -> dict[str, Any]:
    """Reopen a closed or suspended case: it resumes the stage it ended from (case_lifecycle.reopen_stage)."""
    case = _case(session, case_id)
    refusal = rules.reopen_refusal(case.status)
    if refusal:
        raise RuleRefused(refusal)
    if to_stage is not None:
        v.choice("to_stage", to_stage, rules.STAGES)
    ending = session.exec(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.to_stage == case.status)
        .order_by(col(CaseEvent.id).desc())
    ).first()
    target = rules.reopen_stage(
        ending.from_stage if ending else "",
        has_consent=case.consent_status != "none",
        wanted=to_stage,
    )
    event = _write(
        session,
        case,
        kind="reopen",
        to_stage=target,
        date=today(date),
        recorded_by=recorded_by,
        reason=reason,
    )
    return event_dict(event)


def stage_history(session: Session, *, case_id: int) -> list[dict[str, Any]]:
    """The case's events, oldest first, each with the uid of the meeting that decided it."""
    _case(session, case_id)
    return stage_histories(session, [case_id])[case_id]


def stage_histories(session: Session, case_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Each case's events in recorded order, in one query (for documents of many meetings)."""
    ids = set(case_ids)
    result: dict[int, list[dict[str, Any]]] = {case_id: [] for case_id in ids}
    if not ids:
        return result
    rows = session.exec(
        select(CaseEvent, Meeting.uid)
        .join(Meeting, col(Meeting.id) == col(CaseEvent.meeting_id), isouter=True)
        .where(col(CaseEvent.case_id).in_(ids))
        .order_by(col(CaseEvent.case_id), col(CaseEvent.id))
    ).all()
    for event, meeting_uid in rows:
        result[event.case_id].append(event_dict(event, meeting_uid=meeting_uid))
    return result


def meeting_decisions(session: Session, *, meeting_id: int) -> list[dict[str, Any]]:
    """The decisions a meeting recorded, oldest first (the minutes state the last one)."""
    meeting = _meeting(session, meeting_id)
    rows = session.exec(
        select(CaseEvent)
        .where(CaseEvent.meeting_id == meeting.id, CaseEvent.kind == "decision")
        .order_by(col(CaseEvent.id))
    ).all()
    return [event_dict(row, meeting_uid=meeting.uid) for row in rows]


def open_roles(session: Session, *, case_id: int) -> list[dict[str, Any]]:
    """The case's roles not yet 完了 or 取りやめ, across its meetings (what closing lists)."""
    from welfare_tui.storage.items import item_dict

    _case(session, case_id)
    rows = session.exec(
        select(RoleAssignment)
        .where(
            RoleAssignment.case_id == case_id,
            col(RoleAssignment.status).not_in(CLOSED_ROLE_STATUSES),
        )
        .order_by(col(RoleAssignment.meeting_id), col(RoleAssignment.position), col(RoleAssignment.id))
    ).all()
    return [item_dict("role", row) for row in rows]


def event_dict(event: CaseEvent, *, meeting_uid: str | None = None) -> dict[str, Any]:
    data = row_dict("stage_event", event, "case_id", "uid", "meeting_id")
    data["meeting_uid"] = meeting_uid
    return data


def _close_roles(session: Session, case: Case, outcomes: Mapping[int, str]) -> None:
    if not outcomes:
        return
    open_ids = {role["id"] for role in open_roles(session, case_id=_id(case))}
    for role_id, outcome in outcomes.items():
        refusal = rules.role_outcome_refusal(outcome)
        if refusal:
            raise RuleRefused(refusal)
        if role_id not in open_ids:
            raise RuleRefused(t("lifecycle.role_not_open", id=role_id))
        role = session.get(RoleAssignment, role_id)
        assert role is not None
        role.status = outcome
        session.add(role)
        flush_versioned(session, "role", role)


def _write(
    session: Session,
    case: Case,
    *,
    kind: str,
    to_stage: str,
    date: dt.date,
    decision: str = "",
    meeting_id: int | None = None,
    recorded_by: str | None = None,
    reason: str = "",
    closure_reason: str = "",
    to_agency_id: str | None = None,
) -> CaseEvent:
    event = CaseEvent(
        case_id=_id(case),
        uid=uuid.uuid4().hex,
        kind=kind,
        decision=decision,
        from_stage="" if kind == "opened" else case.status,
        to_stage=to_stage,
        date=date,
        meeting_id=meeting_id,
        recorded_by=recorder(recorded_by),
        reason=reason,
        closure_reason=closure_reason,
        to_agency_id=to_agency_id,
    )
    session.add(event)
    case.status = to_stage
    if session.is_modified(case):  # the stage (or, handed over, the lead agency) changed
        case.updated_at = utc_now()
        session.add(case)
        flush_versioned(session, "case", case)
    session.flush()
    return event


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(t("storage.no_case_id", id=case_id))
    return case


def _meeting(session: Session, meeting_id: int | None) -> Meeting:
    meeting = session.get(Meeting, meeting_id) if meeting_id is not None else None
    if meeting is None:
        raise NotFound(t("storage.no_meeting_id", id=meeting_id))
    return meeting


def _id(case: Case) -> int:
    if case.id is None:
        raise ValueError("the case has not been saved yet")
    return case.id
