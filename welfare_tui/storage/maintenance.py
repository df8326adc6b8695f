"""`db check` and `db backup`: proving the database is whole, and copying it while it is in use.

Check: SQLite's own integrity and foreign-key checks (PostgreSQL enforces both itself), then the audit
log's hash chain (storage/audit.py). The first problem found is reported, naming the place.

Backup: always a complete welfare-tui SQLite database file that `welfare-tui --db FILE` opens as it is.
From SQLite it is made with SQLite's online backup API, which copies a consistent snapshot while the
TUI keeps writing (WAL readers never block writers). From PostgreSQL it is a logical copy: the schema
is created from the models at the head revision and every table is copied row by row inside one
REPEATABLE READ transaction, so the copy is one consistent moment even on a busy shared server. The
audit log is copied verbatim, so `db check` on the backup verifies the same chain. The file is written
beside its destination under a temporary name (0600, directories 0700) and renamed into place: a
reader never sees half a backup.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from welfare_tui.errors import IntegrityFailure, InvalidInput, StorageUnavailable
from welfare_tui.storage import audit
from welfare_tui.storage.engine import (
    HEAD_REVISION,
    display_url,
    make_engine,
    open_database,
    parse_url,
    session_scope,
    sqlite_path,
)

_BATCH = 1000


@dataclass(frozen=True)
class CheckResult:
    entries: int
    head: str


def check_database(url: str) -> CheckResult:
    """Raise IntegrityFailure naming the first problem; otherwise the size and head of the audit log."""
    engine = open_database(url, create=False)
    try:
        with session_scope(engine) as session:
            connection = session.connection()
            if connection.dialect.name == "sqlite":
                rows = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
                if rows != ["ok"]:
                    raise IntegrityFailure(f"the database file is damaged: {rows[0]}")
                orphan = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                if orphan is not None:
                    raise IntegrityFailure(f"table {orphan[0]} row {orphan[1]} refers to a missing "
                                           f"{orphan[2]} row")
            report = audit.verify_chain(audit.chain_rows(session))
    finally:
        engine.dispose()
    if report.first_bad is not None:
        raise IntegrityFailure(f"audit log: {report.problem} (the log is intact up to entry "
                               f"{report.first_bad - 1 if report.first_bad > 1 else 'none'})")
    return CheckResult(report.count, report.head)


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
        raise InvalidInput(f"{target} is the database itself: choose another destination")
    _make_private_parents(target.parent)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(descriptor)
    except OSError as error:
        raise InvalidInput(f"cannot write the backup to {target.parent}: {error.strerror}") from None
    try:
        if source is not None:
            _sqlite_online_backup(source, temporary)
        else:
            _logical_copy(url, temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def _make_private_parents(directory: Path) -> None:
    try:
        missing = [parent for parent in (directory, *directory.parents) if not parent.exists()]
        for parent in reversed(missing):
            parent.mkdir(mode=0o700)
    except OSError as error:
        raise InvalidInput(f"cannot create {directory}: {error.strerror}") from None
    if not directory.is_dir():
        raise InvalidInput(f"cannot write the backup: {directory} is not a directory")


def _sqlite_online_backup(source: Path, target: Path) -> None:
    reader = writer = None
    try:
        reader = sqlite3.connect(source, timeout=5)
        writer = sqlite3.connect(target)
        reader.backup(writer)
    except sqlite3.Error as error:
        raise StorageUnavailable(f"cannot back up {source}: {error}") from None
    finally:
        for connection in (writer, reader):
            if connection is not None:
                connection.close()


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
                if reading.dialect.name == "postgresql":
                    reading.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                for table in SQLModel.metadata.sorted_tables:
                    result = reading.execution_options(yield_per=_BATCH).execute(table.select())
                    for rows in result.partitions():
                        out.execute(table.insert(), [dict(row._mapping) for row in rows])
    except StorageUnavailable:
        raise
    except Exception as error:
        from welfare_tui.errors import describe_driver_error

        message = describe_driver_error(error)
        if message is None:
            raise
        raise StorageUnavailable(f"cannot back up {display_url(url)}: {message}") from None
    finally:
        source.dispose()
        copy.dispose()
