"""The TUI needs a terminal: started from a script, a cron job or with stdin from /dev/null it says so
in one line and exits 2, instead of spinning at 100 % CPU waiting for keys that never come."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(args: list[str], **options) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        **options,
        check=False,
    )


def test_without_a_terminal_the_tui_refuses_to_start(tmp_path: Path) -> None:
    result = run(["-m", "welfare_tui", "--db", str(tmp_path / "市役所.db")])
    assert result.returncode == 2, result
    assert result.stderr.splitlines() == [
        (
            "エラー: 画面（TUI）は端末から起動してください（標準入力か標準出力が端末ではありません）。"
            "スクリプトでは export などのコマンドを使います"
        )
    ]
    assert result.stdout == ""


def test_the_check_comes_before_textual_loads(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom welfare_tui.launch import open_tui\n"
        f"code = open_tui(db={str(tmp_path / 'a.db')!r}, lang='en')\n"
        "print(code, 'textual' in sys.modules)"
    )
    result = run(["-c", code])
    assert result.stdout.split() == ["2", "False"], result
    assert result.stderr.startswith("Error: the TUI needs a terminal")


def test_the_demo_builds_its_data_but_does_not_open_without_a_terminal(tmp_path: Path) -> None:
    result = run(["-m", "welfare_tui", "--db", str(tmp_path / "demo.db"), "demo"])
    assert result.returncode == 2, result
    assert (tmp_path / "demo.db").exists()
    assert result.stderr.splitlines()[-1].startswith("エラー: 画面（TUI）は端末から起動してください")
