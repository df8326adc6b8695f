"""Engines, sessions and the schema version: the only place that knows how to open a database.

`open_database(url)` is what every front end calls. It checks the schema revision with one SELECT
against `HEAD_REVISION` and imports Alembic only when migrations must actually run, so opening an
up-to-date database costs no more than connecting to it. Every failure to open becomes a one-line
`StorageUnavailable` (exit code 3), never a driver traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from welfare_tui.errors import StorageUnavailable, UsageError
from welfare_tui.i18n import foreign, t
from welfare_tui.redact import redact

# REVISIONS (oldest first) and HEAD_REVISION are kept in preflight.py, which needs no SQLAlchemy: a new
# revision is added there. They are named here too, as every caller knows them.
from welfare_tui.storage import preflight
from welfare_tui.storage.preflight import refuse_shared_file

HEAD_REVISION = preflight.HEAD_REVISION
REVISIONS = preflight.REVISIONS

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection
    from sqlalchemy.engine.interfaces import DBAPIConnection
    from sqlmodel import Session


MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

UPGRADE_NEEDED = "storage.upgrade_needed"  # the key of the message (i18n)


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL, with bare `postgresql://` pointed at psycopg 3 (the only driver we ship).
    A malformed URL (a port that is not a number from 1 to 65535, say) is a usage error."""

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise UsageError(t("contract.bad_url", url=redact(repr(url)))) from None
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise UsageError(t("contract.bad_port", url=redact(repr(url)), port=parsed.port))
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_path(url: str | URL) -> Path | None:
    """The file of an SQLite URL; None for other backends and for in-memory databases."""
    parsed = url if isinstance(url, URL) else parse_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def display_url(url: str) -> str:
    """What to show the user: the file path for SQLite, otherwise the URL without its password (in
    the user part or in the query: `redact`)."""
    parsed = parse_url(url)
    path = sqlite_path(parsed)
    if path is not None:
        return str(path)
    return redact(parsed.render_as_string(hide_password=True))


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
    # WAL lets the TUI read while a CLI export writes; busy_timeout turns brief lock contention into
    # a short wait instead of "database is locked"; SQLite enforces foreign keys only when asked.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # pysqlite would begin a deferred transaction at the first write; when asked, begin it here,
    # immediately, so the write lock is taken before the unit of work reads anything.
    if connection.get_execution_options().get("welfare_begin_immediate"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for `url`, configured for this program; no connection is made yet."""
    parsed = parse_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed)
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        connect_args = {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    except (NoSuchModuleError, ImportError) as error:
        if parsed.get_backend_name() == "postgresql":
            raise StorageUnavailable(t("storage.no_postgres")) from None
        raise StorageUnavailable(t("storage.bad_backend", url=display_url(url), detail=error)) from None


@contextmanager
def session_scope(engine: Engine, *, user: str | None = None, immediate: bool = False) -> Iterator[Session]:
    """One unit of work: commit when the block succeeds, roll back when it raises.

    `expire_on_commit=False` lets values read inside the block stay readable after it. `user` is the
    author the audit log records (storage/audit.py). `immediate` takes SQLite's write lock when the
    transaction begins (BEGIN IMMEDIATE) instead of at its first write: a read-then-write unit of work
    (the TUI's saves) then waits its turn behind another writer and reads what that writer committed,
    instead of failing with "database is locked" when it tries to write on a stale snapshot.
    PostgreSQL ignores it (row versions guard the same race there).
    """
    # The ORM and the models (~200 ms on a slow PC) load with the first unit of work, not with the
    # engine: the home screen lists cases with SQLAlchemy Core before they are needed (storage/listing.py).
    from sqlmodel import Session

    from welfare_tui.storage import audit

    audit.install()  # every session of every front end records its changes (storage/audit.py)
    bind = engine.execution_options(welfare_begin_immediate=True) if immediate else engine
    with Session(bind, expire_on_commit=False) as session:
        if user:
            session.info["user"] = user
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def opened_database(url: str) -> Iterator[Engine]:
    """`open_database` for one command: the engine's connections are closed when the block ends."""
    engine = open_database(url)
    try:
        yield engine
    finally:
        engine.dispose()


def open_database(url: str, *, create: bool = True) -> Engine:
    """An engine on an up-to-date database, creating and migrating a new one when `create` is true.

    Raises `StorageUnavailable` when the database cannot be reached, is not ours, is older than this
    program (the user runs `welfare-tui db upgrade`: silently migrating a shared PostgreSQL database
    from one user's PC would surprise the others) or newer than it.
    """
    parsed = parse_url(url)
    path = sqlite_path(parsed)
    if path is not None:
        _prepare_sqlite_file(path, create=create)
    engine = make_engine(url)
    try:
        revision, has_tables = _read_revision(engine, url)
        if revision == HEAD_REVISION:
            return engine
        if revision is None and not has_tables:
            if not create:
                raise StorageUnavailable(t("storage.empty_database", url=display_url(url)))
            migrate(engine, url)
            return engine
        _refuse_revision(revision, url)
        raise AssertionError("unreachable")
    except BaseException:
        engine.dispose()
        raise


def upgrade_database(url: str) -> tuple[str | None, str]:
    """Create the database if needed and migrate it to the head revision: (from, to)."""
    parsed = parse_url(url)
    path = sqlite_path(parsed)
    if path is not None:
        _prepare_sqlite_file(path, create=True)
    engine = make_engine(url)
    try:
        revision, has_tables = _read_revision(engine, url)
        if revision is None and has_tables:
            _refuse_revision(None, url)
        if revision is not None and revision not in REVISIONS:
            _refuse_revision(revision, url)
        if revision != HEAD_REVISION:
            migrate(engine, url)
        return revision, HEAD_REVISION
    finally:
        engine.dispose()


def alembic_config(connection: Connection | None = None, url: str = "") -> Config:
    """An Alembic configuration for the migrations shipped inside the package.

    Built in code (no alembic.ini) so that it works from an installed wheel; `script_location` is
    the package directory. A given connection is reused so the engine's PRAGMAs apply.
    """
    from alembic.config import Config  # ~60 ms: only when migrations run

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def migrate(engine: Engine, url: str = "", *, target: str = "head") -> None:
    """Run Alembic upgrade to `target` on `engine`, reporting failures as StorageUnavailable."""
    from alembic import command
    from alembic.util import CommandError

    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), target)
    except CommandError as error:
        raise StorageUnavailable(t("storage.cannot_migrate", detail=_first_line(error))) from None
    except SQLAlchemyError as error:
        where = display_url(url) if url else t("storage.the_database")
        raise StorageUnavailable(
            t("storage.cannot_migrate_at", where=where, detail=_driver_message(error))
        ) from None
    finally:
        # The migration connection ran with foreign keys off (see env.py) and SQLite ignores turning
        # them back on inside the transaction: drop it so later connections start from the PRAGMAs.
        engine.dispose()


def _prepare_sqlite_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise StorageUnavailable(t("storage.is_directory", path=path))
    if path.exists():
        refuse_shared_file(path)
        return
    if not create:
        raise StorageUnavailable(t("storage.no_database", path=path))
    from welfare_tui.private_files import make_private_dirs

    try:
        # Case records are sensitive personal information (要配慮個人情報): folders owner only.
        make_private_dirs(path.parent)
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(descriptor)
    except OSError as error:
        raise StorageUnavailable(
            t("storage.cannot_create", path=path, detail=foreign(error.strerror))
        ) from None


def _read_revision(engine: Engine, url: str) -> tuple[str | None, bool]:
    """(revision, whether any table exists). The common case is a single SELECT."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    try:
        with engine.connect() as connection:
            try:
                revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if revision is not None:
                    return revision, True
            except (OperationalError, ProgrammingError):
                connection.rollback()
                if "alembic_version" in inspect(connection).get_table_names():
                    raise
            # No revision: a new database, one downgraded to base, or someone else's.
            tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
            return None, bool(tables)
    except SQLAlchemyError as error:
        raise StorageUnavailable(
            t("storage.cannot_open", path=display_url(url), detail=_driver_message(error))
        ) from None


def _refuse_revision(revision: str | None, url: str) -> None:
    if revision is None:
        raise StorageUnavailable(t("storage.not_ours", url=display_url(url)))
    if revision in REVISIONS:
        raise StorageUnavailable(t(UPGRADE_NEEDED))
    raise StorageUnavailable(t("storage.too_new", revision=revision))


def _driver_message(error: SQLAlchemyError) -> str:
    message = _first_line(getattr(error, "orig", None) or error)
    if message == "file is not a database":
        return t("storage.not_sqlite")
    return message


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
