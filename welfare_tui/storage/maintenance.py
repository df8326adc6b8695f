"""`db check`, `db backup` and `db restore`: proving the database is whole, copying it while it is in
use, and putting a copy back.

Check (`verify`): SQLite's own integrity and foreign-key checks (PostgreSQL enforces both itself), the
audit log's hash chain, optionally that an expected hash (from the foot of exported minutes) is still in
it, then every current row against its last audit entry (storage/audit.py `content_findings`). One line
per problem, at most `FINDINGS_SHOWN` rows named. All reads are one snapshot (WAL read transaction on
SQLite, REPEATABLE READ on PostgreSQL), so a check beside busy writers reports nothing false.

Backup: always a complete welfare-tui SQLite database file that `welfare-tui --db FILE` opens as it is.
From SQLite it is made with SQLite's online backup API, which copies a consistent snapshot while the
TUI keeps writing (WAL readers never block writers). From PostgreSQL it is a logical copy: the schema
is created from the models at the head revision and every table is copied row by row inside one
REPEATABLE READ transaction, so the copy is one consistent moment even on a busy shared server. The
audit log is copied verbatim, so `db check` on the backup verifies the same chain. The file is written
beside its destination as a private temporary file (private_files.py) and renamed into place:
a reader never sees half a backup.

Restore: the backup passes `verify` first. Into SQLite, the backup is copied (online backup API) to a
temporary file beside the database and fsynced; then the database is taken exclusively (switching it
out of WAL mode needs every other connection closed: a program still using it is refused), which also
folds a stale `-wal` into the old file and removes it, and the copy is renamed over it. Into
PostgreSQL, the target must be empty (no tables, or a new welfare-tui schema with nothing but the
seeded catalogue): it is migrated to the head revision, emptied, loaded table by table with the
backup's ids and audit log in one transaction (the append-only trigger set aside for that transaction
only), its sequences moved past the ids, and verified before the commit.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from welfare_tui.errors import IntegrityFailure, InvalidInput, StorageUnavailable
from welfare_tui.i18n import foreign, language, record_name, t
from welfare_tui.private_files import (
    fsync_dir,
    make_private_dirs,
    readable_by_others,
    replacing,
)
from welfare_tui.storage import audit
from welfare_tui.storage.engine import (
    HEAD_REVISION,
    display_url,
    make_engine,
    open_database,
    parse_url,
    sqlite_path,
)

_BATCH = 1000
FINDINGS_SHOWN = 20


@dataclass(frozen=True)
class CheckResult:
    entries: int
    head: str
    unverifiable: int = 0  # rows last audited before revision 0007


def check_database(url: str, *, expect_head: str | None = None) -> CheckResult:
    """Raise IntegrityFailure naming the problems; otherwise the size and head of the audit log."""
    engine = open_database(url, create=False)
    try:
        with engine.connect() as connection:
            _snapshot(connection)
            return verify(connection, expect_head=expect_head)
    finally:
        engine.dispose()


def _snapshot(connection: Any) -> None:
    """Make every later read of `connection` see one moment (until it ends)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")  # pysqlite would read each SELECT in its own snapshot
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def verify(connection: Any, *, expect_head: str | None = None) -> CheckResult:
    """The checks of `db check` (and of `db restore`, on the backup and on what it loaded)."""
    if connection.dialect.name == "sqlite":
        _sqlite_integrity(connection)
    report = audit.verify_chain(audit.chain_rows(connection), expect_head)
    if report.first_bad is not None:
        key = "trust.check_chain" if report.last_good else "trust.check_chain_none"
        raise IntegrityFailure(t(key, problem=report.problem, last=report.last_good))
    problems = []
    if expect_head and not report.hashes_seen:
        problems.append(t("trust.check_head_missing", head=expect_head))
    findings, unverifiable = audit.content_findings(connection)
    if findings:
        problems.append(t("trust.check_rows", count=len(findings)))
        problems += [f"  {describe(finding)}" for finding in findings[:FINDINGS_SHOWN]]
        if len(findings) > FINDINGS_SHOWN:
            problems.append("  " + t("trust.check_more", count=len(findings) - FINDINGS_SHOWN))
    if problems:
        raise IntegrityFailure("\n".join(problems))
    return CheckResult(report.count, report.head, unverifiable)


def describe(finding: audit.Finding) -> str:
    case = t("trust.finding.case", code=finding.case_code) if finding.case_code else ""
    # In Japanese the record as the user calls it (ケース 1); English keeps the table's name, which
    # scripts that read `db check` match.
    table = record_name(finding.table) if language() == "ja" else finding.table
    return t(f"trust.finding.{finding.problem}", table=table, id=finding.row_id, case=case)


def _sqlite_integrity(connection: Any) -> None:
    # integrity_check reports up to 100 problems, several to a row, under a "*** in database main ***"
    # heading: name the first, count the others.
    lines = [
        line.strip()
        for row in connection.exec_driver_sql("PRAGMA integrity_check")
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("***")
    ]
    if lines != ["ok"]:
        if len(lines) == 1:
            raise IntegrityFailure(t("trust.check_damaged", detail=lines[0]))
        raise IntegrityFailure(t("trust.check_damaged_more", detail=lines[0], count=len(lines) - 1))
    orphan = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
    if orphan is not None:
        raise IntegrityFailure(t("trust.check_orphan", table=orphan[0], row=orphan[1], parent=orphan[2]))


def permission_warnings(url: str, export_dir: Path | None = None) -> list[str]:
    """`db check`'s warnings: an SQLite database file or folder, or the export folder, that other users
    can read (the exit code stays what the check says)."""
    path = sqlite_path(parse_url(url))
    candidates = [] if path is None else [path, path.parent]
    if export_dir is not None:
        candidates.append(export_dir)
    warnings = []
    for candidate in candidates:
        mode = readable_by_others(candidate)
        if mode is not None:
            fix = "700" if candidate.is_dir() else "600"
            warnings.append(t("trust.warn_readable", path=candidate, mode=mode, fix=fix))
    return warnings


def backup_target(destination: Path | str, now: dt.datetime) -> Path:
    """The file to write: DEST itself, or a dated file inside DEST when it is (or ends like) a directory."""
    as_directory = str(destination).endswith(("/", os.sep))
    destination = Path(destination).expanduser()
    if as_directory or destination.is_dir():
        return destination / f"welfare-tui-{now:%Y%m%d-%H%M%S}.db"
    return destination


def backup_database(url: str, destination: Path | str, *, now: dt.datetime | None = None) -> Path:
    """Copy the database at `url` into an SQLite file at (or inside) `destination`; returns the file."""
    open_database(url, create=False).dispose()  # the same checks and messages as every other command
    target = backup_target(destination, now or dt.datetime.now())
    source = sqlite_path(parse_url(url))
    if source is not None and target.exists() and source.resolve() == target.resolve():
        raise InvalidInput(t("storage.backup_is_database", target=target))
    _make_private_parents(target.parent)
    try:
        with replacing(target, durable=True) as (descriptor, temporary):
            os.close(descriptor)
            if source is not None:
                _sqlite_online_backup(source, temporary)
            else:
                _logical_copy(url, temporary)
    except OSError as error:
        raise InvalidInput(
            t("storage.backup_cannot_write", where=target.parent, detail=foreign(error.strerror or error))
        ) from None
    return target


def restore_database(backup: Path | str, url: str) -> CheckResult:
    """Replace the database at `url` with the SQLite backup file `backup` (see the module's doc);
    returns what `verify` found in the backup."""
    backup = Path(backup).expanduser()
    if not backup.is_file():
        raise InvalidInput(t("trust.restore_no_file", path=backup))
    if not _is_sqlite_file(backup):
        raise InvalidInput(t("trust.restore_not_sqlite", path=backup))
    target = sqlite_path(parse_url(url))
    if target is not None and target.exists() and target.resolve() == backup.resolve():
        raise InvalidInput(t("trust.restore_same", path=backup))
    backup_url = f"sqlite:///{backup}"
    try:
        result = check_database(backup_url)
    except IntegrityFailure as error:
        raise IntegrityFailure(t("trust.restore_damaged", path=backup, problem=error)) from None
    if target is not None:
        _restore_sqlite(backup, target)
    else:
        _restore_postgres(backup_url, url)
    return result


def _is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _restore_sqlite(backup: Path, target: Path) -> None:
    _make_private_parents(target.parent)
    holder = None
    try:
        with replacing(target, durable=True) as (descriptor, temporary):
            os.close(descriptor)
            _sqlite_online_backup(backup, temporary)
            holder = _hold_exclusively(target)
            for suffix in ("-wal", "-shm", "-journal"):  # stale ones would be applied to the new file
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        fsync_dir(target.parent)
    except OSError as error:
        raise InvalidInput(
            t("trust.restore_cannot", where=target, detail=foreign(error.strerror or error))
        ) from None
    finally:
        if holder is not None:
            holder.close()  # on the replaced file: nothing of it is left to write


def _hold_exclusively(target: Path) -> sqlite3.Connection | None:
    """An exclusive lock on the database file about to be replaced, or StorageUnavailable when another
    program has it open. Leaving WAL mode needs every other connection closed; it also folds a stale
    `-wal` into the old file and removes it."""
    if not target.exists():
        return None
    connection = sqlite3.connect(target, timeout=2, isolation_level=None)
    try:
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError("database is locked")
        connection.execute("BEGIN EXCLUSIVE")
    except sqlite3.Error as error:
        connection.close()
        if "locked" in str(error) or "busy" in str(error):
            raise StorageUnavailable(t("trust.restore_in_use", path=target)) from None
        raise StorageUnavailable(t("trust.restore_cannot", where=target, detail=error)) from None
    return connection


def _restore_postgres(backup_url: str, url: str) -> None:
    from sqlmodel import SQLModel

    engine = open_database(url)  # creates the schema in a database without tables
    source = make_engine(backup_url)
    try:
        with engine.begin() as out, source.connect() as reading:
            _snapshot(reading)
            out.exec_driver_sql("SET LOCAL lock_timeout = '5s'")
            _refuse_non_empty(out, url)
            tables = [table for table in SQLModel.metadata.sorted_tables]
            names = ", ".join(out.dialect.identifier_preparer.format_table(table) for table in tables)
            for trigger in audit.PG_TRIGGERS:  # for this transaction only: the log is loaded verbatim
                out.exec_driver_sql(f"ALTER TABLE audit_log DISABLE TRIGGER {trigger}")
            out.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY")
            _copy_tables(reading, out)
            for trigger in audit.PG_TRIGGERS:
                out.exec_driver_sql(f"ALTER TABLE audit_log ENABLE TRIGGER {trigger}")
            _move_sequences(out, tables)
            verify(out)
    except (IntegrityFailure, InvalidInput, StorageUnavailable):
        raise
    except Exception as error:
        from welfare_tui.errors import describe_driver_error

        message = describe_driver_error(error)
        if message is None:
            raise
        raise StorageUnavailable(t("trust.restore_cannot", where=display_url(url), detail=message)) from None
    finally:
        source.dispose()
        engine.dispose()


def _refuse_non_empty(connection: Any, url: str) -> None:
    """Only a database holding nothing but what migrations seed (the catalogue and its baseline) may be
    restored into: anything else would be lost."""
    from sqlmodel import SQLModel

    log, case = SQLModel.metadata.tables["audit_log"], SQLModel.metadata.tables["case"]
    cases = connection.execute(select(func.count()).select_from(case)).scalar_one()
    entries = connection.execute(
        select(func.count()).select_from(log).where(log.c.action != "baseline")
    ).scalar_one()
    if cases or entries:
        raise InvalidInput(t("trust.restore_not_empty", where=display_url(url), cases=cases, entries=entries))


def _move_sequences(connection: Any, tables: list[Any]) -> None:
    """After rows with explicit ids, the next id each sequence hands out must follow the largest."""
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        name = connection.dialect.identifier_preparer.format_table(table)
        quoted = connection.dialect.identifier_preparer.quote(column.name)
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"coalesce((SELECT max({quoted}) FROM {name}), 0) + 1, false)"
            ),
            {"table": name, "column": column.name},
        )


def _make_private_parents(directory: Path) -> None:
    try:
        make_private_dirs(directory)
    except NotADirectoryError:
        raise InvalidInput(t("storage.backup_not_directory", directory=directory)) from None
    except OSError as error:
        raise InvalidInput(
            t("storage.backup_cannot_create", directory=directory, detail=foreign(error.strerror))
        ) from None


def _sqlite_online_backup(source: Path, target: Path) -> None:
    reader = writer = None
    try:
        reader = sqlite3.connect(source, timeout=5)
        writer = sqlite3.connect(target)
        reader.backup(writer)
    except sqlite3.Error as error:
        raise StorageUnavailable(t("storage.backup_failed", source=source, detail=error)) from None
    finally:
        for connection in (writer, reader):
            if connection is not None:
                connection.close()


def _copy_tables(reading: Any, writing: Any) -> None:
    """Every table of the program, parents first, row for row (ids and the audit log as they are)."""
    from sqlmodel import SQLModel

    import welfare_tui.storage.models  # noqa: F401 - registers the tables

    for table in SQLModel.metadata.sorted_tables:
        result = reading.execution_options(yield_per=_BATCH).execute(table.select())
        for rows in result.partitions():
            writing.execute(table.insert(), [dict(row._mapping) for row in rows])


def _logical_copy(url: str, target: Path) -> None:
    from sqlmodel import SQLModel

    import welfare_tui.storage.models  # noqa: F401 - registers the tables

    source = make_engine(url)
    copy = make_engine(f"sqlite:///{target}")
    try:
        with copy.begin() as out:
            SQLModel.metadata.create_all(out)
            out.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
            out.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": HEAD_REVISION})
            with source.connect() as reading:
                _snapshot(reading)
                _copy_tables(reading, out)
    except StorageUnavailable:
        raise
    except Exception as error:
        from welfare_tui.errors import describe_driver_error

        message = describe_driver_error(error)
        if message is None:
            raise
        raise StorageUnavailable(
            t("storage.backup_failed", source=display_url(url), detail=message)
        ) from None
    finally:
        source.dispose()
        copy.dispose()
