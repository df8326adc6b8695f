"""Meeting documents (docs/architecture.md): one meeting with its case as a dict of plain values.

`meeting_document` / `iter_meeting_documents` read them out of the database for the minutes writers,
which then need no database at all; `apply_document` writes one back (demo data, imports). Reading
goes in batches with one query per table per batch, so exporting a year of meetings costs a dozen
queries rather than a dozen per meeting.

Beyond the example in architecture.md a document carries three keys the database needs to round-trip:
`steps[].title_en` (English minutes), `ecomap.ties[].member` and `monitoring[].status`; and one
derived key, `ecomap.previous` (the case's previous meeting and its ties, for the change list), which
`apply_document` ignores because it is re-derived from the database on every export. The steps'
guide questions stay out of the minutes; `apply_document` accepts `guide` / `guide_en` lists.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, update
from sqlmodel import Session, col, select

from welfare_tui import domain, meeting_rules
from welfare_tui.catalogue import CATALOGUE_BY_ID
from welfare_tui.errors import InvalidInput, NotFound
from welfare_tui.i18n import t
from welfare_tui.storage import audit, consent, repo
from welfare_tui.storage import values as v
from welfare_tui.storage.models import (
    Agency,
    AssessmentItem,
    Attendee,
    Case,
    ConsentEvent,
    EcomapTie,
    Goal,
    HouseholdMember,
    Meeting,
    MonitoringItem,
    RoleAssignment,
    SharedInfo,
    StepState,
    utc_now,
)

FORMAT = "welfare-tui-minutes"
VERSION = 1
BATCH_SIZE = 200
# Namespace of the uids derived for meetings imported without one (uuid5 of "case code/date/round").
UID_NAMESPACE = uuid.UUID("6f1d3c1e-3b7a-5d2e-9c41-7a0e5b8f2d10")

TOP_KEYS = (
    "format",
    "version",
    "agencies",
    "case",
    "meeting",
    "steps",
    "review",
    "attendees",
    "shared_info",
    "ecomap",
    "assessment",
    "policy",
    "goals",
    "roles",
    "monitoring",
    "resource_gaps",
    "decisions",
    "remaining_issues",
    "next_meeting",
)
CASE_KEYS = (
    "code",
    "label",
    "summary",
    "tags",
    "referral_route",
    "status",
    "consent",
    "lead_agency",
    "key_person",
    "address",
    "phone",
    "household",
)
CONSENT_KEYS = ("status", "date", "scope", "agencies", "obtained_by", "history")
MEETING_KEYS = (
    "uid",
    "type",
    "type_label",
    "legal_basis",
    "agenda",
    "round",
    "date",
    "start",
    "end",
    "place",
    "mode",
    "chair",
    "recorder",
    "purpose",
    "status",
    "current_step",
    "confidentiality",
    "incomplete_reason",
)
CONFIDENTIALITY_KEYS = ("confirmed_at", "statement_version", "materials")
STEP_KEYS = ("id", "kind", "title", "title_en", "minutes", "required", "done", "notes", "seconds")
NEXT_MEETING_KEYS = ("date", "time", "place", "note")

# Document key -> column, per child kind of repo.ITEM_KINDS, in document order.
ITEM_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "member": tuple(
        (name, name)
        for name in (
            "name",
            "kana",
            "relation",
            "sex",
            "birth_date",
            "address",
            "phone",
            "index_person",
            "deceased",
            "cohabiting",
            "key_person",
            "note",
        )
    ),
    "attendee": (
        ("agency", "agency_id"),
        ("department", "department"),
        ("role", "role"),
        ("name", "name"),
        ("attendance", "attendance"),
        ("acknowledged", "acknowledged"),
    ),
    "shared_info": (("agency", "agency_id"), ("content", "content")),
    "tie": (
        ("from", "from_node"),
        ("to", "to_node"),
        ("strength", "strength"),
        ("stressful", "stressful"),
        ("flow", "flow"),
        ("label", "label"),
        ("member", "member"),
    ),
    "assessment": (
        ("kind", "kind"),
        ("text", "text"),
        ("priority", "priority"),
        ("urgency", "urgency"),
        ("agency", "agency_id"),
    ),
    "role": (
        ("task", "task"),
        ("agency", "agency_id"),
        ("person", "person"),
        ("due", "due_date"),
        ("status", "status"),
    ),
    "monitoring": (("date", "date"), ("what", "what"), ("status", "status")),
}
_ITEM_KEY_SETS = {kind: frozenset(key for key, _ in keys) for kind, keys in ITEM_KEYS.items()}
# Where each kind lives in the document.
ITEM_PATHS = {
    "member": "case.household",
    "attendee": "attendees",
    "shared_info": "shared_info",
    "tie": "ecomap.ties",
    "assessment": "assessment",
    "role": "roles",
    "monitoring": "monitoring",
}
MEETING_CHILDREN = {
    "attendee": Attendee,
    "shared_info": SharedInfo,
    "tie": EcomapTie,
    "assessment": AssessmentItem,
    "goal": Goal,
    "role": RoleAssignment,
    "monitoring": MonitoringItem,
}


# --- database -> document ---------------------------------------------------------------------------


def meeting_document(session: Session, *, meeting_id: int) -> dict[str, Any]:
    """The document of one meeting (NotFound when there is no such meeting)."""
    return next(iter_meeting_documents(session, meeting_ids=[meeting_id]))


def select_meeting_ids(
    session: Session,
    *,
    ids: Sequence[str | int] = (),
    case_code: str | None = None,
    all: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[int]:
    """Meeting ids named by id or uid, by case code, or all of them, held between `since` and
    `until` (inclusive) when given; ordered by date then id."""
    statement = select(Meeting.id, Meeting.date)
    chosen: dict[int, Any] = {}
    if all:
        chosen.update(session.exec(statement).all())
    if case_code is not None:
        case = repo.get_case_by_code(session, code=case_code)
        chosen.update(session.exec(statement.where(Meeting.case_id == case.id)).all())
    texts = [str(given).strip() for given in ids]
    by_id: dict[int, Any] = {}
    by_uid: dict[str, Any] = {}
    prefixes = [text.lower() for text in texts if _is_uid_prefix(text)]
    # Looked up BATCH_SIZE at a time, not one query per meeting named (`export $(...)` of thousands).
    for start in range(0, len(texts), BATCH_SIZE):
        numbers = [int(text) for text in texts[start : start + BATCH_SIZE] if text.isdigit()]
        if numbers:
            by_id.update(
                (row[0], row)
                for row in session.exec(
                    select(Meeting.id, Meeting.date, Meeting.uid).where(col(Meeting.id).in_(numbers))
                )
            )
    for start in range(0, len(prefixes), BATCH_SIZE):
        chunk = prefixes[start : start + BATCH_SIZE]
        whole = [prefix for prefix in chunk if len(prefix) == UID_LENGTH]
        partial = [prefix for prefix in chunk if len(prefix) < UID_LENGTH]
        lookup = select(Meeting.id, Meeting.date, Meeting.uid)
        if whole:
            by_uid.update((row[2], row) for row in session.exec(lookup.where(col(Meeting.uid).in_(whole))))
        if partial:
            by_uid.update(
                (row[2], row)
                for row in session.exec(
                    lookup.where(or_(*(col(Meeting.uid).startswith(prefix) for prefix in partial)))
                )
            )
    for text in texts:
        row = _named_meeting(text, by_id, by_uid)
        if row is None:
            raise NotFound(t("storage.no_meeting_id", id=text))
        chosen[row[0]] = row[1]
    chosen = {
        meeting_id: day
        for meeting_id, day in chosen.items()
        if (since is None or day >= since) and (until is None or day <= until)
    }
    return sorted(chosen, key=lambda meeting_id: (chosen[meeting_id], meeting_id))


UID_LENGTH = 32
SHORT_UID = 8
"""The uid prefix printed in file names (minutes/__init__.py) and lists: accepted wherever a meeting
is named, as is any longer prefix of the uid."""


def _is_uid_prefix(text: str) -> bool:
    return SHORT_UID <= len(text) <= UID_LENGTH and all(char in "0123456789abcdef" for char in text.lower())


def _named_meeting(text: str, by_id: dict[int, Any], by_uid: dict[str, Any]) -> Any:
    """The row `text` names: an id (digits), or a uid or a prefix of one (8 to 32 hex characters;
    digits-only text of 8 or more is tried as a uid prefix first, then as an id). A prefix of several
    meetings' uids names none of them: InvalidInput listing them, so the user picks one."""
    if _is_uid_prefix(text):
        prefix = text.lower()
        matches = sorted(
            (row for uid, row in by_uid.items() if uid.startswith(prefix)), key=lambda row: row[0]
        )
        if len(matches) > 1:
            listed = ", ".join(f"{row[2][:12]} (ID {row[0]}, {row[1]})" for row in matches[:10])
            raise InvalidInput(t("input.ambiguous_meeting", id=text, count=len(matches), matches=listed))
        if matches:
            return matches[0]
    return by_id.get(int(text)) if text.isdigit() else None


def iter_meeting_documents(session: Session, *, meeting_ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    """Documents in the order of `meeting_ids`, loaded BATCH_SIZE meetings at a time."""
    agencies = {agency.id: agency for agency in session.exec(select(Agency)).all()}
    for start in range(0, len(meeting_ids), BATCH_SIZE):
        batch = list(meeting_ids[start : start + BATCH_SIZE])
        yield from _load_batch(session, batch, agencies)


def _load_batch(session: Session, batch: list[int], agencies: dict[str, Agency]) -> Iterator[dict[str, Any]]:
    # Plain column rows throughout (see _grouped): meetings, then their cases.
    meeting_rows = {row.id: row for rows in _grouped(session, Meeting, "id", batch).values() for row in rows}
    for meeting_id in batch:
        if meeting_id not in meeting_rows:
            raise NotFound(t("storage.no_meeting_id", id=meeting_id))
    case_ids = {row.case_id for row in meeting_rows.values()}
    cases = {case_id: rows[0] for case_id, rows in _grouped(session, Case, "id", case_ids).items()}
    meetings = {meeting_id: (row, cases[row.case_id]) for meeting_id, row in meeting_rows.items()}
    members = _grouped(session, HouseholdMember, "case_id", case_ids)
    states = _grouped(session, StepState, "meeting_id", batch)
    children = {
        kind: _grouped(session, model, "meeting_id", batch) for kind, model in MEETING_CHILDREN.items()
    }
    previous = _previous_meetings(session, [meeting for meeting, _ in meetings.values()], case_ids)
    previous_ids = {row.id for row in previous.values()}
    previous_ties = _grouped(session, EcomapTie, "meeting_id", previous_ids)
    previous_roles = _grouped(session, RoleAssignment, "meeting_id", previous_ids)
    previous_checks = _grouped(session, MonitoringItem, "meeting_id", previous_ids)
    consent_histories = consent.histories(session, case_ids)
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
            agencies,
            earlier,
            consent_histories.get(case.id, []),
        )


def _previous_meetings(session: Session, meetings: list[Meeting], case_ids: set[int]) -> dict[int, Any]:
    """Each meeting's previous meeting of the same case, ordered by (date, round, uid): values that
    survive export and import, so `ecomap.previous` is derived the same way in any database."""
    rows = session.exec(
        select(Meeting.id, Meeting.uid, Meeting.case_id, Meeting.date, Meeting.round).where(
            col(Meeting.case_id).in_(list(case_ids))
        )
    ).all()
    by_case: dict[int, list[Any]] = {}
    for row in rows:
        by_case.setdefault(row.case_id, []).append(row)
    found: dict[int, Any] = {}
    for meeting in meetings:
        own = (meeting.date, meeting.round, meeting.uid)
        earlier = [row for row in by_case.get(meeting.case_id, []) if (row.date, row.round, row.uid) < own]
        if earlier:
            found[meeting.id] = max(earlier, key=lambda row: (row.date, row.round, row.uid))
    return found


def _grouped(session: Session, model: Any, key: str, parent_ids: Any) -> dict[int, list[Any]]:
    """The rows of `model` under each parent id, in list order.

    Plain column rows, not ORM objects: building an identity-mapped instance per row made reading
    cost ~1 ms per meeting, ten times the driver's own read (bench/, docs/performance.md). Rows
    answer the same attribute names as the model.
    """
    grouped: dict[int, list[Any]] = {}
    table = model.__table__
    order = (table.c.position, table.c.id) if "position" in table.c else ()
    statement = select(*table.c).where(table.c[key].in_(list(parent_ids))).order_by(*order)
    rows = session.execute(statement).all()
    place = rows[0]._fields.index(key) if rows else 0
    for row in rows:
        grouped.setdefault(row[place], []).append(row)
    return grouped


def _items(kind: str, rows: list[Any]) -> list[dict[str, Any]]:
    """Document items from column rows (of _grouped), reading each column by its position."""
    if not rows:
        return []
    fields = rows[0]._fields
    places = [(key, fields.index(column)) for key, column in ITEM_KEYS[kind]]
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
    agencies: dict[str, Agency],
    previous: dict[str, Any] | None = None,
    consent_history: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    steps = repo.merged_steps(meeting.agenda_json, states)
    consent_history = consent_history or []
    consent_agencies = json.loads(case.consent_agencies or "[]")
    ties = _items("tie", children["tie"])
    attendees = _items("attendee", children["attendee"])
    shared_info = _items("shared_info", children["shared_info"])
    roles = _items("role", children["role"])
    assessment = _items("assessment", children["assessment"])
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
    referred = [
        case.lead_agency_id,
        *(a["agency"] for a in attendees),
        *(s["agency"] for s in shared_info),
        *(item["agency"] for item in assessment),
        *(r["agency"] for r in (review or {}).get("roles", [])),
        *(node for tie in ties for node in (tie["from"], tie["to"])),
        *(r["agency"] for r in roles),
        *(node for tie in (previous or {}).get("ties", []) for node in (tie["from"], tie["to"])),
        *consent_agencies,
        *(a for event in consent_history for a in event["agencies"]),
    ]
    agency_map = {}
    for agency_id in referred:
        if agency_id in agencies and agency_id not in agency_map:
            agency = agencies[agency_id]
            agency_map[agency_id] = {"name": agency.name, "short": agency.short, "sector": agency.sector}
    return {
        "format": FORMAT,
        "version": VERSION,
        "agencies": agency_map,
        "case": {
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
            "household": _items("member", members),
        },
        "meeting": {
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
        },
        "steps": [{key: step[key] for key in STEP_KEYS} for step in steps],
        "review": review,
        "attendees": attendees,
        "shared_info": shared_info,
        "ecomap": {"ties": ties, "previous": previous},
        "assessment": assessment,
        "policy": meeting.policy,
        "goals": {
            term: [goal.text for goal in children["goal"] if goal.term == term] for term in domain.GOAL_TERM
        },
        "roles": roles,
        "monitoring": _items("monitoring", children["monitoring"]),
        "resource_gaps": meeting.resource_gaps,
        "decisions": meeting.decisions,
        "remaining_issues": meeting.remaining_issues,
        "next_meeting": {
            "date": v.iso(meeting.next_meeting_date),
            "time": meeting.next_meeting_time,
            "place": meeting.next_meeting_place,
            "note": meeting.next_meeting_note,
        },
    }


# --- document -> database ---------------------------------------------------------------------------


def apply_document(session: Session, *, doc: dict[str, Any]) -> int:
    """Write a document: upsert its case by code and its meeting by uid; returns the meeting id.

    The whole document is checked before anything is written, and errors name the field path
    (`roles[2].due: ...`). The document is the complete record of that meeting: the case's household
    and the meeting's rows become exactly its lists, but only what differs is written (`sync_checked`). Local agencies unknown here are created from
    the `agencies` map; one whose id is taken by a different agency gets a fresh id.
    """
    return apply_checked(session, check_document(session, doc=doc))


def check_document(
    session: Session, *, doc: Any, owners: dict[str, str | None] | None = None
) -> dict[str, Any]:
    """Check a document against this database without writing anything, and return it as the column
    values `apply_checked` writes (`import` checks every file before it applies any, then applies
    what it checked); raises InvalidInput naming the field path."""
    return _check_document(session, doc, owners)


def apply_checked(session: Session, checked: dict[str, Any]) -> int:
    """`apply_document` for a document `check_document` has already checked (and not applied yet)."""
    return sync_checked(session, checked).meeting_id


@dataclass(frozen=True)
class Applied:
    """What applying one document did: its meeting's id, and for its case and its meeting whether it
    was `new`, `updated` or `unchanged` (nothing written, nothing audited)."""

    meeting_id: int
    case_change: str
    meeting_change: str


def sync_checked(session: Session, checked: dict[str, Any], current: Current | None = None) -> Applied:
    """Write a checked document as changes to what the database holds: a field or row that is already
    as the document says is not written (no UPDATE, no audit entry); an edited row is updated in place,
    only rows the document no longer has are deleted and only rows it adds are inserted. `current` is
    what the database held, read in batches beforehand (`Current`); without it, it is read here."""
    current = current or Current(session, [checked])
    _resolve_agencies(checked, _ensure_agencies(session, checked["agencies"], current.agency_names))
    changes: list[audit.Change] = []  # of the rows written without the ORM, appended at the end
    case_fields = checked["case"]
    code = case_fields["code"]
    case_before = current.case(code)
    if case_before is None:
        [(case_id,)] = repo.insert_rows(session, Case, [case_fields], changes)
        case_changed = True
    else:
        case_id = case_before[0].id
        case_changed = _update_changed(session, Case, case_before[0], case_fields)
    members = case_before[1] if case_before is not None else []
    case_changed = (
        _sync_rows(session, "member", {"case_id": case_id}, members, checked["items"].pop("member"), changes)
        or case_changed
    )
    case_changed = (
        _insert_consent_events(session, {case_id: (code, checked["consent_history"])}, changes)
        or case_changed
    )

    meeting_fields = {**checked["meeting"], "case_id": case_id}
    meeting_before = current.meeting(meeting_fields["uid"])
    if meeting_before is None:
        [(meeting_id,)] = repo.insert_rows(session, Meeting, [meeting_fields], changes)
        meeting_changed = True
        states: list[Any] = []
        children: dict[str, list[Any]] = {}
    else:
        row, states, children = meeting_before
        meeting_id = row.id
        meeting_changed = _update_changed(session, Meeting, row, meeting_fields)
    meeting_changed = (
        _sync_steps(session, meeting_id, states, checked["step_states"], changes) or meeting_changed
    )
    ids = {"case_id": case_id, "meeting_id": meeting_id}
    for kind, rows in checked["items"].items():
        meeting_changed = (
            _sync_rows(session, kind, ids, children.get(kind, []), rows, changes) or meeting_changed
        )
    audit.append(session, changes)
    if case_changed:
        current.forget_case(code)  # a later document of the same case compares with what was written
    return Applied(
        meeting_id,
        "new" if case_before is None else "updated" if case_changed else "unchanged",
        "new" if meeting_before is None else "updated" if meeting_changed else "unchanged",
    )


class Current:
    """What the database holds for the cases and meetings of some checked documents: case rows with
    their household, meeting rows with their step states and child rows, as plain column rows read
    with one query per table per `BATCH_SIZE` documents (re-importing 1,000 unchanged files reads a
    few dozen times, not a thousand). A case or meeting not asked for at first is read when asked."""

    def __init__(self, session: Session, checked: Sequence[dict[str, Any]]) -> None:
        self._session = session
        self.agency_names = _agency_names(session)  # kept up to date by _ensure_agencies
        self._cases: dict[str, tuple[Any, list[Any]] | None] = {}
        self._meetings: dict[str, tuple[Any, list[Any], dict[str, list[Any]]] | None] = {}
        codes = list(dict.fromkeys(fields["case"]["code"] for fields in checked))
        uids = list(dict.fromkeys(fields["meeting"]["uid"] for fields in checked))
        for start in range(0, max(len(codes), len(uids)), BATCH_SIZE):
            self._read_cases(codes[start : start + BATCH_SIZE])
            self._read_meetings(uids[start : start + BATCH_SIZE])

    def case(self, code: str) -> tuple[Any, list[Any]] | None:
        if code not in self._cases:
            self._read_cases([code])
        return self._cases[code]

    def meeting(self, uid: str) -> tuple[Any, list[Any], dict[str, list[Any]]] | None:
        if uid not in self._meetings:
            self._read_meetings([uid])
        return self._meetings[uid]

    def forget_case(self, code: str) -> None:
        self._cases.pop(code, None)

    def _read_cases(self, codes: list[str]) -> None:
        if not codes:
            return
        table = Case.__table__  # type: ignore[attr-defined]
        rows = {
            row.code: row for row in self._session.execute(select(*table.c).where(table.c.code.in_(codes)))
        }
        members = _grouped(self._session, HouseholdMember, "case_id", [row.id for row in rows.values()])
        for code in codes:
            row = rows.get(code)
            self._cases[code] = None if row is None else (row, members.get(row.id, []))

    def _read_meetings(self, uids: list[str]) -> None:
        if not uids:
            return
        table = Meeting.__table__  # type: ignore[attr-defined]
        rows = {row.uid: row for row in self._session.execute(select(*table.c).where(table.c.uid.in_(uids)))}
        ids = [row.id for row in rows.values()]
        states = _grouped(self._session, StepState, "meeting_id", ids)
        children = {
            kind: _grouped(self._session, model, "meeting_id", ids)
            for kind, model in MEETING_CHILDREN.items()
        }
        for uid in uids:
            row = rows.get(uid)
            self._meetings[uid] = (
                None
                if row is None
                else (
                    row,
                    states.get(row.id, []),
                    {kind: by_id.get(row.id, []) for kind, by_id in children.items()},
                )
            )


# Columns holding JSON text: compared as values, so that another serialisation of the same list
# (spacing, escaping) is not a change.
_JSON_COLUMNS = frozenset({"tags", "agenda_json"})


def _same(column: str, stored: Any, value: Any) -> bool:
    if column in _JSON_COLUMNS and isinstance(stored, str) and isinstance(value, str):
        return stored == value or json.loads(stored) == json.loads(value)
    return bool(stored == value)


def _update_changed(session: Session, model: Any, stored: Any, fields: dict[str, Any]) -> bool:
    """Update a case or meeting through the ORM with only the fields whose value differs (its version
    is checked and bumped and the audit lists those fields); nothing at all when none does."""
    changed = {name: value for name, value in fields.items() if not _same(name, getattr(stored, name), value)}
    if not changed:
        return False
    row = session.get_one(model, stored.id)
    for name, value in changed.items():
        setattr(row, name, value)
    row.updated_at = utc_now()
    session.flush()
    return True


def _sync_steps(
    session: Session,
    meeting_id: int,
    stored: list[Any],
    wanted: list[tuple[str, bool, str, int]],
    changes: list[audit.Change],
) -> bool:
    """Step states matched by step id: changed ones updated, missing ones inserted, others deleted."""
    by_step = {row.step_id: row for row in stored}
    inserts = []
    changed = False
    for step_id, done, notes, seconds in wanted:
        row = by_step.pop(step_id, None)
        values = {"done": done, "notes": notes, "seconds": seconds}
        if row is None:
            inserts.append({"meeting_id": meeting_id, "step_id": step_id, **values})
            continue
        differing = {name: value for name, value in values.items() if getattr(row, name) != value}
        if differing:
            session.execute(
                update(StepState)
                .where(col(StepState.meeting_id) == meeting_id, col(StepState.step_id) == step_id)
                .values(**differing)
            )
            changed = True
    if by_step:
        session.execute(
            delete(StepState).where(
                col(StepState.meeting_id) == meeting_id, col(StepState.step_id).in_(list(by_step))
            )
        )
        changed = True
    if inserts:
        repo.insert_rows(session, StepState, inserts, changes, identified_by=_STEP_IDENTITY)
        changed = True
    return changed


def _sync_rows(
    session: Session,
    kind: str,
    ids: dict[str, int],
    stored: list[Any],
    wanted: list[dict[str, Any]],
    changes: list[audit.Change],
) -> bool:
    """`repo.sync_items` for one kind, goals compared term by term (the document lists them so)."""
    if kind != "goal":
        return repo.sync_items(session, kind=kind, ids=ids, stored=stored, rows=wanted, changes=changes)
    changed = False
    for term in domain.GOAL_TERM:
        changed = (
            repo.sync_items(
                session,
                kind=kind,
                ids=ids,
                stored=[row for row in stored if row.term == term],
                rows=[row for row in wanted if row["term"] == term],
                changes=changes,
            )
            or changed
        )
    return changed


def insert_new_documents(
    session: Session, checked: list[dict[str, Any]], names: dict[str, str] | None = None
) -> list[int]:
    """Write checked documents whose cases and meetings this database does not have yet, with one
    INSERT per table for them all (an import into an empty database: 1,000 meetings in seconds, not a
    minute); returns their meeting ids, in order.

    Documents of one case store the case and household of the last of them, as applying them one by
    one would leave it. The caller makes sure no case code or meeting uid is in the database already.
    `names`: the database's agencies, id → name (`Current.agency_names`), updated with those created.
    """
    names = _agency_names(session) if names is None else names
    for fields in checked:
        _resolve_agencies(fields, _ensure_agencies(session, fields["agencies"], names))
    changes: list[audit.Change] = []
    cases = {fields["case"]["code"]: fields for fields in checked}  # the last document of each case
    keys = repo.insert_rows(
        session, Case, [fields["case"] for fields in cases.values()], changes, identified_by=("code",)
    )
    case_ids = {code: case_id for code, (case_id,) in zip(cases, keys)}
    histories: dict[int, tuple[str, list[dict[str, Any]]]] = {}
    for fields in checked:  # every document of a case adds what it knows of the consent
        code = fields["case"]["code"]
        known = histories.get(case_ids[code], (code, []))[1]
        histories[case_ids[code]] = (code, meeting_rules.merge_history(known, fields["consent_history"]))
    _insert_consent_events(session, histories, changes)
    meetings = [{**fields["meeting"], "case_id": case_ids[fields["case"]["code"]]} for fields in checked]
    meeting_ids = [
        meeting_id
        for (meeting_id,) in repo.insert_rows(session, Meeting, meetings, changes, identified_by=("uid",))
    ]

    rows: dict[Any, list[dict[str, Any]]] = {StepState: []}
    for code, fields in cases.items():
        members = repo.positioned(fields["items"]["member"], case_id=case_ids[code])
        rows.setdefault(HouseholdMember, []).extend(members)
    for fields, meeting, meeting_id in zip(checked, meetings, meeting_ids):
        rows[StepState] += _step_rows(meeting_id, fields)
        for kind, items in fields["items"].items():
            if kind != "member":
                spec = repo.item_kind(kind)
                fixed = {"meeting_id": meeting_id, **{name: meeting[name] for name in spec.derived}}
                rows.setdefault(spec.model, []).extend(repo.positioned(items, **fixed))
    for model, model_rows in rows.items():
        identity = _STEP_IDENTITY if model is StepState else (_PARENT_COLUMN[model], "position")
        repo.insert_rows(session, model, model_rows, changes, identified_by=identity)
    audit.append(session, changes)
    return meeting_ids


def _insert_consent_events(
    session: Session, histories: dict[int, tuple[str, list[dict[str, Any]]]], changes: list[audit.Change]
) -> bool:
    """Add the events of each case's (merged) history, {case id: (code, events)}, that the database does
    not hold yet; True when there were any. What it holds is the session's cache of every history
    (`_consent_histories_by_code`): re-importing unchanged files costs no query here."""
    known = _consent_histories_by_code(session)
    rows = []
    for case_id, (code, events) in histories.items():
        uids = {event["uid"] for event in known.get(code, [])}
        rows += [
            {
                "case_id": case_id,
                "uid": event["uid"],
                "event": event["event"],
                "date": v.optional_date("consent", event["date"]),
                "status": event["status"],
                "scope": event["scope"],
                "agencies": json.dumps(event["agencies"], ensure_ascii=False),
                "obtained_by": event["obtained_by"],
                "note": event["note"],
            }
            for event in events
            if event["uid"] not in uids
        ]
    if rows:
        session.info.pop("consent_by_code", None)
        repo.insert_rows(session, ConsentEvent, rows, changes, identified_by=("case_id", "uid"))
    return bool(rows)


_STEP_IDENTITY = ("meeting_id", "step_id")
_PARENT_COLUMN = {spec.model: spec.parent for spec in repo.ITEM_KINDS.values()}


def _step_rows(meeting_id: int, checked: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"meeting_id": meeting_id, "step_id": step_id, "done": done, "notes": notes, "seconds": seconds}
        for step_id, done, notes, seconds in checked["step_states"]
    ]


def _agency_names(session: Session) -> dict[str, str]:
    """Every agency of this database, id → name (one query for any number of documents)."""
    return dict(session.exec(select(Agency.id, Agency.name)).all())


def _ensure_agencies(
    session: Session, wanted: dict[str, dict[str, str]], names: dict[str, str]
) -> dict[str, str]:
    """Create the document's agencies this database lacks (adding them to `names`); returns
    {document id: database id} where they differ (a local id already used here by another agency, or
    the same agency under another id)."""
    rename: dict[str, str] = {}
    by_name = {name: agency_id for agency_id, name in reversed(names.items())}
    for agency_id, entry in wanted.items():
        existing = names.get(agency_id)
        if existing is not None and (existing == entry["name"] or agency_id in CATALOGUE_BY_ID):
            continue
        if entry["name"] in by_name:
            rename[agency_id] = by_name[entry["name"]]
            continue
        created = repo.add_agency(
            session,
            name=entry["name"],
            sector=entry["sector"],
            short=entry["short"],
            agency_id=None if existing is not None else agency_id,
        )
        names[created.id] = created.name
        by_name.setdefault(created.name, created.id)
        if created.id != agency_id:
            rename[agency_id] = created.id
    return rename


def _resolve_agencies(checked: dict[str, Any], rename: dict[str, str]) -> None:
    """Point the document's agency references (and ecomap nodes) at the ids this database uses."""
    if not rename:
        return
    case = checked["case"]
    case["lead_agency_id"] = rename.get(case["lead_agency_id"], case["lead_agency_id"])
    case["consent_agencies"] = json.dumps(
        [rename.get(a, a) for a in json.loads(case["consent_agencies"])], ensure_ascii=False
    )
    for event in checked["consent_history"]:
        event["agencies"] = [rename.get(a, a) for a in event["agencies"]]
    for rows in checked["items"].values():
        for row in rows:
            for column in ("agency_id", "from_node", "to_node"):
                if row.get(column):
                    row[column] = rename.get(row[column], row[column])


def _check_document(
    session: Session, doc: Any, owners: dict[str, str | None] | None = None
) -> dict[str, Any]:
    """Validate a whole document into column values, before any write."""
    doc = _mapping("", doc)
    v.unknown_keys("", doc, TOP_KEYS)
    if doc.get("format") != FORMAT:
        raise InvalidInput(t("storage.doc.format", value=repr(doc.get("format")), format=FORMAT))
    version = v.integer("version", doc.get("version"))
    if version != VERSION:
        raise InvalidInput(t("storage.doc.version", version=version, supported=VERSION))

    agencies: dict[str, dict[str, str]] = {}
    for agency_id, entry in _mapping("agencies", doc.get("agencies")).items():
        path = f"agencies.{agency_id}"
        entry = _mapping(path, entry)
        v.unknown_keys(path, entry, ("name", "short", "sector"))
        agencies[str(agency_id)] = {
            "name": v.text(f"{path}.name", entry.get("name"), required=True).strip(),
            "short": v.text(f"{path}.short", entry.get("short")),
            "sector": v.choice(f"{path}.sector", entry.get("sector"), domain.SECTORS),
        }

    def agency_ref(path: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        agency_id = v.text(path, value)
        if agency_id not in agencies and session.get(Agency, agency_id) is None:
            raise InvalidInput(t("storage.doc.unknown_agency", path=path, id=repr(agency_id)))
        return agency_id

    case_doc = _mapping("case", doc.get("case"))
    v.unknown_keys("case", case_doc, CASE_KEYS)
    consent = _mapping("case.consent", case_doc.get("consent"))
    v.unknown_keys("case.consent", consent, CONSENT_KEYS)
    case = {
        "code": v.text("case.code", case_doc.get("code"), required=True).strip(),
        "label": v.text("case.label", case_doc.get("label"), required=True),
        "summary": v.text("case.summary", case_doc.get("summary")),
        "tags": json.dumps(v.tag_list("case.tags", case_doc.get("tags")), ensure_ascii=False),
        "referral_route": v.text("case.referral_route", case_doc.get("referral_route")),
        "status": v.choice("case.status", case_doc.get("status", "shien_kaigi"), domain.CASE_STATUS),
        "lead_agency_id": agency_ref("case.lead_agency", case_doc.get("lead_agency")),
        "key_person": v.text("case.key_person", case_doc.get("key_person")),
        "address": v.text("case.address", case_doc.get("address")),
        "phone": v.text("case.phone", case_doc.get("phone")),
    }

    steps, step_states = _check_steps(doc.get("steps"))
    step_ids = [step["id"] for step in steps]
    meeting_doc = _mapping("meeting", doc.get("meeting"))
    v.unknown_keys("meeting", meeting_doc, MEETING_KEYS)
    confidentiality = _mapping("meeting.confidentiality", meeting_doc.get("confidentiality"))
    v.unknown_keys("meeting.confidentiality", confidentiality, CONFIDENTIALITY_KEYS)
    next_meeting = _mapping("next_meeting", doc.get("next_meeting"))
    v.unknown_keys("next_meeting", next_meeting, NEXT_MEETING_KEYS)
    meeting_type = v.choice("meeting.type", meeting_doc.get("type"), domain.MEETING_TYPES)
    kind = domain.MEETING_TYPES[meeting_type]
    meeting = {
        "uid": v.text("meeting.uid", meeting_doc.get("uid")).strip(),
        "type": meeting_type,
        "type_label": v.text("meeting.type_label", meeting_doc.get("type_label", kind.label)),
        "legal_basis": v.text("meeting.legal_basis", meeting_doc.get("legal_basis", kind.legal_basis)),
        "agenda_id": v.text("meeting.agenda", meeting_doc.get("agenda")),
        "agenda_json": json.dumps(steps, ensure_ascii=False),
        "round": v.bounded("meeting.round", meeting_doc.get("round", 1), "round"),
        "date": v.required_date("meeting.date", meeting_doc.get("date")),
        "start_time": v.clock_time("meeting.start", meeting_doc.get("start")),
        "end_time": v.clock_time("meeting.end", meeting_doc.get("end")),
        "place": v.text("meeting.place", meeting_doc.get("place")),
        "mode": v.choice("meeting.mode", meeting_doc.get("mode", "in_person"), domain.MEETING_MODE),
        "chair": v.text("meeting.chair", meeting_doc.get("chair")),
        "recorder": v.text("meeting.recorder", meeting_doc.get("recorder")),
        "purpose": v.text("meeting.purpose", meeting_doc.get("purpose")),
        "status": v.choice("meeting.status", meeting_doc.get("status", "planned"), domain.MEETING_STATUS),
        "current_step": v.choice(
            "meeting.current_step", meeting_doc.get("current_step"), step_ids, allow_empty=True
        ),
        "confidentiality_confirmed_at": v.clock_time(
            "meeting.confidentiality.confirmed_at", confidentiality.get("confirmed_at")
        ),
        "statement_version": v.text(
            "meeting.confidentiality.statement_version", confidentiality.get("statement_version")
        ),
        "materials": v.choice(
            "meeting.confidentiality.materials",
            confidentiality.get("materials"),
            domain.MATERIALS,
            allow_empty=True,
        ),
        "policy": v.text("policy", doc.get("policy")),
        "resource_gaps": v.text("resource_gaps", doc.get("resource_gaps")),
        "decisions": v.text("decisions", doc.get("decisions")),
        "remaining_issues": v.text("remaining_issues", doc.get("remaining_issues")),
        "next_meeting_date": v.optional_date("next_meeting.date", next_meeting.get("date")),
        "next_meeting_time": v.clock_time("next_meeting.time", next_meeting.get("time")),
        "next_meeting_place": v.text("next_meeting.place", next_meeting.get("place")),
        "next_meeting_note": v.text("next_meeting.note", next_meeting.get("note")),
        "incomplete_reason": v.text("meeting.incomplete_reason", meeting_doc.get("incomplete_reason")),
    }

    if not meeting["uid"]:
        # A hand-written file without a uid: derive it from what identifies the meeting, so that
        # importing the same file again updates the meeting instead of adding a copy.
        meeting["uid"] = uuid.uuid5(UID_NAMESPACE, f"{case['code']}/{meeting['date']}/{meeting['round']}").hex
    elif not _UID.fullmatch(str(meeting["uid"])):
        raise InvalidInput(t("storage.doc.bad_uid", uid=repr(str(meeting["uid"])[:40])))
    _refuse_other_case(session, str(case["code"]), str(meeting["uid"]), owners)

    ecomap = _mapping("ecomap", doc.get("ecomap"))
    # `previous` (the previous meeting's ties) is derived at export time and ignored here.
    v.unknown_keys("ecomap", ecomap, ("ties", "previous"))
    sources = {
        "member": case_doc.get("household"),
        "attendee": doc.get("attendees"),
        "shared_info": doc.get("shared_info"),
        "tie": ecomap.get("ties"),
        "assessment": doc.get("assessment"),
        "role": doc.get("roles"),
        "monitoring": doc.get("monitoring"),
    }
    items = {
        kind_name: _check_items(session, kind_name, source, agency_ref)
        for kind_name, source in sources.items()
    }
    goals = _mapping("goals", doc.get("goals"))
    v.unknown_keys("goals", goals, domain.GOAL_TERM)
    items["goal"] = [
        {"term": term, "text": v.text(f"goals.{term}[{index}]", text)}
        for term in domain.GOAL_TERM
        for index, text in enumerate(_sequence(f"goals.{term}", goals.get(term)))
    ]
    history = _check_consent(session, case, consent, agency_ref)
    _check_meeting_rules(meeting, history, items, step_states, code=case["code"])
    return {
        "agencies": agencies,
        "case": case,
        "meeting": meeting,
        "step_states": step_states,
        "items": items,
        "consent_history": history,
    }


def _check_consent(
    session: Session, case: dict[str, Any], consent_doc: dict[str, Any], agency_ref: Any
) -> list[dict[str, Any]]:
    """The document's consent history checked and merged with what this database already knows of the
    case; sets the case's consent columns to where the merged history arrives (meeting_rules)."""
    v.choice("case.consent.status", consent_doc.get("status", "none"), domain.CONSENT_STATUS)
    v.optional_date("case.consent.date", consent_doc.get("date"))
    v.text("case.consent.scope", consent_doc.get("scope"))
    v.text("case.consent.obtained_by", consent_doc.get("obtained_by"))
    for index, agency in enumerate(_sequence("case.consent.agencies", consent_doc.get("agencies"))):
        agency_ref(f"case.consent.agencies[{index}]", agency)
    incoming = []
    for index, raw in enumerate(_sequence("case.consent.history", consent_doc.get("history"))):
        path = f"case.consent.history[{index}]"
        raw = _mapping(path, raw)
        v.unknown_keys(path, raw, meeting_rules.EVENT_KEYS)
        event = {
            "uid": v.text(f"{path}.uid", raw.get("uid")).strip(),
            "event": v.choice(f"{path}.event", raw.get("event"), meeting_rules.CONSENT_EVENTS),
            "date": v.iso(v.optional_date(f"{path}.date", raw.get("date"))),
            "status": v.choice(f"{path}.status", raw.get("status", "none"), domain.CONSENT_STATUS),
            "scope": v.text(f"{path}.scope", raw.get("scope")),
            "agencies": [
                agency_ref(f"{path}.agencies[{i}]", a)
                for i, a in enumerate(_sequence(f"{path}.agencies", raw.get("agencies")))
            ],
            "obtained_by": v.text(f"{path}.obtained_by", raw.get("obtained_by")),
            "note": v.text(f"{path}.note", raw.get("note")),
        }
        if not re.fullmatch(r"[0-9a-f]{32}", event["uid"]):
            event["uid"] = meeting_rules.event_uid(case["code"], event)
        incoming.append(event)
    if not incoming:
        incoming = meeting_rules.document_history({"case": {"code": case["code"], "consent": consent_doc}})
    known = _consent_histories_by_code(session).get(case["code"], [])
    merged = meeting_rules.merge_history(known, incoming)
    state = meeting_rules.consent_as_of(merged)
    case.update(
        {
            "consent_status": state.status,
            "consent_date": v.optional_date("consent", state.date),
            "consent_scope": state.scope,
            "consent_agencies": json.dumps(list(state.agencies), ensure_ascii=False),
            "consent_obtained_by": state.obtained_by,
            "consent_withdrawn_date": v.optional_date("consent", state.withdrawn_date),
            "consent_withdrawal_note": state.withdrawal_note,
        }
    )
    return [dict(event) for event in merged]


def _consent_histories_by_code(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Every case's consent history by case code, read once per session (checking 1,000 files costs one
    query, not 1,000; `_insert_consent_events` forgets it when it writes)."""
    cached = session.info.get("consent_by_code")
    if cached is None:
        codes = dict(
            session.exec(
                select(Case.id, Case.code).where(col(Case.id).in_(select(ConsentEvent.case_id)))
            ).all()
        )
        cached = {codes[case_id]: events for case_id, events in consent.histories(session, codes).items()}
        session.info["consent_by_code"] = cached
    return cached


def _check_meeting_rules(
    meeting: dict[str, Any],
    history: list[dict[str, Any]],
    items: dict[str, Any],
    step_states: list[tuple[str, bool, str, int]],
    *,
    code: str,
) -> None:
    """The rules every path obeys (meeting_rules): consent for the meeting's type on its date, and
    minutes marked final only with the confidentiality confirmation, which is never waivable. (The
    completeness of the closing check guides the facilitator in the room; a record closed elsewhere is
    imported as it was closed.)"""
    refusal = meeting_rules.consent_refusal(
        meeting["type"], meeting_rules.consent_as_of(history, meeting["date"]), case=code, day=meeting["date"]
    )
    if refusal:
        raise InvalidInput(f"meeting.type: {refusal}")
    if meeting["status"] != "finished":
        return
    attendees = [
        meeting_rules.Attendance(
            a.get("name", ""), a.get("attendance", "present"), bool(a.get("acknowledged")), index
        )
        for index, a in enumerate(items["attendee"])
    ]
    problems = meeting_rules.confidentiality_problems(
        confirmed_at=meeting["confidentiality_confirmed_at"],
        statement_version=meeting["statement_version"],
        attendees=attendees,
    )
    if problems:
        raise InvalidInput(f"meeting.status: {t('rules.not_final_import', problems='; '.join(problems))}")


_UID = re.compile(r"[0-9a-f]{32}")


def meeting_owners(session: Session, uids: Sequence[str]) -> dict[str, str | None]:
    """{uid: code of the case the meeting belongs to, or None when there is no such meeting}, read
    BATCH_SIZE at a time: `check_document(owners=...)` for many documents without a query each."""
    owners: dict[str, str | None] = dict.fromkeys(uids)
    wanted = list(owners)
    for start in range(0, len(wanted), BATCH_SIZE):
        owners.update(
            session.exec(
                select(Meeting.uid, Case.code)
                .join(Case, col(Meeting.case_id) == Case.id)
                .where(col(Meeting.uid).in_(wanted[start : start + BATCH_SIZE]))
            ).all()
        )
    return owners


def _refuse_other_case(session: Session, code: str, uid: str, owners: dict[str, str | None] | None) -> None:
    """A document never moves a meeting to another case: a file whose meeting uid is a meeting of
    another case here (an export copied as a template, then edited) is refused, naming both cases.
    `import --as-new` gives such a file a fresh uid instead."""
    owner = (
        owners[uid]
        if owners is not None and uid in owners
        else session.exec(
            select(Case.code).join(Meeting, col(Meeting.case_id) == Case.id).where(Meeting.uid == uid)
        ).first()
    )
    if owner is not None and owner != code:
        from welfare_tui.i18n import t

        raise InvalidInput(f"meeting.uid: {t('input.other_case', meeting=uid[:8], owner=owner, code=code)}")


def _check_steps(value: Any) -> tuple[list[dict[str, Any]], list[tuple[str, bool, str, int]]]:
    steps: list[dict[str, Any]] = []
    states: list[tuple[str, bool, str, int]] = []
    for index, raw in enumerate(_sequence("steps", value)):
        path = f"steps[{index}]"
        raw = _mapping(path, raw)
        v.unknown_keys(path, raw, (*STEP_KEYS, "guide", "guide_en"))
        step_id = v.text(f"{path}.id", raw.get("id"), required=True)
        if any(step["id"] == step_id for step in steps):
            raise InvalidInput(t("storage.doc.step_twice", path=path, id=repr(step_id)))
        steps.append(
            {
                "id": step_id,
                "kind": v.text(f"{path}.kind", raw.get("kind")),
                "title": v.text(f"{path}.title", raw.get("title")),
                "title_en": v.text(f"{path}.title_en", raw.get("title_en")),
                "minutes": v.bounded(f"{path}.minutes", raw.get("minutes", 0), "minutes"),
                "required": v.boolean(f"{path}.required", raw.get("required", False)),
                "guide": _text_list(f"{path}.guide", raw.get("guide")),
                "guide_en": _text_list(f"{path}.guide_en", raw.get("guide_en")),
            }
        )
        states.append(
            (
                step_id,
                v.boolean(f"{path}.done", raw.get("done", False)),
                v.text(f"{path}.notes", raw.get("notes")),
                v.bounded(f"{path}.seconds", raw.get("seconds", 0), "seconds"),
            )
        )
    return steps, states


def _check_items(session: Session, kind: str, value: Any, agency_ref: Any) -> list[dict[str, Any]]:
    spec = repo.item_kind(kind)
    rows = []
    for index, raw in enumerate(_sequence(ITEM_PATHS[kind], value)):
        path = f"{ITEM_PATHS[kind]}[{index}]"
        raw = _mapping(path, raw)
        v.unknown_keys(path, raw, _ITEM_KEY_SETS[kind])
        row = {}
        for key, column in ITEM_KEYS[kind]:
            if key not in raw:
                continue
            if column == "agency_id":
                row[column] = agency_ref(f"{path}.{key}", raw[key])
            else:
                row[column] = spec.fields[column](session, f"{path}.{key}", raw[key])
        rows.append(row)
    return rows


def _text_list(path: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    return [v.text(f"{path}[{index}]", item) for index, item in enumerate(_sequence(path, value))]


def _mapping(path: str, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidInput(
            t(
                "storage.doc.expected_mapping",
                path=path or t("storage.doc.document"),
                kind=type(value).__name__,
            )
        )
    return value


def _sequence(path: str, value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(t("storage.doc.expected_list", path=path, kind=type(value).__name__))
    return value
