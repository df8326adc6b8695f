"""Every personal value the database holds, for masking and the leak gate (minutes/personal.py).

`personal_values(session, case_ids=None)` returns, for the whole database (or the given cases), each
household member's name, kana, address, phone and date of birth, each case's address and phone and who
obtained its consent, and each meeting's attendees, role persons, chair and recorder — one
`PersonalValue` per distinct (value, kind), named by the field it came first from, in document terms
(`household[1].name of case C-2026-003`, `attendees[0].name of meeting 5f0c1a2b (case C-2026-003)`).
Plain column reads, a few queries whatever the size of the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlmodel import Session

from welfare_tui.minutes.personal import PersonalValue
from welfare_tui.storage.models import Attendee, Case, HouseholdMember, Meeting, RoleAssignment


def personal_values(session: Session, case_ids: Iterable[int] | None = None) -> list[PersonalValue]:
    """Every personal value of the database (or of `case_ids`), without repeats."""
    seen: set[tuple[str, str]] = set()
    found = []
    for value in _values(session, None if case_ids is None else list(case_ids)):
        key = (value.text.strip(), value.kind)
        if key[0] and key not in seen:
            seen.add(key)
            found.append(value)
    return found


def _values(session: Session, case_ids: list[int] | None) -> Iterator[PersonalValue]:
    def only(statement, column):  # type: ignore[no-untyped-def]
        return statement if case_ids is None else statement.where(column.in_(case_ids))

    case_table, member, meeting = (model.__table__ for model in (Case, HouseholdMember, Meeting))  # type: ignore[union-attr]
    codes = {}
    for row in session.execute(
        only(
            select(
                case_table.c.id,
                case_table.c.code,
                case_table.c.address,
                case_table.c.phone,
                case_table.c.consent_obtained_by,
            ),
            case_table.c.id,
        )
    ):
        codes[row.id] = row.code
        of = f" of case {row.code}"
        yield PersonalValue(row.address, "address", f"case.address{of}")
        yield PersonalValue(row.phone, "phone", f"case.phone{of}")
        yield PersonalValue(row.consent_obtained_by, "staff", f"case.consent.obtained_by{of}")
    index: dict[int, int] = {}
    members = only(
        select(
            member.c.case_id,
            member.c.name,
            member.c.kana,
            member.c.address,
            member.c.phone,
            member.c.birth_date,
        ),
        member.c.case_id,
    )
    for row in session.execute(members.order_by(member.c.case_id, member.c.position, member.c.id)):
        place = index[row.case_id] = index.get(row.case_id, -1) + 1
        of = f"household[{place}].{{}} of case {codes.get(row.case_id, row.case_id)}"
        yield PersonalValue(row.name, "name", of.format("name"))
        yield PersonalValue(row.kana, "name", of.format("kana"))
        yield PersonalValue(row.address, "address", of.format("address"))
        yield PersonalValue(row.phone, "phone", of.format("phone"))
        if row.birth_date is not None:
            yield PersonalValue(row.birth_date.isoformat(), "birth_date", of.format("birth_date"))
    meetings = {}
    for row in session.execute(
        only(
            select(meeting.c.id, meeting.c.uid, meeting.c.case_id, meeting.c.chair, meeting.c.recorder),
            meeting.c.case_id,
        )
    ):
        name = meetings[row.id] = f"meeting {row.uid[:8]} (case {codes.get(row.case_id, row.case_id)})"
        yield PersonalValue(row.chair, "staff", f"meeting.chair of {name}")
        yield PersonalValue(row.recorder, "staff", f"meeting.recorder of {name}")
    # Staff fields may hold a title beside the name (民生委員, 地域福祉課長 佐藤 誠): "staff" drops it.
    for model, column, kind, path in (
        (Attendee, "name", "staff", "attendees"),
        (RoleAssignment, "person", "staff", "roles"),
    ):
        table = model.__table__  # type: ignore[union-attr]
        rows = select(table.c.meeting_id, table.c[column]).order_by(
            table.c.meeting_id, table.c.position, table.c.id
        )
        if case_ids is not None:
            rows = rows.where(table.c.meeting_id.in_(list(meetings)))
        counted: dict[int, int] = {}
        for row in session.execute(rows):
            number = counted[row.meeting_id] = counted.get(row.meeting_id, -1) + 1
            yield PersonalValue(
                row[1], kind, f"{path}[{number}].{column} of {meetings.get(row.meeting_id, '')}"
            )
