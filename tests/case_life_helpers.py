"""Helpers for the pilot tests of the case's life: seed a case and meetings, walk to a step."""

from __future__ import annotations

from datetime import date

from tests.tui_helpers import settle
from welfare_tui.agendas import get_agenda
from welfare_tui.storage import repo


def seed_case(app, *, consent: str = "written", status: str = "shien_kaigi") -> int:
    """A case (𠮷田世帯) with consent (from 2026-10-01) unless `consent` is "none"; returns its id."""
    values = (
        {"consent_date": "2026-10-01", "consent_scope": "関係機関での情報共有"} if consent != "none" else {}
    )
    case = app.db.run(
        repo.create_case,
        label="𠮷田世帯",
        summary="82歳の母と長男（髙﨑）の二人暮らし",
        status=status,
        consent_status=consent,
        **values,
    )
    return case.id


def seed_meeting(app, case_id: int, agenda_id: str, day: date = date(2026, 11, 20)) -> int:
    meeting = app.db.run(
        repo.create_meeting, case_id=case_id, agenda=get_agenda(agenda_id), date=day, start="14:00"
    )
    return meeting.id


async def open_meeting(pilot, meeting_id: int) -> None:
    from welfare_tui.views.screens.home import HomeScreen

    await settle(pilot)
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    home.open_meeting(meeting_id)
    await settle(pilot)


async def goto_step(pilot, kind: str) -> None:
    """In the meeting screen: choose the first step of `kind` in the agenda (Ctrl+G, arrows, Enter)."""
    screen = pilot.app.screen
    index = next(i for i, step in enumerate(screen.meeting.steps) if step["kind"] == kind)
    await pilot.press("ctrl+g", "home", *["down"] * index, "enter")
    await settle(pilot)
    assert screen.view is not None and screen.meeting.steps[index]["id"] == screen.meeting.current_step


def record_notices(app) -> list[str]:
    """Every notification the app shows from now on, as its text (shown as well)."""
    notices: list[str] = []
    shown = app.notify

    def notify(message: str, **options) -> None:
        notices.append(message)
        shown(message, **options)

    app.notify = notify
    return notices
