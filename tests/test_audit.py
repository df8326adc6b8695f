"""The audit log: every write recorded by who/when/what, hash-chained, verified by `db check`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from typer.testing import CliRunner

from welfare_tui.agendas import get_agenda
from welfare_tui.cli import app
from welfare_tui.storage import audit, repo
from welfare_tui.storage.engine import open_database, session_scope


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def seed(url: str) -> int:
    engine = open_database(url)
    try:
        with session_scope(engine, user="地域福祉課 田中") as session:
            case = repo.create_case(session, label="山田世帯", summary="母と長男の二人暮らし", tags=["8050"])
            repo.add_item(session, kind="member", parent_id=case.id, values={"name": "山田 トメ", "relation": "母"})
            meeting = repo.create_meeting(session, case_id=case.id, agenda=get_agenda("shien_kaigi"),
                                          date=dt.date(2026, 11, 20), start="14:00")
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
    assert [(e["action"], e["table_name"]) for e in entries[:3]] == [
        ("create", "case"), ("create", "household_member"), ("create", "meeting")]
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


def test_db_check_passes_then_names_the_edited_row(db_url):
    seed(db_url)
    result = run("--db", db_url, "db", "check")
    assert result.exit_code == 0, result.stderr
    assert "ok" in result.stdout and "head" in result.stdout
    engine = open_database(db_url)
    with engine.begin() as connection:
        connection.execute(text("""UPDATE audit_log SET "user" = '別人' WHERE id = 3"""))
    engine.dispose()
    result = run("--db", db_url, "db", "check")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: audit log: entry 3 ")
    assert "Traceback" not in result.stderr


def test_db_check_names_a_removed_row_and_a_relinked_row(db_url):
    seed(db_url)
    engine = open_database(db_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE id = 2"))
    result = run("--db", db_url, "db", "check")
    assert result.exit_code == 1 and "entry 3" in result.stderr
    # Recomputing one row's hash by hand still breaks the link of the row after it.
    with engine.begin() as connection:
        row = connection.execute(text("SELECT * FROM audit_log WHERE id = 3")).first()
        forged = audit.entry_hash(row.prev_hash, 2, row.at, row.user, row.action, row.table_name, row.row_id,
                                  row.fields)
        connection.execute(text("UPDATE audit_log SET id = 2, hash = :h WHERE id = 3"), {"h": forged})
    engine.dispose()
    result = run("--db", db_url, "db", "check")
    assert result.exit_code == 1 and "entry 2 does not chain" in result.stderr


def test_the_program_never_rewrites_the_log(db_url):
    import pytest
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
                    repo.add_item(session, kind="member", parent_id=case_id, values={"name": f"{name}{index}"})
        except BaseException as error:  # reported below
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
