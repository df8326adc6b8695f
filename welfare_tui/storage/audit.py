"""The audit log: who created, changed, deleted or exported what, when, in a hash chain, with a digest
of each row's values after the change.

Every ORM flush of every session is recorded by one pair of session events, so no repository function
needs to remember to: `after_flush` writes one entry per inserted, changed or deleted row (table, id, the
names of the fields that changed, and the row's digest), and `do_orm_execute` records bulk
`DELETE`/`UPDATE` statements row by row. Rows inserted without the ORM (`repo.insert_rows`) get the
same entries from `created`. Exports are recorded by the exporters with `stamp_export`. The user is
`session.info["user"]` (set by `session_scope(engine, user=...)`), else the name the front end gave
`storage.author.set_author`, else the operating-system user.

The digest (revision 0007) is SHA-256 over a canonical JSON object of every column of the row as read
back from the database (`row_digest`), so it is the same on SQLite and PostgreSQL and covers columns
added later without this module naming them; a deletion records `DELETED`. The log still never holds
the values themselves. `content_findings` recomputes the digest of every current row and compares it
with the row's last entry: a row changed, deleted or inserted behind the program's back is named.
Entries written before revision 0007 have no digest; the migration attests every row then present with
a `baseline` entry.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own columns (the digest
included when there is one), so changing, removing or inserting a row by hand breaks the chain from that
row on: `verify_chain` names the first entry that does not match. Appending is serialised: on PostgreSQL
by a transaction-scoped advisory lock, on SQLite by the write lock the transaction already holds
(entries are written after the data they describe) — two sessions can never both chain to the same
head. A log cut off or rewritten from some entry to its end still chains; the hash printed in exported
minutes (`db check --expect-head`) and the row digests are what show that.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import getpass
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, inspect, select, text, tuple_
from sqlalchemy.orm import ORMExecuteState
from sqlmodel import Session, SQLModel

from welfare_tui.i18n import t
from welfare_tui.storage.author import author
from welfare_tui.storage.models import AuditEntry

GENESIS = "0" * 64
ACTIONS = ("create", "update", "delete", "export", "baseline")
DELETED = "deleted"  # the digest of a deletion: there are no values left to digest
# Bookkeeping that changes with every edit: listing it would only hide the fields that did change.
_BOOKKEEPING = frozenset({"updated_at", "created_at", "version"})
# Any constant will do; it only has to be the same in every process appending to this database.
_PG_LOCK_KEY = 0x5745_4C46  # "WELF"
_TABLE = AuditEntry.__table__  # type: ignore[attr-defined]
_READ_CHUNK = 500  # primary keys per `IN (...)` when reading rows back

# PostgreSQL: `audit_log` is append-only for every role (revision 0007 creates these). The owner can
# still drop or disable them: `db check` then still finds what docs/architecture.md lists.
PG_TRIGGERS = ("audit_log_append_only", "audit_log_no_truncate")
PG_APPEND_ONLY_DDL = (
    """CREATE OR REPLACE FUNCTION welfare_audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql""",
    (
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION welfare_audit_log_append_only()"
    ),
    (
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION welfare_audit_log_append_only()"
    ),
)


def current_user(session: Session) -> str:
    return str(session.info.get("user") or operator())


def operator() -> str:
    """The name the front end gave, else the operating-system user."""
    user = author()
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
    digest: str | None = None


def entry_hash(
    prev_hash: str,
    entry_id: int,
    at: str,
    user: str,
    action: str,
    table_name: str,
    row_id: str,
    fields: str,
    digest: str | None = None,
) -> str:
    """The hash of one entry: the previous hash, then its columns as a JSON array (stable bytes). An
    entry without a digest (written before revision 0007) hashes as it always did."""
    columns: list[Any] = [entry_id, at, user, action, table_name, row_id, fields]
    if digest is not None:
        columns.append(digest)
    payload = json.dumps(columns, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{payload}".encode()).hexdigest()


# --- row digests ------------------------------------------------------------------------------------


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


_PLAIN = (str, int, bool, type(None))  # JSON as they are (exact types: a date is no str)


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


def _digests(connection: Any, table: Any, keys: list[tuple[Any, ...]]) -> dict[str, str]:
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


# --- appending --------------------------------------------------------------------------------------


_PENDING = "audit_pending"


def record(session: Session, changes: Iterable[Change]) -> None:
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
    appended = _append(session.connection(), [*queued, *changes], current_user(session))
    return appended[len(queued) :]


def _before_commit(session: Session) -> None:
    # Commit flushes after this event: flush first so that every change of the transaction is queued.
    _drain(session)


def _drain(session: Session) -> None:
    """Append what this transaction has queued, so that reading the log within it sees its changes."""
    session.flush()
    if session.info.get(_PENDING):
        append(session, [])


def _forget_queued(session: Session, _previous_transaction: Any) -> None:
    if not session.in_transaction():  # the transaction that queued them is gone: so are its changes
        session.info.pop(_PENDING, None)


def _append(connection: Any, changes: Iterable[Change], user: str) -> list[tuple[int, str]]:
    changes = list(changes)
    if not changes:
        return []
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    head = connection.execute(
        select(_TABLE.c.id, _TABLE.c.hash).order_by(_TABLE.c.id.desc()).limit(1)
    ).first()
    entry_id, prev = (head[0], head[1]) if head else (0, GENESIS)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    rows = []
    appended = []
    for change in changes:
        if change.action not in ACTIONS:
            raise ValueError(f"unknown audit action {change.action!r}")
        entry_id += 1
        fields = json.dumps(list(change.fields), ensure_ascii=False)
        digest = entry_hash(
            prev, entry_id, at, user, change.action, change.table, change.row_id, fields, change.digest
        )
        rows.append(
            {
                "id": entry_id,
                "at": at,
                "user": user,
                "action": change.action,
                "table_name": change.table,
                "row_id": change.row_id,
                "fields": fields,
                "digest": change.digest,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        appended.append((entry_id, digest))
        prev = digest
    connection.execute(_TABLE.insert(), rows)
    return appended


def stamp_export(
    session: Session, doc: dict[str, Any], formats: Iterable[str], destination: str = ""
) -> dict[str, Any]:
    """Record the export of one meeting document and return it with `audit: {entry, head}` added.

    The Markdown minutes print the stamp (minutes.audit_footer); YAML leaves it out. A long export
    should stamp in short transactions of their own (`session_scope(engine, immediate=True)`) so that
    it never holds the write lock while it reads.
    """
    return stamp_exports(session, [doc], formats, destination)[0]


def stamp_exports(
    session: Session, docs: list[dict[str, Any]], formats: Iterable[str], destination: str = ""
) -> list[dict[str, Any]]:
    """`stamp_export` for a batch of documents in one append: an export of 10,000 meetings costs a
    few queries per batch, not per meeting (tests/test_guards.py)."""
    fields = (*formats, destination) if destination else tuple(formats)
    changes = [
        Change("export", "meeting", str((doc.get("meeting") or {}).get("uid") or ""), fields) for doc in docs
    ]
    return [
        {**doc, "audit": {"entry": entry, "head": digest}}
        for doc, (entry, digest) in zip(docs, append(session, changes))
    ]


def head(session: Session) -> tuple[int, str] | None:
    """(id, hash) of the newest entry, or None when the log is empty."""
    _drain(session)
    row = (
        session.connection()
        .execute(select(_TABLE.c.id, _TABLE.c.hash).order_by(_TABLE.c.id.desc()).limit(1))
        .first()
    )
    return (row[0], row[1]) if row else None


def entries(
    session: Session, *, table: str | None = None, row_id: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Entries newest first, optionally of one table (and row), as plain dicts."""
    _drain(session)
    statement = select(_TABLE).order_by(_TABLE.c.id.desc())
    if table is not None:
        statement = statement.where(_TABLE.c.table_name == table)
    if row_id is not None:
        statement = statement.where(_TABLE.c.row_id == row_id)
    if limit is not None:
        statement = statement.limit(limit)
    return [
        {**row._mapping, "fields": json.loads(row.fields)} for row in session.connection().execute(statement)
    ]


# --- verifying --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    count: int
    head: str
    first_bad: int | None = None
    problem: str = ""
    last_good: int = 0  # id of the last entry that verified (0: none)
    hashes_seen: bool = False  # whether `expected` (verify_chain's argument) was found in the chain


def verify_chain(rows: Iterator[Any], expected: str | None = None) -> ChainReport:
    """Walk the entries in id order and report the first one whose hash or link does not match; with
    `expected`, also whether an entry of that hash was passed on the way (`hashes_seen`)."""
    prev, last_id, count, seen = GENESIS, 0, 0, False

    def bad(row: Any, problem: str) -> ChainReport:
        return ChainReport(count, prev, row.id, problem, last_id, seen)

    for row in rows:
        if row.id != last_id + 1:
            return bad(
                row,
                t("trust.chain_gap", id=row.id, prev=last_id)
                if last_id
                else t("trust.chain_start", id=row.id),
            )
        if row.prev_hash != prev:
            return bad(row, t("trust.chain_link", id=row.id, prev=last_id))
        if (
            entry_hash(
                row.prev_hash,
                row.id,
                row.at,
                row.user,
                row.action,
                row.table_name,
                row.row_id,
                row.fields,
                row.digest,
            )
            != row.hash
        ):
            return bad(row, t("trust.chain_hash", id=row.id))
        prev, last_id, count = row.hash, row.id, count + 1
        seen = seen or row.hash == expected
    return ChainReport(count, prev, last_good=last_id, hashes_seen=seen)


def chain_rows(bind: Any) -> Iterator[Any]:
    """Every entry in id order (of a Session's or a Connection's transaction), streamed in batches so
    that checking a large log keeps memory flat."""
    connection = bind.connection() if isinstance(bind, Session) else bind
    result = connection.execution_options(yield_per=2000).execute(select(_TABLE).order_by(_TABLE.c.id))
    yield from result


def audited_tables() -> list[Any]:
    """Every table of the program but the log itself, parents first."""
    import welfare_tui.storage.models  # noqa: F401 - registers the tables

    return [table for table in SQLModel.metadata.sorted_tables if table.name != _TABLE.name]


@dataclass(frozen=True)
class Finding:
    table: str
    row_id: str
    case_code: str
    problem: str  # "changed", "deleted", "unaudited"


def _last_states(connection: Any, table: str) -> dict[str, tuple[str, str | None]]:
    """row_id → (action, digest) of the newest entry of each row of `table` (exports aside)."""
    newest = (
        select(func.max(_TABLE.c.id).label("id"))
        .where(_TABLE.c.table_name == table, _TABLE.c.action != "export")
        .group_by(_TABLE.c.row_id)
        .subquery()
    )
    statement = select(_TABLE.c.row_id, _TABLE.c.action, _TABLE.c.digest).join(
        newest, _TABLE.c.id == newest.c.id
    )
    return {row_id: (action, digest) for row_id, action, digest in connection.execute(statement)}


def content_findings(connection: Any) -> tuple[list[Finding], int]:
    """Every current row compared with its last audited state: rows changed (digest differs), deleted
    (the last entry is no deletion but the row is gone) or never audited (no entry, or only a deletion)
    behind the program's back. Also returns how many rows could not be verified (last entry written
    before revision 0007, without a digest)."""
    tables = audited_tables()
    cases = _CaseCodes(connection)
    findings: list[Finding] = []
    unverifiable = 0
    for table in tables:
        last = _last_states(connection, table.name)
        result = connection.execution_options(yield_per=2000).execute(select(table))
        for row in result:
            key = row_key(table, row)
            action, digest = last.pop(key, (None, None))
            if action is None or action == "delete":
                findings.append(Finding(table.name, key, cases.of(table, row), "unaudited"))
            elif digest is None:
                unverifiable += 1
            elif digest != row_digest(table, row):
                findings.append(Finding(table.name, key, cases.of(table, row), "changed"))
        findings += [
            Finding(table.name, key, cases.of_key(table, key), "deleted")
            for key, (action, _digest) in last.items()
            if action != "delete"
        ]
    return findings, unverifiable


class _CaseCodes:
    """The case code a row belongs to, from its own columns (`code`, `case_id`, `meeting_id`)."""

    def __init__(self, connection: Any) -> None:
        case, meeting = (SQLModel.metadata.tables[name] for name in ("case", "meeting"))
        self.codes = {str(row[0]): row[1] for row in connection.execute(select(case.c.id, case.c.code))}
        self.meeting_cases = {
            str(row[0]): str(row[1]) for row in connection.execute(select(meeting.c.id, meeting.c.case_id))
        }

    def of(self, table: Any, row: Any) -> str:
        mapping = row._mapping
        if table.name == "case":
            return str(mapping["code"])
        if "case_id" in mapping:
            return self.codes.get(str(mapping["case_id"]), "")
        if "meeting_id" in mapping:
            return self.codes.get(self.meeting_cases.get(str(mapping["meeting_id"]), ""), "")
        return ""

    def of_key(self, table: Any, key: str) -> str:
        """For a row that is gone: only what its key tells (a meeting's or a step's meeting id)."""
        if table.name == "case":
            return self.codes.get(key, "")
        if table.name == "meeting" or (table.primary_key.columns.keys()[0] == "meeting_id"):
            return self.codes.get(self.meeting_cases.get(key.split("/")[0], ""), "")
        return ""


def baseline(connection: Any, *, refresh: bool = False) -> int:
    """Attest the rows the log has no digest for (revision 0007: every row then present, the seeded
    agency catalogue included) with one `baseline` entry each; with `refresh`, every row (a migration
    that adds columns to audited tables changes every digest: it ends with `baseline(bind,
    refresh=True)`). Reads only the columns the database has yet. Returns the number of entries."""
    changes = []
    for table in audited_tables():
        if not inspect(connection).has_table(table.name):
            continue  # created by a later revision
        present = {column["name"] for column in inspect(connection).get_columns(table.name)}
        shape = table if present >= set(table.columns.keys()) else _narrowed(table, present)
        last = {} if refresh else _last_states(connection, table.name)
        for row in connection.execute(select(*shape.columns)):
            key = row_key(shape, row)
            if refresh or last.get(key, (None, None))[1] is None:
                changes.append(Change("baseline", table.name, key, (), row_digest(shape, row)))
    return len(_append(connection, changes, operator()))


def _narrowed(table: Any, present: set[str]) -> Any:
    """`table` as it is before later migrations add their columns."""
    from sqlalchemy import Column, MetaData, Table

    return Table(
        table.name,
        MetaData(),
        *(
            Column(column.name, column.type, primary_key=column.primary_key)
            for column in table.columns
            if column.name in present
        ),
    )


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
    return _given(
        (attribute.key, attribute.columns[0].primary_key, state.attrs[attribute.key].value)
        for attribute in state.mapper.column_attrs
    )


def _given(fields: Iterable[tuple[str, bool, Any]]) -> tuple[str, ...]:
    """Of (name, is primary key, value), the names a new row was given: not its key, not bookkeeping,
    not left empty."""
    return tuple(
        name
        for name, primary_key, value in fields
        if not primary_key and name not in _BOOKKEEPING and value not in (None, "", "[]", False)
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
        _given((name, False, mapping[name]) for name in fields),
        row_digest(table, mapping),
    )


@functools.cache
def _key_and_fields(table: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The primary key's column names, and the others, in table order (an import asks per row)."""
    return (
        tuple(column.name for column in table.primary_key.columns),
        tuple(column.name for column in table.columns if not column.primary_key),
    )


def _refuse_audit_edits(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEntry):
            raise ValueError("the audit log is append-only")


def _after_flush(session: Session, _context: Any) -> None:
    pending: list[tuple[Any, tuple[Any, ...], Change]] = []  # (table, key, entry without its digest)
    for obj in session.new:
        if _table_of(obj):
            state = inspect(obj)
            pending.append(
                (
                    state.mapper.local_table,
                    state.mapper.primary_key_from_instance(obj),
                    Change("create", state.mapper.local_table.name, _row_id(state), _given_fields(state)),
                )
            )
    for obj in session.dirty:
        # Recorded even when only bookkeeping changed (fields empty): the stored row, and so its
        # digest, did change.
        if _table_of(obj) and session.is_modified(obj, include_collections=False):
            state = inspect(obj)
            pending.append(
                (
                    state.mapper.local_table,
                    state.mapper.primary_key_from_instance(obj),
                    Change("update", state.mapper.local_table.name, _row_id(state), _changed_fields(state)),
                )
            )
    changes = [
        Change("delete", table, _row_id(inspect(obj)), (), DELETED)
        for obj in session.deleted
        if (table := _table_of(obj))
    ]
    record(session, [*_with_digests(session.connection(), pending), *changes])


def _with_digests(connection: Any, pending: list[tuple[Any, tuple[Any, ...], Change]]) -> list[Change]:
    """The entries of `pending` with the digest of each row as the database now holds it."""
    keys: dict[Any, list[tuple[Any, ...]]] = {}
    for table, key, _change in pending:
        keys.setdefault(table, []).append(tuple(key))
    digests = {table.name: _digests(connection, table, table_keys) for table, table_keys in keys.items()}
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
    if table.name == _TABLE.name:
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
            for column in (statement._values or {})
            if str(getattr(column, "key", column)) not in _BOOKKEEPING
        )
    )
    pending = [(table, key, Change("update", table.name, "/".join(map(str, key)), fields)) for key in ids]
    record(state.session, _with_digests(state.session.connection(), pending))
    return result


def install() -> None:
    """Listen on every Session (idempotent); storage.engine calls this on import."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "before_flush", _refuse_audit_edits)
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_soft_rollback", _forget_queued)
        event.listen(Session, "do_orm_execute", _before_bulk)
