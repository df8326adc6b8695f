"""Checking a meeting document against this database before anything is written: every value
converted to what its column holds, errors naming the field path (`roles[2].due: ...`).

The rows of each kind are checked by the record spec (records/kinds.py), one table-driven pass; the
case, the meeting, the steps and the consent history by hand, as they are laid out in the document.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from welfare_tui import domain, meeting_rules
from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t
from welfare_tui.records import values as v
from welfare_tui.records.kinds import ITEM_KINDS
from welfare_tui.records.spec import Field, Kind, checker
from welfare_tui.storage.document_consent import check_consent
from welfare_tui.storage.document_shape import (
    CASE_KEYS,
    CONFIDENTIALITY_KEYS,
    CONSENT_KEYS,
    FORMAT,
    MEETING_KEYS,
    NEXT_MEETING_KEYS,
    TOP_KEYS,
    UID_NAMESPACE,
    VERSIONS,
    mapping,
    sequence,
)
from welfare_tui.storage.document_steps import check_steps
from welfare_tui.storage.models import Agency, Case, Meeting

AgencyRef = Callable[[str, Any], "str | None"]


def check_document(
    session: Session,
    *,
    doc: Any,
    owners: dict[str, str | None] | None = None,
    row_owners: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """Check a document against this database without writing anything, and return it as the column
    values `apply_checked` writes (`import` checks every file before it applies any, then applies
    what it checked); raises InvalidInput naming the field path. `owners`: the case of each meeting
    uid, `row_owners`: of each contact and match uid (asked once for a whole import; else here)."""
    doc = mapping("", doc)
    v.unknown_keys("", doc, TOP_KEYS)
    if doc.get("format") != FORMAT:
        raise InvalidInput(t("storage.doc.format", value=repr(doc.get("format")), format=FORMAT))
    version = v.integer("version", doc.get("version"))
    if version not in VERSIONS:
        raise InvalidInput(t("storage.doc.version", version=version, supported=", ".join(map(str, VERSIONS))))
    agencies = _check_agencies(doc.get("agencies"))

    def agency_ref(path: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        agency_id = v.text(path, value)
        if agency_id not in agencies and session.get(Agency, agency_id) is None:
            raise InvalidInput(t("storage.doc.unknown_agency", path=path, id=repr(agency_id)))
        return agency_id

    case_doc = mapping("case", doc.get("case"))
    v.unknown_keys("case", case_doc, CASE_KEYS)
    consent_doc = mapping("case.consent", case_doc.get("consent"))
    v.unknown_keys("case.consent", consent_doc, CONSENT_KEYS)
    case = _check_case(case_doc, agency_ref)
    steps, step_states = check_steps(doc.get("steps"))
    meeting = _check_meeting(doc, steps, code=case["code"])
    _refuse_other_case(session, str(case["code"]), str(meeting["uid"]), owners)
    from welfare_tui.storage import document_between_check as between_check  # it uses check_rows

    resources = between_check.check_resource_map(doc.get("resources"))
    resource_ref = between_check.resource_checker(session, resources)
    items = _check_all_items(doc, case_doc, agency_ref, resource_ref)
    history = check_consent(session, case, consent_doc, agency_ref)
    _check_meeting_rules(meeting, history, items, step_states, code=case["code"])
    from welfare_tui.storage.document_life_check import check_life, check_life_rules  # it uses check_rows

    life = check_life(case_doc, mapping("meeting", doc.get("meeting")), case["code"], agency_ref)
    check_life_rules(session, life, meeting)
    between = between_check.check_between(case_doc, case["code"], agency_ref, resource_ref)
    between_check.refuse_other_case(session, between, case["code"], row_owners)
    return {
        "agencies": agencies,
        "resources": resources,
        "case": case,
        "meeting": meeting,
        "step_states": step_states,
        "items": items,
        "consent_history": history,
        "life": life,
        "between": between,
    }


_AGENCY_KEYS = frozenset(("name", "short", "sector"))
_SECTORS = frozenset(domain.SECTORS)


def _check_agencies(value: Any) -> dict[str, dict[str, str]]:
    """The document's `agencies` map: {id: {name, short, sector}}. An entry of plain texts, as every
    export writes them (some 20 a document), is taken as it is; any other is checked field by field."""
    agencies: dict[str, dict[str, str]] = {}
    for agency_id, entry in mapping("agencies", value).items():
        plain = _plain_agency(entry)
        if plain is not None:
            agencies[str(agency_id)] = plain
            continue
        path = f"agencies.{agency_id}"
        entry = mapping(path, entry)
        v.unknown_keys(path, entry, ("name", "short", "sector"))
        agencies[str(agency_id)] = {
            "name": v.text(f"{path}.name", entry.get("name"), required=True).strip(),
            "short": v.text(f"{path}.short", entry.get("short")),
            "sector": v.choice(f"{path}.sector", entry.get("sector"), domain.SECTORS),
        }
    return agencies


def _plain_agency(entry: Any) -> dict[str, str] | None:
    """An entry of plain texts as it is stored, or None when it needs checking field by field."""
    if type(entry) is not dict or entry.keys() != _AGENCY_KEYS:
        return None
    name, short, sector = entry["name"], entry["short"], entry["sector"]
    if not (type(name) is str and type(short) is str and type(sector) is str and sector in _SECTORS):
        return None
    if not name.strip() or "\x00" in name + short:
        return None
    return {"name": name.strip(), "short": short, "sector": sector}


def _check_case(case_doc: dict[str, Any], agency_ref: AgencyRef) -> dict[str, Any]:
    return {
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


def _check_meeting(doc: dict[str, Any], steps: list[dict[str, Any]], *, code: str) -> dict[str, Any]:
    """The meeting's columns: `meeting`, its confidentiality, the meeting-wide texts and `next_meeting`."""
    step_ids = [step["id"] for step in steps]
    meeting_doc = mapping("meeting", doc.get("meeting"))
    v.unknown_keys("meeting", meeting_doc, MEETING_KEYS)
    confidentiality = mapping("meeting.confidentiality", meeting_doc.get("confidentiality"))
    v.unknown_keys("meeting.confidentiality", confidentiality, CONFIDENTIALITY_KEYS)
    next_meeting = mapping("next_meeting", doc.get("next_meeting"))
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
        **_meeting_texts(doc, meeting_doc, next_meeting),
    }

    if not meeting["uid"]:
        # A hand-written file without a uid: derive it from what identifies the meeting, so that
        # importing the same file again updates the meeting instead of adding a copy.
        meeting["uid"] = uuid.uuid5(UID_NAMESPACE, f"{code}/{meeting['date']}/{meeting['round']}").hex
    elif not _UID.fullmatch(str(meeting["uid"])):
        raise InvalidInput(t("storage.doc.bad_uid", uid=repr(str(meeting["uid"])[:40])))
    return meeting


def _meeting_texts(
    doc: dict[str, Any], meeting_doc: dict[str, Any], next_meeting: dict[str, Any]
) -> dict[str, Any]:
    """The meeting's columns written at the top of a document: policy, ..., next meeting."""
    return {
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


def _check_all_items(
    doc: dict[str, Any], case_doc: dict[str, Any], agency_ref: AgencyRef, resource_ref: AgencyRef
) -> dict[str, Any]:
    """The rows of every kind, in the order of the record spec (goals, laid out by term, last)."""
    ecomap = mapping("ecomap", doc.get("ecomap"))
    # `previous` (the previous meeting's ties) is derived at export time and ignored here.
    v.unknown_keys("ecomap", ecomap, ("ties", "previous"))
    sections = {"case": case_doc, "ecomap": ecomap}
    items = {}
    for kind, checks in _ITEM_CHECKS.items():
        parent, _, key = checks.path.rpartition(".")
        source = sections[parent].get(key) if parent else doc.get(key)
        items[kind] = check_rows(checks, source, agency_ref, resource_ref)
    goals = mapping("goals", doc.get("goals"))
    v.unknown_keys("goals", goals, domain.GOAL_TERM)
    items["goal"] = [
        {"term": term, "text": v.text(f"goals.{term}[{index}]", text)}
        for term in domain.GOAL_TERM
        for index, text in enumerate(sequence(f"goals.{term}", goals.get(term)))
    ]
    return items


# A value of these types is stored as it is (a text without NUL, a yes/no): no call needed.
_PLAIN: dict[tuple[str, bool], type] = {
    ("text", False): str,
    ("long_text", False): str,
    ("bool", False): bool,
}


# Fields naming a row of a register: whether it exists is asked of the document and the database.
_REFERENCES = ("agency", "resource")


def _item_check(field: Field) -> Callable[[str, Any], Any] | None:
    return None if field.type in _REFERENCES else checker(field)


class RowChecks(NamedTuple):
    """How the rows of one kind are checked, worked out once: where they are in the document, the keys
    they may have, and per field (key, column, the type of a value taken as it is, the choices taken as
    they are, its check, the register it names); the check is None for an agency or a resource
    (whether it exists is asked of the document and the database)."""

    path: str
    keys: frozenset[str]
    fields: tuple[tuple[str, str, type | None, frozenset[str], Callable[[str, Any], Any] | None, str], ...]


def row_checks(kind: Kind) -> RowChecks:
    return RowChecks(
        kind.path,
        frozenset(field.key for field in kind.fields),
        tuple(
            (
                field.key,
                field.name,
                _PLAIN.get((field.type, field.required)),
                frozenset(field.options),
                _item_check(field),
                field.type,
            )
            for field in kind.fields
        ),
    )


_ITEM_CHECKS = {name: row_checks(kind) for name, kind in ITEM_KINDS.items() if kind.path}


def _no_resources(path: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    from welfare_tui.i18n import t

    raise InvalidInput(t("between_doc.doc.unknown_resource", path=path, id=repr(value)))


def check_rows(
    checks: RowChecks, value: Any, agency_ref: AgencyRef, resource_ref: AgencyRef = _no_resources
) -> list[dict[str, Any]]:
    """A document's rows of one kind as column values, in one pass (checking 1,000 files checks some
    60,000 rows): a text or a yes/no is taken as it is, anything else goes through its field's check,
    an agency or a resource through `agency_ref` / `resource_ref`."""
    path, keys = checks.path, checks.keys
    rows = []
    for index, raw in enumerate(sequence(path, value)):
        where = f"{path}[{index}]"
        if not isinstance(raw, dict):
            raw = mapping(where, raw)
        if not raw.keys() <= keys:
            v.unknown_keys(where, raw, keys)
        row = {}
        for key, column, plain, choices, check, field_type in checks.fields:
            if key not in raw:
                continue
            given: Any = raw[key]
            given_type = type(given)
            if (given_type is plain and (given_type is bool or "\x00" not in given)) or (
                given_type is str and given in choices
            ):
                row[column] = given
            elif check is None:
                ref = resource_ref if field_type == "resource" else agency_ref
                row[column] = ref(f"{where}.{key}", given)
            else:
                row[column] = check(f"{where}.{key}", given)
        rows.append(row)
    return rows


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
