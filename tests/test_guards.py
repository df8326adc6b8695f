"""Structural guards for the performance budgets (docs/performance.md): cheap, no timings.

* Reading meeting documents costs a fixed number of queries per batch, whatever the number of
  meetings or of their rows: an N+1 query (one per meeting or per row) fails here long before a
  benchmark would notice.
* No CLI command, discovered from the app itself, loads Textual: a new command is covered the day
  it is added.
* Importing meetings new to the database costs statements per table, not per meeting or row.
* The home screen's case list reads with SQLAlchemy Core alone: loading SQLModel first would cost the
  start-up budget about as much again.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from welfare_tui.demo import demo_documents
from welfare_tui.storage import documents
from welfare_tui.storage.documents import apply_document, iter_meeting_documents, select_meeting_ids
from welfare_tui.storage.engine import open_database, session_scope

MEETINGS = 40


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory) -> Path:
    """40 meetings, each a copy of the richest demo meeting under its own case code and uid."""
    path = tmp_path_factory.mktemp("guards") / "guards.db"
    first_household = [doc for doc in demo_documents() if doc["case"]["code"] == "DEMO-2026-001"]
    template = max(first_household, key=lambda doc: len(doc["ecomap"]["ties"]))
    engine = open_database(f"sqlite:///{path}")
    try:
        with session_scope(engine) as session:
            for index in range(MEETINGS):
                doc = json.loads(json.dumps(template))
                doc["case"]["code"] = f"G-{index:03d}"
                doc["meeting"]["uid"] = f"{index:032x}"
                for number, intake in enumerate(doc["case"]["intakes"]):  # an intake's uid is its own
                    intake["uid"] = f"{index:030x}{number:02x}"
                for part, mark in (("contacts", "c"), ("matches", "d")):  # so is a contact's, a match's
                    for number, row in enumerate(doc["case"][part]):
                        row["uid"] = f"{index:027x}{mark}{number:04x}"
                apply_document(session, doc=doc)
    finally:
        engine.dispose()
    return path


def queries_to_read(path: Path, count: int) -> int:
    """Statements sent to the database while reading the documents of the first `count` meetings."""
    engine = open_database(f"sqlite:///{path}", create=False)
    statements: list[str] = []
    try:
        with session_scope(engine) as session:
            ids = select_meeting_ids(session, all=True)[:count]
            event.listen(
                engine, "before_cursor_execute", lambda _c, _cur, statement, *_a: statements.append(statement)
            )
            docs = list(iter_meeting_documents(session, meeting_ids=ids))
    finally:
        engine.dispose()
    assert len(docs) == count
    assert all(doc["attendees"] and doc["ecomap"]["ties"] and doc["case"]["household"] for doc in docs)
    return len(statements)


def test_reading_documents_costs_queries_per_batch_not_per_meeting(bench_db, monkeypatch) -> None:
    monkeypatch.setattr(documents, "BATCH_SIZE", 10)
    one, two, four = (queries_to_read(bench_db, n) for n in (10, 20, 40))
    per_batch = two - one
    assert per_batch == four - two - per_batch, (one, two, four)  # the same for every batch
    # One query per table (meetings with their cases, households, step states, each kind of row,
    # previous meetings and their rows, the case's life: intakes, stage events, plans and their goals and
    # evaluations): never one per meeting (10 here) nor per row (dozens a meeting).
    assert per_batch < 25, per_batch
    assert one - per_batch < 5  # what is read once per export (the agency catalogue)


def test_reading_a_batch_reads_no_more_queries_for_bigger_meetings(bench_db, monkeypatch) -> None:
    monkeypatch.setattr(documents, "BATCH_SIZE", 200)
    assert queries_to_read(bench_db, 40) == queries_to_read(bench_db, 5)


def queries_to_export(path: Path, count: int, fmt: str) -> int:
    """Statements sent to the database by `welfare-tui export` of the first `count` meetings."""
    from sqlalchemy.engine import Engine
    from typer.testing import CliRunner

    from welfare_tui.cli import app

    engine = open_database(f"sqlite:///{path}", create=False)
    try:
        with session_scope(engine) as session:
            ids = [str(meeting_id) for meeting_id in select_meeting_ids(session, all=True)[:count]]
    finally:
        engine.dispose()
    statements: list[str] = []

    def counted(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", counted)
    try:
        result = CliRunner().invoke(app, ["--db", str(path), "export", *ids, "--format", fmt, "-q"])
    finally:
        event.remove(Engine, "before_cursor_execute", counted)
    assert result.exit_code == 0, result.output
    return len(statements)


@pytest.mark.parametrize("fmt", ["md", "yaml"])
def test_exporting_costs_queries_per_batch_not_per_meeting(bench_db, monkeypatch, fmt: str) -> None:
    """The whole command: reading, the audit stamps, everything it sends to the database."""
    monkeypatch.setattr(documents, "BATCH_SIZE", 10)
    one, two, four = (queries_to_export(bench_db, n, fmt) for n in (10, 20, 40))
    per_batch = two - one
    assert per_batch == four - two - per_batch, (one, two, four)
    assert per_batch < 30, per_batch  # never one per meeting (10 here)
    monkeypatch.setattr(documents, "BATCH_SIZE", 200)
    assert queries_to_export(bench_db, 40, fmt) == queries_to_export(bench_db, 5, fmt)


def statements_to_import(files: list[str], target: Path) -> int:
    """Statements `welfare-tui import` sends to the database to bring `files` into an empty database."""
    from sqlalchemy.engine import Engine
    from typer.testing import CliRunner

    from welfare_tui.cli import app

    statements: list[str] = []

    def counted(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", counted)
    try:
        result = CliRunner().invoke(app, ["--db", str(target), "import", *files])
    finally:
        event.remove(Engine, "before_cursor_execute", counted)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == len(files)
    return len(statements)


def test_importing_new_meetings_costs_statements_per_table_not_per_meeting(bench_db, tmp_path) -> None:
    """Meetings new to the database go in with one INSERT per table for them all (and one audit
    append): 40 files cost what 10 do, never a statement per meeting or per row."""
    from typer.testing import CliRunner

    from welfare_tui.cli import app

    exported = CliRunner().invoke(
        app,
        ["--db", str(bench_db), "export", "--all", "--format", "yaml", "--out", str(tmp_path / "yaml"), "-q"],
    )
    assert exported.exit_code == 0, exported.output
    files = exported.stdout.splitlines()
    assert len(files) == MEETINGS
    assert statements_to_import(files, tmp_path / "forty.db") == statements_to_import(
        files[:10], tmp_path / "ten.db"
    )


def test_no_cli_command_loads_textual() -> None:
    code = (
        "import json, sys\n"
        "from typer.testing import CliRunner\n"
        "from welfare_tui.cli import app\n"
        "from welfare_tui.cli.app import COMMANDS, load_command\n"
        "paths = []\n"
        "for name in COMMANDS:\n"
        "    command = load_command(name)\n"
        "    subcommands = getattr(command, 'commands', {})\n"
        "    paths += [[name, sub] for sub in subcommands] if subcommands else [[name]]\n"
        "for path in paths:\n"
        "    result = CliRunner().invoke(app, [*path, '--help'])\n"
        "    assert result.exit_code == 0, (path, result.output)\n"
        "print(json.dumps({'paths': paths, 'textual': 'textual' in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(report["paths"]) >= 10  # export, import, due, cases list, db upgrade...
    assert report["textual"] is False


def test_the_case_list_needs_no_orm(bench_db) -> None:
    """The home screen lists cases before SQLModel loads (the start-up budget depends on it)."""
    code = (
        "import json, sys\n"
        "from welfare_tui.storage.engine import open_database\n"
        "from welfare_tui.storage.listing import case_rows\n"
        f"engine = open_database({f'sqlite:///{bench_db}'!r}, create=False)\n"
        "with engine.connect() as connection:\n"
        "    rows = case_rows(connection, search='G-00', limit=5)\n"
        "print(json.dumps({'codes': [row.code for row in rows],\n"
        "                  'orm': sorted(m for m in ('sqlmodel', 'pydantic', 'sqlalchemy.orm') if m in sys.modules)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report == {"codes": ["G-000", "G-001", "G-002", "G-003", "G-004"], "orm": []}


def test_the_case_list_rows_match_the_repository(bench_db) -> None:
    from welfare_tui.storage import repo
    from welfare_tui.storage.listing import case_rows

    engine = open_database(f"sqlite:///{bench_db}", create=False)
    try:
        with session_scope(engine) as session:
            public = repo.list_cases(session, search="g-01")
            light = case_rows(session.connection(), search="g-01")
    finally:
        engine.dispose()
    assert [row.code for row in public] == [f"G-{i:03d}" for i in range(10, 20)]
    assert [
        (
            r.id,
            r.code,
            r.label,
            r.tags,
            r.status,
            r.lead_agency,
            r.meeting_count,
            r.last_meeting_date,
            r.next_meeting_date,
        )
        for r in light
    ] == [
        (
            r.id,
            r.code,
            r.label,
            r.tags,
            r.status,
            r.lead_agency,
            r.meeting_count,
            r.last_meeting_date,
            r.next_meeting_date,
        )
        for r in public
    ]


def test_the_first_case_list_needs_no_sqlalchemy(bench_db) -> None:
    """On an SQLite file the home screen's first page is read with sqlite3 alone (the real-terminal
    start-up budget depends on it): the same rows as through SQLAlchemy, and SQLAlchemy not loaded."""
    code = (
        "import json, sys\n"
        "from welfare_tui.storage.listing import quick_case_rows\n"
        f"rows = quick_case_rows({f'sqlite:///{bench_db}'!r}, search='g-00', limit=5)\n"
        "print(json.dumps({'codes': [row.code for row in rows],\n"
        "                  'sqlalchemy': sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report == {"codes": ["G-000", "G-001", "G-002", "G-003", "G-004"], "sqlalchemy": []}

    from welfare_tui.storage.listing import case_rows, quick_case_rows

    engine = open_database(f"sqlite:///{bench_db}", create=False)
    try:
        with engine.connect() as connection:
            for search, limit in (("", None), ("G-01", None), ("ひきこもり", 3), ("100%", None)):
                assert quick_case_rows(f"sqlite:///{bench_db}", search=search, limit=limit) == case_rows(
                    connection, search=search, limit=limit
                )
    finally:
        engine.dispose()


def test_the_quick_case_list_leaves_every_other_database_to_open_database(tmp_path, bench_db) -> None:
    """None (the usual way then creates, refuses or explains) for: no file (none is created), a file
    others may write, an older schema, not SQLite, an in-memory database."""
    import shutil
    import sqlite3

    from welfare_tui.storage.listing import quick_case_rows

    missing = tmp_path / "𠮷田" / "none.db"
    assert quick_case_rows(f"sqlite:///{missing}") is None and not missing.exists()
    shared = tmp_path / "shared.db"
    shutil.copy(bench_db, shared)
    shared.chmod(0o620)
    assert quick_case_rows(f"sqlite:///{shared}") is None
    old = tmp_path / "old.db"
    shutil.copy(bench_db, old)
    old.chmod(0o600)
    assert quick_case_rows(f"sqlite:///{old}")
    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0006'")
    assert quick_case_rows(f"sqlite:///{old}") is None
    assert quick_case_rows("sqlite:///:memory:") is None
    assert quick_case_rows("postgresql+psycopg://user@127.0.0.1:1/none") is None
