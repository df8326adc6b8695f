"""Writing checked meeting documents (document_check.py) into the database: one at a time as changes
to what is stored (`sync_checked`: re-importing an unchanged file writes nothing), or many new ones
with one INSERT per table (`insert_new_documents`)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from welfare_tui import domain, meeting_rules
from welfare_tui.storage import audit, document_registers
from welfare_tui.storage.bulk import grouped, insert_rows, positioned, sync_items
from welfare_tui.storage.document_between_apply import (
    insert_new_between,
    read_stored_between,
    write_between,
)
from welfare_tui.storage.document_check import check_document
from welfare_tui.storage.document_consent import insert_consent_events
from welfare_tui.storage.document_life_apply import insert_new_lives, write_life
from welfare_tui.storage.document_shape import BATCH_SIZE
from welfare_tui.storage.items import ITEM_KINDS, MEETING_CHILDREN, item_kind
from welfare_tui.storage.models import (
    Case,
    HouseholdMember,
    Meeting,
    StepState,
    table_of,
    utc_now,
)


def apply_document(session: Session, *, doc: dict[str, Any]) -> int:
    """Write a document: upsert its case by code and its meeting by uid; returns the meeting id.

    The whole document is checked before anything is written, and errors name the field path
    (`roles[2].due: ...`). The document is the complete record of that meeting: the case's household
    and the meeting's rows become exactly its lists, but only what differs is written (`sync_checked`). Local agencies unknown here are created from
    the `agencies` map; one whose id is taken by a different agency gets a fresh id.
    """
    return apply_checked(session, check_document(session, doc=doc))


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
    changes: list[audit.Change] = []  # of the rows written without the ORM, appended at the end
    document_registers.agree(session, checked, current.names, changes)
    case_fields = checked["case"]
    code = case_fields["code"]
    case_before = current.case(code)
    if case_before is None:
        [(case_id,)] = insert_rows(session, Case, [case_fields], changes)
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
        insert_consent_events(session, {case_id: (code, checked["consent_history"])}, changes) or case_changed
    )

    meeting_fields = {**checked["meeting"], "case_id": case_id}
    meeting_before = current.meeting(meeting_fields["uid"])
    if meeting_before is None:
        [(meeting_id,)] = insert_rows(session, Meeting, [meeting_fields], changes)
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
    case_changed = write_life(session, case_id, checked["life"], changes) or case_changed
    stored_between = current.between(case_id) if case_before is not None else None
    case_changed = (
        write_between(session, case_id, checked["between"], changes, stored_between) or case_changed
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
        # Agencies and resources, id → name, kept up to date by document_registers.agree.
        self.names = (document_registers.agency_names(session), document_registers.resource_names(session))
        self._cases: dict[str, tuple[Any, list[Any]] | None] = {}
        self._between: dict[int, dict[str, list[Any]]] = {}  # a read case's contacts and matches
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

    def between(self, case_id: int) -> dict[str, list[Any]]:
        """The contacts and matches of a case read here (`case` read it)."""
        return self._between.get(case_id, {"contacts": [], "matches": []})

    def forget_case(self, code: str) -> None:
        self._cases.pop(code, None)

    def _read_cases(self, codes: list[str]) -> None:
        if not codes:
            return
        table = table_of(Case)
        rows = {
            row.code: row for row in self._session.execute(select(*table.c).where(table.c.code.in_(codes)))
        }
        ids = [row.id for row in rows.values()]
        members = grouped(self._session, HouseholdMember, "case_id", ids)
        self._between.update(read_stored_between(self._session, ids))
        for code in codes:
            row = rows.get(code)
            self._cases[code] = None if row is None else (row, members.get(row.id, []))

    def _read_meetings(self, uids: list[str]) -> None:
        if not uids:
            return
        table = table_of(Meeting)
        rows = {row.uid: row for row in self._session.execute(select(*table.c).where(table.c.uid.in_(uids)))}
        ids = [row.id for row in rows.values()]
        states = grouped(self._session, StepState, "meeting_id", ids)
        children = {
            kind: grouped(self._session, model, "meeting_id", ids) for kind, model in MEETING_CHILDREN.items()
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
    changed = {
        name: value
        for name, value in fields.items()
        if (old := getattr(stored, name)) != value and not _same(name, old, value)
    }
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
        if row is not None and (row.done, row.notes, row.seconds) == (done, notes, seconds):
            continue  # as stored: most steps of a re-imported file
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
        insert_rows(session, StepState, inserts, changes, identified_by=_STEP_IDENTITY)
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
    """`sync_items` for one kind, goals compared term by term (the document lists them so)."""
    if kind != "goal":
        return sync_items(session, kind=kind, ids=ids, stored=stored, rows=wanted, changes=changes)
    changed = False
    for term in domain.GOAL_TERM:
        changed = (
            sync_items(
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
    session: Session,
    checked: list[dict[str, Any]],
    names: tuple[dict[str, str], dict[str, str]] | None = None,
) -> list[int]:
    """Write checked documents whose cases and meetings this database does not have yet, with one
    INSERT per table for them all (an import into an empty database: 1,000 meetings in seconds, not a
    minute); returns their meeting ids, in order.

    Documents of one case store the case and household of the last of them, as applying them one by
    one would leave it. The caller makes sure no case code or meeting uid is in the database already.
    `names`: the database's agencies and resources, id → name (`Current.names`), updated with those
    created.
    """
    if names is None:
        names = (document_registers.agency_names(session), document_registers.resource_names(session))
    changes: list[audit.Change] = []
    for fields in checked:
        document_registers.agree(session, fields, names, changes)
    cases = {fields["case"]["code"]: fields for fields in checked}  # the last document of each case
    keys = insert_rows(
        session, Case, [fields["case"] for fields in cases.values()], changes, identified_by=("code",)
    )
    case_ids = {code: case_id for code, (case_id,) in zip(cases, keys)}
    histories: dict[int, tuple[str, list[Mapping[str, Any]]]] = {}
    for fields in checked:  # every document of a case adds what it knows of the consent
        code = fields["case"]["code"]
        known = histories.get(case_ids[code], (code, []))[1]
        histories[case_ids[code]] = (code, meeting_rules.merge_history(known, fields["consent_history"]))
    insert_consent_events(session, histories, changes)
    meetings = [{**fields["meeting"], "case_id": case_ids[fields["case"]["code"]]} for fields in checked]
    meeting_ids = [
        meeting_id
        for (meeting_id,) in insert_rows(session, Meeting, meetings, changes, identified_by=("uid",))
    ]

    rows: dict[Any, list[dict[str, Any]]] = {StepState: []}
    for code, fields in cases.items():
        members = positioned(fields["items"]["member"], case_id=case_ids[code])
        rows.setdefault(HouseholdMember, []).extend(members)
    for fields, meeting, meeting_id in zip(checked, meetings, meeting_ids):
        rows[StepState] += _step_rows(meeting_id, fields)
        for kind, items in fields["items"].items():
            if kind != "member":
                spec = item_kind(kind)
                fixed = {"meeting_id": meeting_id, **{name: meeting[name] for name in spec.derived}}
                rows.setdefault(spec.model, []).extend(positioned(items, **fixed))
    for model, model_rows in rows.items():
        identity = _STEP_IDENTITY if model is StepState else (_PARENT_COLUMN[model], "position")
        insert_rows(session, model, model_rows, changes, identified_by=identity)
    lives: dict[int, list[dict[str, Any]]] = {}
    for fields in checked:  # the case's life names meetings: written once they all are
        lives.setdefault(case_ids[fields["case"]["code"]], []).append(fields["life"])
    insert_new_lives(session, lives, changes)
    betweens: dict[int, list[dict[str, Any]]] = {}
    for fields in checked:
        betweens.setdefault(case_ids[fields["case"]["code"]], []).append(fields["between"])
    insert_new_between(session, betweens, changes)
    audit.append(session, changes)
    return meeting_ids


_STEP_IDENTITY = ("meeting_id", "step_id")
_PARENT_COLUMN = {spec.model: spec.parent for spec in ITEM_KINDS.values()}


def _step_rows(meeting_id: int, checked: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"meeting_id": meeting_id, "step_id": step_id, "done": done, "notes": notes, "seconds": seconds}
        for step_id, done, notes, seconds in checked["step_states"]
    ]
