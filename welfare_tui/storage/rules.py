"""Rules a meeting must satisfy before its minutes are finalised (status `finished`).

Two kinds of problem, each one line in the user's language:

* confidentiality (`confidentiality_problems`): the duty of secrecy was not confirmed and acknowledged.
  Minutes are never finalised with such a problem.
* completeness (`completeness_problems`): a required step not done, an issue with no owner, a role
  with no agency or due date, no monitoring date, no next meeting. The facilitator may finalise anyway
  by recording why (`meeting.incomplete_reason`), which the minutes then print.

`finalisation_problems` lists both (the wrap-up step shows it); `blocking_problems` is what
`repo.update_meeting` refuses `finished` for. Add further checks as functions called from these.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlmodel import Session, col, select

from welfare_tui.errors import NotFound
from welfare_tui.i18n import pick, t
from welfare_tui.storage.models import AssessmentItem, Attendee, Meeting, MonitoringItem, RoleAssignment, StepState


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting with id {meeting_id}")
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
    """What a facilitator closing the meeting should still settle (issue 6, "closing properly")."""
    problems = []
    done = {state.step_id for state in session.exec(select(StepState).where(StepState.meeting_id == meeting.id))
            if state.done}
    for step in json.loads(meeting.agenda_json):
        # The closing step is the one being finalised: it cannot be done before it.
        if step.get("required") and step["kind"] != "closing" and step["id"] not in done \
                and step["id"] not in ignoring:
            problems.append(t("facilitation.missing_step", title=pick(step["title"], step.get("title_en", ""))))
    issues = session.exec(select(AssessmentItem).where(AssessmentItem.meeting_id == meeting.id)
                          .order_by(col(AssessmentItem.position), col(AssessmentItem.id))).all()
    for issue in issues:
        if issue.kind == "issue" and not issue.agency_id:
            problems.append(t("facilitation.unowned_issue", text=_short(issue.text)))
    roles = session.exec(select(RoleAssignment).where(RoleAssignment.meeting_id == meeting.id)
                         .order_by(col(RoleAssignment.position), col(RoleAssignment.id))).all()
    for role in roles:
        if not role.agency_id:
            problems.append(t("facilitation.role_without_agency", task=_short(role.task)))
        if role.due_date is None:
            problems.append(t("facilitation.role_without_due", task=_short(role.task)))
    if session.exec(select(MonitoringItem.id).where(MonitoringItem.meeting_id == meeting.id)).first() is None:
        problems.append(t("facilitation.no_monitoring"))
    if meeting.next_meeting_date is None and not meeting.next_meeting_note.strip():
        problems.append(t("facilitation.no_next_meeting"))
    return problems


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def confidentiality_problems(session: Session, meeting: Meeting) -> list[str]:
    """The confidentiality confirmation (domain.md §3.2 step 3): when it was read, which statement,
    and the acknowledgement of every attendee in the room or online (members who were absent or sent
    a written opinion heard no statement to acknowledge)."""
    problems = []
    if not meeting.confidentiality_confirmed_at or not meeting.statement_version:
        problems.append(t("trust.final_not_confirmed"))
    attendees = session.exec(select(Attendee).where(Attendee.meeting_id == meeting.id)
                             .order_by(col(Attendee.position), col(Attendee.id))).all()
    taking_part = [a for a in attendees if a.attendance in ("present", "online")]
    missing = [a.name or f"#{a.position + 1}" for a in taking_part if not a.acknowledged]
    if missing:
        problems.append(t("trust.final_not_acknowledged", names="、".join(missing)))
    return problems
