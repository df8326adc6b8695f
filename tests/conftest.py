"""Shared fixtures: real databases, no mocks.

* `db_url` — a migrated, empty database URL, once per backend: "sqlite" (a fresh file under tmp_path)
  and "postgres" (the database named by WELFARE_TUI_TEST_PG_URL, emptied before each test). Without
  that variable the postgres runs are skipped, except under CI=true where they fail: a CI that
  silently tests one backend is worse than one that stops.
* `engine` / `session` — built on `db_url`; `session` commits when the test ends without error.
* `sqlite_url` — a fresh, not-yet-created SQLite file URL, for tests that only need some database
  (demo data, exports, the TUI); `open_database` creates and migrates it on first use.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

PG_ENV = "WELFARE_TUI_TEST_PG_URL"


def postgres_url() -> str | None:
    """The test PostgreSQL URL, or None; fails the test run under CI when it is missing."""
    url = os.environ.get(PG_ENV, "").strip()
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {PG_ENV} is not set: the PostgreSQL tests cannot run", pytrace=False)
    return None


def empty_postgres(url: str) -> None:
    """Drop every table (alembic_version included) so each test starts from an empty database."""
    from sqlalchemy import MetaData

    from welfare_tui.storage.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            metadata = MetaData()
            metadata.reflect(connection)
            metadata.drop_all(connection)
    finally:
        engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'welfare.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def blank_db_url(request, tmp_path) -> str:
    """A database URL with nothing in it (no tables, not even alembic_version)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'welfare.db'}"
    url = postgres_url()
    if url is None:
        pytest.skip(f"{PG_ENV} is not set")
    empty_postgres(url)
    return url


@pytest.fixture
def db_url(blank_db_url) -> str:
    """A database at the head revision, with the agency catalogue and nothing else."""
    from welfare_tui.storage.engine import open_database

    open_database(blank_db_url).dispose()
    return blank_db_url


@pytest.fixture
def engine(db_url):
    from welfare_tui.storage.engine import open_database

    engine = open_database(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine) -> Iterator:
    from welfare_tui.storage.engine import session_scope

    with session_scope(engine) as session:
        yield session


@pytest.fixture(autouse=True)
def _japanese_by_default():
    """The language is process-wide: every test starts (and leaves) in the default, Japanese."""
    from welfare_tui.i18n import set_language

    set_language("ja")
    yield
    set_language("ja")


@pytest.fixture
def english():
    """For tests that match English messages (`pytestmark = pytest.mark.usefixtures("english")`): the
    language is English for the test, then Japanese again."""
    from welfare_tui.i18n import set_language

    set_language("en")
    yield
    set_language("ja")
