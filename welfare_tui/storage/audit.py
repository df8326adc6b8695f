"""The audit log: who created, changed, deleted or exported what, when, in a hash chain.

Every ORM flush of every session is recorded by one pair of session events, so no repository function
needs to remember to: `after_flush` writes one entry per inserted, changed or deleted row (table, id and
the names of the fields that changed, never their values), and `do_orm_execute` records bulk
`DELETE`/`UPDATE` statements row by row before they run. Exports are recorded by the exporters with
`stamp_export`. The user is `session.info["user"]` (set by `session_scope(engine, user=...)`), else the
name the front end gave `storage.author.set_author`, else the operating-system user.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own columns, so changing,
removing or inserting a row by hand breaks the chain from that row on: `verify_chain` names the first
entry that does not match. Appending is serialised: on PostgreSQL by a transaction-scoped advisory lock,
on SQLite by the write lock the transaction already holds (entries are written after the data they
describe) — two sessions can never both chain to the same head. A log cut off at its end still
verifies; the head hash printed in exported minutes is what shows that.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, inspect, select, text
from sqlalchemy.orm import ORMExecuteState
from sqlmodel import Session

from welfare_tui.storage.author import author
from welfare_tui.storage.models import AuditEntry

GENESIS = "0" * 64
ACTIONS = ("create", "update", "delete", "export")
# Bookkeeping that changes with every edit: listing it would only hide the fields that did change.
_BOOKKEEPING = frozenset({"updated_at", "created_at", "version"})
# Any constant will do; it only has to be the same in every process appending to this database.
_PG_LOCK_KEY = 0x5745_4C46  # "WELF"
_TABLE = AuditEntry.__table__  # type: ignore[attr-defined]



def current_user(session: Session) -> str:
    user = session.info.get("user") or author()
    if user:
        return str(user)
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers, some Windows services)
        return "unknown"


@dataclass(frozen=True)
class Change:
    action: str
    table: str
    row_id: str
    fields: tuple[str, ...] = ()


def entry_hash(prev_hash: str, entry_id: int, at: str, user: str, action: str, table_name: str,
               row_id: str, fields: str) -> str:
    """The hash of one entry: the previous hash, then its columns as a JSON array (stable bytes)."""
    payload = json.dumps([entry_id, at, user, action, table_name, row_id, fields], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{payload}".encode()).hexdigest()


def record(session: Session, changes: Iterable[Change]) -> str | None:
    """Append entries for `changes` in the session's transaction; returns the new head hash."""
    appended = append(session, changes)
    return appended[-1][1] if appended else None


def append(session: Session, changes: Iterable[Change]) -> list[tuple[int, str]]:
    """Append entries for `changes` in the session's transaction with one read of the head and one
    insert, however many; returns the (id, hash) of each new entry, in order."""
    changes = list(changes)
    if not changes:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    head = connection.execute(select(_TABLE.c.id, _TABLE.c.hash).order_by(_TABLE.c.id.desc()).limit(1)).first()
    entry_id, prev = (head[0], head[1]) if head else (0, GENESIS)
    at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")
    user = current_user(session)
    rows = []
    appended = []
    for change in changes:
        if change.action not in ACTIONS:
            raise ValueError(f"unknown audit action {change.action!r}")
        entry_id += 1
        fields = json.dumps(list(change.fields), ensure_ascii=False)
        digest = entry_hash(prev, entry_id, at, user, change.action, change.table, change.row_id, fields)
        rows.append({"id": entry_id, "at": at, "user": user, "action": change.action,
                     "table_name": change.table, "row_id": change.row_id, "fields": fields,
                     "prev_hash": prev, "hash": digest})
        appended.append((entry_id, digest))
        prev = digest
    connection.execute(_TABLE.insert(), rows)
    return appended


def stamp_export(session: Session, doc: dict[str, Any], formats: Iterable[str],
                 destination: str = "") -> dict[str, Any]:
    """Record the export of one meeting document and return it with `audit: {entry, head}` added.

    The Markdown minutes print the stamp (minutes.audit_footer); YAML leaves it out. A long export
    should stamp in short transactions of their own (`session_scope(engine, immediate=True)`) so that
    it never holds the write lock while it reads.
    """
    return stamp_exports(session, [doc], formats, destination)[0]


def stamp_exports(session: Session, docs: list[dict[str, Any]], formats: Iterable[str],
                  destination: str = "") -> list[dict[str, Any]]:
    """`stamp_export` for a batch of documents in one append: an export of 10,000 meetings costs a
    few queries per batch, not per meeting (tests/test_guards.py)."""
    fields = (*formats, destination) if destination else tuple(formats)
    changes = [Change("export", "meeting", str((doc.get("meeting") or {}).get("uid") or ""), fields)
               for doc in docs]
    return [{**doc, "audit": {"entry": entry, "head": digest}}
            for doc, (entry, digest) in zip(docs, append(session, changes))]


def head(session: Session) -> tuple[int, str] | None:
    """(id, hash) of the newest entry, or None when the log is empty."""
    row = session.connection().execute(
        select(_TABLE.c.id, _TABLE.c.hash).order_by(_TABLE.c.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row else None


def entries(session: Session, *, table: str | None = None, row_id: str | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    """Entries newest first, optionally of one table (and row), as plain dicts."""
    statement = select(_TABLE).order_by(_TABLE.c.id.desc())
    if table is not None:
        statement = statement.where(_TABLE.c.table_name == table)
    if row_id is not None:
        statement = statement.where(_TABLE.c.row_id == row_id)
    if limit is not None:
        statement = statement.limit(limit)
    return [{**row._mapping, "fields": json.loads(row.fields)}
            for row in session.connection().execute(statement)]


@dataclass(frozen=True)
class ChainReport:
    count: int
    head: str
    first_bad: int | None = None
    problem: str = ""


def verify_chain(rows: Iterator[Any]) -> ChainReport:
    """Walk the entries in id order and report the first one whose hash or link does not match."""
    prev, expected_id, count = GENESIS, 1, 0
    for row in rows:
        if row.id != expected_id:
            return ChainReport(count, prev, row.id, f"entry {row.id} follows entry {expected_id - 1}: "
                                                    f"entries between them were removed")
        if row.prev_hash != prev:
            return ChainReport(count, prev, row.id, f"entry {row.id} does not chain to the entry before it: "
                                                    f"that entry or this one was changed")
        if entry_hash(row.prev_hash, row.id, row.at, row.user, row.action, row.table_name, row.row_id,
                      row.fields) != row.hash:
            return ChainReport(count, prev, row.id, f"entry {row.id} does not match its hash: it was changed")
        prev, expected_id, count = row.hash, expected_id + 1, count + 1
    return ChainReport(count, prev)


def chain_rows(session: Session) -> Iterator[Any]:
    """Every entry in id order, streamed in batches so that checking a large log keeps memory flat."""
    result = session.connection().execution_options(yield_per=2000).execute(
        select(_TABLE).order_by(_TABLE.c.id))
    yield from result


# --- the session events -----------------------------------------------------------------------------


def _table_of(obj: Any) -> str | None:
    table = getattr(type(obj), "__tablename__", None)
    return None if table in (None, _TABLE.name) else table


def _row_id(state: Any) -> str:
    return "/".join(str(value) for value in state.mapper.primary_key_from_instance(state.obj()))


def _changed_fields(state: Any) -> tuple[str, ...]:
    changed = []
    for attribute in state.mapper.column_attrs:
        if attribute.key in _BOOKKEEPING:
            continue
        history = state.attrs[attribute.key].history
        if history.added and list(history.added) != list(history.deleted):
            changed.append(attribute.key)
    return tuple(changed)


def _given_fields(state: Any) -> tuple[str, ...]:
    return _given((attribute.key, attribute.columns[0].primary_key, state.attrs[attribute.key].value)
                  for attribute in state.mapper.column_attrs)


def _given(fields: Iterable[tuple[str, bool, Any]]) -> tuple[str, ...]:
    """Of (name, is primary key, value), the names a new row was given: not its key, not bookkeeping,
    not left empty."""
    return tuple(name for name, primary_key, value in fields
                 if not primary_key and name not in _BOOKKEEPING and value not in (None, "", "[]", False))


def created(table: Any, key: Iterable[Any], row: dict[str, Any]) -> Change:
    """The entry for a row inserted with a plain INSERT (`repo.insert_rows`, which writes tens of
    thousands of rows in an import): the same entry a flush of the same object would write. `row`
    holds every column but an autoincrement key, whose value is `key`."""
    return Change("create", table.name, "/".join(str(value) for value in key),
                  _given((column.key, column.primary_key, row.get(column.key)) for column in table.columns))


def _refuse_audit_edits(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEntry):
            raise ValueError("the audit log is append-only")


def _after_flush(session: Session, _context: Any) -> None:
    changes = []
    for obj in session.new:
        table = _table_of(obj)
        if table:
            state = inspect(obj)
            changes.append(Change("create", table, _row_id(state), _given_fields(state)))
    for obj in session.dirty:
        table = _table_of(obj)
        if table and session.is_modified(obj, include_collections=False):
            state = inspect(obj)
            fields = _changed_fields(state)
            if fields:
                changes.append(Change("update", table, _row_id(state), fields))
    for obj in session.deleted:
        table = _table_of(obj)
        if table:
            changes.append(Change("delete", table, _row_id(inspect(obj))))
    record(session, changes)


def _before_bulk(state: ORMExecuteState) -> None:
    if not (state.is_delete or state.is_update):
        return
    statement: Any = state.statement
    table = statement.table
    if table.name == _TABLE.name:
        raise ValueError("the audit log is append-only")
    keys = list(table.primary_key.columns)
    query = select(*keys)
    if statement.whereclause is not None:
        query = query.where(statement.whereclause)
    ids = ["/".join(str(value) for value in row) for row in state.session.execute(query, state.parameters)]
    if state.is_delete:
        changes = [Change("delete", table.name, row_id) for row_id in ids]
    else:
        fields = tuple(sorted(str(getattr(column, "key", column)) for column in
                              (statement._values or {}) if str(getattr(column, "key", column))
                              not in _BOOKKEEPING))
        changes = [Change("update", table.name, row_id, fields) for row_id in ids]
    record(state.session, changes)


def install() -> None:
    """Listen on every Session (idempotent); storage.engine calls this on import."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "before_flush", _refuse_audit_edits)
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _before_bulk)
