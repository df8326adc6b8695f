"""`welfare-tui export MEETING --format plan`: the one-page 支援プランシート of the case's plan as of that
meeting (golden file), in 和暦 with `--era`, masked with `--mask` (no personal value of any new free
text survives, and the leak gate scans it), and the plan in force on the meeting's day."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.life_builders import PERSONAL, lived_case
from welfare_tui.cli import app
from welfare_tui.minutes.plan_sheet import plan_as_of, render_plan_sheet
from welfare_tui.storage.engine import open_database, session_scope

DATA = Path(__file__).parent / "data"
runner = CliRunner()
_AUDIT_STAMP = re.compile(r"\n監査ログ: 出力記録 #\d+、ハッシュ [0-9a-f]{64}\n")


@pytest.fixture
def lived(sqlite_url: str) -> dict[str, int]:
    engine = open_database(sqlite_url)
    try:
        with session_scope(engine) as session:
            return lived_case(session, personal=True)
    finally:
        engine.dispose()


def export(sqlite_url: str, *args: str):
    return runner.invoke(app, ["--db", sqlite_url, "export", *args])


def check_golden(path: Path, text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_text(encoding="utf-8")


def test_plan_sheet_golden_file(sqlite_url, lived) -> None:
    result = export(sqlite_url, str(lived["review"]), "--format", "plan")
    assert result.exit_code == 0, result.stderr
    text = _AUDIT_STAMP.sub("", result.stdout)
    check_golden(DATA / "plan_sheet.golden.md", text)
    for expected in (
        "# 支援プランシート",
        "第1版（承認済み）",
        "2026-10-15 重層的支援会議で承認",
        "母は自宅で暮らし続けたい",
        "長男の社会参加",
        "| 長期目標 | 長男が週1回外出できる",
        "一部達成（2026-12-10）：月2回外出",
        "- アウトリーチ：あり",
        "- 参加支援：なし",
    ):
        assert expected in text


def test_plan_sheet_in_era_and_english(sqlite_url, lived) -> None:
    result = export(sqlite_url, str(lived["review"]), "--format", "plan", "--era")
    assert result.exit_code == 0, result.stderr
    assert "令和8年10月15日" in result.stdout
    english = runner.invoke(
        app, ["--lang", "en", "--db", sqlite_url, "export", str(lived["review"]), "--format", "plan"]
    )
    assert english.exit_code == 0, english.stderr
    assert "# Support plan sheet" in english.stdout and "- Outreach: yes" in english.stdout


def test_masked_plan_sheet_shows_no_personal_value(sqlite_url, lived) -> None:
    result = export(sqlite_url, str(lived["review"]), "--format", "plan", "--mask")
    assert result.exit_code == 0, result.stderr
    for value in PERSONAL:
        assert value not in result.stdout
    assert "母は自宅で暮らし続けたい" in result.stdout  # the text itself stays, names become letters
    assert "A氏" in result.stdout or "B氏" in result.stdout


def test_the_sheet_of_a_meeting_before_the_approval_shows_the_plan_then(sqlite_url, lived) -> None:
    shien = export(sqlite_url, str(lived["shien"]), "--format", "plan")
    assert shien.exit_code == 0, shien.stderr
    assert "この時点の支援プランはありません" in shien.stdout
    juso = export(sqlite_url, str(lived["juso"]), "--format", "plan")
    assert "第1版（承認済み）" in juso.stdout
    assert "月2回外出" not in juso.stdout  # evaluated at a later meeting


def test_plan_as_of_picks_the_version_in_force() -> None:
    versions = [
        {"number": 1, "status": "superseded", "approved_date": "2026-04-01"},
        {"number": 2, "status": "approved", "approved_date": "2026-10-01"},
        {"number": 3, "status": "draft", "approved_date": None},
    ]
    assert plan_as_of(versions, "2026-06-01")["number"] == 1
    assert plan_as_of(versions, "2026-10-01")["number"] == 2
    assert plan_as_of(versions, "2026-03-01")["number"] == 3  # nothing approved yet: the draft
    assert plan_as_of([], "2026-03-01") is None
    sheet = render_plan_sheet({"version": 1, "case": {"label": "A氏世帯"}, "meeting": {"date": "2026-01-01"}})
    assert "この時点の支援プランはありません" in sheet
