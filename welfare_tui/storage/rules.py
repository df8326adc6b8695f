"""Rules a meeting must satisfy before its minutes are finalised (status `finished`).

`finalisation_problems` is the one place these checks live: `repo.update_meeting` refuses to set a
meeting `finished` while it returns anything, and the closing step shows the same list. Each problem is
one line in the user's language; add further checks here as new functions called from it.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from welfare_tui.errors import NotFound
from welfare_tui.i18n import t
from welfare_tui.storage.models import Attendee, Meeting


def finalisation_problems(session: Session, *, meeting_id: int) -> list[str]:
    """What still stops the minutes of a meeting from being finalised; empty when nothing does."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting with id {meeting_id}")
    return confidentiality_problems(session, meeting)


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
