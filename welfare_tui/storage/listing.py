"""The case list: one SQL query, run on whatever connection is at hand.

The home screen shows this list first thing, so it must not wait for SQLAlchemy: importing it (and
connecting through it) costs about as much as everything else before the list appears (bench/,
docs/performance.md). So the query is plain SQL that SQLite and PostgreSQL both read, and
`quick_case_rows` runs it on an SQLite file with the standard library's sqlite3 before SQLAlchemy has
loaded; `case_rows` runs the same SQL on a SQLAlchemy connection (searches, the CLI through
`repo.list_cases`). This module imports SQLAlchemy only when given one of its connections.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, NamedTuple


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


# Last: the latest meeting held (or being held); a planned meeting is upcoming, never "last". Next: the
# earliest planned meeting, else the date the latest meeting held agreed on. "case" is quoted: a
# reserved word in PostgreSQL. `lower(x) LIKE lower(p)` is what SQLAlchemy's ilike gives on SQLite,
# and means the same on PostgreSQL.
_SELECT = """
SELECT c.id, c.code, c.label, c.tags, c.status, a.name, a.short, a.name_en,
       (SELECT count(m.id) FROM meeting m WHERE m.case_id = c.id),
       (SELECT max(m.date) FROM meeting m WHERE m.case_id = c.id AND m.status <> 'planned'),
       coalesce((SELECT min(m.date) FROM meeting m WHERE m.case_id = c.id AND m.status = 'planned'),
                (SELECT m.next_meeting_date FROM meeting m WHERE m.case_id = c.id AND m.status <> 'planned'
                 ORDER BY m.date DESC, m.id DESC LIMIT 1))
FROM "case" c LEFT OUTER JOIN agency a ON a.id = c.lead_agency_id
"""
_SEARCH = (
    "("
    + " OR ".join(
        f"lower({name}) LIKE lower(:pattern) ESCAPE '\\'"
        for name in ("c.code", "c.label", "c.summary", "c.tags")
    )
    + ")"
)
# The case's stage is its status column (case_lifecycle.py), kept in step with its stage history.
_STAGE = "c.status = :stage"


def case_list_sql(
    *, search: str = "", limit: int | None = None, stage: str = ""
) -> tuple[str, dict[str, Any]]:
    """The query and its named parameters (`:name`, as both sqlite3 and SQLAlchemy's text() take)."""
    params: dict[str, Any] = {}
    conditions = []
    sql = _SELECT
    if search.strip():
        conditions.append(_SEARCH)
        params["pattern"] = "%" + escape_like(search.strip()) + "%"
    if stage:
        conditions.append(_STAGE)
        params["stage"] = stage
    if conditions:
        sql += "WHERE " + " AND ".join(conditions) + "\n"
    sql += "ORDER BY c.code\n"
    if limit is not None:
        sql += "LIMIT :limit\n"
        params["limit"] = limit
    return sql, params


def case_rows(
    connection: Any, *, search: str = "", limit: int | None = None, stage: str = ""
) -> list[CaseListRow]:
    """Cases by code with their meeting summary, in one query, on a SQLAlchemy connection.

    `search` matches code, label, summary and tags, ignoring case; `stage` keeps the cases at that
    stage. With `limit` the meeting summary is computed for the rows returned only.
    """
    from sqlalchemy import text

    sql, params = case_list_sql(search=search, limit=limit, stage=stage)
    return [_row(r) for r in connection.execute(text(sql), params)]


def quick_case_rows(url: str, *, search: str = "", limit: int | None = None) -> list[CaseListRow] | None:
    """`case_rows` read with sqlite3 alone, before SQLAlchemy has loaded: only from an existing SQLite
    file that `engine.open_database` would open as it is (the user's own, at the current revision).
    None for anything else (another backend, no file yet, an old schema, any error): the caller then
    opens the database the usual way, which creates, refuses or explains."""
    path = _sqlite_file(url)
    if path is None:
        return None
    import sqlite3
    from urllib.parse import quote

    from welfare_tui.errors import StorageUnavailable
    from welfare_tui.storage.preflight import HEAD_REVISION, refuse_shared_file

    try:
        refuse_shared_file(path)
        # mode=rw: never creates a file; the query only reads.
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=rw", uri=True, timeout=5)
    except (StorageUnavailable, sqlite3.Error):
        return None
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != HEAD_REVISION:
            return None
        sql, params = case_list_sql(search=search, limit=limit)
        return [_row(r) for r in connection.execute(sql, params)]
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///PATH` URL (as config.Settings writes them) that exists; None for
    URLs with options, in-memory databases and other backends."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    database = url[len(prefix) :]
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    path = Path(database)
    return path if path.is_file() else None


def _row(r: Any) -> CaseListRow:
    return CaseListRow(
        id=r[0],
        code=r[1],
        label=r[2],
        tags=json.loads(r[3]),
        status=r[4],
        lead_agency=r[5] or "",
        lead_short=r[6] or "",
        lead_name_en=r[7] or "",
        meeting_count=r[8],
        last_meeting_date=as_date(r[9]),
        next_meeting_date=as_date(r[10]),
    )


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def as_date(value: Any) -> dt.date | None:
    # SQLite hands back DATE values as text.
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    date: dt.date | None = value  # PostgreSQL's driver returns a date already
    return date
