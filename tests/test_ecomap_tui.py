"""Pilot: in the 8050 household's second meeting, add a free-label tie from the keyboard; the drawing
follows the typing and the change list shows the new tie once it is saved."""

from __future__ import annotations

from tests.tui_helpers import make_app, plain_text, settle, type_text
from welfare_tui.demo import build_demo


async def test_editing_a_tie_updates_the_drawing_and_the_change_list(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "down", "enter")  # A氏世帯 第2回
        await settle(pilot)
        await pilot.press("ctrl+g", "home", *(["down"] * 6), "enter")  # the ecomap step
        await settle(pilot)
        changes = app.screen.query_one("#ecomap-changes")
        assert "民生委員" in plain_text(changes) and "弱まった" in plain_text(changes)
        app.screen.query_one("#table-tie").focus()
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*(["tab"] * 6))  # agency, strength, stress, flow, label, member → free label
        await type_text(pilot, "近所の友人")
        await settle(pilot)
        drawing = app.screen_stack[-2].query_one("#ecomap-drawing")
        assert "近所の友人" in plain_text(drawing)  # drawn while typing, before saving
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "近所の友人" in plain_text(app.screen.query_one("#ecomap-drawing"))
        assert "「近所の友人」とのつながりが加わった" in plain_text(app.screen.query_one("#ecomap-changes"))
        await pilot.press("c")
        await settle(pilot)
        assert not app.screen.query_one("#ecomap-changes").display
