"""Wide characters are never dropped at a wrap or clip boundary (views/widgets/wide_text.py).

Checked on what a real terminal shows (tests/terminal_screen.py applies the app's output bytes to a
grid of cells), since the app's own screenshot is a fresh full render that hid both defects.
"""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from tests.terminal_screen import TerminalScreen
from tests.tui_helpers import make_app, open_only_meeting, seed_meeting, settle
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope

SUMMARY = (
    "𠮷田ﾏﾙﾏﾙ様（82歳）と長男の髙﨑さん（53歳）の二人暮らし。近隣から「家の周りにごみが積まれ、悪臭がする」との"
    "苦情が続き、自治会長経由で市に相談。長男は買い物に行けていないと話す。ごみは３０１号室の玄関先まで出ている。"
)


def _with_summary(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'wide.db'}"
    meeting_id = seed_meeting(url)
    engine = open_database(url)
    with session_scope(engine) as session:
        case_id = repo.get_meeting(session, meeting_id=meeting_id).case_id
        repo.update_case(session, case_id=case_id, summary=SUMMARY)
    engine.dispose()
    return url


async def _go_to_step(pilot, kind: str) -> None:
    await open_only_meeting(pilot)
    kinds = [step["kind"] for step in pilot.app.screen.meeting.steps]
    await pilot.press("ctrl+g", "home", *(["down"] * kinds.index(kind)), "enter")
    await settle(pilot)
    await pilot.pause(0.2)


async def test_the_summary_wraps_without_losing_a_character(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, _with_summary(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        terminal = TerminalScreen.attach(app, monkeypatch)
        await _go_to_step(pilot, "case_summary")
        area = app.screen.query_one("#c-summary")
        region = area.scrollable_content_region
        # The widget's own lines and the terminal's cells: the start of the summary, whole.
        rendered = "".join(area.render_line(y).text.rstrip() for y in range(region.height))
        shown = "".join(terminal.region_text(region))
        assert len(shown) > 40
        assert SUMMARY.startswith(rendered)
        assert SUMMARY.startswith(shown), (shown, terminal.text())


async def test_agency_search_rows_over_a_dialog_keep_every_character(tmp_path: Path, monkeypatch) -> None:
    from tests.tui_helpers import add_rare_kanji
    from welfare_tui.demo import build_demo

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    add_rare_kanji(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        terminal = TerminalScreen.attach(app, monkeypatch)
        await settle(pilot)
        await pilot.press("tab", "down", "enter")  # the demo's A氏世帯 第2回
        await settle(pilot)
        await _go_to_step_here(pilot, "attendance")
        app.screen.query_one("#table-attendee").focus()
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#f-agency_id").focus()
        await pilot.press("enter")  # the agency search, over the dialog, over the meeting
        await settle(pilot)
        options = app.screen.query_one("#agency-options")
        labels = {
            Content.from_markup(str(options.get_option_at_index(i).prompt)).plain.strip()
            for i in range(options.option_count)
        }
        for _ in range(3):
            rows = [row.strip() for row in terminal.region_text(options.scrollable_content_region)]
            shown = [row for row in rows if row]
            assert len(shown) >= 5
            for row in shown:  # 「事業所｜障害福祉サービス事業所」, never 「    業所｜…」
                assert row in labels, (row, terminal.text())
            for _ in range(9):  # moving the highlight repaints rows one by one (partial updates)
                await pilot.press("down")
            await pilot.pause(0.2)


async def _go_to_step_here(pilot, kind: str) -> None:
    kinds = [step["kind"] for step in pilot.app.screen.meeting.steps]
    await pilot.press("ctrl+g", "home", *(["down"] * kinds.index(kind)), "enter")
    await settle(pilot)
    await pilot.pause(0.2)


async def test_a_dropdown_over_narrow_widgets_keeps_every_character(monkeypatch) -> None:
    """Textual divided the dropdown's rows at the edges of the widgets under it (every 3 cells here)."""
    from textual.app import App
    from textual.containers import Horizontal
    from textual.widgets import Select, Static

    labels = [
        "ケアマネ｜居宅介護支援事業所",
        "基幹｜基幹相談支援センター",
        "市福祉課｜みよし市 福祉課",
        "𠮷田ｹｱﾌﾟﾗﾝ｜𠮷田ｹｱﾌﾟﾗﾝｾﾝﾀｰ髙﨑",
        "事業所｜障害福祉サービス事業所",
    ]

    class Form(App[None]):
        CSS = "Horizontal { height: 12; } Static { width: 3; height: 12; }"

        def compose(self):
            yield Select([(label, index) for index, label in enumerate(labels)], id="choice")
            with Horizontal():
                for _ in range(20):
                    yield Static("ああ\n" * 12)

    app = Form()
    async with app.run_test(size=(60, 20)) as pilot:
        terminal = TerminalScreen.attach(app, monkeypatch)
        app.query_one("#choice").focus()
        await pilot.press("enter")
        await pilot.pause(0.2)
        overlay = app.screen.query_one("SelectOverlay")
        for _ in range(3):
            shown = [
                row.strip() for row in terminal.region_text(overlay.scrollable_content_region) if row.strip()
            ]
            drawn = [
                strip.crop(
                    overlay.scrollable_content_region.x, overlay.scrollable_content_region.right
                ).text.strip()
                for strip in app.screen._compositor.render_strips()[
                    overlay.scrollable_content_region.y : overlay.scrollable_content_region.bottom
                ]
            ]
            assert set(labels) <= set(shown), terminal.text()  # on the terminal
            assert set(labels) <= set(drawn)  # and in a full render (screenshots)
            await pilot.press("down")
            await pilot.pause(0.1)
