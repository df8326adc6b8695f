"""Meeting documents (docs/architecture.md): one meeting with its case as a dict of plain values.

`meeting_document` / `iter_meeting_documents` read them out of the database for the minutes writers,
which then need no database at all. Reading goes in batches with one query per table per batch, so
exporting a year of meetings costs a dozen queries rather than a dozen per meeting. Writing one back
is `check_document` (document_check.py) then `apply_checked` (document_apply.py); `apply_document`
does both. The shape of a document is in document_shape.py, its rows are the record spec's.

Beyond the example in architecture.md a document carries three keys the database needs to round-trip:
`steps[].title_en` (English minutes), `ecomap.ties[].member` and `monitoring[].status`; and derived
keys, `ecomap.previous` (the case's previous meeting and its ties, for the change list) and `review`,
which `apply_document` ignores because they are re-derived from the database on every export. The
steps' guide questions stay out of the minutes; `apply_document` accepts `guide` / `guide_en` lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from welfare_tui import domain
from welfare_tui.errors import NotFound
from welfare_tui.i18n import t
from welfare_tui.records import values as v
from welfare_tui.storage import consent
from welfare_tui.storage.bulk import grouped
from welfare_tui.storage.document_apply import (
    Applied,
    Current,
    apply_checked,
    apply_document,
    insert_new_documents,
    sync_checked,
)
from welfare_tui.storage.document_between import (
    NONE,
    all_resources,
    between_agencies,
    read_between,
    resource_map,
)
from welfare_tui.storage.document_check import check_document
from welfare_tui.storage.document_life import EMPTY, life_agencies, meeting_decision, read_lives
from welfare_tui.storage.document_shape import (
    BATCH_SIZE,
    CASE_KEYS,
    CONFIDENTIALITY_KEYS,
    CONSENT_KEYS,
    FORMAT,
    ITEM_KEYS,
    ITEM_PATHS,
    MEETING_KEYS,
    NEXT_MEETING_KEYS,
    SHORT_UID,
    STEP_KEYS,
    TOP_KEYS,
    UID_LENGTH,
    UID_NAMESPACE,
    VERSION,
)
from welfare_tui.storage.items import MEETING_CHILDREN
from welfare_tui.storage.meeting_ids import meeting_owners, select_meeting_ids
from welfare_tui.storage.meetings import merged_steps
from welfare_tui.storage.models import (
    Agency,
    Case,
    EcomapTie,
    HouseholdMember,
    Meeting,
    MonitoringItem,
    RoleAssignment,
    StepState,
    table_of,
)

__all__ = [
    "BATCH_SIZE",
    "CASE_KEYS",
    "CONFIDENTIALITY_KEYS",
    "CONSENT_KEYS",
    "FORMAT",
    "ITEM_KEYS",
    "ITEM_PATHS",
    "MEETING_CHILDREN",
    "MEETING_KEYS",
    "NEXT_MEETING_KEYS",
    "SHORT_UID",
    "STEP_KEYS",
    "TOP_KEYS",
    "UID_LENGTH",
    "UID_NAMESPACE",
    "VERSION",
    "Applied",
    "Current",
    "apply_checked",
    "apply_document",
    "check_document",
    "insert_new_documents",
    "iter_meeting_documents",
    "meeting_document",
    "meeting_owners",
    "select_meeting_ids",
    "sync_checked",
]


def meeting_document(session: Session, *, meeting_id: int) -> dict[str, Any]:
    """The document of one meeting (NotFound when there is no such meeting)."""
    return next(iter_meeting_documents(session, meeting_ids=[meeting_id]))


def iter_meeting_documents(session: Session, *, meeting_ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    """Documents in the order of `meeting_ids`, loaded BATCH_SIZE meetings at a time."""
    agencies = {agency.id: agency for agency in session.exec(select(Agency)).all()}
    resources = all_resources(session)
    for start in range(0, len(meeting_ids), BATCH_SIZE):
        batch = list(meeting_ids[start : start + BATCH_SIZE])
        yield from _load_batch(session, batch, (agencies, resources))


def _load_batch(
    session: Session, batch: list[int], registers: tuple[dict[str, Agency], dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    # Plain column rows throughout (see grouped): meetings, then their cases.
    meeting_rows = {row.id: row for rows in grouped(session, Meeting, "id", batch).values() for row in rows}
    for meeting_id in batch:
        if meeting_id not in meeting_rows:
            raise NotFound(t("storage.no_meeting_id", id=meeting_id))
    case_ids = {row.case_id for row in meeting_rows.values()}
    cases = {case_id: rows[0] for case_id, rows in grouped(session, Case, "id", case_ids).items()}
    meetings = {meeting_id: (row, cases[row.case_id]) for meeting_id, row in meeting_rows.items()}
    members = grouped(session, HouseholdMember, "case_id", case_ids)
    states = grouped(session, StepState, "meeting_id", batch)
    children = {
        kind: grouped(session, model, "meeting_id", batch) for kind, model in MEETING_CHILDREN.items()
    }
    case_meetings = _case_meetings(session, case_ids)
    previous = _previous_meetings([meeting for meeting, _ in meetings.values()], case_meetings)
    previous_ids = {row.id for row in previous.values()}
    previous_ties = grouped(session, EcomapTie, "meeting_id", previous_ids)
    previous_roles = grouped(session, RoleAssignment, "meeting_id", previous_ids)
    previous_checks = grouped(session, MonitoringItem, "meeting_id", previous_ids)
    consent_histories = consent.histories(session, case_ids)
    lives = read_lives(session, case_ids, case_meetings)
    betweens = read_between(session, case_ids, case_meetings)
    for meeting_id in batch:
        meeting, case = meetings[meeting_id]
        before = previous.get(meeting_id)
        earlier = (
            None
            if before is None
            else {
                "uid": before.uid,
                "round": before.round,
                "date": before.date.isoformat(),
                "ties": _items("tie", previous_ties.get(before.id, [])),
                "roles": _items("role", previous_roles.get(before.id, [])),
                "monitoring": _items("monitoring", previous_checks.get(before.id, [])),
            }
        )
        yield _document(
            meeting,
            case,
            members.get(case.id, []),
            {state.step_id: state for state in states.get(meeting_id, [])},
            {kind: rows.get(meeting_id, []) for kind, rows in children.items()},
            registers,
            earlier,
            consent_histories.get(case.id, []),
            {**lives.get(case.id, EMPTY), **betweens.get(case.id, NONE)},
        )


def _case_meetings(session: Session, case_ids: set[int]) -> Sequence[Any]:
    """(id, uid, case_id, date, round) of every meeting of the cases: for `ecomap.previous` and for
    naming meetings by uid in the case's life."""
    c = table_of(Meeting).c  # plain column rows
    return session.execute(
        sa_select(c.id, c.uid, c.case_id, c.date, c.round).where(c.case_id.in_(list(case_ids)))
    ).all()


def _previous_meetings(meetings: list[Meeting], rows: Sequence[Any]) -> dict[int, Any]:
    """Each meeting's previous meeting of the same case, ordered by (date, round, uid): values that
    survive export and import, so `ecomap.previous` is derived the same way in any database."""
    by_case: dict[int, list[Any]] = {}
    for row in rows:
        by_case.setdefault(row.case_id, []).append(row)
    found: dict[int, Any] = {}
    for meeting in meetings:
        own = (meeting.date, meeting.round, meeting.uid)
        earlier = [row for row in by_case.get(meeting.case_id, []) if (row.date, row.round, row.uid) < own]
        if earlier:
            found[meeting.id or 0] = max(earlier, key=lambda row: (row.date, row.round, row.uid))
    return found


def _items(kind: str, rows: list[Any]) -> list[dict[str, Any]]:
    return document_rows(ITEM_KEYS[kind], rows)


def document_rows(keys: tuple[tuple[str, str], ...], rows: list[Any]) -> list[dict[str, Any]]:
    """Document rows from column rows (of `grouped`): each (key, column) of `keys`, read by position."""
    if not rows:
        return []
    fields = rows[0]._fields
    places = [(key, fields.index(column)) for key, column in keys]
    items = []
    for row in rows:
        item = {}
        for key, place in places:
            value = row[place]
            item[key] = v.iso(value) if hasattr(value, "isoformat") else value
        items.append(item)
    return items


def _document(
    meeting: Meeting,
    case: Case,
    members: list[HouseholdMember],
    states: dict[str, StepState],
    children: dict[str, list[Any]],
    registers: tuple[dict[str, Agency], dict[str, Any]],
    previous: dict[str, Any] | None = None,
    consent_history: list[dict[str, Any]] | None = None,
    life: dict[str, list[Any]] = EMPTY,
) -> dict[str, Any]:
    """`life`: the case's life and its work between meetings (`read_lives`, `read_between`)."""
    agencies, resources = registers
    steps = merged_steps(meeting.agenda_json, states)
    consent_history = consent_history or []
    consent_agencies = json.loads(case.consent_agencies or "[]")
    rows = {kind: _items(kind, children[kind]) for kind in ITEM_KEYS if kind in children}
    # What the previous meeting set and how it stands now: the review of last meeting's actions.
    review = (
        None
        if previous is None
        else {
            "meeting": previous["uid"],
            "round": previous["round"],
            "roles": previous["roles"],
            "monitoring": previous["monitoring"],
        }
    )
    previous = None if previous is None else {key: previous[key] for key in ("uid", "round", "date", "ties")}
    referred = _referred(case, rows, review, previous, consent_agencies, consent_history)
    referred += life_agencies(life) + between_agencies(life)
    return {
        "format": FORMAT,
        "version": VERSION,
        "agencies": _agency_map(referred, agencies),
        "resources": resource_map(_resources_referred(rows, review, previous, life), resources),
        "case": {
            **_case_part(case, consent_agencies, consent_history, _items("member", members)),
            **life,
        },
        "meeting": {**_meeting_part(meeting), "decision": meeting_decision(life["stages"], meeting.uid)},
        "steps": [{key: step[key] for key in STEP_KEYS} for step in steps],
        "review": review,
        "attendees": rows["attendee"],
        "shared_info": rows["shared_info"],
        "ecomap": {"ties": rows["tie"], "previous": previous},
        "assessment": rows["assessment"],
        "needs": rows["need"],
        "policy": meeting.policy,
        "goals": {
            term: [goal.text for goal in children["goal"] if goal.term == term] for term in domain.GOAL_TERM
        },
        "roles": rows["role"],
        "monitoring": rows["monitoring"],
        "resource_gaps": meeting.resource_gaps,
        "decisions": meeting.decisions,
        "remaining_issues": meeting.remaining_issues,
        "next_meeting": _next_meeting(meeting),
    }


def _next_meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "date": v.iso(meeting.next_meeting_date),
        "time": meeting.next_meeting_time,
        "place": meeting.next_meeting_place,
        "note": meeting.next_meeting_note,
    }


def _referred(
    case: Case,
    rows: dict[str, list[dict[str, Any]]],
    review: dict[str, Any] | None,
    previous: dict[str, Any] | None,
    consent_agencies: list[str],
    consent_history: list[dict[str, Any]],
) -> list[Any]:
    """Every agency id (or ecomap node) the document refers to, in the order its map lists them."""
    return [
        case.lead_agency_id,
        *(a["agency"] for a in rows["attendee"]),
        *(s["agency"] for s in rows["shared_info"]),
        *(item["agency"] for item in rows["assessment"]),
        *(r["agency"] for r in (review or {}).get("roles", [])),
        *(node for tie in rows["tie"] for node in (tie["from"], tie["to"])),
        *(r["agency"] for r in rows["role"]),
        *(node for tie in (previous or {}).get("ties", []) for node in (tie["from"], tie["to"])),
        *consent_agencies,
        *(a for event in consent_history for a in event["agencies"]),
    ]


def _resources_referred(
    rows: dict[str, list[dict[str, Any]]],
    review: dict[str, Any] | None,
    previous: dict[str, Any] | None,
    life: dict[str, list[Any]],
) -> list[Any]:
    """Every resource id the document names, in the order its `resources` map lists them."""
    return [
        *(tie["resource"] for tie in rows["tie"]),
        *(role["resource"] for role in rows["role"]),
        *(match["resource"] for match in life["matches"]),
        *(r["resource"] for r in (review or {}).get("roles", [])),
        *(tie["resource"] for tie in (previous or {}).get("ties", [])),
    ]


def _agency_map(referred: list[Any], agencies: dict[str, Agency]) -> dict[str, dict[str, str]]:
    """{id: {name, short, sector}} of every agency the document refers to, in the order referred."""
    agency_map = {}
    for agency_id in referred:
        if agency_id in agencies and agency_id not in agency_map:
            agency = agencies[agency_id]
            agency_map[agency_id] = {"name": agency.name, "short": agency.short, "sector": agency.sector}
    return agency_map


def _case_part(
    case: Case, consent_agencies: list[str], consent_history: list[dict[str, Any]], household: list[Any]
) -> dict[str, Any]:
    return {
        "code": case.code,
        "label": case.label,
        "summary": case.summary,
        "tags": json.loads(case.tags),
        "referral_route": case.referral_route,
        "status": case.status,
        "consent": {
            "status": case.consent_status,
            "date": v.iso(case.consent_date),
            "scope": case.consent_scope,
            "agencies": consent_agencies,
            "obtained_by": case.consent_obtained_by,
            "history": consent_history,
        },
        "lead_agency": case.lead_agency_id,
        "key_person": case.key_person,
        "address": case.address,
        "phone": case.phone,
        "household": household,
    }


def _meeting_part(meeting: Meeting) -> dict[str, Any]:
    return {
        "uid": meeting.uid,
        "type": meeting.type,
        "type_label": meeting.type_label,
        "legal_basis": meeting.legal_basis,
        "agenda": meeting.agenda_id,
        "round": meeting.round,
        "date": meeting.date.isoformat(),
        "start": meeting.start_time,
        "end": meeting.end_time,
        "place": meeting.place,
        "mode": meeting.mode,
        "chair": meeting.chair,
        "recorder": meeting.recorder,
        "purpose": meeting.purpose,
        "status": meeting.status,
        "current_step": meeting.current_step,
        "confidentiality": {
            "confirmed_at": meeting.confidentiality_confirmed_at,
            "statement_version": meeting.statement_version,
            "materials": meeting.materials,
        },
        "incomplete_reason": meeting.incomplete_reason,
    }
