"""Migrations and opening databases: the schema every user gets comes from here, not create_all."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from sqlalchemy import inspect, text

from welfare_tui.catalogue import CATALOGUE
from welfare_tui.errors import StorageUnavailable
from welfare_tui.i18n import t
from welfare_tui.storage.engine import (
    HEAD_REVISION,
    REVISIONS,
    UPGRADE_NEEDED,
    alembic_config,
    make_engine,
    open_database,
    parse_url,
    sqlite_path,
    upgrade_database,
)

TABLES = {
    "agency",
    "case",
    "household_member",
    "meeting",
    "step_state",
    "attendee",
    "shared_info",
    "ecomap_tie",
    "assessment_item",
    "goal",
    "role_assignment",
    "monitoring_item",
    "alembic_version",
}


def script_directory():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def test_head_constant_matches_alembic():
    scripts = script_directory()
    assert scripts.get_current_head() == HEAD_REVISION
    assert [rev.revision for rev in reversed(list(scripts.walk_revisions()))] == list(REVISIONS)


def test_upgrade_from_empty_creates_schema_and_catalogue(blank_db_url):
    assert upgrade_database(blank_db_url) == (None, HEAD_REVISION)
    engine = make_engine(blank_db_url)
    try:
        with engine.connect() as connection:
            assert TABLES <= set(inspect(connection).get_table_names())
            ids = connection.execute(text("SELECT id FROM agency")).scalars().all()
            assert set(ids) == {agency.id for agency in CATALOGUE}
    finally:
        engine.dispose()
    assert upgrade_database(blank_db_url) == (HEAD_REVISION, HEAD_REVISION)


def test_models_and_migrations_agree(db_url):
    """Autogenerate finds nothing to do: the tables in models.py are exactly what 0001 creates."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import welfare_tui.storage.models  # noqa: F401

    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        engine.dispose()


def test_downgrade_then_upgrade(db_url):
    from alembic import command

    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    assert upgrade_database(db_url) == (None, HEAD_REVISION)
    open_database(db_url, create=False).dispose()


def test_older_revision_asks_for_upgrade(db_url, monkeypatch):
    # Pretend this program is one revision ahead of the database.
    import welfare_tui.storage.engine as engine_module

    monkeypatch.setattr(engine_module, "REVISIONS", (*REVISIONS, "9999"))
    monkeypatch.setattr(engine_module, "HEAD_REVISION", "9999")
    with pytest.raises(StorageUnavailable) as error:
        open_database(db_url)
    assert (
        str(error.value)
        == t(UPGRADE_NEEDED)
        == "データベースの更新が必要です: 'welfare-tui db upgrade' を実行してください"
    )


def test_newer_revision_is_refused(db_url):
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    finally:
        engine.dispose()
    with pytest.raises(StorageUnavailable, match="リビジョン ffff で、この welfare-tui より新しい版です"):
        open_database(db_url)


def test_foreign_database_is_refused(blank_db_url):
    engine = make_engine(blank_db_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    finally:
        engine.dispose()
    with pytest.raises(StorageUnavailable, match="は welfare-tui のデータベースではありません"):
        open_database(blank_db_url)


def test_new_sqlite_file_is_private(tmp_path):
    path = tmp_path / "deep" / "er" / "welfare.db"
    open_database(f"sqlite:///{path}").dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(sqlite_url):
    engine = open_database(sqlite_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "make_bad, message",
    [
        (lambda tmp: f"sqlite:///{tmp}", "フォルダです"),
        (
            lambda tmp: (
                (tmp / "notes.db").write_text("これはデータベースではない" * 100)
                and f"sqlite:///{tmp / 'notes.db'}"
            ),
            "SQLite のデータベースファイルではありません",
        ),
        (lambda tmp: "postgresql://nobody@127.0.0.1:1/none", "データベース postgresql+psycopg://"),
    ],
)
def test_unopenable_databases_give_one_line(tmp_path, make_bad, message):
    with pytest.raises(StorageUnavailable) as error:
        open_database(make_bad(tmp_path))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_file_without_create(tmp_path):
    with pytest.raises(StorageUnavailable, match="にデータベースがありません"):
        open_database(f"sqlite:///{tmp_path / 'absent.db'}", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_bare_postgresql_url_uses_psycopg3():
    assert parse_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert sqlite_path(parse_url("sqlite://")) is None


def test_opening_an_up_to_date_database_does_not_import_alembic(sqlite_url):
    open_database(sqlite_url).dispose()
    code = (
        "import sys; from welfare_tui.storage.engine import open_database; "
        f"open_database({sqlite_url!r}).dispose(); print('alembic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.stdout.strip() == "False"


def test_migrations_ship_inside_the_package():
    from welfare_tui.storage.engine import MIGRATIONS_DIR

    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert MIGRATIONS_DIR.parent.name == "storage"


def test_revision_0004_gives_existing_cases_and_members_an_empty_address_and_phone(db_url):
    """A database of revision 0003 with a household keeps it; the new columns read as empty text."""
    from alembic import command

    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0003")
            connection.execute(
                text(
                    'INSERT INTO "case" (code, label, summary, referral_route, status, '
                    "consent_status, consent_scope, consent_obtained_by, consent_withdrawal_note, "
                    "key_person, tags, created_at, updated_at) VALUES ('C-2026-003', '𠮷田氏世帯', "
                    "'', '', 'shien_kaigi', 'none', '', '', '', '', '[]', '2026-11-30', '2026-11-30')"
                )
            )
            case_id = connection.execute(text('SELECT id FROM "case"')).scalar_one()
            connection.execute(
                text(
                    "INSERT INTO household_member (case_id, position, name, kana, relation, sex, "
                    "index_person, deceased, cohabiting, key_person, note) VALUES "
                    f"({case_id}, 0, '髙﨑 ﾏﾙｵ', '', '弟', 'male', false, false, true, false, '')"
                )
            )
            command.upgrade(alembic_config(connection), "head")
        with engine.connect() as connection:
            assert connection.execute(text('SELECT label, address, phone FROM "case"')).one() == (
                "𠮷田氏世帯",
                "",
                "",
            )
            assert connection.execute(text("SELECT name, address, phone FROM household_member")).one() == (
                "髙﨑 ﾏﾙｵ",
                "",
                "",
            )
    finally:
        engine.dispose()


def test_consent_on_record_becomes_its_history_on_upgrade(db_url):
    """Revision 0005: a case whose consent (or withdrawal) was recorded before the history existed gets
    the events that state amounts to, so the rules that read the history see what was known."""
    from alembic import command

    from welfare_tui.meeting_rules import consent_as_of
    from welfare_tui.storage import consent

    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0003")
            for code, status, date, withdrawn in (
                ("C-1", "written", "2026-10-01", None),
                ("C-2", "none", "2026-09-01", "2026-11-01"),
                ("C-3", "none", None, None),
            ):
                connection.execute(
                    text(
                        'INSERT INTO "case" (code, label, summary, referral_route, status, consent_status, '
                        "consent_date, consent_scope, consent_obtained_by, consent_withdrawn_date, "
                        "consent_withdrawal_note, key_person, version, tags, created_at, updated_at) VALUES "
                        "(:code, '田中世帯', '', '', 'shien_kaigi', :status, :date, '包括との共有', '高橋', :withdrawn, "
                        "'電話で撤回', '', 1, '[]', '2026-01-01', '2026-01-01')"
                    ),
                    {"code": code, "status": status, "date": date, "withdrawn": withdrawn},
                )
            command.upgrade(alembic_config(connection), "head")
    finally:
        engine.dispose()
    engine = open_database(db_url)
    try:
        from sqlmodel import select

        from welfare_tui.storage.engine import session_scope
        from welfare_tui.storage.models import Case

        with session_scope(engine) as session:
            ids = {c.code: c.id for c in session.exec(select(Case)).all()}
            first, second, third = (consent.history(session, ids[code]) for code in ("C-1", "C-2", "C-3"))
    finally:
        engine.dispose()
    assert [(e["event"], e["date"], e["status"]) for e in first] == [("obtained", "2026-10-01", "written")]
    assert [e["event"] for e in second] == ["obtained", "withdrawn"]
    assert consent_as_of(second, "2026-10-01").given and not consent_as_of(second).given
    assert third == []


def test_revision_0009_keeps_roles_and_ties_and_refreshes_their_digests(db_url):
    """A database of revision 0008 with roles and ties, attested there: after 0009 they are kept (naming
    no resource), and `db check` finds nothing changed — the revision refreshed the audit baseline of
    the tables it gave a column."""
    from alembic import command
    from typer.testing import CliRunner

    from welfare_tui.agendas import get_agenda
    from welfare_tui.cli import app
    from welfare_tui.storage import audit, repo
    from welfare_tui.storage.engine import session_scope

    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            case = repo.create_case(session, label="𠮷田世帯")
            meeting = repo.create_meeting(
                session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-10-15"
            )
            repo.add_item(session, kind="role", parent_id=meeting.id, values={"task": "髙﨑さん宅を訪問"})
            repo.add_item(session, kind="tie", parent_id=meeting.id, values={"to_node": "houkatsu"})
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0008")
            audit.baseline(connection, refresh=True)  # as a database at 0008 attests its rows
            assert "resource_id" not in {
                c["name"] for c in inspect(connection).get_columns("role_assignment")
            }
            command.upgrade(alembic_config(connection), "head")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT task, resource_id FROM role_assignment")).one() == (
                "髙﨑さん宅を訪問",
                None,
            )
            assert connection.execute(text("SELECT to_node, resource_id FROM ecomap_tie")).one() == (
                "houkatsu",
                None,
            )
    finally:
        engine.dispose()
    result = CliRunner().invoke(app, ["--db", db_url, "--lang", "en", "db", "check"])
    assert result.exit_code == 0, result.stderr
