"""The 支援経過 / アウトリーチ log of a case (domain.md §13.5): each visit, call, letter, accompanied
outing, office visit or online contact, whom it reached (面会 is meeting the person: `whom ==
"person"`), a note and the date of the next attempt. What happened since a meeting is summed up for the
next one's review (`contacts_since`); the next attempts are follow-ups (`next_attempts`)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import and_, func
from sqlmodel import Session, col, select

from welfare_tui import case_lifecycle, domain
from welfare_tui.errors import Conflict, InvalidInput, NotFound
from welfare_tui.i18n import t
from welfare_tui.records import values as v
from welfare_tui.storage.between_rows import checked, row_dict, stale_check
from welfare_tui.storage.conflicts import flush_versioned
from welfare_tui.storage.lifecycle_rows import recorder, today
from welfare_tui.storage.models import Agency, Case, ContactLog, Meeting


def add_contact(
    session: Session,
    *,
    case_id: int,
    date: dt.date | str | None = None,
    mode: str = "visit",
    whom: str = "person",
    agency_id: str | None = None,
    note: str = "",
    next_date: dt.date | str | None = None,
    recorded_by: str | None = None,
    meeting_id: int | None = None,
) -> dict[str, Any]:
    """Record a contact of the case (date: today when not given; recorded_by: the author of this run's
    edits when not given). `meeting_id`: the meeting of the case it is recorded from."""
    _case(session, case_id)
    values = checked(
        session,
        "contact",
        {
            "date": today(date),
            "mode": mode,
            "whom": whom,
            "agency_id": agency_id,
            "note": note,
            "next_date": next_date,
            "recorded_by": recorder(recorded_by),
        },
    )
    _next_after(values["date"], values["next_date"])
    contact = ContactLog(
        uid=uuid.uuid4().hex, case_id=case_id, meeting_id=_meeting_of(session, case_id, meeting_id), **values
    )
    session.add(contact)
    session.flush()
    return _dicts(session, [contact])[0]


def update_contact(
    session: Session,
    *,
    contact_id: int,
    values: dict[str, Any],
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Change the given fields of a contact (a dict from `list_contacts` may be passed back: its
    bookkeeping keys must not change, its `version` counts as `expected_version`). Optimistic locking as
    `update_item`: a field another session changed since is a Conflict, one only this save changes is
    merged."""
    contact = _load(session, contact_id)
    current = _dicts(session, [contact])[0]
    values = dict(values)
    given_version = values.pop("version", None)
    if expected_version is None and given_version is not None:
        expected_version = v.integer("version", given_version)
    for name in _FIXED:
        if name in values and values.pop(name) != current[name]:
            raise InvalidInput(t("storage.fixed_field", name=name))
    fields = checked(session, "contact", values)  # the date is required: never emptied
    stale_check(session, "contact", contact, values, expected_version, original)
    _next_after(fields.get("date", contact.date), fields.get("next_date", contact.next_date))
    for name, value in fields.items():
        setattr(contact, name, value)
    session.add(contact)
    flush_versioned(session, "contact", contact)
    return _dicts(session, [contact])[0]


def delete_contact(session: Session, *, contact_id: int, expected_version: int | None = None) -> None:
    """Delete a contact; with `expected_version`, one changed since it was read is not (`Conflict`)."""
    contact = _load(session, contact_id)
    if expected_version is not None and contact.version != expected_version:
        raise Conflict("contact", contact_id, contact.version, {}, deleting=True)
    session.delete(contact)
    flush_versioned(session, "contact", contact, deleting=True)


def list_contacts(
    session: Session,
    *,
    case_id: int | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
) -> list[dict[str, Any]]:
    """The contacts of a case (or of every case), newest first, dated from `since` to `until`
    (both included when given), each with its case's code and its agency's name."""
    query = select(ContactLog)
    if case_id is not None:
        _case(session, case_id)
        query = query.where(ContactLog.case_id == case_id)
    if since not in (None, ""):
        query = query.where(col(ContactLog.date) >= v.required_date("since", since))
    if until not in (None, ""):
        query = query.where(col(ContactLog.date) <= v.required_date("until", until))
    rows = session.exec(query.order_by(col(ContactLog.date).desc(), col(ContactLog.id).desc())).all()
    return _dicts(session, list(rows))


def contacts_since(
    session: Session,
    case_id: int,
    since: dt.date | str | None,
    *,
    until: dt.date | str | None = None,
) -> dict[str, Any]:
    """What the case's log holds from `since` (included; everything when None) to `until`: the number
    of contacts, by mode and by whom (vocabulary order, only those that happened), and the 面会 (the
    person met) in all and by mode — what the review step writes as 「前回から：訪問5回（面会2回）・手紙2通」."""
    rows = list_contacts(session, case_id=case_id, since=since, until=until)
    by_mode = {mode: sum(row["mode"] == mode for row in rows) for mode in domain.CONTACT_MODE}
    by_whom = {whom: sum(row["whom"] == whom for row in rows) for whom in domain.CONTACT_WHOM}
    met = {mode: sum(row["mode"] == mode and row["whom"] == "person" for row in rows) for mode in by_mode}
    return {
        "case_id": case_id,
        "since": None if since in (None, "") else v.iso(v.required_date("since", since)),
        "until": None if until in (None, "") else v.iso(v.required_date("until", until)),
        "total": len(rows),
        "met": sum(met.values()),
        "by_mode": {mode: count for mode, count in by_mode.items() if count},
        "met_by_mode": {mode: count for mode, count in met.items() if count},
        "by_whom": {whom: count for whom, count in by_whom.items() if count},
        "last_date": rows[0]["date"] if rows else None,
    }


def next_attempts(session: Session, *, until: dt.date | str | None = None) -> list[dict[str, Any]]:
    """The next attempt of each case still supported (not closed or suspended): its latest contact
    (by date, then as recorded) when that names a next date, due by `until` when given; soonest first.
    A later contact without a next date means no attempt is planned."""
    last_day = (
        select(col(ContactLog.case_id), func.max(ContactLog.date).label("date"))
        .group_by(col(ContactLog.case_id))
        .subquery()
    )
    latest = (
        select(func.max(ContactLog.id).label("id"))
        .join(
            last_day,
            and_(col(ContactLog.case_id) == last_day.c.case_id, col(ContactLog.date) == last_day.c.date),
        )
        .group_by(col(ContactLog.case_id))
        .subquery()
    )
    query = (
        select(ContactLog)
        .join(latest, col(ContactLog.id) == latest.c.id)
        .join(Case, col(Case.id) == col(ContactLog.case_id))
        .where(col(Case.status).not_in(case_lifecycle.ENDED), col(ContactLog.next_date).is_not(None))
    )
    if until not in (None, ""):
        query = query.where(col(ContactLog.next_date) <= v.required_date("until", until))
    rows = list(session.exec(query).all())
    found = [
        {
            "case_id": row["case_id"],
            "case_code": row["case_code"],
            "case_label": row["case_label"],
            "contact_id": row["id"],
            "date": row["date"],
            "next_date": row["next_date"],
            "agency_id": row["agency_id"],
            "agency_name": row["agency_name"],
            "mode": row["mode"],
            "whom": row["whom"],
        }
        for row in _dicts(session, rows)
    ]
    return sorted(found, key=lambda row: (row["next_date"], row["case_code"]))


_FIXED = ("id", "uid", "case_id", "case_code", "case_label", "meeting_id", "agency_name")


def _dicts(session: Session, rows: list[ContactLog]) -> list[dict[str, Any]]:
    """Contacts as plain values: id, uid, version, case (id, code, label), meeting id, every field of
    the record spec, the agency's name."""
    case_ids = {row.case_id for row in rows}
    agency_ids = {row.agency_id for row in rows if row.agency_id}
    cases = {
        case_id: (code, label)
        for case_id, code, label in session.exec(
            select(Case.id, Case.code, Case.label).where(col(Case.id).in_(case_ids))
        )
    }
    names = dict(session.exec(select(Agency.id, Agency.name).where(col(Agency.id).in_(agency_ids))).all())
    found = []
    for row in rows:
        data = row_dict("contact", row, "uid", "version", "case_id", "meeting_id")
        data["case_code"], data["case_label"] = cases.get(row.case_id, ("", ""))
        data["agency_name"] = names.get(row.agency_id, "") if row.agency_id else ""
        found.append(data)
    return found


def _next_after(date: dt.date | None, next_date: dt.date | None) -> None:
    if date is not None and next_date is not None and next_date < date:
        raise InvalidInput(t("between.next_before_contact", next=v.iso(next_date), date=v.iso(date)))


def _meeting_of(session: Session, case_id: int, meeting_id: int | None) -> int | None:
    if meeting_id is None:
        return None
    meeting = session.get(Meeting, v.integer("meeting_id", meeting_id))
    if meeting is None or meeting.case_id != case_id:
        raise InvalidInput(t("between.meeting_not_of_case", id=meeting_id))
    return meeting.id


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(t("storage.no_case_id", id=case_id))
    return case


def _load(session: Session, contact_id: int) -> ContactLog:
    contact = session.get(ContactLog, contact_id)
    if contact is None:
        raise NotFound(t("between.no_contact", id=contact_id))
    return contact
