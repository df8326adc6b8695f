"""Meetings: opened from an agenda, read, changed (optimistic locking), listed; the state of each step."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from types import SimpleNamespace
from typing import Any

from sqlmodel import Session, col, select

from welfare_tui import domain, meeting_rules
from welfare_tui.errors import InvalidInput, NotFound, RuleRefused
from welfare_tui.i18n import t
from welfare_tui.records import values as v
from welfare_tui.storage import consent
from welfare_tui.storage.cases import get_case_by_code, load_case
from welfare_tui.storage.conflicts import check_stale, flush_versioned
from welfare_tui.storage.models import Case, EcomapTie, Meeting, MeetingPublic, MeetingRow, StepState, utc_now

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
    case = load_case(session, case_id)
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
    assert meeting.id is not None  # numbered by the flush
    if earlier:
        _copy_ties(session, earlier[0].id, meeting.id)
    return get_meeting(session, meeting_id=meeting.id)


def _copy_ties(session: Session, source_id: int | None, meeting_id: int) -> None:
    """The ecomap of a new meeting starts as a copy of the ties of `source_id`."""
    ties = session.exec(
        select(EcomapTie)
        .where(EcomapTie.meeting_id == source_id)
        .order_by(col(EcomapTie.position), col(EcomapTie.id))
    ).all()
    for tie in ties:
        session.add(
            EcomapTie.model_validate(
                tie.model_dump(exclude={"id", "meeting_id", "version"}), update={"meeting_id": meeting_id}
            )
        )
    session.flush()


def _check_consent(session: Session, case: Any, meeting_type: str, day: dt.date) -> None:
    """A meeting that needs consent (重層的支援会議) only for a case with consent on its date."""
    refusal = meeting_rules.consent_refusal(
        meeting_type, consent.consent_on(session, case.id, day), case=case.code, day=day
    )
    if refusal:
        raise RuleRefused(refusal)


def get_meeting(session: Session, *, meeting_id: int) -> MeetingPublic:
    meeting = load_meeting(session, meeting_id)
    case = session.get_one(Case, meeting.case_id)
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
    meeting = load_meeting(session, meeting_id)
    step_ids = [step["id"] for step in json.loads(meeting.agenda_json)]
    if expected_version is not None and meeting.version != expected_version:

        def converted(values: dict[str, Any]) -> Any:
            return SimpleNamespace(
                **{name: _meeting_value(name, value, step_ids) for name, value in values.items()}
            )

        check_stale("meeting", meeting, fields, original, converted, lambda name: name)
    for name, value in fields.items():
        setattr(meeting, name, _meeting_value(name, value, step_ids))
    if "type" in fields or "date" in fields:
        _check_consent(session, session.get(Case, meeting.case_id), meeting.type, meeting.date)
    if fields.get("status") == "finished":
        from welfare_tui.storage.rules import blocking_problems

        flush_versioned(session, "meeting", meeting)
        problems = blocking_problems(session, meeting_id=meeting_id)
        if problems:
            raise RuleRefused(t("facilitation.cannot_finalise", problems="; ".join(problems)))
    meeting.updated_at = utc_now()
    session.add(meeting)
    flush_versioned(session, "meeting", meeting)
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
        load_case(session, case_id)
        statement = statement.where(Meeting.case_id == case_id)
    statement = statement.order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
    if limit is not None:
        statement = statement.limit(limit)
    return [
        MeetingRow(
            id=m.id or 0,  # read back from the database: always numbered
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
    meeting = load_meeting(session, meeting_id)
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

        check_stale("step_state", state, fields, original, converted, lambda name: name, record_id=meeting_id)
    if done is not None:
        state.done = v.boolean("done", done)
    if notes is not None:
        state.notes = v.text("notes", notes)
    if add_seconds is not None:
        state.seconds = (state.seconds or 0) + v.integer("add_seconds", add_seconds, minimum=0)
    session.add(state)
    # The meeting row is not touched: a step's notes and the meeting's fields are saved by different
    # people at once, and each record's own version guards it.
    flush_versioned(session, "step_state", state)
    return {
        **steps[step_id],
        "done": state.done,
        "notes": state.notes,
        "seconds": state.seconds,
        "version": state.version,
    }


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(t("storage.no_meeting_id", id=meeting_id))
    return meeting
