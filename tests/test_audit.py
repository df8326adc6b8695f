"""The audit log: every write recorded by who/when/what, hash-chained, verified by `db check`."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from welfare_tui.agendas import get_agenda
from welfare_tui.cli import app
from welfare_tui.storage import audit, repo
from welfare_tui.storage.engine import make_engine, open_database, session_scope


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def seed(url: str) -> int:
    engine = open_database(url)
    try:
        with session_scope(engine, user="地域福祉課 田中") as session:
            case = repo.create_case(
                session, code="C-2026-001", label="山田世帯", summary="母と長男の二人暮らし", tags=["8050"]
            )
            repo.add_item(
                session, kind="member", parent_id=case.id, values={"name": "山田 トメ", "relation": "母"}
            )
            meeting = repo.create_meeting(
                session,
                case_id=case.id,
                agenda=get_agenda("shien_kaigi"),
                date=dt.date(2026, 11, 20),
                start="14:00",
            )
        with session_scope(engine, user="地域包括 山﨑") as session:
            repo.update_case(session, case_id=case.id, summary="母（要介護2）と長男の二人暮らし")
            member = repo.list_items(session, kind="member", parent_id=case.id)[0]
            repo.delete_item(session, kind="member", item_id=member["id"])
        return meeting.id
    finally:
        engine.dispose()


def test_creates_updates_and_deletes_are_recorded_with_who_and_what(db_url):
    seed(db_url)
    engine = open_database(db_url)
    with session_scope(engine) as session:
        entries = list(reversed(audit.entries(session)))
    engine.dispose()
    # Revision 0007 attested the seeded agency catalogue first.
    baseline = [e for e in entries if e["action"] == "baseline"]
    assert (
        baseline
        and {e["table_name"] for e in baseline} == {"agency"}
        and entries[: len(baseline)] == baseline
    )
    entries = entries[len(baseline) :]
    assert [(e["action"], e["table_name"]) for e in entries[:4]] == [
        ("create", "case"),
        ("create", "case_event"),  # a new case starts its stage history (storage/lifecycle.py)
        ("create", "household_member"),
        ("create", "meeting"),
    ]
    assert entries[0]["user"] == "地域福祉課 田中"
    assert "label" in entries[0]["fields"] and "id" not in entries[0]["fields"]
    update = next(e for e in entries if e["action"] == "update" and e["table_name"] == "case")
    assert update["user"] == "地域包括 山﨑" and update["fields"] == ["summary"]
    assert entries[-1]["action"] == "delete" and entries[-1]["table_name"] == "household_member"
    assert all(e["at"].endswith("Z") for e in entries)
    # The values themselves are never copied into the log.
    assert not any("要介護2" in str(e) for e in entries)


def test_bulk_deletes_are_recorded_row_by_row(db_url):
    from welfare_tui.storage.documents import apply_document, meeting_document

    meeting_id = seed(db_url)
    engine = open_database(db_url)
    with session_scope(engine) as session:
        repo.add_item(session, kind="goal", parent_id=meeting_id, values={"text": "外出できる"})
        repo.add_item(session, kind="goal", parent_id=meeting_id, values={"text": "顔を合わせる"})
        doc = meeting_document(session, meeting_id=meeting_id)
    doc["goals"] = {"long": [], "short": []}
    with session_scope(engine) as session:
        apply_document(session, doc=doc)
        deleted = [e for e in audit.entries(session, table="goal") if e["action"] == "delete"]
    engine.dispose()
    assert len(deleted) == 2


def tamper(url: str, *statements: str) -> None:
    """Run SQL as someone with direct access to the database would. On PostgreSQL the append-only
    trigger refuses edits of the log to everyone: the table's owner disables it first, as a determined
    owner could."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            postgres = connection.dialect.name == "postgresql"
            for trigger in audit.PG_TRIGGERS if postgres else ():
                connection.exec_driver_sql(f"ALTER TABLE audit_log DISABLE TRIGGER {trigger}")
            for statement in statements:
                connection.execute(text(statement))
            for trigger in audit.PG_TRIGGERS if postgres else ():
                connection.exec_driver_sql(f"ALTER TABLE audit_log ENABLE TRIGGER {trigger}")
    finally:
        engine.dispose()


def check(url: str, *options: str):
    return run("--db", url, "--lang", "en", "db", "check", *options)


def test_db_check_passes_then_names_the_edited_row(db_url):
    seed(db_url)
    result = check(db_url)
    assert result.exit_code == 0, result.stderr
    assert "ok" in result.stdout and "head" in result.stdout
    tamper(db_url, """UPDATE audit_log SET "user" = '別人' WHERE id = 3""")
    result = check(db_url)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: audit log: entry 3 does not match its hash (it was changed); intact up to entry 2\n"
    )
    japanese = run("--db", db_url, "db", "check")
    assert japanese.stderr.startswith("エラー: 監査ログ: エントリ 3 がハッシュと一致しません")


def test_db_check_names_a_removed_row_and_a_relinked_row(db_url):
    seed(db_url)
    tamper(db_url, "DELETE FROM audit_log WHERE id = 2")
    result = check(db_url)
    # Entry 2 is gone: entry 1 is the last that verifies (not "up to entry 2").
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: audit log: entry 3 follows entry 1 (the entries between were removed); intact up to entry 1\n"
    )
    # Recomputing one row's hash by hand still breaks the link of the row after it.
    engine = make_engine(db_url)
    with engine.begin() as connection:
        row = connection.execute(text("SELECT * FROM audit_log WHERE id = 3")).first()
    engine.dispose()
    forged = audit.entry_hash(
        row.prev_hash, 2, row.at, row.user, row.action, row.table_name, row.row_id, row.fields, row.digest
    )
    tamper(db_url, f"UPDATE audit_log SET id = 2, hash = '{forged}' WHERE id = 3")
    result = check(db_url)
    assert result.exit_code == 1 and "entry 2 does not chain to entry 1" in result.stderr


def test_db_check_names_a_row_changed_behind_the_programs_back(db_url):
    seed(db_url)
    assert check(db_url).exit_code == 0
    tamper(db_url, """UPDATE "case" SET summary = '書き換えた' WHERE code = 'C-2026-001'""")
    result = check(db_url)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: 1 row(s) do not match the audit log (changed outside welfare-tui):",
        "  case 1 (case C-2026-001): content changed since its last audit entry",
    ]
    assert result.stdout == ""


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE attendee SET acknowledged = NOT acknowledged",  # a boolean
        "UPDATE role_assignment SET due_date = '2027-01-31'",  # a date
        "UPDATE role_assignment SET due_date = NULL",  # NULL
        "UPDATE step_state SET seconds = seconds + 1 WHERE step_id = 'opening'",  # a two-column key
        "UPDATE meeting SET version = version + 1",  # bookkeeping is content too
    ],
)
def test_every_column_of_every_table_is_covered(db_url, statement):
    meeting_id = seed(db_url)
    engine = open_database(db_url)
    with session_scope(engine) as session:
        repo.add_item(
            session,
            kind="attendee",
            parent_id=meeting_id,
            values={"name": "髙﨑 ３０１", "agency_id": "houkatsu"},
        )
        repo.add_item(
            session, kind="role", parent_id=meeting_id, values={"task": "ﾏﾙﾏﾙ訪問", "due_date": "2026-12-01"}
        )
        repo.set_step_state(session, meeting_id=meeting_id, step_id="opening", done=True, notes="開会")
    engine.dispose()
    assert check(db_url).exit_code == 0
    tamper(db_url, statement)
    result = check(db_url)
    assert result.exit_code == 1 and "content changed since its last audit entry" in result.stderr
    assert "(case C-2026-001)" in result.stderr


def test_db_check_names_rows_deleted_or_added_behind_the_programs_back(db_url):
    meeting_id = seed(db_url)
    engine = open_database(db_url)
    with session_scope(engine) as session:
        goal = repo.add_item(session, kind="goal", parent_id=meeting_id, values={"text": "外出できる"})
    engine.dispose()
    tamper(
        db_url,
        f"DELETE FROM goal WHERE id = {goal['id']}",
        f"INSERT INTO goal (id, meeting_id, position, term, text) VALUES (9999, {meeting_id}, 5, 'short', '偽の目標')",
    )
    result = check(db_url)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: 2 row(s) do not match the audit log (changed outside welfare-tui):"
    assert f"  goal {goal['id']}: gone without a delete entry" in lines
    assert "  goal 9999 (case C-2026-001): no audit entry" in lines


def test_a_deleted_last_entry_is_found_with_the_hash_of_the_minutes(db_url, tmp_path):
    seed(db_url)
    exported = run("--db", db_url, "export", "--all", "--format", "md", "--out", str(tmp_path / "out"))
    assert exported.exit_code == 0, exported.stderr
    footer = (
        next((tmp_path / "out").iterdir()).read_text(encoding="utf-8").rsplit("ハッシュ ", 1)[1].split()[0]
    )
    assert check(db_url, "--expect-head", footer).exit_code == 0
    tamper(db_url, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    # The export entry held no row: the chain and the rows still agree; only the hash shows the cut.
    assert check(db_url).exit_code == 0
    result = check(db_url, "--expect-head", footer)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: audit log: no entry has hash {footer} (the log was cut or rewritten after it)\n"
    )


def test_expect_head_must_be_a_hash(db_url):
    result = check(db_url, "--expect-head", "abc")
    assert result.exit_code == 2 and "is not a hash" in result.stderr


def test_a_deleted_log_is_found_in_short(db_url):
    seed(db_url)
    tamper(db_url, "DELETE FROM audit_log")
    result = check(db_url)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    count = int(lines[0].split()[1])
    assert count > 30  # the agency catalogue, the case, the meeting and its steps
    assert len(lines) == 1 + 20 + 1 and lines[-1] == f"  …and {count - 20} more"
    assert lines[1] == "  agency city_welfare: no audit entry"  # the seeded catalogue is attested too


@pytest.mark.postgres
def test_postgresql_refuses_edits_of_the_log_to_the_application(db_url):
    from sqlalchemy.exc import DBAPIError

    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    seed(db_url)
    engine = make_engine(db_url)
    try:
        for statement in (
            "UPDATE audit_log SET \"user\" = 'x'",
            "DELETE FROM audit_log WHERE id = 1",
            "TRUNCATE audit_log",
        ):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
                connection.execute(text(statement))
    finally:
        engine.dispose()
    assert check(db_url).exit_code == 0


def test_the_program_never_rewrites_the_log(db_url):
    from sqlalchemy import delete

    from welfare_tui.storage.models import AuditEntry

    seed(db_url)
    engine = open_database(db_url)
    with pytest.raises(ValueError, match="append-only"), session_scope(engine) as session:
        session.execute(delete(AuditEntry))
    with pytest.raises(ValueError, match="append-only"), session_scope(engine) as session:
        entry = session.get(AuditEntry, 1)
        entry.user = "別人"
        session.flush()
    engine.dispose()
    assert run("--db", db_url, "db", "check").exit_code == 0


def test_exports_are_recorded_and_markdown_carries_the_head_hash(db_url, tmp_path):
    seed(db_url)
    out = tmp_path / "minutes"
    result = run("--db", db_url, "export", "--all", "--format", "md", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    engine = open_database(db_url)
    with session_scope(engine) as session:
        export = audit.entries(session, limit=1)[0]
        head = audit.head(session)
    engine.dispose()
    assert export["action"] == "export" and export["fields"][0] == "md"
    markdown = next(out.iterdir()).read_text(encoding="utf-8")
    assert f"#{head[0]}" in markdown and head[1] in markdown
    # YAML stays data only: export → import → export gives the same bytes (docs/minutes-yaml.md).
    yaml_text = run("--db", db_url, "export", "--all", "--format", "yaml").stdout
    assert "audit" not in yaml_text.split("\ncase:")[0]
    assert head[1] not in yaml_text


def test_the_chain_survives_concurrent_writers(db_url):
    import threading

    seed(db_url)
    engine = open_database(db_url)
    with session_scope(engine) as session:
        case_id = repo.list_cases(session)[0].id
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for index in range(15):
                with session_scope(engine, user=name, immediate=True) as session:
                    repo.add_item(
                        session, kind="member", parent_id=case_id, values={"name": f"{name}{index}"}
                    )
        except BaseException as error:  # noqa: BLE001 - a thread's failure, whatever it is, reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("田中", "佐藤", "鈴木")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    assert errors == []
    result = run("--db", db_url, "db", "check")
    assert result.exit_code == 0, result.stderr


def test_a_damaged_file_is_named_in_one_line(tmp_path):
    """SQLite lists up to 100 problems in one row of integrity_check: the first is named, the rest counted."""
    from welfare_tui.demo import build_demo

    path = tmp_path / "welfare.db"
    build_demo(f"sqlite:///{path}")
    # Data pages of the larger tables, after every table's and index's root page: the schema and
    # every root stay readable (a revision adding tables moves where the data pages start).
    with sqlite3.connect(path) as connection:
        last_root = connection.execute("SELECT max(rootpage) FROM sqlite_master").fetchone()[0]
    data = bytearray(path.read_bytes())
    for page in range(last_root + 5, last_root + 45):
        data[page * 4096 + 8 : page * 4096 + 48] = b"\xff" * 40
    path.write_bytes(bytes(data))
    result = check(str(path))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: the database file is damaged: ") and "more)" in result.stderr
    assert "***" not in result.stderr


def test_imports_and_bulk_updates_record_the_digest_of_what_is_stored(db_url):
    """`repo.insert_rows` (imports, the demo) and bulk UPDATEs write entries with digests too, computed
    from the row as the database holds it: the check then agrees on both backends."""
    from sqlalchemy import update

    from welfare_tui.demo import demo_documents
    from welfare_tui.storage.documents import apply_document
    from welfare_tui.storage.models import Goal

    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            for doc in demo_documents():
                apply_document(session, doc=doc)
        with session_scope(engine) as session:
            session.execute(update(Goal).where(Goal.term == "short").values(text="週1回は外出する"))
            created = [e for e in audit.entries(session) if e["action"] in ("create", "update")]
            updated = audit.entries(session, table="goal", limit=1)[0]
    finally:
        engine.dispose()
    assert created and all(e["digest"] and len(e["digest"]) == 64 for e in created)
    assert updated["action"] == "update" and updated["fields"] == ["text"]
    assert check(db_url).exit_code == 0


def test_a_log_from_before_revision_0007_still_verifies_and_its_rows_are_attested(tmp_path):
    """Entries written before the digest existed hash as they did; the upgrade gives every row present a
    `baseline` entry, so a later direct edit of those rows is found too."""
    from welfare_tui.storage.engine import HEAD_REVISION, migrate, upgrade_database

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    migrate(engine, url, target="0003")
    at, user, fields = "2026-11-01T09:00:00.000000Z", "地域福祉課 田中", '["code", "label"]'
    old_hash = audit.entry_hash(audit.GENESIS, 1, at, user, "create", "case", "1", fields)
    with engine.begin() as connection:
        # Columns of revision 0003 only (later revisions add more).
        connection.execute(
            text(
                'INSERT INTO "case" (id, code, label, summary, referral_route, status, consent_status, consent_scope, '
                "consent_obtained_by, consent_withdrawal_note, key_person, version, tags, created_at, updated_at) "
                "VALUES (1, 'C-2025-007', '山﨑世帯', '', '', 'shien_kaigi', 'none', '', '', '', '', 1, '[]', "
                "'2026-11-01', '2026-11-01')"
            )
        )
        connection.execute(
            text(
                'INSERT INTO audit_log (id, at, "user", action, table_name, row_id, fields, '
                "prev_hash, hash) VALUES (1, :at, :user, 'create', 'case', '1', :fields, "
                ":prev, :hash)"
            ),
            {"at": at, "user": user, "fields": fields, "prev": audit.GENESIS, "hash": old_hash},
        )
    engine.dispose()
    assert upgrade_database(url) == ("0003", HEAD_REVISION)
    result = check(url, "--expect-head", old_hash)
    assert result.exit_code == 0, result.stderr
    tamper(url, """UPDATE "case" SET label = '別の世帯'""")
    result = check(url)
    assert result.exit_code == 1 and "case 1 (case C-2025-007): content changed" in result.stderr
