"""Builders of meeting documents for tests (docs/architecture.md, "The meeting document"): they hold
the shape, so every generated document has every key in the documented order. (They once built the
demo households, which are YAML files now: welfare_tui/demo_data/.)
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from welfare_tui.domain import MEETING_TYPES, confidentiality_statement

FORMAT = "welfare-tui-minutes"
VERSION = 1
# What a meeting document keeps of an agenda step (the guide questions stay in the agenda file).
STEP_KEYS = ("id", "kind", "title", "title_en", "minutes", "required")


def local_agency(name: str, short: str, sector: str) -> dict[str, str]:
    """An entry of the document's `agencies` map: a municipality's own instance of a catalogue kind."""
    return {"name": name, "short": short, "sector": sector}


def person(
    name: str,
    kana: str,
    relation: str,
    sex: str,
    birth_date: str,
    *,
    index: bool = False,
    deceased: bool = False,
    cohabiting: bool = True,
    key: bool = False,
    note: str = "",
    address: str = "",
    phone: str = "",
) -> dict[str, Any]:
    """A genogram person; `relation` is seen from the index person (本人)."""
    return {
        "name": name,
        "kana": kana,
        "relation": relation,
        "sex": sex,
        "birth_date": birth_date,
        "address": address,
        "phone": phone,
        "index_person": index,
        "deceased": deceased,
        "cohabiting": cohabiting,
        "key_person": key,
        "note": note,
    }


def consent(
    status: str = "none",
    date: str | None = None,
    scope: str = "",
    obtained_by: str = "",
    agencies: tuple[str, ...] = (),
) -> dict:
    """The consent block of a case: its state and the history that led to it (one `obtained` event)."""
    history = []
    if status != "none":
        event = {
            "event": "obtained",
            "date": date,
            "status": status,
            "scope": scope,
            "agencies": list(agencies),
            "obtained_by": obtained_by,
            "note": "",
        }
        history.append({"uid": uuid.uuid5(_CONSENT_NAMESPACE, f"{date}/{obtained_by}").hex, **event})
    return {
        "status": status,
        "date": date,
        "scope": scope,
        "agencies": list(agencies),
        "obtained_by": obtained_by,
        "history": history,
    }


_CONSENT_NAMESPACE = uuid.UUID("0b8f3f5e-7c2a-5e1d-8a44-3c9d2e6f1a70")


def case(
    *,
    code: str,
    label: str,
    summary: str,
    tags: list[str],
    referral_route: str,
    status: str,
    consent: dict,
    lead_agency: str | None,
    key_person: str,
    household: list[dict],
    address: str = "",
    phone: str = "",
) -> dict[str, Any]:
    return {
        "code": code,
        "label": label,
        "summary": summary,
        "tags": list(tags),
        "referral_route": referral_route,
        "status": status,
        "consent": dict(consent),
        "lead_agency": lead_agency,
        "key_person": key_person,
        "address": address,
        "phone": phone,
        "household": [dict(p) for p in household],
    }


def attendee(
    agency: str, department: str, role: str, name: str, attendance: str = "present", acknowledged: bool = True
) -> dict[str, Any]:
    return {
        "agency": agency,
        "department": department,
        "role": role,
        "name": name,
        "attendance": attendance,
        "acknowledged": acknowledged,
    }


def info(agency: str, content: str) -> dict[str, str]:
    return {"agency": agency, "content": content}


def tie(
    to: str,
    strength: str = "normal",
    flow: str = "to_household",
    label: str = "",
    *,
    stressful: bool = False,
    member: str = "",
    source: str = "household",
) -> dict[str, Any]:
    """An ecomap tie from the household (or `source`) to an agency id or a free label such as 近隣住民.

    `member` names the household member the tie belongs to (母, 父...) when it is not the whole household.
    """
    return {
        "from": source,
        "to": to,
        "strength": strength,
        "stressful": stressful,
        "flow": flow,
        "label": label,
        "member": member,
    }


def issue(text: str, priority: int, urgency: str, agency: str | None = None) -> dict[str, Any]:
    """An issue to sort out; `agency` is the agency that owns it (the closing check asks for one)."""
    return {"kind": "issue", "text": text, "priority": priority, "urgency": urgency, "agency": agency}


def risk(text: str, priority: int, urgency: str, agency: str | None = None) -> dict[str, Any]:
    return {"kind": "risk", "text": text, "priority": priority, "urgency": urgency, "agency": agency}


def strength(text: str) -> dict[str, Any]:
    """A strength to build on; `document` numbers strengths in the order given (urgency is always low)."""
    return {"kind": "strength", "text": text, "priority": 0, "urgency": "low", "agency": None}


def role(task: str, agency: str, person: str, due: str, status: str = "open") -> dict[str, Any]:
    return {"task": task, "agency": agency, "person": person, "due": due, "status": status}


def check(date: str, what: str, status: str = "open") -> dict[str, str]:
    """A monitoring date; `status` is a domain.ROLE_STATUS key like a role's."""
    return {"date": date, "what": what, "status": status}


def next_meeting(date: str | None = None, time: str = "", place: str = "", note: str = "") -> dict[str, Any]:
    return {"date": date, "time": time, "place": place, "note": note}


def agency_map(
    local_agencies: dict[str, dict[str, str]] | None,
    case: dict,
    *rows: Sequence[dict],
) -> dict[str, dict[str, str]]:
    """The `agencies` map of a document: every agency it refers to, in order of first reference.

    Catalogue agencies carry their catalogue names so the document renders without a database;
    local agencies come from `local_agencies` (apply_document creates them). Ecomap nodes that are
    neither (近隣住民, 妹（県外）...) are free labels and stay out of the map.
    """
    from welfare_tui.catalogue import CATALOGUE

    known = {a.id: local_agency(a.name, a.short, a.sector) for a in CATALOGUE}
    known.update(local_agencies or {})
    found: dict[str, dict[str, str]] = {}
    references = [case.get("lead_agency")]
    for row_list in rows:
        for row in row_list:
            references.extend(row.get(key) for key in ("agency", "from", "to"))
    consent = case.get("consent") or {}
    references += [
        *consent.get("agencies", ()),
        *(a for event in consent.get("history", ()) for a in event["agencies"]),
    ]
    for reference in references:
        if reference in known and reference not in found:
            found[reference] = dict(known[reference])
    return found


def agenda_steps(agenda_id: str, *, done: bool, notes: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The bundled agenda's steps with their state; `notes` maps a step id or kind to its note.

    A note whose key names no step of the agenda is an error here rather than a silently lost note.
    """
    from welfare_tui.agendas import get_agenda, step_to_dict

    notes = dict(notes or {})
    steps = []
    for index, step in enumerate(get_agenda(agenda_id).steps):
        snapshot = step_to_dict(step)
        key = step.id if step.id in notes else step.kind
        row = {name: snapshot[name] for name in STEP_KEYS}
        row["done"] = done
        row["notes"] = notes.pop(key, "")
        # A held meeting took about each step's time box: a minute or two over or under, never exact.
        row["seconds"] = max(60, step.minutes * 60 + ((index * 37) % 5 - 2) * 60) if done else 0
        steps.append(row)
    if notes:
        raise ValueError(f"demo agenda {agenda_id}: notes for unknown steps: {', '.join(sorted(notes))}")
    return steps


def _numbered_strengths(items: Sequence[dict]) -> list[dict[str, Any]]:
    rows = [dict(item) for item in items]
    strengths = [row for row in rows if row["kind"] == "strength"]
    for number, row in enumerate(strengths, start=1):
        row["priority"] = number
    return rows


def document(
    *,
    local_agencies: dict[str, dict[str, str]] | None = None,
    case: dict,
    uid: str,
    agenda: str,
    round: int,
    date: str,
    start: str,
    end: str,
    place: str,
    mode: str = "in_person",
    chair: str,
    recorder: str,
    purpose: str,
    status: str = "finished",
    confirmed_at: str | None = None,
    materials: str = "collected",
    step_notes: dict[str, str] | None = None,
    attendees: list[dict],
    shared_info: Sequence[dict] = (),
    ties: Sequence[dict] = (),
    assessment: Sequence[dict] = (),
    policy: str = "",
    long_goals: Sequence[str] = (),
    short_goals: Sequence[str] = (),
    roles: Sequence[dict] = (),
    monitoring: Sequence[dict] = (),
    resource_gaps: str = "",
    decisions: str = "",
    remaining_issues: str = "",
    next: dict | None = None,
) -> dict[str, Any]:
    """One meeting document with every key present, in the documented order.

    The meeting type is the bundled agenda's, so a document can never pair a 支援会議 agenda with a
    重層的支援会議. A finished meeting has every step done and stands on its last step; a planned
    meeting has no step done, no confidentiality confirmation yet, and stands on no step.
    """
    from welfare_tui.agendas import get_agenda

    meeting_type = get_agenda(agenda).meeting_type
    kind = MEETING_TYPES[meeting_type]
    finished = status == "finished"
    steps = agenda_steps(agenda, done=finished, notes=step_notes)
    statement_version, _ = confidentiality_statement(meeting_type)
    return {
        "format": FORMAT,
        "version": VERSION,
        "agencies": agency_map(local_agencies, case, attendees, shared_info, assessment, ties, roles),
        "case": case,
        "meeting": {
            "uid": uid,
            "type": meeting_type,
            "type_label": kind.label,
            "legal_basis": kind.legal_basis,
            "agenda": agenda,
            "round": round,
            "date": date,
            "start": start,
            "end": end,
            "place": place,
            "mode": mode,
            "chair": chair,
            "recorder": recorder,
            "purpose": purpose,
            "status": status,
            "current_step": steps[-1]["id"] if finished else "",
            "confidentiality": {
                "confirmed_at": (confirmed_at or "") if finished else "",
                "statement_version": statement_version,
                "materials": materials,
            },
            "incomplete_reason": "",
        },
        "steps": steps,
        "review": None,  # derived at export time from the case's previous meeting
        "attendees": [dict(a) for a in attendees],
        "shared_info": [dict(i) for i in shared_info],
        "ecomap": {"ties": [dict(t) for t in ties]},
        "assessment": _numbered_strengths(assessment),
        "policy": policy,
        "goals": {"long": list(long_goals), "short": list(short_goals)},
        "roles": [dict(r) for r in roles],
        "monitoring": [dict(m) for m in monitoring],
        "resource_gaps": resource_gaps,
        "decisions": decisions,
        "remaining_issues": remaining_issues,
        "next_meeting": dict(next) if next else next_meeting(),
    }
