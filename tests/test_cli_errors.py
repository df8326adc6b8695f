"""The error contract of issue 2 in real processes: one `Error: ...` line on stderr, exit code 1,
no traceback; and the period options of `export`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from welfare_tui.demo import build_demo


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    build_demo(f"sqlite:///{path}")
    return path


def welfare(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "welfare_tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("エラー: "), result.stderr  # Japanese by default
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    assert result.stdout == ""


def test_unknown_meeting_id(demo_db: Path) -> None:
    assert_one_line_error(
        welfare("--db", str(demo_db), "export", "999", "--format", "md"), "ID 999 の会議はありません"
    )


def test_impossible_date(demo_db: Path) -> None:
    assert_one_line_error(
        welfare("--db", str(demo_db), "export", "--all", "--since", "2026-02-30", "--format", "md"),
        "--since",
        "2026-02-30",
    )


def test_broken_agenda_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "id: broken\ntitle: 壊れた議事次第\nmeeting_type: shien_kaigi\nsteps:\n  - id: a\n"
        "    kind: nonsense\n    title: 開会\n    minutes: 5\n    required: true\n",
        encoding="utf-8",
    )
    assert_one_line_error(welfare("agendas", "validate", str(broken)), f"{broken}:6", "steps[0].kind")


def test_export_period_narrows_the_choice(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "minutes"
    result = welfare(
        "--db",
        str(demo_db),
        "export",
        "--all",
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-30",
        "--format",
        "md",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    written = sorted(Path(line).name for line in result.stdout.splitlines())
    assert written and all(name.startswith("2026-11-") for name in written)
    assert sorted(p.name for p in out.iterdir()) == written


def test_demo_then_export_all_writes_one_file_per_meeting(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    assert welfare("--db", str(db), "demo", "--no-open").returncode == 0
    listed = welfare("--db", str(db), "meetings", "list", "--json")
    meetings = __import__("json").loads(listed.stdout)
    out = tmp_path / "all"
    result = welfare("--db", str(db), "export", "--all", "--format", "md", "--out", str(out))
    assert result.returncode == 0, result.stderr
    files = sorted(out.glob("*.md"))
    assert len(files) == len(meetings) >= 5
    finished = [m for m in meetings if m["status"] == "finished"]
    assert len(finished) >= 5
    for meeting in finished:
        path = next(f for f in files if meeting["uid"][:8] in f.name)
        sections = dict(part.split("\n", 1) for part in path.read_text(encoding="utf-8").split("\n## ")[1:])
        for heading in (
            "出席者",
            "開催理由・目的",
            "ケース概要",
            "各機関からの情報",
            "エコマップ",
            "アセスメント・課題整理",
            "支援方針・目標",
            "役割分担",
            "モニタリング",
            "結論・決定事項",
            "次回会議",
        ):
            body = sections[heading].strip()
            assert body and not body.startswith("なし"), (path.name, heading)


def test_a_locked_database_is_exit_code_3_in_the_users_language(demo_db: Path) -> None:
    """Another program holds the write lock past the busy timeout (5 s): one line, in Japanese, exit 3."""
    import sqlite3

    other = sqlite3.connect(demo_db)
    try:
        other.execute("BEGIN IMMEDIATE")
        # An export writes (its audit stamp); rebuilding the unchanged demo no longer writes anything.
        result = welfare("--db", str(demo_db), "export", "--all", "--format", "md", "--out", "-")
    finally:
        other.rollback()
        other.close()
    assert result.returncode == 3, result
    assert result.stderr.startswith("エラー: データベースは別のプログラムが書き込み中です"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_driver_errors_read_in_english_too() -> None:
    import sqlite3

    from welfare_tui.errors import describe_driver_error
    from welfare_tui.i18n import set_language

    set_language("en")
    try:
        assert describe_driver_error(sqlite3.OperationalError("database is locked")) == (
            "the database is locked by another program (database is locked); try again in a moment"
        )
        assert describe_driver_error(ValueError("not a driver error")) is None
    finally:
        set_language("ja")
