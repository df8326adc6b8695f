"""Every personal value the database holds, for masking and the leak gate (minutes/personal.py).

`personal_values(session, case_ids=None)` returns, for the whole database (or the given cases), each
household member's name, kana, address, phone and date of birth, each case's address and phone and who
obtained its consent, who recorded each intake, stage event and contact, each meeting's attendees, role
persons, chair and recorder, and each 地域資源's contact (a host's window: the register is the town's) — one
`PersonalValue` per distinct (value, kind), named by the field it came first from, in document terms
(`household[1].name of case C-2026-003`, `attendees[0].name of meeting 5f0c1a2b (case C-2026-003)`).
Plain column reads, a few queries whatever the size of the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from welfare_tui.minutes.personal import PersonalValue
from welfare_tui.records.kinds import BETWEEN_KINDS, ITEM_KINDS, LIFECYCLE_KINDS
from welfare_tui.storage.items import TABLES
from welfare_tui.storage.models import Case, CaseEvent, ContactLog, HouseholdMember, Intake, Meeting, Resource


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
    codes: dict[int, str] = {}
    yield from _case_values(session, case_ids, codes)
    yield from _member_values(session, case_ids, codes)
    yield from _life_values(session, case_ids, codes)
    meetings: dict[int, str] = {}
    yield from _meeting_values(session, case_ids, codes, meetings)
    yield from _meeting_row_values(session, None if case_ids is None else list(meetings), meetings)
    yield from _resource_values(session)


def _only(statement: Any, column: Any, ids: list[int] | None) -> Any:
    return statement if ids is None else statement.where(column.in_(ids))


def _case_values(
    session: Session, case_ids: list[int] | None, codes: dict[int, str]
) -> Iterator[PersonalValue]:
    """Each case's address, phone and who obtained its consent; fills `codes` (id -> case code)."""
    table = _table(Case)
    columns = (table.c.id, table.c.code, table.c.address, table.c.phone, table.c.consent_obtained_by)
    for row in session.execute(_only(select(*columns), table.c.id, case_ids)):
        codes[row.id] = row.code
        of = f" of case {row.code}"
        yield PersonalValue(row.address, "address", f"case.address{of}")
        yield PersonalValue(row.phone, "phone", f"case.phone{of}")
        yield PersonalValue(row.consent_obtained_by, "staff", f"case.consent.obtained_by{of}")


def _member_values(
    session: Session, case_ids: list[int] | None, codes: dict[int, str]
) -> Iterator[PersonalValue]:
    """Each household member's name, kana, address, phone and date of birth."""
    member = _table(HouseholdMember)
    columns = (
        member.c.case_id,
        member.c.name,
        member.c.kana,
        member.c.address,
        member.c.phone,
        member.c.birth_date,
    )
    members = _only(select(*columns), member.c.case_id, case_ids)
    index: dict[int, int] = {}
    for row in session.execute(members.order_by(member.c.case_id, member.c.position, member.c.id)):
        place = index[row.case_id] = index.get(row.case_id, -1) + 1
        of = f"household[{place}].{{}} of case {codes.get(row.case_id, row.case_id)}"
        yield PersonalValue(row.name, "name", of.format("name"))
        yield PersonalValue(row.kana, "name", of.format("kana"))
        yield PersonalValue(row.address, "address", of.format("address"))
        yield PersonalValue(row.phone, "phone", of.format("phone"))
        if row.birth_date is not None:
            yield PersonalValue(row.birth_date.isoformat(), "birth_date", of.format("birth_date"))


# The personal fields of the case's life and of its contact log (who recorded an intake, a stage event
# or a contact), from the record spec. Their table and where a document has them.
_LIFE_TABLES = {
    "intake": (Intake, "case.intakes"),
    "stage_event": (CaseEvent, "case.stages"),
    "contact": (ContactLog, "case.contacts"),
}
_LIFE_FIELDS = tuple(
    (kind, field)
    for kind in (*LIFECYCLE_KINDS.values(), BETWEEN_KINDS["contact"])
    if kind.name in _LIFE_TABLES
    for field in kind.fields
    if field.personal
)


def _life_values(
    session: Session, case_ids: list[int] | None, codes: dict[int, str]
) -> Iterator[PersonalValue]:
    """Who recorded each intake and stage event (an intake not yet a case's counts for the database)."""
    for kind, field in _LIFE_FIELDS:
        model, path = _LIFE_TABLES[kind.name]
        table = _table(model)
        rows = select(table.c.case_id, table.c[field.name]).order_by(table.c.case_id, table.c.id)
        counted: dict[Any, int] = {}
        for row in session.execute(_only(rows, table.c.case_id, case_ids)):
            number = counted[row.case_id] = counted.get(row.case_id, -1) + 1
            where = f"{path}[{number}].{field.key} of case {codes.get(row.case_id, row.case_id)}"
            yield PersonalValue(row[1], field.personal, where)


def _meeting_values(
    session: Session, case_ids: list[int] | None, codes: dict[int, str], meetings: dict[int, str]
) -> Iterator[PersonalValue]:
    """Each meeting's chair and recorder; fills `meetings` (id -> how a meeting is named)."""
    meeting = _table(Meeting)
    columns = (meeting.c.id, meeting.c.uid, meeting.c.case_id, meeting.c.chair, meeting.c.recorder)
    for row in session.execute(_only(select(*columns), meeting.c.case_id, case_ids)):
        name = meetings[row.id] = f"meeting {row.uid[:8]} (case {codes.get(row.case_id, row.case_id)})"
        yield PersonalValue(row.chair, "staff", f"meeting.chair of {name}")
        yield PersonalValue(row.recorder, "staff", f"meeting.recorder of {name}")


# The personal fields of a meeting's rows, from the record spec: (kind, field). Staff fields may hold a
# title beside the name (民生委員, 地域福祉課長 佐藤 誠): the "staff" kind drops it.
_MEETING_ROW_FIELDS = tuple(
    (kind, field)
    for kind in ITEM_KINDS.values()
    if kind.parent == "meeting_id"
    for field in kind.fields
    if field.personal
)


def _meeting_row_values(
    session: Session, meeting_ids: list[int] | None, meetings: dict[int, str]
) -> Iterator[PersonalValue]:
    for kind, field in _MEETING_ROW_FIELDS:
        table = _table(TABLES[kind.name])
        rows = select(table.c.meeting_id, table.c[field.name]).order_by(
            table.c.meeting_id, table.c.position, table.c.id
        )
        counted: dict[int, int] = {}
        for row in session.execute(_only(rows, table.c.meeting_id, meeting_ids)):
            number = counted[row.meeting_id] = counted.get(row.meeting_id, -1) + 1
            where = f"{kind.path}[{number}].{field.key} of {meetings.get(row.meeting_id, '')}"
            yield PersonalValue(row[1], field.personal, where)


# The personal fields of the 地域資源 register (a host's window or phone): the register is the town's,
# not a case's, so every resource counts whichever cases are asked about.
_RESOURCE_FIELDS = tuple(field for field in BETWEEN_KINDS["resource"].fields if field.personal)


def _resource_values(session: Session) -> Iterator[PersonalValue]:
    table = _table(Resource)
    for field in _RESOURCE_FIELDS:
        for row in session.execute(select(table.c.id, table.c[field.name]).order_by(table.c.id)):
            yield PersonalValue(row[1], field.personal, f"resources.{row.id}.{field.key}")


def _table(model: Any) -> Any:
    return model.__table__
