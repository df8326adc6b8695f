"""`db restore BACKUP [--to URL]`: a checked backup put back, atomically into SQLite, into an empty
PostgreSQL database with its ids and audit chain; refused while the database is in use or when the
backup was tampered with."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from tests.conftest import empty_postgres, postgres_url
from welfare_tui.cli import app
from welfare_tui.demo import build_demo
from welfare_tui.storage import repo
from welfare_tui.storage.engine import make_engine, open_database, session_scope


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def snapshot(url: str) -> dict:
    """What a user would compare: the cases, the meetings and the audit head."""
    engine = open_database(url, create=False)
    try:
        with session_scope(engine) as session:
            cases = [
                (case.id, case.code, case.label, repo.get_case(session, case_id=case.id).summary)
                for case in repo.list_cases(session)
            ]
            meetings = [(meeting.id, meeting.uid, meeting.date) for meeting in repo.list_meetings(session)]
    finally:
        engine.dispose()
    check = run("--db", url, "--lang", "en", "db", "check")
    assert check.exit_code == 0, check.stderr
    return {"cases": cases, "meetings": meetings, "head": check.stdout.split("head ")[1].strip()}


def backup(url: str, path) -> None:
    result = run("--db", url, "db", "backup", str(path))
    assert result.exit_code == 0, result.stderr


def add_case(url: str, label: str) -> int:
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            return repo.create_case(session, code=None, label=label).id
    finally:
        engine.dispose()


def test_sqlite_backup_restores_over_a_changed_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'city' / 'welfare.db'}"
    build_demo(url)
    before = snapshot(url)
    backup(url, tmp_path / "copy.db")
    add_case(url, "𠮷田世帯")  # a change made after the backup, lost by the restore
    result = run("--db", url, "--lang", "en", "db", "restore", str(tmp_path / "copy.db"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{tmp_path / 'city' / 'welfare.db'}: restored — audit log ")
    assert snapshot(url) == before
    path = tmp_path / "city" / "welfare.db"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(os.listdir(path.parent)) == ["welfare.db"]  # no temporary file, no stale journal


def test_a_stale_wal_beside_the_database_is_not_applied_to_the_restored_one(tmp_path):
    """Copying a backup over a database whose last writer crashed leaves its -wal to be replayed onto
    the copy; restore folds it into the old file and removes it first."""
    path = tmp_path / "welfare.db"
    url = f"sqlite:///{path}"
    build_demo(url)
    before = snapshot(url)
    backup(url, tmp_path / "copy.db")
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("""UPDATE "case" SET summary = 'クラッシュ前の書き込み'""")
    writer.commit()
    stale = (tmp_path / "welfare.db-wal").read_bytes()
    writer.close()  # checkpoints and removes the -wal; put it back as a crash would have left it
    (tmp_path / "welfare.db-wal").write_bytes(stale)
    result = run("--db", url, "db", "restore", str(tmp_path / "copy.db"))
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "welfare.db-wal").exists()
    assert snapshot(url) == before


def test_restore_into_a_new_file_creates_private_folders(tmp_path):
    source = f"sqlite:///{tmp_path / 'welfare.db'}"
    build_demo(source)
    backup(source, tmp_path / "copy.db")
    target = tmp_path / "a" / "b" / "restored.db"
    result = run("--db", str(target), "db", "restore", str(tmp_path / "copy.db"))
    assert result.exit_code == 0, result.stderr
    assert snapshot(f"sqlite:///{target}") == snapshot(source)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_restore_is_refused_while_the_database_is_open(tmp_path):
    url = f"sqlite:///{tmp_path / 'welfare.db'}"
    build_demo(url)
    backup(url, tmp_path / "copy.db")
    case_id = add_case(url, "髙﨑世帯")
    engine = open_database(url)  # the TUI, open on the database
    try:
        with session_scope(engine) as session:
            repo.list_cases(session)
        result = run("--db", url, "--lang", "en", "db", "restore", str(tmp_path / "copy.db"))
    finally:
        engine.dispose()
    assert result.exit_code == 3
    assert result.stderr == (
        f"Error: {tmp_path / 'welfare.db'} is in use by another program: close every "
        f"welfare-tui using it and try again\n"
    )
    assert case_id in [case[0] for case in snapshot(url)["cases"]]  # nothing was replaced


def test_a_tampered_or_foreign_backup_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'welfare.db'}"
    build_demo(url)
    before = snapshot(url)
    backup(url, tmp_path / "copy.db")
    tampered = sqlite3.connect(tmp_path / "copy.db")
    tampered.execute("""UPDATE "case" SET summary = '改ざん' WHERE id = 1""")
    tampered.commit()
    tampered.close()
    result = run("--db", url, "--lang", "en", "db", "restore", str(tmp_path / "copy.db"))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Error: the backup {tmp_path / 'copy.db'} is unusable: 1 row(s) do not match")
    assert lines[1].startswith("  case 1 (case DEMO-")
    (tmp_path / "notes.txt").write_text("議事メモ", encoding="utf-8")
    foreign = run("--db", url, "--lang", "en", "db", "restore", str(tmp_path / "notes.txt"))
    assert (
        foreign.exit_code == 1
        and foreign.stderr == f"Error: {tmp_path / 'notes.txt'} is not an SQLite backup file\n"
    )
    missing = run("--db", url, "--lang", "en", "db", "restore", str(tmp_path / "none.db"))
    assert missing.exit_code == 1 and "no backup at" in missing.stderr
    assert snapshot(url) == before


@pytest.fixture
def pg_url() -> str:
    url = postgres_url()
    if url is None:
        pytest.skip("WELFARE_TUI_TEST_PG_URL is not set")
    empty_postgres(url)
    return url


@pytest.mark.postgres
def test_sqlite_backup_restores_into_an_empty_postgresql(tmp_path, pg_url):
    source = f"sqlite:///{tmp_path / 'welfare.db'}"
    build_demo(source)
    backup(source, tmp_path / "copy.db")
    result = run("--db", source, "--lang", "en", "db", "restore", str(tmp_path / "copy.db"), "--to", pg_url)
    assert result.exit_code == 0, result.stderr
    assert ":welfare_test@" not in result.stdout
    restored = snapshot(pg_url)
    assert restored == snapshot(source)
    # The sequences follow the restored ids: new rows get new ids, and the log keeps chaining.
    new_id = add_case(pg_url, "山﨑世帯")
    assert new_id > max(case[0] for case in restored["cases"])
    assert run("--db", pg_url, "db", "check").exit_code == 0
    # The append-only trigger is back on after the load.
    engine = make_engine(pg_url)
    try:
        with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
            connection.execute(text("DELETE FROM audit_log"))
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgresql_backup_restores_into_postgresql(tmp_path, pg_url):
    open_database(pg_url).dispose()
    build_demo(pg_url)
    before = snapshot(pg_url)
    backup(pg_url, tmp_path / "copy.db")
    empty_postgres(pg_url)
    result = run("--db", pg_url, "db", "restore", str(tmp_path / "copy.db"))
    assert result.exit_code == 0, result.stderr
    assert snapshot(pg_url) == before


@pytest.mark.postgres
def test_restore_refuses_a_postgresql_database_that_is_not_empty(tmp_path, pg_url):
    source = f"sqlite:///{tmp_path / 'welfare.db'}"
    build_demo(source)
    backup(source, tmp_path / "copy.db")
    add_case(pg_url, "佐藤世帯")
    before = snapshot(pg_url)
    result = run("--db", pg_url, "--lang", "en", "db", "restore", str(tmp_path / "copy.db"))
    assert result.exit_code == 1
    assert "is not empty (1 cases" in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(pg_url) == before


def test_backup_then_restore_leave_no_temporary_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'welfare.db'}"
    build_demo(url)
    folder = tmp_path / "backups"
    backup(url, folder / "copy.db")
    assert os.listdir(folder) == ["copy.db"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
