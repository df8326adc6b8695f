"""`welfare-tui export`: selection, files and names, stdout streams, and errors with exit codes,
against a real (temporary SQLite) database filled through `apply_document`."""

from __future__ import annotations

import re
import stat
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.minutes.yaml_format import load_document

DATA = Path(__file__).parent / "data"
NAMES = {
    "meeting_8050": "2026-10-15_C-2026-001_第01回_5f0c1a2b",
    "meeting_juso": "2026-11-20_C-2026-014_第02回_9b7e2c4d",
}
runner = CliRunner()


@pytest.fixture
def db(sqlite_url: str) -> dict[str, int]:
    """The two fixture meetings in a fresh database: {fixture name: meeting id}."""
    from welfare_tui.storage.documents import apply_document
    from welfare_tui.storage.engine import open_database, session_scope

    engine = open_database(sqlite_url)
    ids = {}
    try:
        for name in NAMES:
            doc = load_document((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
            with session_scope(engine) as session:
                ids[name] = apply_document(session, doc=doc)
    finally:
        engine.dispose()
    return ids


def export(sqlite_url: str, *args: str):
    return runner.invoke(app, ["--db", sqlite_url, "export", *args])


_AUDIT_STAMP = re.compile(r"\n監査ログ: 出力記録 #\d+、ハッシュ [0-9a-f]{64}\n")


def unstamped(text: str) -> str:
    """Exported Markdown ends with the audit log's head hash (tests/test_audit.py); golden files cannot."""
    return _AUDIT_STAMP.sub("", text)


def golden(name: str, fmt: str) -> str:
    return (DATA / f"{name}.golden.{fmt}").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "yaml"])
def test_one_meeting_by_id_to_stdout_is_the_golden_file(sqlite_url, db, fmt) -> None:
    result = export(sqlite_url, str(db["meeting_8050"]), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    # Import then export gives the same bytes as rendering the document directly.
    assert unstamped(result.stdout) == golden("meeting_8050", fmt)
    assert result.stderr == ""


def test_by_uid_as_well_as_by_id(sqlite_url, db) -> None:
    result = export(sqlite_url, "9b7e2c4d1a0f48e6b3c5d7e9f1a2b3c4", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert unstamped(result.stdout) == golden("meeting_juso", "md")


def test_by_case(sqlite_url, db) -> None:
    result = export(sqlite_url, "--case", "C-2026-014", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == golden("meeting_juso", "yaml")


def test_all_as_a_yaml_stream_in_date_order(sqlite_url, db) -> None:
    result = export(sqlite_url, "--all", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    documents = list(yaml.safe_load_all(result.stdout))
    assert [doc["case"]["code"] for doc in documents] == ["C-2026-001", "C-2026-014"]
    assert result.stdout == golden("meeting_8050", "yaml") + "---\n" + golden("meeting_juso", "yaml")


def test_all_as_markdown_separated_by_a_rule(sqlite_url, db) -> None:
    result = export(sqlite_url, "--all", "--format", "md", "--out", "-")
    assert result.exit_code == 0, result.stderr
    assert unstamped(result.stdout).split("\n---\n\n") == [
        golden("meeting_8050", "md"),
        golden("meeting_juso", "md"),
    ]


def test_out_dir_writes_one_private_file_per_meeting_and_prints_paths(sqlite_url, db, tmp_path) -> None:
    out = tmp_path / "minutes" / "2026"
    result = export(sqlite_url, "--all", "--format", "md", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    expected = [out / f"{NAMES[name]}.md" for name in NAMES]
    assert result.stdout.splitlines() == [str(path) for path in expected]
    assert sorted(out.iterdir()) == sorted(expected)
    for name, path in zip(NAMES, expected, strict=True):
        assert unstamped(path.read_text(encoding="utf-8")) == golden(name, "md")
    if sys.platform != "win32":
        assert stat.S_IMODE(out.stat().st_mode) == 0o700
        assert {stat.S_IMODE(path.stat().st_mode) for path in expected} == {0o600}


def test_exporting_again_replaces_the_file(sqlite_url, db, tmp_path) -> None:
    target = tmp_path / f"{NAMES['meeting_juso']}.yaml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    result = export(sqlite_url, str(db["meeting_juso"]), "--format", "yaml", "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{target}\n"
    assert target.read_text(encoding="utf-8") == golden("meeting_juso", "yaml")
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_unknown_id_is_a_one_line_error(sqlite_url, db) -> None:
    result = export(sqlite_url, str(db["meeting_8050"]), "999", "--format", "md")
    assert result.exit_code == 1
    assert result.stderr == "エラー: ID 999 の会議はありません\n"
    assert result.stdout == ""


def test_unknown_case_is_a_one_line_error(sqlite_url, db) -> None:
    result = export(sqlite_url, "--case", "C-1999-999", "--format", "md")
    assert result.exit_code == 1
    assert result.stderr.startswith("エラー: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("args", [[], ["1", "--all"], ["--case", "C-2026-001", "--all"]])
def test_exactly_one_selection_is_required(sqlite_url, db, args) -> None:
    result = export(sqlite_url, *args, "--format", "md")
    assert result.exit_code == 2
    assert result.stderr.startswith("エラー: 会議の選び方は MEETING_ID...、--case CODE、--all のうち一つだけ")
    assert result.stdout == ""


@pytest.mark.parametrize("args", [["--all", "--format", "pdf"], ["--all"], ["abc", "--format"]])
def test_bad_or_missing_format_is_a_usage_error(sqlite_url, db, args) -> None:
    result = export(sqlite_url, *args)
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_unwritable_output_directory(sqlite_url, db, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = export(sqlite_url, "--all", "--format", "md", "--out", str(blocker / "minutes"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"エラー: {blocker / 'minutes'} に書き込めません: ")
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_empty_database_exports_nothing(sqlite_url) -> None:
    result = export(sqlite_url, "--all", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""


def test_help_explains_with_an_example() -> None:
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    assert "Example: welfare-tui export" in result.stdout
    assert "--out" in result.stdout and "--case" in result.stdout


def test_the_short_uid_of_a_file_name_names_its_meeting(sqlite_url, db, tmp_path) -> None:
    """The 8 hex characters in a file name (and any longer prefix, in either case) are accepted."""
    written = export(sqlite_url, "--case", "C-2026-014", "--format", "md", "--out", str(tmp_path / "out"))
    assert written.exit_code == 0, written.stderr
    short = Path(written.stdout.strip()).stem.rsplit("_", 1)[1]
    assert short == "9b7e2c4d"
    for given in (short, short.upper(), "9b7e2c4d1a0f"):
        result = export(sqlite_url, given, "--format", "md")
        assert result.exit_code == 0, result.stderr
        assert unstamped(result.stdout) == golden("meeting_juso", "md")
    # Shorter than 8 characters is not a uid prefix (and not an id): not found.
    result = export(sqlite_url, "9b7e2c4", "--format", "md")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


def test_an_ambiguous_short_uid_lists_the_matches(sqlite_url, db) -> None:
    from welfare_tui.storage.documents import apply_document
    from welfare_tui.storage.engine import open_database, session_scope

    doc = load_document((DATA / "meeting_juso.yaml").read_text(encoding="utf-8"))
    doc["meeting"]["uid"] = "9b7e2c4d" + "0" * 24
    doc["meeting"]["date"] = "2026-12-18"
    doc["meeting"]["round"] = 3
    engine = open_database(sqlite_url)
    try:
        with session_scope(engine) as session:
            other = apply_document(session, doc=doc)
    finally:
        engine.dispose()
    result = export(sqlite_url, "9b7e2c4d", "--format", "md")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "2 件" in result.stderr
    assert f"9b7e2c4d1a0f (ID {db['meeting_juso']}, 2026-11-20)" in result.stderr
    assert f"9b7e2c4d0000 (ID {other}, 2026-12-18)" in result.stderr
    # One more character settles it.
    assert export(sqlite_url, "9b7e2c4d1", "--format", "md").exit_code == 0
