"""Cases: created, read, changed (optimistic locking), listed; consent withdrawn."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from welfare_tui import domain
from welfare_tui.errors import Conflict, InvalidInput, NotFound, RuleRefused
from welfare_tui.i18n import t
from welfare_tui.meeting_rules import ConsentState
from welfare_tui.records import values as v
from welfare_tui.storage import consent, lifecycle
from welfare_tui.storage.agencies import agency_ref, agency_refs
from welfare_tui.storage.conflicts import check_stale, flush_versioned
from welfare_tui.storage.models import Case, CasePublic, CaseRow, utc_now

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
    opened_on: dt.date | str | None = None,
) -> CasePublic:
    """A new case; its stage history starts with an `opened` event at `status` on `opened_on`
    (default today)."""
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
    lifecycle.opened(session, case, date=v.optional_date("opened_on", opened_on))
    return case_public(case)


def get_case(session: Session, *, case_id: int) -> CasePublic:
    return case_public(load_case(session, case_id))


def get_case_by_code(session: Session, *, code: str) -> CasePublic:
    case = session.exec(select(Case).where(Case.code == code)).first()
    if case is None:
        raise NotFound(t("storage.no_case_code", code=code))
    return case_public(case)


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
    case = load_case(session, case_id)
    if expected_version is not None and case.version != expected_version:

        def converted(values: dict[str, Any]) -> Case:
            scratch = Case(code=case.code, label=case.label)
            _apply_case_fields(session, scratch, {k: val for k, val in values.items() if k != "code"})
            if "code" in values:
                scratch.code = v.text("code", values["code"], required=True).strip()
            return scratch

        check_stale(
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
    stage = case.status
    _apply_case_fields(session, case, {k: val for k, val in fields.items() if k not in ("code", "status")})
    # A change of stage is a transition of the case's life: checked by its rules, kept as an event.
    wanted = v.choice("status", fields["status"], domain.CASE_STATUS) if "status" in fields else stage
    if wanted != stage:
        lifecycle.record_transition(session, case_id=case_id, to_stage=wanted)
    consent.record_edit(session, case, before)
    if "status" not in fields and not before.given and consent.state_of(case).given:
        lifecycle.consented(session, case, date=v.optional_date("consent_date", case.consent_date))
    case.updated_at = utc_now()
    session.add(case)
    flush_versioned(session, "case", case)
    return case_public(case)


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
    case = load_case(session, case_id)
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
    flush_versioned(session, "case", case)
    return case_public(case)


def list_cases(
    session: Session, *, search: str = "", limit: int | None = None, stage: str = ""
) -> list[CaseRow]:
    """Cases by code with their meeting summary, in one query (storage/listing.py, shared with the
    home screen, which reads it before the ORM has loaded).

    `stage` (a key of domain.CASE_STATUS) keeps the cases at that stage.
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
        for r in case_rows(
            session.connection(),
            search=search,
            limit=limit,
            stage=v.choice("stage", stage, domain.CASE_STATUS) if stage else "",
        )
    ]


def _case_code(session: Session, code: Any) -> str:
    checked = v.text("code", code, required=True).strip()
    if session.exec(select(Case.id).where(Case.code == checked)).first() is not None:
        raise InvalidInput(t("storage.case_code_taken", code=checked))
    return checked


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
            case.consent_agencies = json.dumps(agency_refs(session, name, value), ensure_ascii=False)
        elif name in ("lead_agency", "lead_agency_id"):
            case.lead_agency_id = agency_ref(session, name, value)
        else:
            setattr(case, name, v.text(name, value))


def load_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(t("storage.no_case_id", id=case_id))
    return case


def case_public(case: Case) -> CasePublic:
    data = case.model_dump()
    data["tags"] = json.loads(case.tags)
    data["consent_agencies"] = json.loads(case.consent_agencies or "[]")
    return CasePublic.model_validate(data)
