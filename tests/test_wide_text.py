"""Wide characters are never dropped at a wrap or clip boundary (views/widgets/wide_text.py).

Checked on what a real terminal shows (tests/terminal_screen.py applies the app's output bytes to a
grid of cells), since the app's own screenshot is a fresh full render that hid both defects.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from tests.terminal_screen import TerminalScreen
from tests.tui_helpers import make_app, open_only_meeting, seed_meeting, settle
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope

SUMMARY = ("𠮷田ﾏﾙﾏﾙ様（82歳）と長男の髙﨑さん（53歳）の二人暮らし。近隣から「家の周りにごみが積まれ、悪臭がする」との"
           "苦情が続き、自治会長経由で市に相談。長男は買い物に行けていないと話す。ごみは３０１号室の玄関先まで出ている。")


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


async def test_dropdown_rows_over_a_dialog_keep_every_character(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, _with_summary(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        terminal = TerminalScreen.attach(app, monkeypatch)
        await _go_to_step(pilot, "attendance")
        app.screen.query_one("DataTable").focus()
        await pilot.press("a")
        await settle(pilot)
        select = app.screen.query_one(Select)
        labels = {str(prompt) for prompt, _ in select._options} | {select.prompt}
        select.focus()
        await pilot.press("enter")
        await pilot.pause(0.2)
        overlay = app.screen.query_one("SelectOverlay")
        rows = [row.strip() for row in terminal.region_text(overlay.scrollable_content_region)]
        shown = [row for row in rows if row]
        assert len(shown) >= 8
        for row in shown:  # 「事業所｜障害福祉サービス事業所」, never 「    業所｜…」
            assert row in labels, (row, terminal.text())
        for _ in range(12):  # moving the highlight repaints rows one by one (partial updates)
            await pilot.press("down")
        await pilot.pause(0.2)
        rows = [row.strip() for row in terminal.region_text(overlay.scrollable_content_region)]
        assert all(row in labels for row in rows if row), terminal.text()
