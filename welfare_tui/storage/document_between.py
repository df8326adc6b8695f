"""The work between meetings in a meeting document (version 3): the case's contact log (支援経過 /
アウトリーチ, `case.contacts`) and its 参加支援 matches (`case.matches`), read for a batch of cases with
one query per table, and the document's `resources` map: every resource the document names (a match,
a role, an ecomap tie), as `agencies` maps every agency.

Like the case's life, every document of a case carries the case's whole contact log and matches;
contacts name the meeting they were recorded from by uid, matches their resource by id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, select

from welfare_tui.storage.bulk import grouped
from welfare_tui.storage.document_life import document_row
from welfare_tui.storage.document_shape import CONTACT_KEYS, MATCH_KEYS, RESOURCE_KEYS
from welfare_tui.storage.models import ContactLog, Resource, ResourceMatch, table_of

NONE: dict[str, list[Any]] = {"contacts": [], "matches": []}


def read_between(
    session: Session, case_ids: Iterable[int], case_meetings: Iterable[Any]
) -> dict[int, dict[str, list[Any]]]:
    """{case id: {contacts, matches}} in document form for every case of `case_ids` that has any;
    `case_meetings`: (id, uid, ...) of every meeting of those cases (documents.py reads them).
    Contacts in the order they happened (date, then as recorded), matches as recorded."""
    ids = list(set(case_ids))
    if not ids:
        return {}
    uid_of = {row.id: row.uid for row in case_meetings}
    contacts = grouped(session, ContactLog, "case_id", ids)
    matches = grouped(session, ResourceMatch, "case_id", ids)
    found = {}
    for case_id in ids:
        logged = sorted(contacts.get(case_id, []), key=lambda row: (row.date, row.id))
        matched = sorted(matches.get(case_id, []), key=lambda row: row.id)
        if logged or matched:
            found[case_id] = {
                "contacts": [
                    document_row(CONTACT_KEYS, row, meeting_uid=uid_of.get(row.meeting_id)) for row in logged
                ],
                "matches": [document_row(MATCH_KEYS, row) for row in matched],
            }
    return found


def between_agencies(between: dict[str, list[Any]]) -> list[Any]:
    """Every agency id the contact log names, in document order (for the document's agency map)."""
    return [contact["agency"] for contact in between["contacts"]]


def all_resources(session: Session) -> dict[str, Any]:
    """Every resource of the register, id → row (the register is small: one query per export)."""
    table = table_of(Resource)  # plain column rows
    return {row.id: row for row in session.execute(select(*table.c))}


def resource_map(referred: Iterable[Any], resources: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{id: {name, category, sector, area, capacity, contact, notes}} of every resource referred to,
    in the order referred."""
    found: dict[str, dict[str, Any]] = {}
    for resource_id in referred:
        if resource_id in resources and resource_id not in found:
            row = resources[resource_id]
            found[resource_id] = {key: getattr(row, column) for key, column in RESOURCE_KEYS}
    return found
