"""Files: the database is owner-only, and a database others can write is refused with the reason; every
folder the program creates is owner-only, temporary files are private and never links, and those left
by killed runs are removed by the next."""

from __future__ import annotations

import os
import stat
import time

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.errors import StorageUnavailable
from welfare_tui.storage.engine import open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_new_database_and_its_directories_are_owner_only(tmp_path):
    path = tmp_path / "new" / "deeper" / "welfare.db"
    open_database(f"sqlite:///{path}").dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("mode", "who"), [(0o660, "グループの利用者"), (0o606, "すべての利用者"), (0o666, "すべての利用者")]
)
def test_a_database_others_can_write_is_refused(tmp_path, mode, who):
    path = tmp_path / "welfare.db"
    open_database(f"sqlite:///{path}").dispose()
    path.chmod(mode)
    with pytest.raises(StorageUnavailable, match=f"{who}が書き込めます.*chmod 600"):
        open_database(f"sqlite:///{path}")
    result = CliRunner().invoke(app, ["--db", str(path), "cases", "list"])
    assert result.exit_code == 3
    assert "chmod 600" in result.stderr and "Traceback" not in result.stderr


def test_a_database_others_can_only_read_opens(tmp_path):
    path = tmp_path / "welfare.db"
    open_database(f"sqlite:///{path}").dispose()
    path.chmod(0o644)
    open_database(f"sqlite:///{path}").dispose()


# --- files the program writes: folders 0700, private temporary files, stale ones swept ---------------


def demo_db(tmp_path) -> str:
    from welfare_tui.demo import build_demo

    url = f"sqlite:///{tmp_path / 'welfare.db'}"
    build_demo(url)
    return url


def test_every_folder_an_export_creates_is_owner_only(tmp_path):
    url = demo_db(tmp_path)
    out = tmp_path / "a" / "b" / "c"
    result = run("--db", url, "export", "--all", "--format", "md", "--out", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", out):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in out.iterdir())


def test_an_export_never_writes_through_a_link_planted_in_its_folder(tmp_path):
    """The old temporary name was predictable (.NAME.PID.tmp) and opened without O_EXCL/O_NOFOLLOW:
    someone who could write the folder planted a link there and received the minutes."""
    url = demo_db(tmp_path)
    out = tmp_path / "shared"
    first = run("--db", url, "export", "--all", "--format", "md", "--out", str(out), "-q")
    assert first.exit_code == 0, first.stderr
    victim = tmp_path / "victim.txt"
    victim.write_text("他人のファイル", encoding="utf-8")
    names = sorted(path.name for path in out.iterdir())
    for name in names:
        (out / f".{name}.{os.getpid()}.tmp").symlink_to(victim)
    again = run("--db", url, "export", "--all", "--format", "md", "--out", str(out), "-q")
    assert again.exit_code == 0, again.stderr
    assert victim.read_text(encoding="utf-8") == "他人のファイル"
    for name in names:
        path = out / name
        assert not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "監査ログ" in path.read_text(encoding="utf-8")
        assert (out / f".{name}.{os.getpid()}.tmp").is_symlink()  # not ours: left alone


def plant_leftovers(folder):
    """Temporary files as killed runs leave them, and things that only look like them."""
    folder.mkdir(mode=0o700, exist_ok=True)
    dead = folder / ".welfare-tui-999999999-abc123.tmp"  # its process is gone
    old = folder / f".welfare-tui-{os.getpid()}-old.tmp"  # ours, but hours old
    journal = folder / ".welfare-tui-999999999-abc123.tmp-journal"
    live = folder / f".welfare-tui-{os.getppid()}-busy.tmp"  # a running export's
    link = folder / ".welfare-tui-999999999-link.tmp"
    other = folder / ".welfare-tui-notes.tmp"  # not our pattern
    for path in (dead, old, journal, live, other):
        path.write_text("ケース記録の写し", encoding="utf-8")
    link.symlink_to(other)
    hours_ago = time.time() - 3 * 3600
    os.utime(old, (hours_ago, hours_ago))
    return {"removed": [dead, old, journal], "kept": [live, link, other]}


@pytest.mark.parametrize("command", ["export", "backup"])
def test_temporary_files_of_killed_runs_are_removed_by_the_next(tmp_path, command):
    url = demo_db(tmp_path)
    folder = tmp_path / "out"
    planted = plant_leftovers(folder)
    if command == "export":
        result = run("--db", url, "export", "--all", "--format", "yaml", "--out", str(folder), "-q")
    else:
        result = run("--db", url, "db", "backup", str(folder) + "/")
    assert result.exit_code == 0, result.stderr
    assert [path for path in planted["removed"] if path.exists()] == []
    assert all(path.is_symlink() or path.exists() for path in planted["kept"])


def test_db_check_warns_about_files_others_can_read(tmp_path, monkeypatch):
    url = demo_db(tmp_path)
    exports = tmp_path / "exports"
    exports.mkdir(mode=0o755)
    exports.chmod(0o755)
    monkeypatch.setenv("WELFARE_TUI_EXPORT_DIR", str(exports))
    (tmp_path / "welfare.db").chmod(0o644)
    result = run("--db", url, "--lang", "en", "db", "check")
    assert result.exit_code == 0, result.stderr  # a warning, not a failure
    assert result.stderr.splitlines() == [
        f"Warning: others can read {tmp_path / 'welfare.db'} (mode 644); chmod 600 '{tmp_path / 'welfare.db'}'",
        f"Warning: others can read {exports} (mode 755); chmod 700 '{exports}'",
    ]
    assert result.stdout.startswith(f"{tmp_path / 'welfare.db'}: ok")
    (tmp_path / "welfare.db").chmod(0o600)
    exports.chmod(0o700)
    quiet = run("--db", url, "db", "check")
    assert quiet.exit_code == 0 and quiet.stderr == ""
