"""Drives the real TUI headless for tests/test_kill.py: types into the purpose of a meeting, leaves the
field after each word so the form saves, and prints `SAVED <text>` each time the screen shows 保存済.

Run as `python tests/kill_driver.py DB_URL`; the test kills it with SIGKILL at random moments.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.tui_helpers import make_app, open_only_meeting, settle, type_text


async def drive(db_url: str, workdir: Path) -> None:
    app = make_app(workdir, db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_only_meeting(pilot)
        label = app.screen.query_one("#save-state")
        for index in range(10_000):
            area = app.screen.query_one("#m-purpose")
            area.focus()
            await pilot.pause()
            area.move_cursor(area.document.end)
            await type_text(pilot, f"記録{index}、")
            await pilot.press("tab")  # leaving the field saves it and shows 保存済
            await settle(pilot)
            if str(label.render()).strip():
                print(f"SAVED {area.text}", flush=True)
                label.update("")


if __name__ == "__main__":
    asyncio.run(drive(sys.argv[1], Path(sys.argv[2])))
