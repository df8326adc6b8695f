"""Rules a meeting must satisfy before its minutes are finalised (status `finished`).

Two kinds of problem, each one line in the user's language:

* confidentiality (`confidentiality_problems`): the duty of secrecy was not confirmed and acknowledged.
  Minutes are never finalised with such a problem.
* completeness (`completeness_problems`): a required step not done, an issue with no owner, a role
  with no agency or due date, no monitoring date, no next meeting. The facilitator may finalise anyway
  by recording why (`meeting.incomplete_reason`), which the minutes then print.

`finalisation_problems` lists both (the wrap-up step shows it); `blocking_problems` is what
`repo.update_meeting` refuses `finished` for. The rules themselves are in `welfare_tui/meeting_rules.py`
(shared with `import`); this module only reads the rows they look at.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlmodel import Session, col, select

from welfare_tui import meeting_rules
from welfare_tui.errors import NotFound
from welfare_tui.i18n import t
from welfare_tui.storage.models import (
    AssessmentItem,
    Attendee,
    Meeting,
    MonitoringItem,
    RoleAssignment,
    StepState,
)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(t("storage.no_meeting_id", id=meeting_id))
    return meeting


def finalisation_problems(session: Session, *, meeting_id: int, ignoring: Sequence[str] = ()) -> list[str]:
    """Everything still missing before the minutes are complete; empty when nothing is. `ignoring`
    names steps still in progress (the wrap-up step lists what is missing while it is open)."""
    meeting = _meeting(session, meeting_id)
    return confidentiality_problems(session, meeting) + completeness_problems(session, meeting, ignoring)


def blocking_problems(session: Session, *, meeting_id: int) -> list[str]:
    """What stops finalising now: confidentiality always, completeness unless a reason is recorded."""
    meeting = _meeting(session, meeting_id)
    problems = confidentiality_problems(session, meeting)
    if not meeting.incomplete_reason.strip():
        problems += completeness_problems(session, meeting)
    return problems


def completeness_problems(session: Session, meeting: Meeting, ignoring: Sequence[str] = ()) -> list[str]:
    """What a facilitator closing the meeting should still settle (meeting_rules.completeness_problems)."""
    done = frozenset(
        state.step_id
        for state in session.exec(select(StepState).where(StepState.meeting_id == meeting.id))
        if state.done
    )
    issues = session.exec(
        select(AssessmentItem)
        .where(AssessmentItem.meeting_id == meeting.id)
        .order_by(col(AssessmentItem.position), col(AssessmentItem.id))
    ).all()
    roles = session.exec(
        select(RoleAssignment)
        .where(RoleAssignment.meeting_id == meeting.id)
        .order_by(col(RoleAssignment.position), col(RoleAssignment.id))
    ).all()
    monitoring = session.exec(
        select(MonitoringItem.id).where(MonitoringItem.meeting_id == meeting.id)
    ).first()
    return meeting_rules.completeness_problems(
        meeting_rules.Completeness(
            steps=json.loads(meeting.agenda_json),
            done=done,
            ignoring=tuple(ignoring),
            issues_without_owner=[i.text for i in issues if i.kind == "issue" and not i.agency_id],
            roles=[(r.task, bool(r.agency_id), r.due_date is not None) for r in roles],
            has_monitoring=monitoring is not None,
            has_next_meeting=meeting.next_meeting_date is not None or bool(meeting.next_meeting_note.strip()),
        )
    )


def confidentiality_problems(session: Session, meeting: Meeting) -> list[str]:
    """The confidentiality confirmation of a stored meeting (meeting_rules.confidentiality_problems)."""
    attendees = session.exec(
        select(Attendee)
        .where(Attendee.meeting_id == meeting.id)
        .order_by(col(Attendee.position), col(Attendee.id))
    ).all()
    return meeting_rules.confidentiality_problems(
        confirmed_at=meeting.confidentiality_confirmed_at,
        statement_version=meeting.statement_version,
        attendees=[
            meeting_rules.Attendance(a.name, a.attendance, a.acknowledged, a.position) for a in attendees
        ],
    )
