"""Row digests for the audit log (storage/audit.py, revision 0007): SHA-256 over a canonical JSON
object of every column of a row as read back from the database, so it is the same on SQLite and
PostgreSQL and covers columns added later without naming them. The log never holds the values."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, tuple_

from welfare_tui.storage.audit_chain import Change

DELETED = "deleted"  # the digest of a deletion: there are no values left to digest
# Bookkeeping that changes with every edit: listing it would only hide the fields that did change.
BOOKKEEPING = frozenset({"updated_at", "created_at", "version"})
_READ_CHUNK = 500  # primary keys per `IN (...)` when reading rows back
_PLAIN = (str, int, bool, type(None))  # JSON as they are (exact types: a date is no str)


def _canonical(value: Any) -> Any:
    """A value as JSON that reads the same from SQLite and PostgreSQL."""
    if value is None or isinstance(value, (bool, int, str, float)):
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)


@functools.cache
def _column_names(table: Any) -> tuple[str, ...]:
    return tuple(sorted(column.name for column in table.columns))


def row_digest(table: Any, row: Any) -> str:
    """SHA-256 over `{column: value}` of every column of `table` (a Row or a mapping keyed by column
    name), as canonical JSON with sorted keys: what the row holds, identical on both backends. An
    import computes one per row, so the common types skip `_canonical`."""
    mapping = row._mapping if hasattr(row, "_mapping") else row
    values = {}
    for name in _column_names(table):
        value = mapping[name]
        values[name] = value if type(value) in _PLAIN else _canonical(value)
    payload = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def row_key(table: Any, row: Any) -> str:
    """The `row_id` of an entry: the primary key values joined by '/'."""
    mapping = row._mapping if hasattr(row, "_mapping") else row
    return "/".join(str(mapping[column.name]) for column in table.primary_key.columns)


def read_digests(connection: Any, table: Any, keys: list[tuple[Any, ...]]) -> dict[str, str]:
    """row_id → digest of the rows of `table` with these primary keys, read back from the database
    (what a later check reads, whatever the program held in memory)."""
    columns = list(table.primary_key.columns)
    where = columns[0] if len(columns) == 1 else tuple_(*columns)
    found: dict[str, str] = {}
    for start in range(0, len(keys), _READ_CHUNK):
        chunk = keys[start : start + _READ_CHUNK]
        values = [key[0] for key in chunk] if len(columns) == 1 else chunk
        for row in connection.execute(select(table).where(where.in_(values))):
            found[row_key(table, row)] = row_digest(table, row)
    return found


def given(fields: Iterable[tuple[str, bool, Any]]) -> tuple[str, ...]:
    """Of (name, is primary key, value), the names a new row was given: not its key, not bookkeeping,
    not left empty."""
    return tuple(
        name
        for name, primary_key, value in fields
        if not primary_key and name not in BOOKKEEPING and value not in (None, "", "[]", False)
    )


def created(table: Any, row: Any) -> Change:
    """The entry for a row inserted with a plain INSERT (`repo.insert_rows`, which writes tens of
    thousands of rows in an import): the same entry a flush of the same object would write. `row` is
    the row as the INSERT returned it (every column, `RETURNING`), so the digest is of what is stored."""
    mapping = row._mapping if hasattr(row, "_mapping") else row
    keys, fields = _key_and_fields(table)
    return Change(
        "create",
        table.name,
        "/".join(str(mapping[name]) for name in keys),
        given((name, False, mapping[name]) for name in fields),
        row_digest(table, mapping),
    )


@functools.cache
def _key_and_fields(table: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The primary key's column names, and the others, in table order (an import asks per row)."""
    return (
        tuple(column.name for column in table.primary_key.columns),
        tuple(column.name for column in table.columns if not column.primary_key),
    )
