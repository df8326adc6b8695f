"""`--lang en` shows every screen fully in English, `--lang ja` in Japanese: walk a whole meeting
whose data holds no Japanese and look for any Japanese character on screen."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from tests.tui_helpers import make_app, settle
from welfare_tui.agendas import get_agenda, list_agendas
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope

JAPANESE_TEXT = re.compile(r"[\u3041-\u30fa\u30fc-\u30ff\u4e00-\u9fff]")


def seed_ascii_meeting(url: str, agenda_id: str) -> None:
    engine = open_database(url)
    with session_scope(engine) as session:
        case = repo.create_case(session, label="Household A", consent_status="written")
        repo.create_meeting(session, case_id=case.id, agenda=get_agenda(agenda_id), date=date(2026, 11, 20))
    engine.dispose()


def screen_text(app) -> str:
    """The text of the screen as drawn (the SVG screenshot with its entities decoded)."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


@pytest.mark.parametrize("agenda_id", [agenda.id for agenda in list_agendas()])
async def test_every_step_in_english(tmp_path: Path, agenda_id: str) -> None:
    url = f"sqlite:///{tmp_path / 'en.db'}"
    seed_ascii_meeting(url, agenda_id)
    app = make_app(tmp_path, url, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not JAPANESE_TEXT.findall(screen_text(app)), "home"
        app.screen.query_one("#meetings").focus()
        await pilot.press("enter")
        await settle(pilot)
        for number, step in enumerate(app.screen.meeting.steps, start=1):
            found = JAPANESE_TEXT.findall(screen_text(app))
            assert not found, (number, step["kind"], "".join(found))
            await pilot.press("ctrl+n")
            await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert "Keys and help" in screen_text(app)
        assert not JAPANESE_TEXT.findall(screen_text(app)), "help"


async def test_japanese_by_default_and_english_on_request(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'both.db'}"
    seed_ascii_meeting(url, "shien_kaigi")
    for lang, expected in (("ja", "新規ケース"), ("en", "New case")):
        app = make_app(tmp_path, url, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert expected in screen_text(app)
