"""The case list, read with SQLAlchemy Core alone.

The home screen shows this list first thing, so it must not wait for the ORM: importing SQLModel
and building the models costs about as much again as importing SQLAlchemy Core (bench/,
docs/performance.md). The tables are named here as lightweight `table()` clauses with only the
columns the list reads; `repo.list_cases` wraps the same rows in `CaseRow` for the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, NamedTuple

from sqlalchemy import column, func, or_, select, table
from sqlalchemy.engine import Connection

_case = table("case", column("id"), column("code"), column("label"), column("summary"), column("tags"),
              column("status"), column("lead_agency_id"))
_meeting = table("meeting", column("id"), column("case_id"), column("date"), column("status"),
                 column("next_meeting_date"))
_agency = table("agency", column("id"), column("name"), column("short"), column("name_en"))


class CaseListRow(NamedTuple):
    """One line of the case list; `lead_*` name the lead agency in each form a screen may show."""

    id: int
    code: str
    label: str
    tags: list[str]
    status: str
    lead_agency: str
    lead_short: str
    lead_name_en: str
    meeting_count: int
    last_meeting_date: dt.date | None
    next_meeting_date: dt.date | None


def case_rows(connection: Connection, *, search: str = "", limit: int | None = None) -> list[CaseListRow]:
    """Cases by code with their meeting summary, in one query.

    `last_meeting_date` is the date of the latest meeting held (or being held); a planned meeting is
    upcoming, never "last". `next_meeting_date` is the earliest planned meeting, or else the next date
    the latest meeting held agreed on. `search` matches code, label, summary and tags, ignoring case.
    With `limit` the meeting summary is computed for the rows returned only.
    """
    by_case = _meeting.c.case_id == _case.c.id
    held = by_case & (_meeting.c.status != "planned")
    agreed = (select(_meeting.c.next_meeting_date).where(held)
              .order_by(_meeting.c.date.desc(), _meeting.c.id.desc()).limit(1).correlate(_case).scalar_subquery())
    planned = (select(func.min(_meeting.c.date)).where(by_case & (_meeting.c.status == "planned"))
               .correlate(_case).scalar_subquery())
    count = select(func.count(_meeting.c.id)).where(by_case).correlate(_case).scalar_subquery()
    last = select(func.max(_meeting.c.date)).where(held).correlate(_case).scalar_subquery()
    latest = func.coalesce(planned, agreed)
    statement = (select(_case.c.id, _case.c.code, _case.c.label, _case.c.tags, _case.c.status, _agency.c.name,
                        _agency.c.short, _agency.c.name_en, count, last, latest)
                 .select_from(_case.outerjoin(_agency, _agency.c.id == _case.c.lead_agency_id))
                 .order_by(_case.c.code))
    if search.strip():
        pattern = "%" + escape_like(search.strip()) + "%"
        statement = statement.where(or_(*(column_.ilike(pattern, escape="\\") for column_ in
                                          (_case.c.code, _case.c.label, _case.c.summary, _case.c.tags))))
    if limit is not None:
        statement = statement.limit(limit)
    return [CaseListRow(id=r[0], code=r[1], label=r[2], tags=json.loads(r[3]), status=r[4], lead_agency=r[5] or "",
                        lead_short=r[6] or "", lead_name_en=r[7] or "", meeting_count=r[8],
                        last_meeting_date=as_date(r[9]), next_meeting_date=as_date(r[10]))
            for r in connection.execute(statement)]


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def as_date(value: Any) -> dt.date | None:
    # SQLite hands back untyped and aggregate DATE values as text.
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value
