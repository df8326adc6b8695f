"""Writing the work between meetings of checked meeting documents (document_between_check.py) as changes
to what the database holds, so that re-importing an unchanged file writes nothing:

contacts and matches are matched by uid: a new one is added, a changed one updated, none deleted
  (every document of a case carries them all; an older file never removes what was added since);
  a contact names its meeting by uid and gets it when that meeting is in the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from welfare_tui.storage import audit
from welfare_tui.storage.bulk import grouped, insert_rows
from welfare_tui.storage.document_life_apply import meeting_ids_of, update_changed
from welfare_tui.storage.models import ContactLog, Meeting, ResourceMatch, table_of

# Each kind: its table and how its rows are told apart.
_TABLES = {"contacts": ContactLog, "matches": ResourceMatch}


def read_stored_between(session: Session, case_ids: list[int]) -> dict[int, dict[str, list[Any]]]:
    """{case id: {contacts, matches}} as stored (plain column rows), one query per table for a batch
    of cases (`document_apply.Current` reads them with the cases, so re-importing unchanged files
    costs no query per document)."""
    if not case_ids:
        return {}
    contact, meeting = table_of(ContactLog), table_of(Meeting)
    # A contact with the uid of its meeting: an unchanged one is compared without asking for it.
    statement = (
        select(*contact.c, meeting.c.uid.label("meeting_uid"))
        .outerjoin(meeting, meeting.c.id == contact.c.meeting_id)
        .where(contact.c.case_id.in_(case_ids))
        .order_by(contact.c.id)
    )
    contacts: dict[int, list[Any]] = {}
    for row in session.execute(statement):
        contacts.setdefault(row.case_id, []).append(row)
    matches = grouped(session, ResourceMatch, "case_id", case_ids)
    return {
        case_id: {"contacts": contacts.get(case_id, []), "matches": matches.get(case_id, [])}
        for case_id in case_ids
    }


def write_between(
    session: Session,
    case_id: int,
    between: dict[str, Any],
    changes: list[audit.Change],
    stored_rows: dict[str, list[Any]] | None = None,
) -> bool:
    """Write one document's contacts and matches of case `case_id`; True when anything was written.
    `stored_rows`: the case's contacts and matches as stored (`read_stored_between`; else read here)."""
    contacts, matches = between["contacts"] or [], between["matches"] or []
    if not (contacts or matches):
        return False
    if stored_rows is None:
        stored_rows = read_stored_between(session, [case_id])[case_id]
    named = {row["meeting_uid"] for row in contacts} - {None}
    meeting_ids = _known_meetings(session, named, stored_rows["contacts"])
    changed = False
    for part, rows in (("contacts", contacts), ("matches", matches)):
        model = _TABLES[part]
        stored = {row.uid: row for row in stored_rows[part]}
        new = []
        for row in rows:
            fields = _fields(row, case_id, meeting_ids)
            before = stored.get(row["uid"])
            if before is None:
                new.append(fields)
                continue
            if part == "contacts" and fields["meeting_id"] is None:
                fields["meeting_id"] = before.meeting_id  # its meeting is not here (yet): kept
            changed = update_changed(session, model, before, fields) or changed
        insert_rows(session, model, new, changes, identified_by=("uid",))
        changed = changed or bool(new)
    return changed


def _known_meetings(session: Session, named: set[str], stored: list[Any]) -> dict[str | None, int]:
    """{uid: id} of the meetings the contacts name: those the stored contacts already name are known
    from them; the database is asked only for the others (a contact new here, or its meeting new)."""
    known: dict[str | None, int] = {row.meeting_uid: row.meeting_id for row in stored if row.meeting_uid}
    unknown = named - set(known)
    return {**known, **meeting_ids_of(session, unknown)} if unknown else known


def _fields(row: dict[str, Any], case_id: int, meeting_ids: dict[str | None, int]) -> dict[str, Any]:
    fields = {key: value for key, value in row.items() if key != "meeting_uid"}
    fields["case_id"] = case_id
    if "meeting_uid" in row:
        fields["meeting_id"] = meeting_ids.get(row["meeting_uid"])
    return fields


def insert_new_between(
    session: Session, betweens: dict[int, list[dict[str, Any]]], changes: list[audit.Change]
) -> None:
    """The contacts and matches of cases this database did not hold, {case id: what its documents
    carry, in order}, with one INSERT per table (an import into an empty database); a row carried by
    several documents of a case is written once, as the last of them gives it."""
    merged = {case_id: _merged(found) for case_id, found in betweens.items()}
    named = {row["meeting_uid"] for parts in merged.values() for row in parts["contacts"]}
    meeting_ids = meeting_ids_of(session, named - {None}, always=True)
    for part, model in _TABLES.items():
        rows = [
            _fields(row, case_id, meeting_ids) for case_id, parts in merged.items() for row in parts[part]
        ]
        insert_rows(session, model, rows, changes, identified_by=("uid",))


def _merged(betweens: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    parts: dict[str, dict[str, dict[str, Any]]] = {"contacts": {}, "matches": {}}
    for between in betweens:
        for part, found in parts.items():
            found |= {row["uid"]: row for row in between[part] or []}
    return {part: list(found.values()) for part, found in parts.items()}
