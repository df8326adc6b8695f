"""`welfare-tui cases list` and `welfare-tui meetings list` through the real Typer app."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.cli.lists import display_width
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    title: str


@dataclass(frozen=True)
class Agenda:
    id: str
    meeting_type: str
    legal_basis: str
    steps: tuple[Step, ...]


SHIEN = Agenda("shien_kaigi", "shien_kaigi", "", (Step("opening", "opening", "開会・趣旨説明"),))


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def filled_url(db_url):
    """Two cases; the first has two meetings."""
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            a = repo.create_case(
                session,
                code="C-2026-001",
                label="山田 花子さん世帯",
                tags=["8050", "ひきこもり"],
                lead_agency="houkatsu",
            )
            repo.create_case(session, code="C-2026-002", label="B氏世帯", tags=["ヤングケアラー"])
            first = repo.create_meeting(
                session,
                case_id=a.id,
                agenda=SHIEN,
                date="2026-10-15",
                start="14:00",
                place="市役所 第3会議室",
            )
            repo.update_meeting(
                session,
                meeting_id=first.id,
                end_time="15:10",
                status="finished",
                incomplete_reason="一覧の確認用に議事を省略した",
                next_meeting_date="2026-12-10",
                confidentiality_confirmed_at="14:03",
                statement_version="106-6-5_v1",
            )
            repo.create_meeting(session, case_id=a.id, agenda=SHIEN, date="2026-12-10")
    finally:
        engine.dispose()
    return db_url


def test_cases_list_json(filled_url):
    result = run("--db", filled_url, "cases", "list", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["code"] for row in rows] == ["C-2026-001", "C-2026-002"]
    assert rows[0] == {
        "id": rows[0]["id"],
        "code": "C-2026-001",
        "label": "山田 花子さん世帯",
        "tags": ["8050", "ひきこもり"],
        "status": "shien_kaigi",
        "lead_agency": "地域包括支援センター",
        "meeting_count": 2,
        "last_meeting_date": "2026-10-15",
        "next_meeting_date": "2026-12-10",
    }
    assert "山田" in result.stdout  # ensure_ascii=False: readable Japanese


def test_a_planned_meeting_is_next_never_last(db_url):
    """A planned meeting is upcoming: 次回 shows it, 前回 is the last meeting held (or nothing)."""
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            case = repo.create_case(session, code="C-2026-３０１", label="𠮷田 髙﨑ﾏﾙﾏﾙ世帯")
            held = repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-11-20")
            repo.update_meeting(
                session, meeting_id=held.id, status="in_progress", next_meeting_date="2027-02-01"
            )
            repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2027-01-21")
            only_planned = repo.create_case(session, code="C-2026-302", label="山﨑世帯")
            repo.create_meeting(session, case_id=only_planned.id, agenda=SHIEN, date="2027-01-22")
    finally:
        engine.dispose()
    rows = {row["code"]: row for row in json.loads(run("--db", db_url, "cases", "list", "--json").stdout)}
    assert (rows["C-2026-３０１"]["last_meeting_date"], rows["C-2026-３０１"]["next_meeting_date"]) == (
        "2026-11-20",
        "2027-01-21",
    )
    assert (rows["C-2026-302"]["last_meeting_date"], rows["C-2026-302"]["next_meeting_date"]) == (
        None,
        "2027-01-22",
    )
    table = run("--db", db_url, "cases", "list")
    assert table.exit_code == 0, table.stderr
    line = next(line for line in table.stdout.splitlines() if "C-2026-302" in line)
    assert "2027-01-22" in line and line.count("2027-01-22") == 1


def test_cases_list_table_is_aligned_by_display_width(filled_url):
    result = run("--db", filled_url, "cases", "list")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    # The column after the label starts at the same terminal column on every line.
    starts = [
        display_width(line[: line.index(marker)])
        for line, marker in zip(lines, ("段階", "支援会議段階", "支援会議段階"))
    ]
    assert len(set(starts)) == 1
    assert "C-2026-002" in lines[2]


def test_cases_list_search_and_empty(filled_url):
    result = run("--db", filled_url, "cases", "list", "--search", "ヤングケアラー", "--json")
    assert [row["code"] for row in json.loads(result.stdout)] == ["C-2026-002"]
    empty = run("--db", filled_url, "--lang", "en", "cases", "list", "--search", "存在しない")
    assert (empty.exit_code, empty.stdout, empty.stderr) == (0, "", "no cases\n")


def test_meetings_list(filled_url):
    result = run("--db", filled_url, "meetings", "list", "--case", "C-2026-001", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(row["date"], row["round"]) for row in rows] == [("2026-12-10", 2), ("2026-10-15", 1)]
    assert rows[1]["next_meeting_date"] == "2026-12-10"
    table = run("--db", filled_url, "--lang", "en", "meetings", "list")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split() == [
        "ID",
        "DATE",
        "TIME",
        "CASE",
        "MEETING",
        "ROUND",
        "STATUS",
        "PLACE",
    ]
    assert "14:00–15:10" in table.stdout


def test_unknown_case_is_a_one_line_error(filled_url):
    result = run("--db", filled_url, "meetings", "list", "--case", "C-1999-999")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "エラー: コード C-1999-999 のケースはありません\n"


def test_lists_on_an_outdated_database_exit_3(sqlite_url, monkeypatch):
    import welfare_tui.storage.engine as engine_module

    open_database(sqlite_url).dispose()
    monkeypatch.setattr(engine_module, "REVISIONS", (*engine_module.REVISIONS, "9999"))
    monkeypatch.setattr(engine_module, "HEAD_REVISION", "9999")
    result = run("--db", sqlite_url, "cases", "list")
    assert result.exit_code == 3
    assert (
        result.stderr == "エラー: データベースの更新が必要です: 'welfare-tui db upgrade' を実行してください\n"
    )


def test_help_has_examples():
    for command in (("cases", "list"), ("meetings", "list")):
        result = run(*command, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.stdout


def test_cli_modules_import_no_textual_nor_sqlalchemy():
    code = (
        "import sys; import welfare_tui.cli.db, welfare_tui.cli.lists; "
        "print(sorted(m for m in ('textual', 'sqlalchemy', 'sqlmodel') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.stdout.strip() == "[]"
