"""Helpers for Pilot tests: type like a user (Japanese included) and build the app on a temporary database."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual import events
from textual.keys import _character_to_key

from welfare_tui.config import Settings
from welfare_tui.views.app import WelfareApp

FIXED_NOW = datetime(2026, 11, 20, 14, 0)


def make_app(tmp_path: Path, db_url: str | None = None, *, lang: str = "ja") -> WelfareApp:
    settings = Settings(
        db=db_url or str(tmp_path / "tui.db"), export_dir=str(tmp_path / "exports"), lang=lang
    )
    return WelfareApp(settings, now=lambda: FIXED_NOW)


async def type_text(pilot, text: str) -> None:
    """Press one key per character, as a keyboard (or an input method committing text) would.

    Pilot.press loses the character of full-width punctuation (。、「」): it looks the key name up
    as a Unicode name and fails. A terminal sends such keys as Key(name, character), so send that.
    """
    for char in text:
        special = {" ": "space", "\n": "enter"}.get(char)
        if special or char.isalnum() or char.isascii():
            await pilot.press(special or char)
            continue
        event = events.Key(_character_to_key(char), char)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
        await pilot.pause()


async def pick_agency(pilot, query: str) -> None:
    """In a focused agency picker: type `query` (the first key opens the search) and take the best
    match with Enter."""
    await type_text(pilot, query)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def eventually(pilot, condition: Callable[..., bool], *args: Any, frames: int = 100) -> bool:
    """Whether `condition` holds within `frames` short pauses: for what Textual does after a refresh
    (scrolling a focused widget into view), which a busy machine may not have done after one pause."""
    for _ in range(frames):
        if condition(*args):
            return True
        await pilot.pause(0.02)
    return condition(*args)


def plain_text(widget) -> str:
    """What a Static shows, as plain text (for Rich renderables such as the ecomap drawing)."""
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())  # recorded, not shown
    console.print(widget.content)
    return console.export_text()


def seed_meeting(db_url: str, agenda_id: str = "shien_kaigi") -> int:
    """A case (山田世帯) with one new meeting; returns the meeting id."""
    from datetime import date

    from welfare_tui.agendas import get_agenda
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    engine = open_database(db_url)
    with session_scope(engine) as session:
        case = repo.create_case(
            session, label="山田世帯", summary="82歳の母と53歳の長男の二人暮らし", tags=["8050", "ひきこもり"]
        )
        meeting = repo.create_meeting(
            session,
            case_id=case.id,
            agenda=get_agenda(agenda_id),
            date=date(2026, 11, 20),
            start="14:00",
            place="市役所 第3会議室",
        )
    engine.dispose()
    return meeting.id


async def open_only_meeting(pilot) -> None:
    """From the home screen, open the first meeting of the meetings table."""
    await settle(pilot)
    pilot.app.screen.query_one("#meetings").focus()
    await pilot.press("enter")
    await settle(pilot)


# Data a real municipal user types: U+20BB7 𠮷, 髙, 﨑, half-width kana and full-width digits.
RARE_SUMMARY = (
    "𠮷田ﾏﾙﾏﾙ様（82歳）と長男の髙﨑さん（53歳）の二人暮らし。近隣から「家の周りにごみが積まれ、悪臭がする」"
    "との苦情が続き、自治会長経由で市に相談。長男は買い物に行けていないと話す。ごみは３０１号室の玄関先まで出ている。"
)
RARE_AGENCY = {"name": "𠮷田ｹｱﾌﾟﾗﾝｾﾝﾀｰ髙﨑", "short": "𠮷田ｹｱﾌﾟﾗﾝ", "sector": "高齢"}
RARE_ROLE = {
    "task": "３０１号室のごみ搬出の日程を𠮷田さんと調整",
    "person": "山﨑 浩二",
    "due_date": "2026-12-24",
}
RARE_TIE = {
    "to_node": "電力会社𠮷田ｻｰﾋﾞｽ",
    "strength": "weak",
    "stressful": True,
    "flow": "none",
    "label": "３０１号室のごみの苦情（髙﨑）",
}
RARE_ATTENDEE = {"role": "主任介護支援専門員", "name": "髙﨑 ﾏﾙﾏﾙ"}


def add_rare_kanji(db_url: str, case_code: str = "DEMO-2026-001", round_: int = 2) -> int:
    """Put the rare-kanji data into a demo case and its meeting (returns the meeting id): the summary,
    a local agency (attending, owning a role), a role, a stressful free-label tie."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    engine = open_database(db_url)
    with session_scope(engine) as session:
        meeting = next(m for m in repo.list_meetings(session, case_code=case_code) if m.round == round_)
        case_id = repo.get_meeting(session, meeting_id=meeting.id).case_id
        repo.update_case(session, case_id=case_id, summary=RARE_SUMMARY)
        agency = repo.add_agency(session, **RARE_AGENCY)
        repo.add_item(
            session, kind="attendee", parent_id=meeting.id, values={**RARE_ATTENDEE, "agency_id": agency.id}
        )
        repo.add_item(
            session, kind="role", parent_id=meeting.id, values={**RARE_ROLE, "agency_id": agency.id}
        )
        repo.add_item(session, kind="tie", parent_id=meeting.id, values=RARE_TIE)
    engine.dispose()
    return meeting.id
