"""参加支援 matching (domain.md §13.6): a household member (a relation: 本人, 長男 — never a name) matched
with a resource of the register. A match goes forward only — 提案 → 利用開始 → 定着 — or ends (終了)
from any state with a reason; each state keeps the date it was reached. Listed per resource or case."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlmodel import Session, col, select

from welfare_tui import domain
from welfare_tui.errors import Conflict, InvalidInput, NotFound, RuleRefused
from welfare_tui.i18n import label, t
from welfare_tui.records import values as v
from welfare_tui.storage.between_rows import checked, row_dict, stale_check
from welfare_tui.storage.conflicts import flush_versioned
from welfare_tui.storage.lifecycle_rows import today
from welfare_tui.storage.models import Case, Resource, ResourceMatch

# The way forward; `ended` is reached from any state but itself.
FORWARD = ("proposed", "started", "settled")
# What a match's own form may change: its state and dates change through `set_match_state` only.
EDITABLE = ("member", "note")


def add_match(
    session: Session,
    *,
    case_id: int,
    resource_id: str,
    member: str = "",
    state: str = "proposed",
    date: dt.date | str | None = None,
    note: str = "",
    end_reason: str = "",
) -> dict[str, Any]:
    """Record a match of a member of the case with an active resource, at `state` (提案 unless given)
    reached on `date` (today when not given); an ended match needs its `end_reason`."""
    if session.get(Case, case_id) is None:
        raise NotFound(t("storage.no_case_id", id=case_id))
    values = checked(
        session,
        "match",
        {
            "resource_id": resource_id,
            "member": member,
            "state": state,
            "note": note,
            "end_reason": end_reason,
        },
    )
    resource = session.get(Resource, values["resource_id"])
    if resource is not None and not resource.active:
        raise RuleRefused(t("between.resource_inactive", name=resource.name))
    if values["state"] == "ended" and not values["end_reason"].strip():
        raise RuleRefused(t("between.match_end_reason"))
    match = ResourceMatch(uid=uuid.uuid4().hex, case_id=case_id, **values)
    setattr(match, f"{values['state']}_date", today(date))
    session.add(match)
    session.flush()
    return _dicts(session, [match])[0]


def set_match_state(
    session: Session,
    *,
    match_id: int,
    state: str,
    date: dt.date | str | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Move a match forward (提案 → 利用開始 → 定着, a step may be skipped) or end it with a `reason`,
    on `date` (today when not given; never before a date the match already holds), written into the
    new state's date column. Anything else — back, to where it is, on from 終了 — is refused."""
    match = _load(session, match_id)
    state = v.choice("state", state, domain.MATCH_STATE)
    if expected_version is not None and match.version != expected_version:
        raise Conflict("match", match_id, match.version, {})
    refusal = state_refusal(match.state, state, reason)
    if refusal:
        raise RuleRefused(refusal)
    day = today(date)
    latest = max((d for d in _dates(match) if d is not None), default=None)
    if latest is not None and day < latest:
        raise RuleRefused(t("between.match_date_before", date=v.iso(day), latest=v.iso(latest)))
    match.state = state
    setattr(match, f"{state}_date", day)
    if state == "ended":
        match.end_reason = v.text("reason", reason).strip()
    session.add(match)
    flush_versioned(session, "match", match)
    return _dicts(session, [match])[0]


def state_refusal(current: str, wanted: str, reason: str = "") -> str | None:
    """Why a match at `current` may not move to `wanted` (a Japanese message by default), or None."""
    if current == "ended":
        return t("between.match_ended")
    if wanted == current:
        return t("between.match_already", state=label("match_state", wanted))
    if wanted == "ended":
        return None if reason.strip() else t("between.match_end_reason")
    if current in FORWARD and FORWARD.index(wanted) < FORWARD.index(current):
        return t(
            "between.match_backwards",
            current=label("match_state", current),
            wanted=label("match_state", wanted),
        )
    return None


def update_match(
    session: Session,
    *,
    match_id: int,
    values: dict[str, Any],
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Change a match's `member` or `note` (its state only through `set_match_state`); optimistic
    locking as `update_item`."""
    match = _load(session, match_id)
    for name in values:
        if name not in EDITABLE:
            raise InvalidInput(t("storage.fixed_field", name=name))
    fields = checked(session, "match", values)
    stale_check(session, "match", match, values, expected_version, original)
    for name, value in fields.items():
        setattr(match, name, value)
    session.add(match)
    flush_versioned(session, "match", match)
    return _dicts(session, [match])[0]


def list_matches(
    session: Session, *, resource_id: str | None = None, case_id: int | None = None
) -> list[dict[str, Any]]:
    """The matches of a resource, of a case, or all: by resource name, case code, then as recorded."""
    query = select(ResourceMatch)
    if resource_id is not None:
        if session.get(Resource, resource_id) is None:
            raise NotFound(t("between.no_resource", id=repr(resource_id)))
        query = query.where(ResourceMatch.resource_id == resource_id)
    if case_id is not None:
        if session.get(Case, case_id) is None:
            raise NotFound(t("storage.no_case_id", id=case_id))
        query = query.where(ResourceMatch.case_id == case_id)
    rows = _dicts(session, list(session.exec(query).all()))
    return sorted(rows, key=lambda row: (row["resource_name"], row["case_code"], row["id"]))


def _dicts(session: Session, rows: list[ResourceMatch]) -> list[dict[str, Any]]:
    """Matches as plain values: id, uid, version, case (id, code), every field of the record spec, the
    resource's name and the date of the state the match is at (`date`)."""
    cases = dict(
        session.exec(select(Case.id, Case.code).where(col(Case.id).in_({row.case_id for row in rows}))).all()
    )
    names = dict(
        session.exec(
            select(Resource.id, Resource.name).where(col(Resource.id).in_({row.resource_id for row in rows}))
        ).all()
    )
    found = []
    for row in rows:
        data = row_dict("match", row, "uid", "version", "case_id")
        data["case_code"] = cases.get(row.case_id, "")
        data["resource_name"] = names.get(row.resource_id, row.resource_id)
        data["date"] = data[f"{row.state}_date"]
        found.append(data)
    return found


def _dates(match: ResourceMatch) -> tuple[dt.date | None, ...]:
    return (match.proposed_date, match.started_date, match.settled_date, match.ended_date)


def _load(session: Session, match_id: int) -> ResourceMatch:
    match = session.get(ResourceMatch, match_id)
    if match is None:
        raise NotFound(t("between.no_match", id=match_id))
    return match
