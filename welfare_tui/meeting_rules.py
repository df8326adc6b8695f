"""What a meeting may be: the one place that decides, whatever path a change takes.

The TUI, the CLI, `import` and the repository all ask these functions; none re-states a rule. They
work on plain values (no database, no UI), so the same rule checks a row being saved and a document
being imported.

* **Consent is a history of events** (`obtained`, `scope_changed`, `withdrawn`), each carrying the
  state after it (status, scope in words, the agencies within the scope, who obtained it). The state on
  a day is the last event up to that day (`consent_as_of`). Histories merge by union (`merge_history`):
  an older document can add what it knows but never undo a later withdrawal.
* **Meeting type**: a meeting resting on a 要綱 (重層的支援会議, 支援調整会議: any type with
  `needs_consent`) needs consent on its date (`consent_refusal`); when it has none, the statutory meeting
  beside it (a 支援会議) is offered instead (`consent_fallback`, `fallback_after_refusal`), with the form
  starting from a 支援会議 (`default_agenda`).
* **Final minutes**: the confidentiality confirmation and every present attendee's acknowledgement
  are never waivable (`confidentiality_problems`); completeness may be waived with a recorded reason
  (`completeness_problems`).
* **End time**: proposed, never imposed (`proposed_end_time`); the facilitator confirms or edits it.
* **Handouts** (`export --agency`): only to an agency that attended or holds a role in the meeting and,
  for a meeting that needs consent (重層的支援会議, 支援調整会議), is within the consent scope on the
  meeting's date (`handout_refusal`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from welfare_tui import domain
from welfare_tui.i18n import pick, t

CONSENT_EVENTS = ("obtained", "scope_changed", "withdrawn")
# What each event carries, in document order.
EVENT_KEYS = ("uid", "event", "date", "status", "scope", "agencies", "obtained_by", "note")


@dataclass(frozen=True)
class ConsentState:
    """The person's consent to information sharing on some day."""

    status: str = "none"  # domain.CONSENT_STATUS key
    date: str | None = None  # when it was obtained (ISO)
    scope: str = ""
    agencies: tuple[str, ...] = ()
    obtained_by: str = ""
    withdrawn_date: str | None = None  # the latest withdrawal up to that day, if any
    withdrawal_note: str = ""

    @property
    def given(self) -> bool:
        return self.status != "none"


@dataclass(frozen=True)
class Attendance:
    name: str
    attendance: str
    acknowledged: bool
    position: int = 0


@dataclass
class Completeness:
    """What the closing check looks at (domain.md §3.2): plain values read from a row or a document."""

    steps: Sequence[Mapping[str, Any]] = ()  # the agenda snapshot
    done: frozenset[str] = frozenset()
    issues_without_owner: Sequence[str] = ()  # texts of assessment items of kind issue with no agency
    roles: Sequence[tuple[str, bool, bool]] = ()  # (task, has agency, has due date)
    has_monitoring: bool = False
    has_next_meeting: bool = False
    ignoring: Sequence[str] = ()


# --- consent --------------------------------------------------------------------------------------


def event_uid(case_code: str, event: Mapping[str, Any]) -> str:
    """A stable uid for an event that came without one (a document written before the history
    existed): the same facts always give the same uid, so importing such a file twice adds nothing."""
    facts = "/".join(str(event.get(key) or "") for key in ("event", "date", "status", "scope", "obtained_by"))
    return hashlib.sha256(f"{case_code}/{facts}".encode()).hexdigest()[:32]


def ordered(history: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Events by date; events of one day keep the order they were recorded in. An event without a
    date (consent noted before its day was known) counts from the start."""
    return sorted(history, key=lambda event: str(event.get("date") or ""))


def consent_as_of(history: Iterable[Mapping[str, Any]], day: dt.date | str | None = None) -> ConsentState:
    """The consent on `day` (ISO date or date; None: now, i.e. after every event). A withdrawal keeps
    what was withdrawn (date, scope, who obtained it) with status `none`; consent obtained anew clears it."""
    limit = day.isoformat() if isinstance(day, dt.date) else day
    state = ConsentState()
    for event in ordered(history):
        when = str(event.get("date") or "") or None
        if limit is not None and when and when > limit:
            break
        if event.get("event") == "withdrawn":
            state = replace(
                state, status="none", withdrawn_date=when, withdrawal_note=str(event.get("note") or "")
            )
            continue
        kept = event.get("event") == "scope_changed"
        state = ConsentState(
            status=str(event.get("status") or "none"),
            date=state.date if kept and state.date else when,
            scope=str(event.get("scope") or ""),
            agencies=tuple(event.get("agencies") or ()),
            obtained_by=str(event.get("obtained_by") or ""),
            withdrawn_date=state.withdrawn_date if kept else None,
            withdrawal_note=state.withdrawal_note if kept else "",
        )
    return state


def later_withdrawal(history: Iterable[Mapping[str, Any]], day: dt.date | str) -> Mapping[str, Any] | None:
    """The first withdrawal after `day`, if any: minutes print it as a note beside the consent of their day."""
    limit = day.isoformat() if isinstance(day, dt.date) else day
    for event in ordered(history):
        if event.get("event") == "withdrawn" and str(event.get("date") or "") > limit:
            return event
    return None


def merge_history(
    existing: Sequence[Mapping[str, Any]], incoming: Sequence[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """The union of two histories: events are never dropped or rewritten, an event both hold (same uid,
    or the same facts) is kept once. `existing` events keep their place; new ones follow."""
    merged = list(existing)
    seen_uids = {str(event.get("uid")) for event in existing}
    seen_facts = {_facts(event) for event in existing}
    for event in incoming:
        if str(event.get("uid")) in seen_uids or _facts(event) in seen_facts:
            continue
        merged.append(event)
        seen_uids.add(str(event.get("uid")))
        seen_facts.add(_facts(event))
    return merged


def _facts(event: Mapping[str, Any]) -> tuple[Any, ...]:
    return (
        event.get("event"),
        event.get("date") or None,
        event.get("status") or "none",
        event.get("scope") or "",
        tuple(event.get("agencies") or ()),
        event.get("obtained_by") or "",
        event.get("note") or "",
    )


def change_event(before: ConsentState, after: ConsentState) -> str | None:
    """The event a direct edit of the consent fields amounts to (None when nothing changed)."""
    if before == after:
        return None
    if before.given and not after.given:
        return "withdrawn"
    if not before.given and after.given:
        return "obtained"
    return "scope_changed"


# --- meeting type ---------------------------------------------------------------------------------


def consent_refusal(meeting_type: str, consent: ConsentState, *, case: str, day: dt.date | str) -> str | None:
    """Why a meeting of `meeting_type` cannot be held for the case on `day` with this consent, or None."""
    kind = domain.MEETING_TYPES.get(meeting_type)
    if kind is None or not kind.needs_consent or consent.given:
        return None
    day_text = day.isoformat() if isinstance(day, dt.date) else str(day)
    fallback = domain.MEETING_TYPES[consent_fallback(meeting_type)]
    return t(
        "rules.no_consent",
        case=case,
        date=day_text,
        type=pick(kind.label, kind.label_en),
        fallback=pick(fallback.label, fallback.label_en),
    )


def consent_fallback(meeting_type: str) -> str:
    """The meeting to hold instead when `meeting_type` needs consent the person has not given: the
    statutory meeting beside it, which the law allows without consent (a 支援会議 under 社会福祉法106条の6
    for a 重層的支援会議, one under 生活困窮者自立支援法9条 for a 支援調整会議)."""
    return domain.MEETING_TYPES[meeting_type].without_consent or "shien_kaigi"


def fallback_after_refusal(meeting_type: str) -> str | None:
    """What to offer when creating a meeting of `meeting_type` was refused: the meeting to hold instead
    (`consent_fallback`) when the type needs consent, the refusal being the missing consent; None when
    it needs none, the refusal then being about something else (shown as it is)."""
    kind = domain.MEETING_TYPES.get(meeting_type)
    if kind is None or not kind.needs_consent:
        return None
    return consent_fallback(meeting_type)


def default_agenda(agenda_ids: Sequence[str]) -> str | None:
    """The agenda a new meeting's form starts with: the 支援会議's, which needs no consent, when there
    is one; else the first; None when there is no agenda at all."""
    if "shien_kaigi" in agenda_ids:
        return "shien_kaigi"
    return agenda_ids[0] if agenda_ids else None


# --- end time -------------------------------------------------------------------------------------


def proposed_end_time(*, day: dt.date | str, start: str, planned_minutes: int, now: dt.datetime) -> str:
    """The end time to offer when a meeting is finished without one (HH:MM, or "" for none).

    The wall clock when the meeting is being held now (its day, after its start, and within its planned
    length plus as much again); otherwise the start plus the planned length: minutes are often finished
    in the evening, and 22:00 against a start of 10:00 would be wrong. The facilitator confirms it."""
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    try:
        started = dt.datetime.combine(day, dt.time.fromisoformat(start)) if start else None
    except ValueError:
        started = None
    planned = dt.timedelta(minutes=max(planned_minutes, 0))
    if started is None:
        return now.strftime("%H:%M") if now.date() == day else ""
    if started <= now <= started + 2 * planned:
        return now.strftime("%H:%M")
    return min(started + planned, dt.datetime.combine(day, dt.time(23, 59))).strftime("%H:%M")


# --- final minutes --------------------------------------------------------------------------------


def confidentiality_problems(
    *, confirmed_at: str, statement_version: str, attendees: Sequence[Attendance]
) -> list[str]:
    """The confidentiality confirmation (domain.md §3.2 step 3): when it was read, which statement,
    and the acknowledgement of every attendee in the room or online (members who were absent or sent
    a written opinion heard no statement to acknowledge). Never waivable."""
    problems = []
    if not confirmed_at or not statement_version:
        problems.append(t("trust.final_not_confirmed"))
    missing = [
        a.name or f"#{a.position + 1}"
        for a in attendees
        if a.attendance in ("present", "online") and not a.acknowledged
    ]
    if missing:
        problems.append(t("trust.final_not_acknowledged", names="、".join(missing)))
    return problems


def completeness_problems(facts: Completeness) -> list[str]:
    """What a facilitator closing the meeting should still settle (issue 6, "closing properly")."""
    problems = []
    for step in facts.steps:
        # The closing step is the one being finalised: it cannot be done before it.
        if (
            step.get("required")
            and step.get("kind") != "closing"
            and step.get("id") not in facts.done
            and step.get("id") not in facts.ignoring
        ):
            problems.append(
                t(
                    "facilitation.missing_step",
                    title=pick(str(step.get("title") or ""), str(step.get("title_en") or "")),
                )
            )
    for text in facts.issues_without_owner:
        problems.append(t("facilitation.unowned_issue", text=_short(text)))
    for task, has_agency, has_due in facts.roles:
        if not has_agency:
            problems.append(t("facilitation.role_without_agency", task=_short(task)))
        if not has_due:
            problems.append(t("facilitation.role_without_due", task=_short(task)))
    if not facts.has_monitoring:
        problems.append(t("facilitation.no_monitoring"))
    if not facts.has_next_meeting:
        problems.append(t("facilitation.no_next_meeting"))
    return problems


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- handouts -------------------------------------------------------------------------------------


def handout_refusal(doc: Mapping[str, Any], agency_id: str, agency_name: str = "") -> str | None:
    """Why `agency_id` may not receive a handout of this meeting document, or None when it may.

    Entitled: an agency that attended (in person, online or in writing) or holds a role agreed in the
    meeting; for a meeting that needs consent, it must also be within the consent scope on the
    meeting's date. An agency only drawn on the ecomap, or only mentioned, is not entitled."""
    name = agency_name or agency_id
    meeting = _mapping(doc.get("meeting"))
    attended = any(
        a.get("agency") == agency_id and a.get("attendance") != "absent"
        for a in map(_mapping, _list(doc.get("attendees")))
    )
    holds_role = any(r.get("agency") == agency_id for r in map(_mapping, _list(doc.get("roles"))))
    if not attended and not holds_role:
        return t("rules.handout_not_involved", agency=name, date=meeting.get("date") or "")
    kind = domain.MEETING_TYPES.get(str(meeting.get("type") or ""))
    if kind is not None and kind.needs_consent:
        consent = consent_as_of(document_history(doc), str(meeting.get("date") or ""))
        if not consent.given or agency_id not in consent.agencies:
            return t(
                "rules.handout_outside_consent",
                agency=name,
                date=meeting.get("date") or "",
                type=pick(kind.label, kind.label_en),
            )
    return None


def document_history(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The consent history a meeting document carries (`case.consent.history`); for a document
    written before histories existed, the one event its consent fields amount to."""
    case = _mapping(doc.get("case"))
    consent = _mapping(case.get("consent"))
    history = [event for event in _list(consent.get("history")) if isinstance(event, Mapping)]
    if history:
        return history
    status = str(consent.get("status") or "none")
    if status == "none":
        return []
    event = {
        "event": "obtained",
        "date": consent.get("date"),
        "status": status,
        "scope": consent.get("scope") or "",
        "agencies": list(consent.get("agencies") or []),
        "obtained_by": consent.get("obtained_by") or "",
        "note": "",
    }
    return [{"uid": event_uid(str(case.get("code") or ""), event), **event}]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
