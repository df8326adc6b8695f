"""How every session records its changes in the audit log (storage/audit.py): `after_flush` queues one
entry per inserted, changed or deleted row, `do_orm_execute` one per row of a bulk `DELETE`/`UPDATE`,
and the queue is appended to the chain when the transaction commits (or when an entry is appended
explicitly before that)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from welfare_tui.storage.audit_chain import LOG, Change, append_entries, current_user
from welfare_tui.storage.audit_digests import BOOKKEEPING, DELETED, given, read_digests
from welfare_tui.storage.models import AuditEntry

_PENDING = "audit_pending"
Pending = tuple[Any, tuple[Any, ...], Change]  # (table, primary key, entry without its digest)


# --- the queue --------------------------------------------------------------------------------------


def record(session: OrmSession, changes: Iterable[Change]) -> None:
    """Queue entries for `changes`: they are appended, in order, when the transaction commits
    (`_before_commit`) or when an entry is appended explicitly (`append`) before that.

    Why deferred: appending takes the chain's lock (PostgreSQL: an advisory lock held to the end of the
    transaction), so appending at the first flush made every other writer wait for the rest of this
    transaction — the reads a save does after writing included. Queued, the lock is held only for
    reading the head, inserting the entries and committing (docs/performance.md, the load figures)."""
    session.info.setdefault(_PENDING, []).extend(changes)


def append(session: Session, changes: Iterable[Change]) -> list[tuple[int, str]]:
    """Append entries for `changes` now, after any still queued for this transaction, with one read of
    the head and one insert however many; returns the (id, hash) of each entry of `changes`, in order."""
    changes = list(changes)
    queued = session.info.pop(_PENDING, [])
    appended = append_entries(session.connection(), [*queued, *changes], current_user(session))
    return appended[len(queued) :]


def drain(session: Session) -> None:
    """Append what this transaction has queued, so that reading the log within it sees its changes."""
    session.flush()
    if session.info.get(_PENDING):
        append(session, [])


def _before_commit(session: Session) -> None:
    # Commit flushes after this event: flush first so that every change of the transaction is queued.
    drain(session)


def _forget_queued(session: Session, _previous_transaction: Any) -> None:
    if not session.in_transaction():  # the transaction that queued them is gone: so are its changes
        session.info.pop(_PENDING, None)


# --- what a flush or a bulk statement changed -------------------------------------------------------


def _table_of(obj: Any) -> str | None:
    table = getattr(type(obj), "__tablename__", None)
    return None if table in (None, LOG.name) else table


def _row_id(state: Any) -> str:
    return "/".join(str(value) for value in state.mapper.primary_key_from_instance(state.obj()))


def _changed_fields(state: Any) -> tuple[str, ...]:
    changed = []
    for attribute in state.mapper.column_attrs:
        if attribute.key in BOOKKEEPING:
            continue
        history = state.attrs[attribute.key].history
        if history.added and list(history.added) != list(history.deleted):
            changed.append(attribute.key)
    return tuple(changed)


def _given_fields(state: Any) -> tuple[str, ...]:
    return given(
        (attribute.key, attribute.columns[0].primary_key, state.attrs[attribute.key].value)
        for attribute in state.mapper.column_attrs
    )


def _pending(obj: Any, action: str, fields: tuple[str, ...]) -> Pending:
    state = inspect(obj)
    table = state.mapper.local_table
    return (
        table,
        state.mapper.primary_key_from_instance(obj),
        Change(action, table.name, _row_id(state), fields),
    )


def _refuse_audit_edits(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEntry):
            raise ValueError("the audit log is append-only")  # noqa: TRY004 - a refused edit, not a wrong type


def _after_flush(session: Session, _context: Any) -> None:
    pending = [_pending(obj, "create", _given_fields(inspect(obj))) for obj in session.new if _table_of(obj)]
    for obj in session.dirty:
        # Recorded even when only bookkeeping changed (fields empty): the stored row, and so its
        # digest, did change.
        if _table_of(obj) and session.is_modified(obj, include_collections=False):
            pending.append(_pending(obj, "update", _changed_fields(inspect(obj))))
    changes = [
        Change("delete", table, _row_id(inspect(obj)), (), DELETED)
        for obj in session.deleted
        if (table := _table_of(obj))
    ]
    record(session, [*_with_digests(session.connection(), pending), *changes])


def _with_digests(connection: Any, pending: list[Pending]) -> list[Change]:
    """The entries of `pending` with the digest of each row as the database now holds it."""
    keys: dict[Any, list[tuple[Any, ...]]] = {}
    for table, key, _change in pending:
        keys.setdefault(table, []).append(tuple(key))
    digests = {table.name: read_digests(connection, table, table_keys) for table, table_keys in keys.items()}
    return [
        Change(
            change.action,
            change.table,
            change.row_id,
            change.fields,
            digests[change.table].get(change.row_id),
        )
        for _table, _key, change in pending
    ]


def _before_bulk(state: ORMExecuteState) -> Any:
    if not (state.is_delete or state.is_update):
        return None
    statement: Any = state.statement
    table = statement.table
    if table.name == LOG.name:
        raise ValueError("the audit log is append-only")
    keys = list(table.primary_key.columns)
    query = select(*keys)
    if statement.whereclause is not None:
        query = query.where(statement.whereclause)
    ids = [tuple(row) for row in state.session.execute(query, state.parameters)]
    if state.is_delete:
        record(
            state.session, [Change("delete", table.name, "/".join(map(str, key)), (), DELETED) for key in ids]
        )
        return None
    result = state.invoke_statement()  # the digests are of the rows after the update
    fields = tuple(
        sorted(
            str(getattr(column, "key", column))
            for column in _set_columns(statement)
            if str(getattr(column, "key", column)) not in BOOKKEEPING
        )
    )
    pending = [(table, key, Change("update", table.name, "/".join(map(str, key)), fields)) for key in ids]
    record(state.session, _with_digests(state.session.connection(), pending))
    return result


def _set_columns(statement: Any) -> Iterable[Any]:
    """The columns an UPDATE statement sets. SQLAlchemy 2.x has no public accessor for an Update's SET
    clause (`statement.compile().params` would mix in the WHERE clause's parameters), so its private
    `_values` is read here and nowhere else; if a release renames it, this one function changes."""
    return statement._values or {}


def install() -> None:
    """Listen on every Session (idempotent); storage.engine calls this on import."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "before_flush", _refuse_audit_edits)
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_soft_rollback", _forget_queued)
        event.listen(Session, "do_orm_execute", _before_bulk)
