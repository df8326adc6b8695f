"""SVG snapshots that pin the look of the home and meeting screens, at 80×24 and at 120×40.

The app runs on the demo database with a frozen clock; text cursors do not blink. Update on purpose
with `pytest tests/test_snapshots.py --snapshot-update`, after looking at the new pictures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tests.tui_helpers import make_app, settle
from welfare_tui.demo import build_demo


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    return url


@pytest.fixture
def demo_app(tmp_path: Path, demo_url: str):
    return make_app(tmp_path, demo_url)


@pytest.fixture
def demo_app_en(tmp_path: Path, demo_url: str):
    return make_app(tmp_path, demo_url, lang="en")


async def _still(pilot) -> None:
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


def _open_first_meeting(step_downs: int):
    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("tab", "down", "enter")  # meetings table, second row: A氏世帯 第2回
        await settle(pilot)
        if step_downs:
            await pilot.press("ctrl+g", "home", *(["down"] * step_downs), "enter")
        await _still(pilot)

    return run


def test_home_80x24(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=_still)


def test_home_120x40(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=_still)


def test_meeting_info_sharing_80x24(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=_open_first_meeting(5))


def test_meeting_ecomap_120x40(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=_open_first_meeting(6))


def test_home_80x24_english(snap_compare, demo_app_en) -> None:
    assert snap_compare(demo_app_en, terminal_size=(80, 24), run_before=_still)


def test_meeting_info_sharing_80x24_english(snap_compare, demo_app_en) -> None:
    assert snap_compare(demo_app_en, terminal_size=(80, 24), run_before=_open_first_meeting(5))


def _overrun(demo_url: str, tmp_path: Path, lang: str):
    """The demo 8050 household's planned third meeting, opened (so held), 15 minutes into its
    information-sharing step's 8-minute box."""
    from datetime import timedelta

    from tests.test_tui_timebox import Clock, clocked_app

    clock = Clock()
    app = clocked_app(tmp_path, demo_url, clock, lang=lang)

    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("tab", "enter")  # meetings table, first row: the planned 第3回
        await settle(pilot)
        await pilot.press("ctrl+g", "home", "down", "down", "down", "down", "enter")
        await settle(pilot)
        clock.now += timedelta(minutes=15)
        await pilot.press("ctrl+g")
        pilot.app.screen.tick()
        await _still(pilot)

    return app, run


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_meeting_with_an_overrun_step_80x24(snap_compare, demo_url, tmp_path, lang) -> None:
    app, run = _overrun(demo_url, tmp_path, lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run)


# Issue 16: the rare-kanji data (𠮷 U+20BB7, 髙, 﨑, ﾏﾙﾏﾙ, ３０１) in the screens a facilitator sees, at
# both sizes. Every character must be drawn: no wide character lost at a wrap or clip boundary.
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@pytest.fixture
def rare_app(tmp_path: Path, demo_url: str):
    from tests.tui_helpers import add_rare_kanji

    add_rare_kanji(demo_url)
    return make_app(tmp_path, demo_url)


def _at_step(kind: str, *then: str):
    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("tab", "down", "enter")  # meetings table, second row: A氏世帯 第2回
        await settle(pilot)
        kinds = [step["kind"] for step in pilot.app.screen.meeting.steps]
        await pilot.press("ctrl+g", "home", *(["down"] * kinds.index(kind)), "enter")
        await settle(pilot)
        if then:
            await pilot.press(*then)
            await settle(pilot)
        if kind == "ecomap":  # the drawing, below the table of ties
            pilot.app.screen.query_one("#ecomap-drawing").scroll_visible(animate=False, top=True)
        await _still(pilot)

    return run


@SIZES
@pytest.mark.parametrize("kind", ["case_summary", "roles", "ecomap"])
def test_rare_kanji_step(snap_compare, rare_app, kind: str, size) -> None:
    assert snap_compare(rare_app, terminal_size=size, run_before=_at_step(kind))


@SIZES
def test_rare_kanji_agency_dropdown(snap_compare, rare_app, size) -> None:
    async def run(pilot) -> None:
        await _at_step("attendance")(pilot)
        pilot.app.screen.query_one("#table-attendee").focus()
        await pilot.press("a")
        await settle(pilot)
        pilot.app.screen.query_one("#f-agency_id").focus()
        await pilot.press("enter", *(["up"] * 3))  # from the end: the local 𠮷田ｹｱﾌﾟﾗﾝ among others
        await _still(pilot)

    assert snap_compare(rare_app, terminal_size=size, run_before=run)


def _dialog(key: str, typed: dict[str, str]):
    async def run(pilot) -> None:
        from tests.tui_helpers import type_text

        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        for field, text in typed.items():
            pilot.app.screen.query_one(f"#f-{field}").focus()
            await type_text(pilot, text)
        await _still(pilot)

    return run


@SIZES
def test_rare_kanji_new_case_dialog(snap_compare, rare_app, size) -> None:
    typed = {"label": "𠮷田ﾏﾙﾏﾙ世帯", "summary": "髙﨑さん宅（３０１号室）。"}
    assert snap_compare(rare_app, terminal_size=size, run_before=_dialog("n", typed))


@SIZES
def test_rare_kanji_new_meeting_dialog(snap_compare, rare_app, size) -> None:
    typed = {"place": "市役所３０１会議室", "chair": "地域福祉課 山﨑"}
    assert snap_compare(rare_app, terminal_size=size, run_before=_dialog("m", typed))


def _intake_inbox(tmp_path: Path):
    """A new database with three intakes (one open, one referred, one closed), the inbox open."""
    from welfare_tui.storage import repo

    app = make_app(tmp_path)
    window = next(a for a in app.db.query(repo.list_agencies) if "地域包括" in a.name)
    opened = app.db.run(
        repo.add_intake,
        window_agency=window.id,
        label="𠮷田世帯",
        date="2026-11-18",
        route="agency",
        concern="82歳の母と長男（髙﨑）の二人暮らし。ごみの苦情",
        tags=["8050", "ごみ屋敷"],
    )
    referred = app.db.run(
        repo.add_intake, label="山﨑世帯", date="2026-11-10", route="self_family", concern="家賃の滞納"
    )
    closed = app.db.run(
        repo.add_intake, label="髙橋さん", date="2026-11-02", route="resident", concern="制度の問い合わせ"
    )
    agency = app.db.query(repo.list_agencies)[0]
    app.db.run(repo.refer_intake, intake_id=referred["id"], to_agency=agency.id, date="2026-11-12")
    app.db.run(repo.close_intake, intake_id=closed["id"], note="情報提供のみ", date="2026-11-03")
    assert opened["outcome"] == "open"

    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("i")
        await _still(pilot)

    return app, run


def test_intake_inbox_80x24(snap_compare, tmp_path: Path) -> None:
    app, run = _intake_inbox(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run)


# Issue 15: the statistics screen (s on the home screen) on the demo year, its figures with their bars
# at both sizes, the unmet needs at 80×24.
def _statistics(*keys: str):
    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
        await _still(pilot)

    return run


@SIZES
def test_statistics_screen(snap_compare, demo_app, size) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=_statistics())


def test_statistics_unmet_needs_80x24(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=_statistics("3"))
