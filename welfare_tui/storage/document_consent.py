"""The consent history of a meeting document: checked and merged with what this database knows of
the case (meeting_rules: an event is only ever added), and the new events written."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from sqlmodel import Session, select

from welfare_tui import domain, meeting_rules
from welfare_tui.records import values as v
from welfare_tui.storage import audit, consent
from welfare_tui.storage.bulk import insert_rows
from welfare_tui.storage.document_shape import mapping, sequence
from welfare_tui.storage.models import Case, ConsentEvent, table_of

_CASE = table_of(Case).c
AgencyRef = Callable[[str, Any], "str | None"]


def check_consent(
    session: Session, case: dict[str, Any], consent_doc: dict[str, Any], agency_ref: AgencyRef
) -> list[dict[str, Any]]:
    """The document's consent history checked and merged with what this database already knows of the
    case; sets the case's consent columns to where the merged history arrives (meeting_rules)."""
    v.choice("case.consent.status", consent_doc.get("status", "none"), domain.CONSENT_STATUS)
    v.optional_date("case.consent.date", consent_doc.get("date"))
    v.text("case.consent.scope", consent_doc.get("scope"))
    v.text("case.consent.obtained_by", consent_doc.get("obtained_by"))
    for index, agency in enumerate(sequence("case.consent.agencies", consent_doc.get("agencies"))):
        agency_ref(f"case.consent.agencies[{index}]", agency)
    incoming: list[Mapping[str, Any]] = []
    for index, raw in enumerate(sequence("case.consent.history", consent_doc.get("history"))):
        path = f"case.consent.history[{index}]"
        raw = mapping(path, raw)
        v.unknown_keys(path, raw, meeting_rules.EVENT_KEYS)
        event = {
            "uid": v.text(f"{path}.uid", raw.get("uid")).strip(),
            "event": v.choice(f"{path}.event", raw.get("event"), meeting_rules.CONSENT_EVENTS),
            "date": v.iso(v.optional_date(f"{path}.date", raw.get("date"))),
            "status": v.choice(f"{path}.status", raw.get("status", "none"), domain.CONSENT_STATUS),
            "scope": v.text(f"{path}.scope", raw.get("scope")),
            "agencies": [
                agency_ref(f"{path}.agencies[{i}]", a)
                for i, a in enumerate(sequence(f"{path}.agencies", raw.get("agencies")))
            ],
            "obtained_by": v.text(f"{path}.obtained_by", raw.get("obtained_by")),
            "note": v.text(f"{path}.note", raw.get("note")),
        }
        if not re.fullmatch(r"[0-9a-f]{32}", str(event["uid"])):
            event["uid"] = meeting_rules.event_uid(case["code"], event)
        incoming.append(event)
    if not incoming:
        incoming = meeting_rules.document_history({"case": {"code": case["code"], "consent": consent_doc}})
    known = consent_histories_by_code(session).get(case["code"], [])
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


def consent_histories_by_code(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Every case's consent history by case code, read once per session (checking 1,000 files costs one
    query, not 1,000; `_insert_consent_events` forgets it when it writes)."""
    cached = session.info.get("consent_by_code")
    if cached is None:
        codes: dict[int, str] = dict(
            session.exec(select(_CASE.id, _CASE.code).where(_CASE.id.in_(select(ConsentEvent.case_id)))).all()
        )
        cached = {codes[case_id]: events for case_id, events in consent.histories(session, codes).items()}
        session.info["consent_by_code"] = cached
    return cached


def insert_consent_events(
    session: Session, histories: dict[int, tuple[str, list[Mapping[str, Any]]]], changes: list[audit.Change]
) -> bool:
    """Add the events of each case's (merged) history, {case id: (code, events)}, that the database does
    not hold yet; True when there were any. What it holds is the session's cache of every history
    (`consent_histories_by_code`): re-importing unchanged files costs no query here."""
    known = consent_histories_by_code(session)
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
        insert_rows(session, ConsentEvent, rows, changes, identified_by=("case_id", "uid"))
    return bool(rows)
