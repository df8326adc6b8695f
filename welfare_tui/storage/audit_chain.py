"""The audit log's hash chain (storage/audit.py tells the whole story): each entry's hash is SHA-256
over the previous entry's hash and the entry's own columns, so changing, removing or inserting a row by
hand breaks the chain from that row on. Appending takes the chain's lock; `verify_chain` walks it."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select, text
from sqlmodel import Session, SQLModel

from welfare_tui.i18n import t
from welfare_tui.storage.author import author
from welfare_tui.storage.models import AuditEntry

GENESIS = "0" * 64
ACTIONS = ("create", "update", "delete", "export", "baseline")
# Any constant will do; it only has to be the same in every process appending to this database.
_PG_LOCK_KEY = 0x5745_4C46  # "WELF"
LOG: Table = SQLModel.metadata.tables[str(AuditEntry.__tablename__)]  # the table, for Core statements


@dataclass(frozen=True)
class Change:
    action: str
    table: str
    row_id: str
    fields: tuple[str, ...] = ()
    digest: str | None = None


def current_user(session: Session) -> str:
    return str(session.info.get("user") or operator())


def operator() -> str:
    """The name the front end gave, else the operating-system user."""
    user = author()
    if user:
        return str(user)
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (containers, some Windows services)
        return "unknown"


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


def read_head(connection: Any) -> tuple[int, str] | None:
    """(id, hash) of the newest entry, or None when the log is empty."""
    row = connection.execute(select(LOG.c.id, LOG.c.hash).order_by(LOG.c.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row else None


def append_entries(connection: Any, changes: Iterable[Change], user: str) -> list[tuple[int, str]]:
    """Chain `changes` to the head under the chain's lock (on PostgreSQL a transaction-scoped advisory
    lock; on SQLite the write lock the transaction already holds), in one insert; returns the (id,
    hash) of each entry."""
    changes = list(changes)
    if not changes:
        return []
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    entry_id, prev = read_head(connection) or (0, GENESIS)
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
    connection.execute(LOG.insert(), rows)
    return appended


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
    for row in rows:
        problem = _problem(row, prev, last_id)
        if problem:
            return ChainReport(count, prev, row.id, problem, last_id, seen)
        prev, last_id, count = row.hash, row.id, count + 1
        seen = seen or row.hash == expected
    return ChainReport(count, prev, last_good=last_id, hashes_seen=seen)


def _problem(row: Any, prev: str, last_id: int) -> str:
    """What is wrong with `row` after the entry `last_id` of hash `prev`: "" when nothing is."""
    if row.id != last_id + 1:
        return t("trust.chain_gap", id=row.id, prev=last_id) if last_id else t("trust.chain_start", id=row.id)
    if row.prev_hash != prev:
        return t("trust.chain_link", id=row.id, prev=last_id)
    columns = (row.at, row.user, row.action, row.table_name, row.row_id, row.fields, row.digest)
    if entry_hash(row.prev_hash, row.id, *columns) != row.hash:
        return t("trust.chain_hash", id=row.id)
    return ""


def chain_rows(bind: Any) -> Iterator[Any]:
    """Every entry in id order (of a Session's or a Connection's transaction), streamed in batches so
    that checking a large log keeps memory flat."""
    connection = bind.connection() if isinstance(bind, Session) else bind
    result = connection.execution_options(yield_per=2000).execute(select(LOG).order_by(LOG.c.id))
    yield from result
