"""Optimistic locking: what another session changed since a front end read a row becomes a Conflict
naming both values (docs/architecture.md, "Trust"), never a silent overwrite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from welfare_tui.errors import Conflict
from welfare_tui.records import values as v


def check_stale(
    table: str,
    row: Any,
    fields: dict[str, Any],
    original: dict[str, Any] | None,
    converted: Callable[[dict[str, Any]], Any],
    attribute: Callable[[str], str],
    record_id: int | None = None,
) -> None:
    """Raise Conflict for the fields another session changed to something else than this one saves."""
    yours = converted(fields)
    base = converted({k: val for k, val in (original or {}).items() if k in fields})
    disputed = {}
    for name in fields:
        key = attribute(name)
        theirs = getattr(row, key)
        if getattr(yours, key) == theirs:
            continue
        if original is not None and name in original and getattr(base, key) == theirs:
            continue
        disputed[name] = (_plain(getattr(yours, key)), _plain(theirs))
    if disputed:
        raise Conflict(table, row.id if record_id is None else record_id, row.version, disputed)


def _plain(value: Any) -> Any:
    return v.iso(value) if isinstance(value, dt.date) else value


def flush_versioned(session: Session, table: str, row: Any, *, deleting: bool = False) -> None:
    """Flush; a concurrent save that slipped in between read and write becomes a Conflict too (a row
    changed or deleted under this UPDATE, or inserted by both sessions at once)."""
    row_id, version = getattr(row, "id", None) or 0, row.version  # unreadable once the flush has failed
    try:
        session.flush()
    except (StaleDataError, IntegrityError) as error:
        # An IntegrityError may also be a real fault (a foreign key): only a duplicate key is a race.
        if isinstance(error, IntegrityError) and not _is_duplicate(error):
            raise
        raise Conflict(table, row_id, version, {}, deleting=deleting) from None


def _is_duplicate(error: IntegrityError) -> bool:
    text = str(error.orig).lower()
    return "unique" in text or "duplicate key" in text
