"""Writing the work between meetings of checked meeting documents (document_between_check.py) as changes
to what the database holds, so that re-importing an unchanged file writes nothing:

contacts and matches are matched by uid: a new one is added, a changed one updated, none deleted
  (every document of a case carries them all; an older file never removes what was added since);
  a contact names its meeting by uid and gets it when that meeting is in the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, select

from welfare_tui.storage import audit
from welfare_tui.storage.bulk import insert_rows
from welfare_tui.storage.document_life_apply import meeting_ids_of, update_changed
from welfare_tui.storage.models import ContactLog, ResourceMatch, table_of

# Each kind: its table and how its rows are told apart.
_TABLES = {"contacts": ContactLog, "matches": ResourceMatch}


def write_between(
    session: Session, case_id: int, between: dict[str, Any], changes: list[audit.Change]
) -> bool:
    """Write one document's contacts and matches of case `case_id`; True when anything was written."""
    contacts, matches = between["contacts"] or [], between["matches"] or []
    if not (contacts or matches):
        return False
    meeting_ids = meeting_ids_of(session, {row["meeting_uid"] for row in contacts} - {None})
    changed = False
    for part, rows in (("contacts", contacts), ("matches", matches)):
        model = _TABLES[part]
        c = table_of(model).c
        stored = {
            row.uid: row
            for row in session.execute(select(*c).where(c.uid.in_([row["uid"] for row in rows])))
        }
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
        rows = [_fields(row, case_id, meeting_ids) for case_id, parts in merged.items() for row in parts[part]]
        insert_rows(session, model, rows, changes, identified_by=("uid",))


def _merged(betweens: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    parts: dict[str, dict[str, dict[str, Any]]] = {"contacts": {}, "matches": {}}
    for between in betweens:
        for part, found in parts.items():
            found |= {row["uid"]: row for row in between[part] or []}
    return {part: list(found.values()) for part, found in parts.items()}
