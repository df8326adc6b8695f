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

This module is the log's front: the queue and the session events are in `audit_events.py`, the chain in
`audit_chain.py`, the digests in `audit_digests.py`, the checks of the rows in `audit_findings.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from welfare_tui.storage.audit_chain import (
    ACTIONS,
    GENESIS,
    LOG,
    ChainReport,
    Change,
    chain_rows,
    current_user,
    entry_hash,
    operator,
    read_head,
    verify_chain,
)
from welfare_tui.storage.audit_digests import DELETED, created, row_digest, row_key
from welfare_tui.storage.audit_events import append, drain, install, record
from welfare_tui.storage.audit_findings import Finding, audited_tables, baseline, content_findings

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
        for doc, (entry, digest) in zip(docs, append(session, changes), strict=True)
    ]


def head(session: Session) -> tuple[int, str] | None:
    """(id, hash) of the newest entry, or None when the log is empty."""
    drain(session)
    return read_head(session.connection())


def entries(
    session: Session, *, table: str | None = None, row_id: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Entries newest first, optionally of one table (and row), as plain dicts."""
    drain(session)
    statement = select(LOG).order_by(LOG.c.id.desc())
    if table is not None:
        statement = statement.where(LOG.c.table_name == table)
    if row_id is not None:
        statement = statement.where(LOG.c.row_id == row_id)
    if limit is not None:
        statement = statement.limit(limit)
    return [
        {**row._mapping, "fields": json.loads(row.fields)} for row in session.connection().execute(statement)
    ]


__all__ = [
    "ACTIONS",
    "DELETED",
    "GENESIS",
    "PG_APPEND_ONLY_DDL",
    "PG_TRIGGERS",
    "ChainReport",
    "Change",
    "Finding",
    "append",
    "audited_tables",
    "baseline",
    "chain_rows",
    "content_findings",
    "created",
    "current_user",
    "entries",
    "entry_hash",
    "head",
    "install",
    "operator",
    "record",
    "row_digest",
    "row_key",
    "stamp_export",
    "stamp_exports",
    "verify_chain",
]
