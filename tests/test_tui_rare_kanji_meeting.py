"""A whole meeting typed at 80×24 with the rare-kanji data of issue 16 (𠮷 U+20BB7, 髙, 﨑, ﾏﾙﾏﾙ, ３０１):
every character typed is on the screen a real terminal would show (tests/terminal_screen.py) — in
the dialogs, the wrapped text areas and the tables — and in the app's own screenshot."""

from __future__ import annotations

from pathlib import Path

from tests.terminal_screen import TerminalScreen
from tests.tui_helpers import make_app, settle, type_text

LABEL = "𠮷田ﾏﾙﾏﾙ世帯"
SUMMARY = "髙﨑ﾏﾙﾏﾙさん（８２歳）と長男の二人暮らし。３０１号室の前にごみが積まれ、悪臭がすると近隣から苦情。"
PLACE = "市役所３０１会議室"
CHAIR = "地域福祉課 山﨑"
PURPOSE = "𠮷田さん世帯のごみ問題と長男の孤立について、各機関の関わりを確認する。"
ATTENDEE = "髙﨑 ﾏﾙﾏﾙ"
INFO = "３０１号室を訪問。𠮷田さんは玄関先で応対。"
TASK = "３０１号室訪問"
PERSON = "山﨑 浩"


def _flat(lines: list[str]) -> str:
    return "".join("".join(lines).split())


async def _type_into(pilot, widget_id: str, text: str) -> None:
    pilot.app.screen.query_one(widget_id).focus()
    await type_text(pilot, text)


async def _check_area(pilot, terminal: TerminalScreen, widget_id: str, text: str) -> None:
    """A (wrapped) text field shows `text` whole: on the terminal and in its own rendered lines."""
    await pilot.pause(0.1)
    area = pilot.app.screen.query_one(widget_id)
    area.scroll_home(animate=False)
    await pilot.pause(0.1)
    region = area.scrollable_content_region if hasattr(area, "wrapped_document") else area.content_region
    shown = _flat(terminal.region_text(region))
    assert _flat([text]).startswith(shown) or shown.startswith(_flat([text])), (shown, terminal.text())
    assert len(shown) >= min(len(_flat([text])), 20)


async def _add_row(pilot, table_id: str, typed: dict[str, str], agency: bool = False) -> None:
    pilot.app.screen.query_one(table_id).focus()
    await pilot.press("a")
    await settle(pilot)
    if agency:
        pilot.app.screen.query_one("#f-agency_id").focus()
        await pilot.press("enter", "down", "enter")
    for field, text in typed.items():
        await _type_into(pilot, f"#f-{field}", text)
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.pause(0.1)


def _table_shows(terminal: TerminalScreen, table, text: str) -> bool:
    return _flat([text]) in _flat(terminal.region_text(table.region))


async def _step(pilot, kind: str) -> None:
    kinds = [step["kind"] for step in pilot.app.screen.meeting.steps]
    await pilot.press("ctrl+g", "home", *(["down"] * kinds.index(kind)), "enter")
    await settle(pilot)
    await pilot.pause(0.1)


async def test_a_whole_meeting_typed_with_rare_kanji_shows_every_character(
    tmp_path: Path, monkeypatch
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        terminal = TerminalScreen.attach(app, monkeypatch)
        await settle(pilot)

        # A new case, typed in its dialog.
        await pilot.press("n")
        await settle(pilot)
        await _type_into(pilot, "#f-label", LABEL)
        await _type_into(pilot, "#f-summary", SUMMARY)
        await pilot.pause(0.1)
        assert LABEL in terminal.text()
        await _check_area(pilot, terminal, "#f-summary", SUMMARY)
        assert "保存 (Ctrl+S)" in terminal.text()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert LABEL in terminal.text()

        # Its meeting, from the new meeting dialog.
        app.screen.query_one("#cases").focus()
        await pilot.press("m")
        await settle(pilot)
        await _type_into(pilot, "#f-place", PLACE)
        await _type_into(pilot, "#f-chair", CHAIR)
        await pilot.pause(0.1)
        assert PLACE in terminal.text() and CHAIR in terminal.text()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.meeting.place == PLACE
        assert LABEL in terminal.text()  # the meeting's title line names the case

        # Opening: the purpose, wrapped over several lines of its field.
        await _step(pilot, "opening")
        await _type_into(pilot, "#m-purpose", PURPOSE)
        await _check_area(pilot, terminal, "#m-purpose", PURPOSE)

        # Attendance: a row typed in the dialog, shown in the table.
        await _step(pilot, "attendance")
        await _add_row(pilot, "#table-attendee", {"name": ATTENDEE}, agency=True)
        assert _table_shows(terminal, app.screen.query_one("#table-attendee"), ATTENDEE), terminal.text()

        # Case summary: the summary typed in the case dialog, wrapped in the step's field, and more typed.
        await _step(pilot, "case_summary")
        await _check_area(pilot, terminal, "#c-summary", SUMMARY)
        area = app.screen.query_one("#c-summary")
        area.focus()
        area.move_cursor(area.document.end)
        await type_text(pilot, "ﾏﾙﾏﾙ𠮷")
        await pilot.pause(0.1)
        assert area.text == SUMMARY + "ﾏﾙﾏﾙ𠮷"
        assert _flat(terminal.region_text(area.scrollable_content_region)).endswith("苦情。ﾏﾙﾏﾙ𠮷"), (
            terminal.text()
        )

        # Information sharing and roles.
        await _step(pilot, "info_sharing")
        await _add_row(pilot, "#table-shared_info", {"content": INFO}, agency=True)
        detail = app.screen.query_one(".item-detail")
        assert _flat([INFO]) in _flat(terminal.region_text(detail.region)), terminal.text()
        await _step(pilot, "roles")
        await _add_row(pilot, "#table-role", {"task": TASK, "person": PERSON, "due_date": "2026-12-24"})
        table = app.screen.query_one("#table-role")
        for text in (TASK, PERSON, "2026-12-24"):
            assert _table_shows(terminal, table, text), terminal.text()

        # What was typed is what was stored, and the app's own screenshot has it too.
        assert PERSON in app.export_screenshot() or "山﨑" in app.export_screenshot()
