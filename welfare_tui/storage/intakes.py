"""つなぎ受付 (intake, domain.md §13.3): a consultation a window passes on to 多機関協働, and its one
outcome — accepted as a case (created pre-filled and linked), referred to another window or scheme,
or ended with advice only. Only an open intake gets an outcome."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import case as sql_case
from sqlmodel import Session, col, select

from welfare_tui import domain
from welfare_tui.errors import InvalidInput, NotFound, RuleRefused
from welfare_tui.i18n import label, t
from welfare_tui.records import values as v
from welfare_tui.storage.conflicts import flush_versioned
from welfare_tui.storage.lifecycle_rows import checked, recorder, row_dict, today
from welfare_tui.storage.models import Agency, Case, Intake


def add_intake(
    session: Session,
    *,
    label: str,
    date: dt.date | str | None = None,
    window_agency: str | None = None,
    route: str = "agency",
    concern: str = "",
    tags: Iterable[str] = (),
    consent: str = "no",
    notes: str = "",
    recorded_by: str | None = None,
) -> dict[str, Any]:
    """Record a consultation passed on (date: today when not given). Returns the intake."""
    values = checked(
        session,
        "intake",
        {
            "label": label,
            "window_agency_id": window_agency,
            "route": route,
            "concern": concern,
            "consent": consent,
            "notes": notes,
        },
    )
    intake = Intake(
        uid=uuid.uuid4().hex,
        date=today(date),
        tags=json.dumps(v.tag_list("tags", list(tags)), ensure_ascii=False),
        recorded_by=recorder(recorded_by),
        **values,
    )
    session.add(intake)
    session.flush()
    return intake_dict(session, intake)


def list_intakes(session: Session, *, open_only: bool = False) -> list[dict[str, Any]]:
    """Open intakes first, then the rest; newest first within each."""
    query = select(Intake)
    if open_only:
        query = query.where(Intake.outcome == "open")
    order = sql_case((col(Intake.outcome) == "open", 0), else_=1)
    rows = session.exec(query.order_by(order, col(Intake.date).desc(), col(Intake.id).desc())).all()
    codes = _case_codes(session, [row.case_id for row in rows if row.case_id is not None])
    return [intake_dict(session, row, codes) for row in rows]


def get_intake(session: Session, *, intake_id: int) -> dict[str, Any]:
    return intake_dict(session, _load(session, intake_id))


def accept_intake(
    session: Session,
    *,
    intake_id: int,
    code: str | None = None,
    date: dt.date | str | None = None,
    note: str = "",
) -> dict[str, Any]:
    """受理してケース化: create the case pre-filled from the intake (label, concern as summary, tags,
    route, the receiving window as lead agency) at stage 受付, and link it. Returns the intake."""
    from welfare_tui.storage.cases import create_case

    intake = _open(session, intake_id)
    day = today(date, "outcome_date")
    case = create_case(
        session,
        code=code,
        label=intake.label,
        summary=intake.concern,
        tags=json.loads(intake.tags or "[]"),
        referral_route=domain.INTAKE_ROUTE.get(intake.route, intake.route),
        status="intake",
        lead_agency=intake.window_agency_id,
        opened_on=day,
    )
    _settle(session, intake, "accepted", day, note, case_id=case.id)
    return intake_dict(session, intake)


def refer_intake(
    session: Session,
    *,
    intake_id: int,
    to_agency: str,
    date: dt.date | str | None = None,
    note: str = "",
) -> dict[str, Any]:
    """他の窓口・制度へつなぎ: which agency, when."""
    intake = _open(session, intake_id)
    agency = checked(session, "intake", {"referred_to_id": to_agency})["referred_to_id"]
    if agency is None:
        raise InvalidInput(t("value.empty", field="to_agency"))
    _settle(session, intake, "referred", date, note, referred_to_id=agency)
    return intake_dict(session, intake)


def close_intake(
    session: Session, *, intake_id: int, note: str, date: dt.date | str | None = None
) -> dict[str, Any]:
    """相談・情報提供のみで終了, with a note of what was advised."""
    intake = _open(session, intake_id)
    if not v.text("note", note).strip():
        raise InvalidInput(t("lifecycle.intake_note_missing"))
    _settle(session, intake, "closed", date, note)
    return intake_dict(session, intake)


def intake_dict(session: Session, intake: Intake, codes: dict[int, str] | None = None) -> dict[str, Any]:
    """An intake as plain values: its fields, tags, the agencies' names, the linked case's id and code."""
    data = row_dict("intake", intake, "uid", "version")
    for name, agency_id in (
        ("window_agency_name", intake.window_agency_id),
        ("referred_to_name", intake.referred_to_id),
    ):
        agency = session.get(Agency, agency_id) if agency_id else None
        data[name] = agency.name if agency else ""
    data["tags"] = json.loads(intake.tags or "[]")
    data["case_id"] = intake.case_id
    if codes is None:
        codes = _case_codes(session, [intake.case_id] if intake.case_id is not None else [])
    data["case_code"] = codes.get(intake.case_id) if intake.case_id is not None else None
    return data


def _settle(
    session: Session, intake: Intake, outcome: str, date: dt.date | str | None, note: str, **more: Any
) -> None:
    intake.outcome = outcome
    intake.outcome_date = today(date, "outcome_date")
    intake.outcome_note = v.text("note", note)
    for name, value in more.items():
        setattr(intake, name, value)
    session.add(intake)
    flush_versioned(session, "intake", intake)


def _open(session: Session, intake_id: int) -> Intake:
    intake = _load(session, intake_id)
    if intake.outcome != "open":
        raise RuleRefused(
            t("lifecycle.intake_not_open", id=intake_id, outcome=label("intake_outcome", intake.outcome))
        )
    return intake


def _load(session: Session, intake_id: int) -> Intake:
    intake = session.get(Intake, intake_id)
    if intake is None:
        raise NotFound(t("lifecycle.no_intake", id=intake_id))
    return intake


def _case_codes(session: Session, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(select(Case.id, Case.code).where(col(Case.id).in_(ids)))
    return {case_id: code for case_id, code in rows if case_id is not None}
