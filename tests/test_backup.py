"""`db backup DEST`: a complete, private SQLite copy that opens and verifies, taken while in use."""

from __future__ import annotations

import datetime as dt
import os
import stat

from typer.testing import CliRunner

from welfare_tui.agendas import get_agenda
from welfare_tui.cli import app
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope


def run(*args: str):
    return CliRunner().invoke(app, ["--lang", "en", *args])  # the tests match English messages


def seed(url: str) -> None:
    engine = open_database(url)
    with session_scope(engine) as session:
        case = repo.create_case(session, label="佐藤世帯", summary="ヤングケアラーの疑い")
        repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date=dt.date(2026, 11, 20)
        )
    engine.dispose()


def test_backup_is_a_private_database_that_opens_and_verifies(db_url, tmp_path):
    seed(db_url)
    result = run("--db", db_url, "db", "backup", str(tmp_path / "backups") + "/")
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "backups" / os.path.basename(result.stdout.strip())
    assert path.name.startswith("welfare-tui-") and path.suffix == ".db"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    check = run("--db", str(path), "db", "check")
    assert check.exit_code == 0, check.stderr
    assert check.stdout.split("head ")[1] == run("--db", db_url, "db", "check").stdout.split("head ")[1]
    engine = open_database(str(path) if "://" in str(path) else f"sqlite:///{path}")
    with session_scope(engine) as session:
        assert [row.label for row in repo.list_cases(session)] == ["佐藤世帯"]
        assert len(repo.list_meetings(session)) == 1
    engine.dispose()


def test_backup_while_another_connection_writes(sqlite_url, tmp_path):
    """The TUI holds the database open and keeps saving while the backup runs."""
    seed(sqlite_url)
    engine = open_database(sqlite_url)
    with session_scope(engine, immediate=True) as session:
        case_id = repo.list_cases(session)[0].id
        repo.update_case(session, case_id=case_id, key_person="祖母")
        # The write transaction is still open: the backup copies the last committed state.
        result = run("--db", sqlite_url, "db", "backup", str(tmp_path / "copy.db"))
        assert result.exit_code == 0, result.stderr
    engine.dispose()
    copy = open_database(f"sqlite:///{tmp_path / 'copy.db'}")
    with session_scope(copy) as session:
        assert repo.get_case(session, case_id=case_id).key_person == ""
    copy.dispose()


def test_backup_refuses_to_overwrite_the_database_itself(sqlite_url):
    seed(sqlite_url)
    result = run("--db", sqlite_url, "db", "backup", sqlite_url.removeprefix("sqlite:///"))
    assert result.exit_code == 1 and "the database itself" in result.stderr


def test_backup_of_an_unreachable_database_exits_3(tmp_path):
    result = run(
        "--db", "postgresql://nobody:secret@127.0.0.1:1/none", "db", "backup", str(tmp_path / "x.db")
    )
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: ") and "secret" not in result.stderr
    assert not (tmp_path / "x.db").exists()
