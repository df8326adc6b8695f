"""What the audit log's row digests reveal (storage/audit.py): `content_findings` recomputes the digest
of every current row and compares it with the row's last entry, so a row changed, deleted or inserted
behind the program's back is named; `baseline` attests rows the log has no digest for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, MetaData, Table, func, inspect, select
from sqlmodel import SQLModel

from welfare_tui.storage.audit_chain import LOG, Change, append_entries, operator
from welfare_tui.storage.audit_digests import row_digest, row_key


def audited_tables() -> list[Any]:
    """Every table of the program but the log itself, parents first."""
    import welfare_tui.storage.models  # noqa: F401 - registers the tables

    return [table for table in SQLModel.metadata.sorted_tables if table.name != LOG.name]


@dataclass(frozen=True)
class Finding:
    table: str
    row_id: str
    case_code: str
    problem: str  # "changed", "deleted", "unaudited"


def _last_states(connection: Any, table: str) -> dict[str, tuple[str, str | None]]:
    """row_id → (action, digest) of the newest entry of each row of `table` (exports aside)."""
    newest = (
        select(func.max(LOG.c.id).label("id"))
        .where(LOG.c.table_name == table, LOG.c.action != "export")
        .group_by(LOG.c.row_id)
        .subquery()
    )
    statement = select(LOG.c.row_id, LOG.c.action, LOG.c.digest).join(newest, LOG.c.id == newest.c.id)
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
            return self._code(str(mapping["case_id"]))
        if "meeting_id" in mapping:
            return self._code(self.meeting_cases.get(str(mapping["meeting_id"]), ""))
        return ""

    def of_key(self, table: Any, key: str) -> str:
        """For a row that is gone: only what its key tells (a meeting's or a step's meeting id)."""
        if table.name == "case":
            return self._code(key)
        if table.name == "meeting" or (table.primary_key.columns.keys()[0] == "meeting_id"):
            return self._code(self.meeting_cases.get(key.split("/")[0], ""))
        return ""

    def _code(self, case_id: str) -> str:
        return str(self.codes.get(case_id, ""))


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
    return len(append_entries(connection, changes, operator()))


def _narrowed(table: Any, present: set[str]) -> Table:
    """`table` as it is before later migrations add their columns."""
    return Table(
        table.name,
        MetaData(),
        *(
            Column(column.name, column.type, primary_key=column.primary_key)
            for column in table.columns
            if column.name in present
        ),
    )
