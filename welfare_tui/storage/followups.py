"""Open follow-ups: role assignments and monitoring dates still to be done (`welfare-tui due`).

What counts: for each case that is neither closed nor suspended, the follow-ups agreed at its latest
meeting that recorded any (a later round reviews and restates the earlier ones, so older meetings'
items are history, not work). An item is open while its status is `open`, `continue` or `revise`.
Role assignments belong to their agency; monitoring dates to the case's lead agency (主担当機関),
which watches over the plan. The review dates of the goals of each open case's support plan in force
(storage/plans.py) are follow-ups too (`plan_review`), under the goal's owner agency (else the lead
agency), named by the meeting that approved the plan. The next attempt of each open case's contact
log (`contacts.next_attempts`: its latest contact's next date) is one too (`contact`), under the
contact's agency, else the lead agency, named by no meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from welfare_tui.storage.models import (
    Agency,
    Case,
    Meeting,
    MonitoringItem,
    PlanGoal,
    RoleAssignment,
    SupportPlan,
)

OPEN_STATUSES = ("open", "continue", "revise")
CLOSED_CASES = ("closed", "suspended")


@dataclass(frozen=True)
class FollowUp:
    kind: str
    """"role", "monitoring", "plan_review" or "contact"."""
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
    meetings = _latest_meetings(session, cases)
    items = [
        *(_open_items(session, meetings, cases) if meetings else ()),
        *_plan_reviews(session, cases),
        *_next_attempts(session, cases),
    ]
    if not items:
        return []
    names = {agency.id: agency.name for agency in session.exec(select(Agency))}
    wanted = _Wanted(today, within, overdue, agency_id)
    found = [
        FollowUp(
            item.kind,
            item.agency,
            names.get(item.agency or "", item.agency or ""),
            cases[item.case_id].code,
            cases[item.case_id].label,
            item.meeting.uid if item.meeting else "",
            item.meeting.date.isoformat() if item.meeting else "",
            item.meeting.round if item.meeting else 0,
            item.text,
            item.person,
            item.due.isoformat() if item.due else None,
            item.status,
            wanted.late(item.due),
        )
        for item in items
        if wanted.keeps(item)
    ]
    found.sort(key=lambda f: (f.agency_name or "\uffff", f.due is None, f.due or "", f.case, f.kind))
    return found


class _Item(NamedTuple):
    """An open item of a meeting, before it is filtered and named."""

    kind: str
    agency: str | None
    case_id: int | None
    meeting: Meeting | None
    text: str
    person: str
    due: dt.date | None
    status: str


@dataclass(frozen=True)
class _Wanted:
    """Which open items the caller asked for (`open_followups`'s filters)."""

    today: dt.date
    within: int | None
    overdue: bool
    agency_id: str | None

    def late(self, due: dt.date | None) -> bool:
        return due is not None and due < self.today

    def keeps(self, item: _Item) -> bool:
        if self.overdue and not self.late(item.due):
            return False
        if self.within is not None and (
            item.due is None or item.due > self.today + dt.timedelta(days=self.within)
        ):
            return False
        return self.agency_id is None or item.agency == self.agency_id


def _latest_meetings(session: Session, cases: dict[int | None, Case]) -> dict[int | None, Meeting]:
    """Meeting id → meeting (ids of stored rows: never None), for the latest meeting of each case that recorded any follow-up."""
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
    return {meeting.id: meeting for meeting in latest.values()}


def _open_items(
    session: Session, meetings: dict[int | None, Meeting], cases: dict[int | None, Case]
) -> Iterator[_Item]:
    """The open role assignments of these meetings, then their open monitoring dates (under the
    case's lead agency), each in the meeting's order."""
    order = (col(RoleAssignment.meeting_id), col(RoleAssignment.position), col(RoleAssignment.id))
    for role in session.exec(
        select(RoleAssignment)
        .where(col(RoleAssignment.meeting_id).in_(list(meetings)))
        .where(col(RoleAssignment.status).in_(OPEN_STATUSES))
        .order_by(*order)
    ):
        meeting = meetings[role.meeting_id]
        yield _Item(
            "role",
            role.agency_id,
            meeting.case_id,
            meeting,
            role.task,
            role.person,
            role.due_date,
            role.status,
        )
    order = (col(MonitoringItem.meeting_id), col(MonitoringItem.position), col(MonitoringItem.id))
    for item in session.exec(
        select(MonitoringItem)
        .where(col(MonitoringItem.meeting_id).in_(list(meetings)))
        .where(col(MonitoringItem.status).in_(OPEN_STATUSES))
        .order_by(*order)
    ):
        meeting = meetings[item.meeting_id]
        lead = cases[meeting.case_id].lead_agency_id
        yield _Item("monitoring", lead, meeting.case_id, meeting, item.what, "", item.date, item.status)


def _plan_reviews(session: Session, cases: dict[int | None, Case]) -> Iterator[_Item]:
    """The review dates of the goals of each case's approved plan in force, in the plan's order."""
    rows = session.exec(
        select(PlanGoal, SupportPlan, Meeting)
        .join(SupportPlan, col(SupportPlan.id) == col(PlanGoal.plan_id))
        .join(Meeting, col(Meeting.id) == col(SupportPlan.approved_meeting_id))
        .where(
            col(SupportPlan.case_id).in_(list(cases)),
            SupportPlan.status == "approved",
            col(PlanGoal.review_date).is_not(None),
        )
        .order_by(col(SupportPlan.case_id), col(PlanGoal.position), col(PlanGoal.id))
    ).all()
    for goal, plan, meeting in rows:
        agency = goal.agency_id or cases[plan.case_id].lead_agency_id
        yield _Item("plan_review", agency, plan.case_id, meeting, goal.text, "", goal.review_date, "open")


def _next_attempts(session: Session, cases: dict[int | None, Case]) -> Iterator[_Item]:
    """The next attempt of each open case's contact log; its text says what the last contact was
    (「前回 2026-11-02 訪問・不在」), in the user's language like the labels of `due`."""
    from welfare_tui.i18n import label, t
    from welfare_tui.storage.contacts import next_attempts

    for row in next_attempts(session):
        case = cases.get(row["case_id"])
        if case is None:
            continue
        mode, whom = label("contact_mode", row["mode"]), label("contact_whom", row["whom"])
        text = t("contacts.followup_text", date=_iso(row["date"]), mode=mode, whom=whom)
        due = dt.date.fromisoformat(_iso(row["next_date"]))
        yield _Item("contact", row["agency_id"] or case.lead_agency_id, case.id, None, text, "", due, "open")


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
