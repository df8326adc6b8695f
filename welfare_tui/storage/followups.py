"""Open follow-ups: role assignments and monitoring dates still to be done (`welfare-tui due`).

What counts: for each case that is neither closed nor suspended, the follow-ups agreed at its latest
meeting that recorded any (a later round reviews and restates the earlier ones, so older meetings'
items are history, not work). An item is open while its status is `open`, `continue` or `revise`.
Role assignments belong to their agency; monitoring dates to the case's lead agency (主担当機関),
which watches over the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlmodel import Session, col, select

from welfare_tui.storage.models import Agency, Case, Meeting, MonitoringItem, RoleAssignment

OPEN_STATUSES = ("open", "continue", "revise")
CLOSED_CASES = ("closed", "suspended")


@dataclass(frozen=True)
class FollowUp:
    kind: str
    """"role" or "monitoring"."""
    agency: str | None
    agency_name: str
    case: str
    case_label: str
    meeting_uid: str
    meeting_date: str
    round: int
    text: str
    person: str
    due: str | None
    status: str
    overdue: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def open_followups(
    session: Session,
    *,
    today: dt.date,
    within: int | None = None,
    overdue: bool = False,
    agency_id: str | None = None,
) -> list[FollowUp]:
    """Open follow-ups, sorted by agency then due date (undated last); `within` keeps those due by
    today + `within` days (overdue ones included), `overdue` only those due before today."""
    cases = {
        case.id: case for case in session.exec(select(Case).where(col(Case.status).not_in(CLOSED_CASES)))
    }
    if not cases:
        return []
    meetings = session.exec(select(Meeting).where(col(Meeting.case_id).in_(list(cases)))).all()
    with_items = set(session.exec(select(RoleAssignment.meeting_id).distinct()).all())
    with_items |= set(session.exec(select(MonitoringItem.meeting_id).distinct()).all())
    latest: dict[int, Meeting] = {}
    for meeting in meetings:
        if meeting.id not in with_items:
            continue
        current = latest.get(meeting.case_id)
        if current is None or (meeting.date, meeting.round, meeting.id) > (
            current.date,
            current.round,
            current.id,
        ):
            latest[meeting.case_id] = meeting
    by_id = {meeting.id: meeting for meeting in latest.values()}
    if not by_id:
        return []
    names = {agency.id: agency.name for agency in session.exec(select(Agency))}
    found: list[FollowUp] = []

    def add(
        kind: str,
        agency: str | None,
        meeting: Meeting,
        text: str,
        person: str,
        due: dt.date | None,
        status: str,
    ) -> None:
        late = due is not None and due < today
        if overdue and not late:
            return
        if within is not None and (due is None or due > today + dt.timedelta(days=within)):
            return
        if agency_id is not None and agency != agency_id:
            return
        case = cases[meeting.case_id]
        found.append(
            FollowUp(
                kind,
                agency,
                names.get(agency or "", agency or ""),
                case.code,
                case.label,
                meeting.uid,
                meeting.date.isoformat(),
                meeting.round,
                text,
                person,
                due.isoformat() if due else None,
                status,
                late,
            )
        )

    order = (col(RoleAssignment.meeting_id), col(RoleAssignment.position), col(RoleAssignment.id))
    for role in session.exec(
        select(RoleAssignment)
        .where(col(RoleAssignment.meeting_id).in_(list(by_id)))
        .where(col(RoleAssignment.status).in_(OPEN_STATUSES))
        .order_by(*order)
    ):
        add(
            "role", role.agency_id, by_id[role.meeting_id], role.task, role.person, role.due_date, role.status
        )
    order = (col(MonitoringItem.meeting_id), col(MonitoringItem.position), col(MonitoringItem.id))
    for item in session.exec(
        select(MonitoringItem)
        .where(col(MonitoringItem.meeting_id).in_(list(by_id)))
        .where(col(MonitoringItem.status).in_(OPEN_STATUSES))
        .order_by(*order)
    ):
        meeting = by_id[item.meeting_id]
        add(
            "monitoring",
            cases[meeting.case_id].lead_agency_id,
            meeting,
            item.what,
            "",
            item.date,
            item.status,
        )
    found.sort(key=lambda f: (f.agency_name or "\uffff", f.due is None, f.due or "", f.case, f.kind))
    return found
