"""O on a planned meeting in the home screen's meeting list writes its notices (開催通知) for every
invited agency, masked, in each format, into the export folder; on a finished meeting it says why
it does not. (Opening a planned meeting starts it, so the key lives in the list, not in the meeting.)"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.test_cli_notice import the_event
from tests.test_key_bar import line
from tests.tui_helpers import make_app, settle
from welfare_tui.demo import build_demo
from welfare_tui.views.screens.home import HomeScreen


async def press_o_on(pilot, app, meeting_id: int) -> None:
    assert isinstance(app.screen, HomeScreen)
    table = app.screen.query_one("#meetings")
    table.focus()
    table.move_cursor(
        row=next(i for i, meeting in enumerate(app.screen.meetings) if meeting.id == meeting_id)
    )
    await settle(pilot)
    await pilot.press("o")
    await app.workers.wait_for_complete()
    await settle(pilot)


def demo_app(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    return make_app(tmp_path, url)


async def test_o_writes_the_notices_of_a_planned_meeting(tmp_path: Path) -> None:
    app = demo_app(tmp_path)
    app.settings = replace(app.settings, notice_email="tagenkyodo@city.example.lg.jp")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "開催通知" not in line(app)  # a key of the meeting list only
        await press_o_on(pilot, app, 3)  # the demo's planned 重層的支援会議
        assert "o 開催通知" in line(app)  # in the key bar while the meeting list has the focus
        shown = " ".join(str(notification.message) for notification in app._notifications)
    written = sorted((tmp_path / "exports").iterdir())
    assert len(written) == 7 * 3 and "開催通知 21 件" in shown
    assert {path.suffix for path in written} == {".docx", ".md", ".ics"}
    assert all("_notice_" in path.name and path.stem.endswith("_masked") for path in written)
    for path in written:
        if path.suffix == ".ics":  # replies go to the office's address (setting notice_email)
            assert str(the_event(path.read_bytes())["organizer"]) == "mailto:tagenkyodo@city.example.lg.jp"


async def test_o_on_a_finished_meeting_writes_nothing_and_says_why(tmp_path: Path) -> None:
    app = demo_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press_o_on(pilot, app, 2)
        shown = " ".join(str(notification.message) for notification in app._notifications)
    assert "予定の会議" in shown
    assert not (tmp_path / "exports").exists() or list((tmp_path / "exports").iterdir()) == []
