"""Nothing lost: SIGKILL the running TUI at random moments of a scripted meeting; after each kill every
edit the screen had shown as saved is in the database, and `db check` passes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.tui_helpers import seed_meeting
from welfare_tui.cli import app
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope

DRIVER = Path(__file__).with_name("kill_driver.py")
KILLS = 12

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def stored_purpose(db_url: str, meeting_id: int) -> str:
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            return repo.get_meeting(session, meeting_id=meeting_id).purpose
    finally:
        engine.dispose()


def test_sigkill_at_random_moments_loses_nothing_the_screen_showed_saved(sqlite_url, tmp_path):
    meeting_id = seed_meeting(sqlite_url)
    chooser = random.Random(20261120)
    killed_after_saves = 0
    for kill in range(KILLS):
        process = subprocess.Popen(
            [sys.executable, str(DRIVER), sqlite_url, str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
        )
        saved: list[str] = []
        # Wait for the first save, then kill at a random moment a little later (mid-typing, mid-save...).
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("SAVED "), f"kill {kill}: the driver never saved"
        saved.append(line.removeprefix("SAVED ").rstrip("\n"))
        time.sleep(chooser.uniform(0.0, 1.5))
        os.kill(process.pid, signal.SIGKILL)
        rest, _ = process.communicate(timeout=10)
        saved += [line.removeprefix("SAVED ") for line in rest.splitlines() if line.startswith("SAVED ")]
        killed_after_saves += len(saved)
        stored = stored_purpose(sqlite_url, meeting_id)
        # The last text shown as saved is there (later keystrokes may have been saved after it too).
        assert stored.startswith(saved[-1]), f"kill {kill}: shown saved {saved[-1]!r}, stored {stored!r}"
        result = CliRunner().invoke(app, ["--db", sqlite_url, "db", "check"])
        assert result.exit_code == 0, f"kill {kill}: {result.stderr}"
    assert killed_after_saves > KILLS
