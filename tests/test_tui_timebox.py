"""Time boxes: each step shows its time against its box, an overrun is said in words and marked in
the agenda, the clock never repaints while a text field has focus, and the time spent is recorded
per step for the minutes. Also: finalising is refused with the list of what is missing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.content import Content

from tests.tui_helpers import (
    FIXED_NOW,
    make_app,
    open_only_meeting,
    plain_text,
    seed_meeting,
    settle,
    type_text,
)
from welfare_tui.config import Settings
from welfare_tui.minutes import render
from welfare_tui.storage import repo
from welfare_tui.storage.documents import meeting_document
from welfare_tui.views.app import WelfareApp
from welfare_tui.views.modals.item_form import ItemForm


class Clock:
    def __init__(self) -> None:
        self.now = FIXED_NOW

    def __call__(self):
        return self.now


def clocked_app(tmp_path: Path, url: str, clock: Clock, lang: str = "ja") -> WelfareApp:
    return WelfareApp(Settings(db=url, export_dir=str(tmp_path / "exports"), lang=lang), now=clock)


async def test_overrun_is_shown_quietly_and_recorded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'time.db'}"
    meeting_id = seed_meeting(url)
    clock = Clock()
    app = clocked_app(tmp_path, url, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        screen = app.screen
        step_clock = screen.query_one("#step-clock")
        assert "0分 / 5分" in plain_text(step_clock)

        # Typing in the purpose box: the clock does not repaint, whatever the time.
        await type_text(pilot, "情報共有")
        clock.now += timedelta(minutes=7)
        screen.tick()
        await pilot.pause()
        assert "0分 / 5分" in plain_text(step_clock) and not step_clock.has_class("-overrun")

        # Away from the text field, the next tick shows the overrun in words and marks the agenda.
        await pilot.press("ctrl+g")
        screen.tick()
        await pilot.pause()
        assert "7分 / 5分" in plain_text(step_clock) and "2分超過" in plain_text(step_clock)
        assert step_clock.has_class("-overrun")
        prompt = screen.query_one("#agenda").get_option_at_index(0).prompt
        assert Content.from_markup(prompt).plain.endswith("!")
        assert "経過 0:07 / 予定 1:26" in plain_text(screen.query_one("#meeting-clock"))

        # Moving on records the time on the step; the minutes print it.
        screen.query_one("#m-purpose").focus()
        await pilot.press("ctrl+n")
        await settle(pilot)
        steps = app.db.run(repo.get_meeting, meeting_id=meeting_id).steps
        assert steps[0]["seconds"] == 7 * 60 and steps[0]["done"]
        markdown = app.db.run(lambda s, **_: render(meeting_document(s, meeting_id=meeting_id), "md"))
        assert "| 1    | 開会・趣旨説明" in markdown and "7分" in markdown and "超過" in markdown


async def test_overrun_in_english(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'time_en.db'}"
    seed_meeting(url)
    clock = Clock()
    app = clocked_app(tmp_path, url, clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        clock.now += timedelta(minutes=9)
        await pilot.press("ctrl+g")
        app.screen.tick()
        await pilot.pause()
        assert "9 / 5 min" in plain_text(app.screen.query_one("#step-clock"))
        assert "4 min over" in plain_text(app.screen.query_one("#step-clock"))


async def test_finishing_with_an_unowned_issue_is_refused_with_the_list(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'close.db'}"
    meeting_id = seed_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.db.open()
        app.db.run(
            repo.update_meeting,
            meeting_id=meeting_id,
            confidentiality_confirmed_at="14:03",
            statement_version="106-6-5_v1",
            next_meeting_note="随時開催",
        )
        app.db.run(
            repo.add_item,
            kind="assessment",
            parent_id=meeting_id,
            values={"kind": "issue", "text": "長男の社会的孤立", "priority": 1},
        )
        await open_only_meeting(pilot)
        await pilot.press("ctrl+g", "end", "enter")  # the closing step
        await settle(pilot)
        problems = plain_text(app.screen.query_one("#finish-problems"))
        assert "課題「長男の社会的孤立」の担当機関が決まっていない" in problems
        assert "モニタリングの時期が決まっていない" in problems
        app.screen.query_one("#finish-meeting").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.db.run(repo.get_meeting, meeting_id=meeting_id).status != "finished"

        # Recording why lets the facilitator finalise anyway; the minutes say why.
        app.screen.query_one("#r-incomplete_reason").focus()
        await type_text(pilot, "本人の体調不良により会議を短縮した")
        app.screen.query_one("#finish-meeting").focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")  # the proposed end time, confirmed
        await settle(pilot)
        meeting = app.db.run(repo.get_meeting, meeting_id=meeting_id)
        assert (
            meeting.status == "finished" and meeting.incomplete_reason == "本人の体調不良により会議を短縮した"
        )


async def test_the_end_time_is_proposed_not_imposed(tmp_path: Path) -> None:
    """Finishing at 22:00 a meeting typed as starting at 10:00: the end time offered is the start plus the
    agenda's planned minutes, not the wall clock; Esc finishes nothing; an edited time is what is saved."""
    from datetime import datetime

    url = f"sqlite:///{tmp_path / 'late.db'}"
    meeting_id = seed_meeting(url)
    app = make_app(tmp_path, url)
    app.now = lambda: datetime(2026, 11, 20, 22, 0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.db.open()
        app.db.run(
            repo.update_meeting,
            meeting_id=meeting_id,
            start_time="10:00",
            confidentiality_confirmed_at="10:03",
            statement_version="106-6-5_v1",
            next_meeting_note="随時開催",
            incomplete_reason="短縮した",
        )
        planned = sum(step["minutes"] for step in app.db.run(repo.get_meeting, meeting_id=meeting_id).steps)
        expected = (datetime(2026, 11, 20, 10, 0) + timedelta(minutes=planned)).strftime("%H:%M")
        await open_only_meeting(pilot)
        await pilot.press("ctrl+g", "end", "enter")  # the closing step
        await settle(pilot)
        app.screen.query_one("#finish-meeting").focus()
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.query_one("#f-end_time").value == expected != "22:00"
        await pilot.press("escape")
        await settle(pilot)
        meeting = app.db.run(repo.get_meeting, meeting_id=meeting_id)
        assert meeting.status != "finished" and meeting.end_time == ""

        app.screen.query_one("#finish-meeting").focus()
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#f-end_time").value = "11:45"
        await pilot.press("ctrl+s")
        await settle(pilot)
        meeting = app.db.run(repo.get_meeting, meeting_id=meeting_id)
        assert meeting.status == "finished" and meeting.end_time == "11:45"


def test_proposed_end_time() -> None:
    from datetime import date, datetime

    from welfare_tui.meeting_rules import proposed_end_time

    day = date(2026, 11, 20)
    assert (
        proposed_end_time(day=day, start="10:00", planned_minutes=90, now=datetime(2026, 11, 20, 11, 20))
        == "11:20"
    )
    assert (
        proposed_end_time(day=day, start="10:00", planned_minutes=90, now=datetime(2026, 11, 20, 22, 0))
        == "11:30"
    )
    assert (
        proposed_end_time(day=day, start="10:00", planned_minutes=90, now=datetime(2026, 11, 21, 9, 0))
        == "11:30"
    )
    assert (
        proposed_end_time(day=day, start="", planned_minutes=90, now=datetime(2026, 11, 20, 15, 5)) == "15:05"
    )
    assert proposed_end_time(day=day, start="", planned_minutes=90, now=datetime(2026, 11, 25, 15, 5)) == ""
    assert (
        proposed_end_time(day=day, start="23:30", planned_minutes=90, now=datetime(2026, 11, 21, 9, 0))
        == "23:59"
    )
