"""The consent history of a case in the database (`consent_event`), kept in step with the case's
consent_* columns, which hold the state the history arrives at (meeting_rules.consent_as_of).

Three ways in, one history:

* a form edits the consent fields (`record_edit`): the edit becomes an event — obtained, scope
  changed or withdrawn. A same-day correction (typing the scope, fixing the date) amends the latest
  event instead of adding one: the history records days, not keystrokes;
* `repo.withdraw_consent` adds a withdrawal (`record_withdrawal`);
* an import merges the document's history with the database's (`documents.check_document` with
  `meeting_rules.merge_history`): events are only added, so an older document can never undo a later
  withdrawal.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from welfare_tui import meeting_rules
from welfare_tui.meeting_rules import ConsentState
from welfare_tui.records import values as v
from welfare_tui.storage import lifecycle
from welfare_tui.storage.models import Case, ConsentEvent


def state_of(case: Case) -> ConsentState:
    """The consent a case row holds now."""
    return ConsentState(
        status=case.consent_status,
        date=v.iso(case.consent_date),
        scope=case.consent_scope,
        agencies=tuple(json.loads(case.consent_agencies or "[]")),
        obtained_by=case.consent_obtained_by,
        withdrawn_date=v.iso(case.consent_withdrawn_date),
        withdrawal_note=case.consent_withdrawal_note,
    )


def event_dict(event: ConsentEvent) -> dict[str, Any]:
    """An event as documents carry it (meeting_rules.EVENT_KEYS order)."""
    return {
        "uid": event.uid,
        "event": event.event,
        "date": v.iso(event.date),
        "status": event.status,
        "scope": event.scope,
        "agencies": json.loads(event.agencies or "[]"),
        "obtained_by": event.obtained_by,
        "note": event.note,
    }


def histories(session: Session, case_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Each case's events in recorded order, in one query."""
    ids = set(case_ids)
    result: dict[int, list[dict[str, Any]]] = {case_id: [] for case_id in ids}
    if not ids:
        return result
    rows = session.exec(
        select(ConsentEvent)
        .where(col(ConsentEvent.case_id).in_(ids))
        .order_by(col(ConsentEvent.case_id), col(ConsentEvent.id))
    ).all()
    for row in rows:
        result[row.case_id].append(event_dict(row))
    return result


def history(session: Session, case_id: int) -> list[dict[str, Any]]:
    return histories(session, [case_id])[case_id]


def consent_on(session: Session, case_id: int, day: dt.date | str | None) -> ConsentState:
    """The case's consent on `day` (None: now)."""
    return meeting_rules.consent_as_of(history(session, case_id), day)


def record_edit(session: Session, case: Case, before: ConsentState, *, today: dt.date | None = None) -> None:
    """Turn a direct edit of the case's consent fields into the history (see the module docstring)."""
    after = state_of(case)
    kind = meeting_rules.change_event(_comparable(before), _comparable(after))
    if kind is None:
        return
    today = today or dt.date.today()
    if kind == "withdrawn":
        record_withdrawal(session, case, date=today, note="")
        return
    events = _rows(session, case.id)
    latest = events[-1] if events else None
    day = after.date if kind == "obtained" else today.isoformat()
    if (
        kind == "scope_changed"
        and latest is not None
        and latest.event != "withdrawn"
        and (latest.date is None or latest.date == today or before.date != after.date)
    ):
        _fill(latest, after, date=after.date if latest.event == "obtained" else v.iso(latest.date))
        session.add(latest)
    else:
        event = ConsentEvent(case_id=_saved_id(case), uid=uuid.uuid4().hex, event=kind)
        _fill(event, after, date=day)
        session.add(event)
    session.flush()


def record_withdrawal(session: Session, case: Case, *, date: dt.date, note: str) -> None:
    """Add a withdrawal and set the case's consent to `none` (the scope withdrawn stays on record)."""
    event = ConsentEvent(
        case_id=_saved_id(case),
        uid=uuid.uuid4().hex,
        event="withdrawn",
        date=date,
        status="none",
        scope=case.consent_scope,
        agencies=case.consent_agencies,
        obtained_by=case.consent_obtained_by,
        note=note,
    )
    session.add(event)
    case.consent_status = "none"
    case.consent_withdrawn_date = date
    case.consent_withdrawal_note = note
    lifecycle.withdrawn(session, case, date=date, note=note)
    session.flush()


def _rows(session: Session, case_id: int | None) -> list[ConsentEvent]:
    return list(
        session.exec(
            select(ConsentEvent).where(ConsentEvent.case_id == case_id).order_by(col(ConsentEvent.id))
        ).all()
    )


def _fill(event: ConsentEvent, state: ConsentState, *, date: str | None) -> None:
    event.date = v.optional_date("consent.date", date)
    event.status = state.status
    event.scope = state.scope
    event.agencies = json.dumps(list(state.agencies), ensure_ascii=False)
    event.obtained_by = state.obtained_by


def _comparable(state: ConsentState) -> ConsentState:
    """What an edit of the consent fields can change (not the withdrawal record)."""
    return ConsentState(
        status=state.status,
        date=state.date,
        scope=state.scope,
        agencies=state.agencies,
        obtained_by=state.obtained_by,
    )


def _saved_id(case: Case) -> int:
    """The id of a case read from the database (only a new, unflushed object has none)."""
    if case.id is None:
        raise ValueError("the case has not been saved yet")
    return case.id
