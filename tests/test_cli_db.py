"""`welfare-tui db path | upgrade` through the real Typer app."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.storage.engine import HEAD_REVISION, display_url


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_upgrade_creates_then_reports_up_to_date(tmp_path):
    path = tmp_path / "city" / "welfare.db"
    result = run("--db", str(path), "--lang", "en", "db", "upgrade")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"(new) → {HEAD_REVISION}" in result.stderr
    assert path.is_file()
    again = run("--db", str(path), "--lang", "en", "db", "upgrade")
    assert again.exit_code == 0
    assert f"already at revision {HEAD_REVISION}" in again.stderr
    japanese = run("--db", str(path), "db", "upgrade")
    assert f"すでにリビジョン {HEAD_REVISION} です" in japanese.stderr


def test_upgrade_and_path_on_each_backend(blank_db_url):
    assert run("--db", blank_db_url, "db", "upgrade").exit_code == 0
    result = run("--db", blank_db_url, "db", "path")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == display_url(blank_db_url)
    assert ":welfare_test@" not in result.stdout  # a password never reaches stdout


def test_path_prints_the_sqlite_file(sqlite_url):
    missing = run("--db", sqlite_url, "--lang", "en", "db", "path")
    assert missing.exit_code == 0
    assert missing.stdout.strip() == sqlite_url.removeprefix("sqlite:///")
    assert "created on first use" in missing.stderr
    assert not Path(missing.stdout.strip()).exists()


@pytest.mark.parametrize("target", ["directory", "postgresql://nobody@127.0.0.1:1/welfare"])
def test_path_on_an_unopenable_database_exits_3(tmp_path, target):
    db = str(tmp_path) if target == "directory" else target
    result = run("--db", db, "db", "path")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith("エラー: データベース") and "を開けません" in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_help_has_examples():
    for command in (("db", "path"), ("db", "upgrade"), ("db", "check"), ("db", "backup"), ("db", "restore")):
        result = run(*command, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.stdout
