"""The screens stay whole when the terminal is resized during a meeting: nothing is cut off or lost."""

from __future__ import annotations

from pathlib import Path

from tests.tui_helpers import make_app, open_only_meeting, seed_meeting, settle, type_text
from welfare_tui.storage import repo


async def test_meeting_survives_resizing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'resize.db'}"
    seed_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        await type_text(pilot, "開催の目的")
        for width, height in ((160, 48), (80, 24), (100, 30), (80, 24)):
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            screen = app.screen
            assert screen.size == (width, height)
            for selector in ("#agenda", "#step-pane", "#meeting-title-bar"):
                region = screen.query_one(selector).region
                assert region.right <= width and region.bottom <= height, (selector, region, width)
                assert region.width > 0 and region.height > 0, selector
        # What was typed before the resizes is still there and is saved on leaving the field.
        assert screen.query_one("#m-purpose").text == "開催の目的"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.db.run(repo.get_meeting, meeting_id=screen.meeting_id).purpose == "開催の目的"
