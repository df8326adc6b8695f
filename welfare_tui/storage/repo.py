"""Repository functions: the only way front ends read and change the database.

Keyword-only, `session` first, plain values out (`*Public` models or dicts) so that nothing handed to
a view or the CLI can lazy-load after its session has closed. Every value coming in is checked here
against the vocabulary of `welfare_tui.domain`; a bad one raises `InvalidInput` naming the field.

The rows of a meeting (attendees, shared information, ecomap ties, assessment items, goals, roles,
monitoring) and the household members of a case go through one generic family keyed by a kind name
(`list_items`, `add_item`, ...), so that views never need to import the table classes.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, func, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, col, select

from welfare_tui import domain, meeting_rules
from welfare_tui.catalogue import CATALOGUE
from welfare_tui.errors import Conflict, InvalidInput, NotFound, RuleRefused
from welfare_tui.i18n import record_name, t
from welfare_tui.meeting_rules import ConsentState
from welfare_tui.storage import audit, consent
from welfare_tui.storage import values as v
from welfare_tui.storage.models import (
    Agency,
    AgencyPublic,
    AssessmentItem,
    Attendee,
    Case,
    CasePublic,
    CaseRow,
    EcomapTie,
    Goal,
    HouseholdMember,
    Meeting,
    MeetingPublic,
    MeetingRow,
    MonitoringItem,
    RoleAssignment,
    SharedInfo,
    StepState,
    utc_now,
)

_CATALOGUE_ORDER = {agency.id: index for index, agency in enumerate(CATALOGUE)}
_AGENCY_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

# --- agencies ---------------------------------------------------------------------------------------


def list_agencies(session: Session) -> list[AgencyPublic]:
    """Catalogue agencies in catalogue order (the order of domain.md §6), then local ones by name."""
    agencies = session.exec(select(Agency)).all()
    ordered = sorted(
        agencies, key=lambda a: (a.id not in _CATALOGUE_ORDER, _CATALOGUE_ORDER.get(a.id, 0), a.name, a.id)
    )
    return [AgencyPublic.model_validate(agency) for agency in ordered]


def get_agency(session: Session, *, agency_id: str) -> AgencyPublic:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(t("storage.no_agency_id", id=repr(agency_id)))
    return AgencyPublic.model_validate(agency)


def add_agency(
    session: Session,
    *,
    name: str,
    sector: str,
    short: str = "",
    name_en: str = "",
    agency_id: str | None = None,
    note: str = "",
    formal: bool = True,
) -> AgencyPublic:
    """Add a municipality's own agency (e.g. なかよし地域包括支援センター): `local` is always true."""
    name = v.text("name", name, required=True).strip()
    sector = v.choice("sector", sector, domain.SECTORS)
    if session.exec(select(Agency.id).where(Agency.name == name)).first() is not None:
        raise InvalidInput(t("storage.agency_name_taken", name=name))
    if agency_id is None:
        agency_id = _next_local_agency_id(session)
    else:
        agency_id = v.text("id", agency_id, required=True)
        if not _AGENCY_ID.match(agency_id):
            raise InvalidInput(t("storage.agency_id_form", id=repr(agency_id)))
        if session.get(Agency, agency_id) is not None:
            raise InvalidInput(t("storage.agency_id_taken", id=repr(agency_id)))
    agency = Agency(
        id=agency_id,
        name=name,
        short=v.text("short", short).strip(),
        name_en=v.text("name_en", name_en).strip(),
        sector=sector,
        formal=v.boolean("formal", formal),
        local=True,
        note=v.text("note", note),
    )
    session.add(agency)
    session.flush()
    return AgencyPublic.model_validate(agency)


def find_agency(session: Session, *, text: str) -> AgencyPublic | None:
    """The agency whose id, name or short name is `text` (in that order of preference)."""
    wanted = text.strip()
    if not wanted:
        return None
    agencies = list_agencies(session)
    for matches in (
        lambda a: a.id == wanted.lower(),
        lambda a: a.name == wanted,
        lambda a: a.short == wanted,
    ):
        for agency in agencies:
            if matches(agency):
                return agency
    return None


def require_agency(session: Session, *, text: str) -> AgencyPublic:
    """Like `find_agency`, for a name the user typed (`--agency`): NotFound when there is none."""
    found = find_agency(session, text=text)
    if found is None:
        raise NotFound(t("storage.no_agency_named", text=repr(text)))
    return found


def _next_local_agency_id(session: Session) -> str:
    ids = session.exec(select(Agency.id).where(col(Agency.id).like("local-%"))).all()
    numbers = [int(i.removeprefix("local-")) for i in ids if i.removeprefix("local-").isdigit()]
    return f"local-{max(numbers, default=0) + 1}"


def _agency_ref(session: Session, field: str, value: Any) -> str | None:
    """An agency id that exists, or None for "no agency"."""
    if value is None or value == "":
        return None
    agency_id = v.text(field, value)
    if session.get(Agency, agency_id) is None:
        raise InvalidInput(t("storage.field_no_agency_id", field=field, id=repr(agency_id)))
    return agency_id


# --- cases ------------------------------------------------------------------------------------------

_CASE_FIELDS = (
    "code",
    "label",
    "summary",
    "tags",
    "referral_route",
    "status",
    "lead_agency",
    "lead_agency_id",
    "key_person",
    "consent_status",
    "consent_date",
    "consent_scope",
    "consent_agencies",
    "consent_obtained_by",
    "address",
    "phone",
)


def next_case_code(session: Session, *, year: int) -> str:
    """The next free code of the form C-2026-001 for `year`."""
    prefix = f"C-{year}-"
    codes = session.exec(select(Case.code).where(col(Case.code).like(f"{prefix}%"))).all()
    numbers = [int(code[len(prefix) :]) for code in codes if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def create_case(
    session: Session,
    *,
    code: str | None = None,
    label: str,
    summary: str = "",
    tags: Iterable[str] = (),
    referral_route: str = "",
    status: str = "shien_kaigi",
    lead_agency: str | None = None,
    key_person: str = "",
    consent_status: str = "none",
    consent_date: dt.date | str | None = None,
    consent_scope: str = "",
    consent_agencies: Iterable[str] = (),
    consent_obtained_by: str = "",
    address: str = "",
    phone: str = "",
) -> CasePublic:
    if code is None:
        code = next_case_code(session, year=dt.date.today().year)
    case = Case(code=_case_code(session, code), label="")
    _apply_case_fields(
        session,
        case,
        {
            "label": label,
            "summary": summary,
            "tags": tags,
            "referral_route": referral_route,
            "status": status,
            "lead_agency": lead_agency,
            "key_person": key_person,
            "consent_status": consent_status,
            "consent_date": consent_date,
            "consent_scope": consent_scope,
            "consent_agencies": consent_agencies,
            "consent_obtained_by": consent_obtained_by,
            "address": address,
            "phone": phone,
        },
    )
    session.add(case)
    session.flush()
    consent.record_edit(session, case, ConsentState())
    return _case_public(case)


def get_case(session: Session, *, case_id: int) -> CasePublic:
    return _case_public(_load_case(session, case_id))


def get_case_by_code(session: Session, *, code: str) -> CasePublic:
    case = session.exec(select(Case).where(Case.code == code)).first()
    if case is None:
        raise NotFound(t("storage.no_case_code", code=code))
    return _case_public(case)


def update_case(
    session: Session,
    *,
    case_id: int,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **fields: Any,
) -> CasePublic:
    """Change the given fields; `lead_agency` (or `lead_agency_id`) is an agency id or None.

    Optimistic locking: a front end passes the `version` it read as `expected_version` and, in
    `original`, the values its fields held when it read them. When someone else has saved the case
    since, a field whose stored value is neither `original` (they did not touch it) nor the value being
    saved raises `Conflict` with both values; nothing is overwritten silently. Passing the other
    side's values as `original` is how the user says "keep mine" after seeing them.
    """
    v.unknown_keys("", fields, _CASE_FIELDS)
    case = _load_case(session, case_id)
    if expected_version is not None and case.version != expected_version:

        def converted(values: dict[str, Any]) -> Case:
            scratch = Case(code=case.code, label=case.label)
            _apply_case_fields(session, scratch, {k: val for k, val in values.items() if k != "code"})
            if "code" in values:
                scratch.code = v.text("code", values["code"], required=True).strip()
            return scratch

        _check_stale(
            "case",
            case,
            fields,
            original,
            converted,
            lambda name: "lead_agency_id" if name == "lead_agency" else name,
        )
    if "code" in fields and fields["code"] != case.code:
        case.code = _case_code(session, fields["code"])
    before = consent.state_of(case)
    _apply_case_fields(session, case, {k: val for k, val in fields.items() if k != "code"})
    consent.record_edit(session, case, before)
    case.updated_at = utc_now()
    session.add(case)
    _flush_versioned(session, "case", case)
    return _case_public(case)


def withdraw_consent(
    session: Session,
    *,
    case_id: int,
    date: dt.date | str,
    note: str = "",
    expected_version: int | None = None,
) -> CasePublic:
    """Record that the person withdrew their consent to information sharing (domain.md §1.2).

    The consent becomes `none` (its date, scope and who obtained it stay as the record of what was
    withdrawn), the withdrawal date and note are kept, and a case in a consent-based stage goes back
    to 支援会議段階: a 重層的支援会議 cannot be opened for it again until consent is recorded anew.
    """
    case = _load_case(session, case_id)
    if expected_version is not None and case.version != expected_version:
        raise Conflict("case", case_id, case.version, {"consent_status": ("none", case.consent_status)})
    if case.consent_status == "none":
        raise RuleRefused(t("rules.no_consent_to_withdraw", case=case.code))
    consent.record_withdrawal(
        session,
        case,
        date=v.required_date("consent_withdrawn_date", date),
        note=v.text("consent_withdrawal_note", note),
    )
    case.updated_at = utc_now()
    session.add(case)
    _flush_versioned(session, "case", case)
    return _case_public(case)


def _check_stale(
    table: str,
    row: Any,
    fields: dict[str, Any],
    original: dict[str, Any] | None,
    converted: Callable[[dict[str, Any]], Any],
    attribute: Callable[[str], str],
    record_id: int | None = None,
) -> None:
    """Raise Conflict for the fields another session changed to something else than this one saves."""
    yours = converted(fields)
    base = converted({k: val for k, val in (original or {}).items() if k in fields})
    disputed = {}
    for name in fields:
        key = attribute(name)
        theirs = getattr(row, key)
        if getattr(yours, key) == theirs:
            continue
        if original is not None and name in original and getattr(base, key) == theirs:
            continue
        disputed[name] = (_plain(getattr(yours, key)), _plain(theirs))
    if disputed:
        raise Conflict(table, row.id if record_id is None else record_id, row.version, disputed)


def _plain(value: Any) -> Any:
    return v.iso(value) if isinstance(value, dt.date) else value


def _flush_versioned(session: Session, table: str, row: Any, *, deleting: bool = False) -> None:
    """Flush; a concurrent save that slipped in between read and write becomes a Conflict too (a row
    changed or deleted under this UPDATE, or inserted by both sessions at once)."""
    row_id, version = getattr(row, "id", None) or 0, row.version  # unreadable once the flush has failed
    try:
        session.flush()
    except (StaleDataError, IntegrityError) as error:
        # An IntegrityError may also be a real fault (a foreign key): only a duplicate key is a race.
        if isinstance(error, IntegrityError) and not _is_duplicate(error):
            raise
        raise Conflict(table, row_id, version, {}, deleting=deleting) from None


def _is_duplicate(error: IntegrityError) -> bool:
    text = str(error.orig).lower()
    return "unique" in text or "duplicate key" in text


def list_cases(session: Session, *, search: str = "", limit: int | None = None) -> list[CaseRow]:
    """Cases by code with their meeting summary, in one query (storage/listing.py, shared with the
    home screen, which reads it before the ORM has loaded).

    `last_meeting_date` is the latest meeting held (a planned meeting is upcoming, never "last");
    `next_meeting_date` the earliest planned meeting, or else the date the latest one agreed on.
    """
    from welfare_tui.storage.listing import case_rows

    return [
        CaseRow(
            id=r.id,
            code=r.code,
            label=r.label,
            tags=r.tags,
            status=r.status,
            lead_agency=r.lead_agency,
            meeting_count=r.meeting_count,
            last_meeting_date=r.last_meeting_date,
            next_meeting_date=r.next_meeting_date,
        )
        for r in case_rows(session.connection(), search=search, limit=limit)
    ]


def _case_code(session: Session, code: Any) -> str:
    code = v.text("code", code, required=True).strip()
    if session.exec(select(Case.id).where(Case.code == code)).first() is not None:
        raise InvalidInput(t("storage.case_code_taken", code=code))
    return code


def _apply_case_fields(session: Session, case: Case, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name == "label":
            case.label = v.text("label", value, required=True)
        elif name == "tags":
            case.tags = json.dumps(v.tag_list("tags", value), ensure_ascii=False)
        elif name == "status":
            case.status = v.choice("status", value, domain.CASE_STATUS)
        elif name == "consent_status":
            case.consent_status = v.choice("consent_status", value, domain.CONSENT_STATUS)
        elif name == "consent_date":
            case.consent_date = v.optional_date("consent_date", value)
        elif name == "consent_agencies":
            case.consent_agencies = json.dumps(_agency_refs(session, name, value), ensure_ascii=False)
        elif name in ("lead_agency", "lead_agency_id"):
            case.lead_agency_id = _agency_ref(session, name, value)
        else:
            setattr(case, name, v.text(name, value))


def _load_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(t("storage.no_case_id", id=case_id))
    return case


def _case_public(case: Case) -> CasePublic:
    data = case.model_dump()
    data["tags"] = json.loads(case.tags)
    data["consent_agencies"] = json.loads(case.consent_agencies or "[]")
    return CasePublic.model_validate(data)


def _agency_refs(session: Session, field: str, value: Any) -> list[str]:
    """Agency ids from a list of ids, names or short names (each must name an agency)."""
    texts = v.tag_list(field, value)
    ids: list[str] = []
    for text in texts:
        agency = session.get(Agency, text) or find_agency(session, text=text)
        if agency is None:
            raise InvalidInput(t("storage.field_no_agency_named", field=field, text=repr(text)))
        if agency.id not in ids:
            ids.append(agency.id)
    return ids


# --- meetings ---------------------------------------------------------------------------------------

_MEETING_EDITABLE = (
    "type",
    "type_label",
    "legal_basis",
    "round",
    "date",
    "start_time",
    "end_time",
    "place",
    "mode",
    "chair",
    "recorder",
    "purpose",
    "status",
    "current_step",
    "confidentiality_confirmed_at",
    "statement_version",
    "materials",
    "policy",
    "resource_gaps",
    "decisions",
    "remaining_issues",
    "next_meeting_date",
    "next_meeting_time",
    "next_meeting_place",
    "next_meeting_note",
    "incomplete_reason",
)


def agenda_steps(agenda: Any) -> list[dict[str, Any]]:
    """The steps of an agenda (`agendas.Step` objects, or dicts with the same keys) as plain dicts.

    `guide` and `guide_en` are the facilitator's questions (lists of text); a single string is
    accepted as a one-question guide.
    """
    steps = []
    for step in getattr(agenda, "steps", ()) or ():

        def get(name: str, default: Any, step: Any = step) -> Any:
            value = step.get(name, default) if isinstance(step, dict) else getattr(step, name, default)
            return default if value is None else value

        steps.append(
            {
                "id": str(get("id", "")),
                "kind": str(get("kind", "")),
                "title": str(get("title", "")),
                "title_en": str(get("title_en", "")),
                "minutes": int(get("minutes", 0)),
                "required": bool(get("required", False)),
                "guide": _questions(get("guide", ())),
                "guide_en": _questions(get("guide_en", ())),
            }
        )
    return steps


def _questions(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    return [str(question) for question in value]


def create_meeting(
    session: Session,
    *,
    case_id: int,
    agenda: Any,
    date: dt.date | str,
    start: str = "",
    place: str = "",
    chair: str = "",
    recorder: str = "",
    mode: str = "in_person",
) -> MeetingPublic:
    """Open a new meeting of a case from an agenda (anything with id, meeting_type, legal_basis, steps).

    The agenda's steps are copied into the meeting, so editing the template later never changes the
    record. The ecomap starts from the ties of the case's latest earlier meeting: a household's
    network changes slowly and the recorder only edits what moved.
    """
    case = _load_case(session, case_id)
    meeting_type = v.choice("meeting_type", getattr(agenda, "meeting_type", None), domain.MEETING_TYPES)
    kind = domain.MEETING_TYPES[meeting_type]
    day = v.required_date("date", date)
    _check_consent(session, case, meeting_type, day)
    steps = agenda_steps(agenda)
    earlier = session.exec(
        select(Meeting)
        .where(Meeting.case_id == case_id, col(Meeting.date) <= day)
        .order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
    ).all()
    meeting = Meeting(
        uid=uuid.uuid4().hex,
        case_id=case_id,
        type=meeting_type,
        type_label=kind.label,
        legal_basis=getattr(agenda, "legal_basis", "") or kind.legal_basis,
        agenda_id=str(getattr(agenda, "id", "")),
        agenda_json=json.dumps(steps, ensure_ascii=False),
        round=len(earlier) + 1,
        date=day,
        start_time=v.clock_time("start", start),
        place=v.text("place", place),
        chair=v.text("chair", chair),
        recorder=v.text("recorder", recorder),
        mode=v.choice("mode", mode, domain.MEETING_MODE),
        status="planned",
        current_step=steps[0]["id"] if steps else "",
    )
    session.add(meeting)
    session.flush()
    if earlier:
        ties = session.exec(
            select(EcomapTie)
            .where(EcomapTie.meeting_id == earlier[0].id)
            .order_by(col(EcomapTie.position), col(EcomapTie.id))
        ).all()
        for tie in ties:
            session.add(
                EcomapTie.model_validate(
                    tie.model_dump(exclude={"id", "meeting_id", "version"}), update={"meeting_id": meeting.id}
                )
            )
        session.flush()
    return get_meeting(session, meeting_id=meeting.id)


def _check_consent(session: Session, case: Any, meeting_type: str, day: dt.date) -> None:
    """A meeting that needs consent (重層的支援会議) only for a case with consent on its date."""
    refusal = meeting_rules.consent_refusal(
        meeting_type, consent.consent_on(session, case.id, day), case=case.code, day=day
    )
    if refusal:
        raise RuleRefused(refusal)


def get_meeting(session: Session, *, meeting_id: int) -> MeetingPublic:
    meeting = _load_meeting(session, meeting_id)
    case = session.get(Case, meeting.case_id)
    states = {s.step_id: s for s in session.exec(select(StepState).where(StepState.meeting_id == meeting_id))}
    return meeting_public(meeting, case, states)


def meeting_public(meeting: Meeting, case: Case, states: dict[str, StepState]) -> MeetingPublic:
    """Assemble the public view from rows already loaded (documents.py loads them in batches)."""
    data = meeting.model_dump(exclude={"agenda_json"})
    return MeetingPublic.model_validate(
        {
            **data,
            "case_code": case.code,
            "case_label": case.label,
            "steps": merged_steps(meeting.agenda_json, states),
        }
    )


def merged_steps(agenda_json: str, states: dict[str, Any]) -> list[dict[str, Any]]:
    """The meeting's agenda snapshot, each step merged with its state (`done`, `notes`, `seconds`).

    Shared with documents.py, which needs the steps of thousands of meetings but not the rest of
    the public model (validating it costs more than reading the meeting)."""
    steps = []
    for step in json.loads(agenda_json):
        state = states.get(step["id"])
        steps.append(
            {
                **step,
                "done": state.done if state else False,
                "notes": state.notes if state else "",
                "seconds": state.seconds if state else 0,
                "version": state.version if state else 0,
            }
        )
    return steps


def update_meeting(
    session: Session,
    *,
    meeting_id: int,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
    **fields: Any,
) -> MeetingPublic:
    """Change the given fields (names as in MeetingPublic; the agenda snapshot and ids are fixed).

    `expected_version` and `original` work as in `update_case`. Setting `status` to `finished`
    finalises the minutes: refused while `rules.blocking_problems` lists anything.
    """
    v.unknown_keys("", fields, _MEETING_EDITABLE)
    meeting = _load_meeting(session, meeting_id)
    step_ids = [step["id"] for step in json.loads(meeting.agenda_json)]
    if expected_version is not None and meeting.version != expected_version:

        def converted(values: dict[str, Any]) -> Any:
            return SimpleNamespace(
                **{name: _meeting_value(name, value, step_ids) for name, value in values.items()}
            )

        _check_stale("meeting", meeting, fields, original, converted, lambda name: name)
    for name, value in fields.items():
        setattr(meeting, name, _meeting_value(name, value, step_ids))
    if "type" in fields or "date" in fields:
        _check_consent(session, session.get(Case, meeting.case_id), meeting.type, meeting.date)
    if fields.get("status") == "finished":
        from welfare_tui.storage.rules import blocking_problems

        _flush_versioned(session, "meeting", meeting)
        problems = blocking_problems(session, meeting_id=meeting_id)
        if problems:
            raise RuleRefused(t("facilitation.cannot_finalise", problems="; ".join(problems)))
    meeting.updated_at = utc_now()
    session.add(meeting)
    _flush_versioned(session, "meeting", meeting)
    return get_meeting(session, meeting_id=meeting_id)


def _meeting_value(name: str, value: Any, step_ids: list[str]) -> Any:
    """One meeting field checked and converted (InvalidInput naming the field when wrong)."""
    if name == "type":
        value = v.choice(name, value, domain.MEETING_TYPES)
    elif name == "round":
        value = v.bounded(name, value, "round")
    elif name == "date":
        value = v.required_date(name, value)
    elif name == "next_meeting_date":
        value = v.optional_date(name, value)
    elif name in ("start_time", "end_time", "confidentiality_confirmed_at", "next_meeting_time"):
        value = v.clock_time(name, value)
    elif name == "mode":
        value = v.choice(name, value, domain.MEETING_MODE)
    elif name == "status":
        value = v.choice(name, value, domain.MEETING_STATUS)
    elif name == "materials":
        value = v.choice(name, value, domain.MATERIALS, allow_empty=True)
    elif name == "current_step":
        value = v.choice(name, value, step_ids, allow_empty=True)
    else:
        value = v.text(name, value)
    return value


def list_meetings(
    session: Session, *, case_code: str | None = None, case_id: int | None = None, limit: int | None = None
) -> list[MeetingRow]:
    """Meetings, newest first, of one case (by code or id) or of all cases; the newest `limit` only
    when given (the home screen lists recent meetings, never all 10,000)."""
    statement = select(Meeting, Case.code, Case.label).join(Case, col(Case.id) == col(Meeting.case_id))
    if case_code is not None:
        case_id = get_case_by_code(session, code=case_code).id
    if case_id is not None:
        _load_case(session, case_id)
        statement = statement.where(Meeting.case_id == case_id)
    statement = statement.order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
    if limit is not None:
        statement = statement.limit(limit)
    return [
        MeetingRow(
            id=m.id,
            uid=m.uid,
            case_id=m.case_id,
            case_code=code,
            case_label=label,
            type=m.type,
            type_label=m.type_label,
            round=m.round,
            date=m.date,
            start=m.start_time,
            end=m.end_time,
            place=m.place,
            status=m.status,
            next_meeting_date=m.next_meeting_date,
        )
        for m, code, label in session.exec(statement).all()
    ]


def set_step_state(
    session: Session,
    *,
    meeting_id: int,
    step_id: str,
    done: bool | None = None,
    notes: str | None = None,
    add_seconds: int | None = None,
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Mark a step done, record its notes or add time spent on it; returns the step with its state,
    `version` included (0 for a step nothing was ever saved for).

    `expected_version` and `original` (values of `done`/`notes` as read) work as in `update_case`:
    a stale save of notes another session changed meanwhile raises `Conflict` with both texts. Time
    is added to what is stored, so `add_seconds` never conflicts.
    """
    meeting = _load_meeting(session, meeting_id)
    steps = {step["id"]: step for step in json.loads(meeting.agenda_json)}
    if step_id not in steps:
        raise InvalidInput(
            t("storage.not_a_step", step=repr(step_id), meeting=meeting_id, steps=", ".join(steps))
        )
    state = session.get(StepState, (meeting_id, step_id))
    if state is None:  # never saved: version 0 until the first save creates the row
        state = StepState(meeting_id=meeting_id, step_id=step_id)
        state.version = 0
    fields = {name: value for name, value in (("done", done), ("notes", notes)) if value is not None}
    if expected_version is not None and state.version != expected_version:

        def converted(values: dict[str, Any]) -> Any:
            return SimpleNamespace(
                **{
                    name: v.boolean(name, value) if name == "done" else v.text(name, value)
                    for name, value in values.items()
                }
            )

        _check_stale(
            "step_state", state, fields, original, converted, lambda name: name, record_id=meeting_id
        )
    if done is not None:
        state.done = v.boolean("done", done)
    if notes is not None:
        state.notes = v.text("notes", notes)
    if add_seconds is not None:
        state.seconds = (state.seconds or 0) + v.integer("add_seconds", add_seconds, minimum=0)
    session.add(state)
    # The meeting row is not touched: a step's notes and the meeting's fields are saved by different
    # people at once, and each record's own version guards it.
    _flush_versioned(session, "step_state", state)
    return {
        **steps[step_id],
        "done": state.done,
        "notes": state.notes,
        "seconds": state.seconds,
        "version": state.version,
    }


def _load_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(t("storage.no_meeting_id", id=meeting_id))
    return meeting


# --- child rows: one generic family -----------------------------------------------------------------

Converter = Callable[[Session, str, Any], Any]


def _text(session: Session, field: str, value: Any) -> str:
    return v.text(field, value)


def _bool(session: Session, field: str, value: Any) -> bool:
    return v.boolean(field, value)


def _priority(session: Session, field: str, value: Any) -> int:
    return v.bounded(field, value, "priority")


def _date(session: Session, field: str, value: Any) -> dt.date | None:
    return v.optional_date(field, value)


def _one_of(options: Iterable[str]) -> Converter:
    keys = tuple(options)
    return lambda session, field, value: v.choice(field, value, keys)


def _node(session: Session, field: str, value: Any) -> str:
    return v.text(field, value, required=True).strip()


@dataclass(frozen=True)
class ItemKind:
    """How one kind of child row is stored: its table, its parent and its editable fields."""

    model: type[SQLModel]
    parent: str  # "case_id" or "meeting_id"
    fields: dict[str, Converter]
    derived: tuple[str, ...] = ()  # filled in from the parent (case_id of roles and monitoring)


ITEM_KINDS: dict[str, ItemKind] = {
    "member": ItemKind(
        HouseholdMember,
        "case_id",
        {
            "name": _text,
            "kana": _text,
            "relation": _text,
            "sex": _one_of(domain.SEX),
            "birth_date": _date,
            "address": _text,
            "phone": _text,
            "index_person": _bool,
            "deceased": _bool,
            "cohabiting": _bool,
            "key_person": _bool,
            "note": _text,
        },
    ),
    "attendee": ItemKind(
        Attendee,
        "meeting_id",
        {
            "agency_id": _agency_ref,
            "department": _text,
            "role": _text,
            "name": _text,
            "attendance": _one_of(domain.ATTENDANCE),
            "acknowledged": _bool,
        },
    ),
    "shared_info": ItemKind(SharedInfo, "meeting_id", {"agency_id": _agency_ref, "content": _text}),
    "tie": ItemKind(
        EcomapTie,
        "meeting_id",
        {
            "from_node": _node,
            "to_node": _node,
            "strength": _one_of(domain.TIE_STRENGTH),
            "stressful": _bool,
            "flow": _one_of(domain.TIE_FLOW),
            "label": _text,
            "member": _text,
        },
    ),
    "assessment": ItemKind(
        AssessmentItem,
        "meeting_id",
        {
            "kind": _one_of(domain.ASSESSMENT_KIND),
            "text": _text,
            "priority": _priority,
            "urgency": _one_of(domain.URGENCY),
            "agency_id": _agency_ref,
        },
    ),
    "goal": ItemKind(Goal, "meeting_id", {"term": _one_of(domain.GOAL_TERM), "text": _text}),
    "role": ItemKind(
        RoleAssignment,
        "meeting_id",
        {
            "task": _text,
            "agency_id": _agency_ref,
            "person": _text,
            "due_date": _date,
            "status": _one_of(domain.ROLE_STATUS),
        },
        derived=("case_id",),
    ),
    "monitoring": ItemKind(
        MonitoringItem,
        "meeting_id",
        {"date": _date, "what": _text, "status": _one_of(domain.ROLE_STATUS)},
        derived=("case_id",),
    ),
}


def item_kind(kind: str) -> ItemKind:
    try:
        return ITEM_KINDS[kind]
    except KeyError:
        raise InvalidInput(t("storage.bad_kind", kind=repr(kind), kinds=", ".join(ITEM_KINDS))) from None


def item_dict(kind: str, row: SQLModel) -> dict[str, Any]:
    """A row as the plain dict the views edit: id, parent ids, position, version, then every field."""
    spec = item_kind(kind)
    data: dict[str, Any] = {"id": row.id, spec.parent: getattr(row, spec.parent)}  # type: ignore[attr-defined]
    for name in spec.derived:
        data[name] = getattr(row, name)
    data["position"] = row.position  # type: ignore[attr-defined]
    data["version"] = row.version  # type: ignore[attr-defined]
    for name in spec.fields:
        value = getattr(row, name)
        data[name] = v.iso(value) if isinstance(value, dt.date) else value
    return data


def list_items(session: Session, *, kind: str, parent_id: int) -> list[dict[str, Any]]:
    spec = item_kind(kind)
    _check_parent(session, spec, parent_id)
    return [item_dict(kind, row) for row in _siblings(session, spec, parent_id)]


def add_item(session: Session, *, kind: str, parent_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Append a row; fields not given keep their defaults. id, position and parent ids are assigned."""
    spec = item_kind(kind)
    parent = _check_parent(session, spec, parent_id)
    fields = _checked_fields(session, spec, values)
    position = session.exec(
        select(func.max(spec.model.position)).where(getattr(spec.model, spec.parent) == parent_id)  # type: ignore[attr-defined]
    ).one()
    row = spec.model(
        **fields,
        **{spec.parent: parent_id},
        **{name: getattr(parent, name) for name in spec.derived},
        position=(position if position is not None else -1) + 1,
    )
    session.add(row)
    session.flush()
    return item_dict(kind, row)


def update_item(
    session: Session,
    *,
    kind: str,
    item_id: int,
    values: dict[str, Any],
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Change the given fields. A whole dict from `list_items` may be passed back as it is, but its
    id, position and parent ids must not change (use `move_item` to reorder); its `version` then
    counts as `expected_version`.

    `expected_version` and `original` (the values of the fields in `values` as read) work as in
    `update_case`: when another session saved the row since, a field it changed to something else
    than this save raises `Conflict` with both values, and a field only this save changes is merged.
    Without `original`, every field in `values` that differs from the stored row is in dispute.
    """
    spec = item_kind(kind)
    row = _load_item(session, kind, item_id)
    values = dict(values)
    given_version = values.pop("version", None)
    if expected_version is None and given_version is not None:
        expected_version = v.integer("version", given_version)
    fields = _checked_fields(session, spec, values, current=item_dict(kind, row))
    if expected_version is not None and row.version != expected_version:

        def converted(items: dict[str, Any]) -> Any:
            return SimpleNamespace(**_checked_fields(session, spec, items))

        editable = {name: value for name, value in values.items() if name in spec.fields}
        _check_stale(kind, row, editable, original, converted, lambda name: name)
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    _flush_versioned(session, kind, row)
    return item_dict(kind, row)


def delete_item(session: Session, *, kind: str, item_id: int, expected_version: int | None = None) -> None:
    """Delete a row; with `expected_version`, a row another session changed since it was read is not
    deleted (`Conflict`): the user looks at the change first."""
    row = _load_item(session, kind, item_id)
    if expected_version is not None and row.version != expected_version:
        raise Conflict(kind, item_id, row.version, {}, deleting=True)
    session.delete(row)
    _flush_versioned(session, kind, row, deleting=True)


def move_item(session: Session, *, kind: str, item_id: int, offset: int) -> dict[str, Any]:
    """Move a row `offset` places up (negative) or down among its siblings, stopping at either end."""
    spec = item_kind(kind)
    row = _load_item(session, kind, item_id)
    siblings = list(_siblings(session, spec, getattr(row, spec.parent)))
    index = next(i for i, sibling in enumerate(siblings) if sibling.id == item_id)  # type: ignore[attr-defined]
    siblings.insert(max(0, min(len(siblings) - 1, index + v.integer("offset", offset))), siblings.pop(index))
    for position, sibling in enumerate(siblings):
        sibling.position = position  # type: ignore[attr-defined]
        session.add(sibling)
    _flush_versioned(session, kind, row)
    return item_dict(kind, row)


def _siblings(session: Session, spec: ItemKind, parent_id: int) -> list[Any]:
    model: Any = spec.model
    return list(
        session.exec(
            select(model)
            .where(getattr(model, spec.parent) == parent_id)
            .order_by(col(model.position), col(model.id))
        ).all()
    )


def _check_parent(session: Session, spec: ItemKind, parent_id: int) -> Case | Meeting:
    return _load_case(session, parent_id) if spec.parent == "case_id" else _load_meeting(session, parent_id)


def _load_item(session: Session, kind: str, item_id: int) -> Any:
    row = session.get(item_kind(kind).model, item_id)
    if row is None:
        raise NotFound(t("storage.no_item", kind=record_name(kind), id=item_id))
    return row


def _checked_fields(
    session: Session, spec: ItemKind, values: dict[str, Any], current: dict[str, Any] | None = None
) -> dict[str, Any]:
    fixed = ("id", "position", "version", spec.parent, *spec.derived)
    v.unknown_keys("", values, (*spec.fields, *fixed))
    if current is not None:
        for name in fixed:
            if name in values and values[name] != current[name]:
                raise InvalidInput(
                    t("storage.fixed_position" if name == "position" else "storage.fixed_field", name=name)
                )
    return {
        name: spec.fields[name](session, name, value) for name, value in values.items() if name in spec.fields
    }


def sync_items(
    session: Session,
    *,
    kind: str,
    ids: dict[str, int],
    stored: list[Any],
    rows: list[dict[str, Any]],
    changes: list[audit.Change],
) -> bool:
    """Make a parent's rows of one kind equal `rows` (already checked), writing only what differs;
    returns whether anything was written.

    Used by `documents.apply_document`, which validates a whole document before writing any of it.
    `stored` are the parent's rows now (column rows in list order), `ids` the parent's id and the ids
    its rows derive from it (`{"meeting_id": 7, "case_id": 3}`). The two lists are matched with
    `difflib` on the rows' values: a row found in both is left alone; a row edited in place (the same
    slot, other values) is one UPDATE of the fields that changed; only rows the list no longer has
    are deleted and only new ones inserted. Positions keep the list order and change only where an
    inserted row needs room. Audit entries of inserted rows are added to `changes` (`insert_rows`);
    updates and deletes are audited by the session's bulk hook.
    """
    import difflib

    spec = item_kind(kind)
    model: Any = spec.model
    columns = _column_defaults(kind)
    new_keys = [tuple(row.get(name, default) for name, default in columns) for row in rows]
    # Column rows of one query share their fields: read each row's values by position (a re-import of
    # 1,000 unchanged files compares some 60,000 rows here).
    values_of = (
        operator.itemgetter(*(stored[0]._fields.index(name) for name, _ in columns)) if stored else None
    )
    old_keys = [values_of(row) for row in stored] if values_of is not None else []
    if old_keys == new_keys:
        return False
    wanted = [dict(zip(spec.fields, key)) for key in new_keys]
    fixed = {name: ids[name] for name in (spec.parent, *spec.derived)}
    kept: list[tuple[Any, dict[str, Any]]] = []  # (stored row or None, wanted values), in the new order
    deleted: list[int] = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        paired = min(i2 - i1, j2 - j1)
        kept += [(stored[i1 + k], wanted[j1 + k]) for k in range(paired)]
        kept += [(None, wanted[j]) for j in range(j1 + paired, j2)]
        deleted += [stored[i].id for i in range(i1 + paired, i2)]
    if deleted:
        session.execute(delete(model).where(col(model.id).in_(deleted)))
    positions = _positions(
        [row.position if row is not None else None for row, _ in kept],
        [row.id for row, _ in kept if row is not None],
    )
    inserts = [
        {**values, **fixed, "position": position}
        for (row, values), position in zip(kept, positions)
        if row is None
    ]
    if len({row["position"] for row in inserts}) == len(inserts):
        insert_rows(session, model, inserts, changes, identified_by=("position",))
    else:  # one INSERT each, in list order: rows sharing a position are ordered by id
        for row in inserts:
            insert_rows(session, model, [row], changes)
    for (row, values), position in zip(kept, positions):
        if row is None:
            continue
        differing = {name: value for name, value in values.items() if getattr(row, name) != value}
        if row.position != position:
            differing["position"] = position
        if differing:
            session.execute(update(model).where(col(model.id) == row.id).values(**differing))
    return True


@functools.cache
def _column_defaults(kind: str) -> tuple[tuple[str, Any], ...]:
    """(field, value a row left out gets) for each editable field of `kind`, in `ItemKind.fields` order."""
    table = item_kind(kind).model.__table__  # type: ignore[attr-defined]
    return tuple(
        (
            name,
            table.c[name].default.arg
            if table.c[name].default is not None and table.c[name].default.is_scalar
            else None,
        )
        for name in item_kind(kind).fields
    )


def _positions(stored: list[int | None], ids: list[int]) -> list[int]:
    """Positions for a list of kept rows (their position) and new ones (None), in the wanted order.

    Lists are read in (position, id) order and a new row's id is larger than any stored one, so a new
    row can share the position of the row before it: kept rows keep theirs and nothing shifts. When
    that order would not come out (a new row between two rows that already share a position, or
    before the first of several at position 0), every row is numbered by its index instead."""
    planned: list[int] = []
    previous = -1
    for position in stored:
        planned.append(previous if position is None else position)
        previous = planned[-1]
    keys = []
    kept = iter(ids)
    for index, (position, given) in enumerate(zip(planned, stored)):
        keys.append((position, next(kept) if given is not None else float("inf"), index))
    if [key[2] for key in sorted(keys)] == list(range(len(keys))) and min(planned, default=0) >= 0:
        return planned
    return list(range(len(stored)))


def positioned(rows: list[dict[str, Any]], **fixed: Any) -> list[dict[str, Any]]:
    """A parent's rows as stored: each with the parent's ids (`fixed`) and its place in the list."""
    return [{**fields, **fixed, "position": position} for position, fields in enumerate(rows)]


def insert_rows(
    session: Session,
    model: Any,
    rows: list[dict[str, Any]],
    changes: list[audit.Change],
    *,
    identified_by: tuple[str, ...] = (),
) -> list[tuple[Any, ...]]:
    """Insert rows of one table with one INSERT and no ORM objects (an import writes ~60 rows a
    meeting: building and flushing objects for them cost most of its time); returns their primary keys.

    A column a row leaves out gets its default (the database numbers the key and sets the version).
    Several rows need `identified_by`, columns whose values tell them apart (a parent's rows by
    `position`): the keys the database returns are matched to the rows by them, because neither
    backend promises to return them in order (and asking SQLAlchemy to sort them sends one row per
    statement). The audit entries a flush of the same objects would have written are added to
    `changes`, for the caller to append all of a document's at once (`audit.append`).
    """
    if not rows:
        return []
    if len(rows) > 1 and not identified_by:
        raise ValueError(f"insert_rows: {len(rows)} rows of {model.__name__} need identified_by")
    table = model.__table__
    keys = list(table.primary_key.columns)
    # Every row of one executemany needs the same columns: fill in the plain defaults.
    defaults = {
        column.key: column.default.arg if column.default is not None else None
        for column in table.columns
        if not column.primary_key
        and column.server_default is None
        and (column.default is None or column.default.is_scalar)
    }
    full = [{**defaults, **row} for row in rows]
    # Every column comes back, as stored: the audit entry's digest is of that (audit.created).
    returned = session.execute(insert(table).returning(*table.columns), full).all()
    by_identity = {tuple(row._mapping[name] for name in identified_by): row for row in returned}
    stored = (
        [by_identity[tuple(row[name] for name in identified_by)] for row in full]
        if identified_by
        else returned
    )
    changes += [audit.created(table, row) for row in stored]
    return [tuple(row._mapping[key] for key in keys) for row in stored]
