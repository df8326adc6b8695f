"""What a facilitator sees at 80×24 (issue 16): every dialog shows its buttons, the step title line
fits title, timer and save stamp, checkboxes say their state without colour, tables fit their content."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui_helpers import make_app, settle
from welfare_tui.demo import build_demo


def screen_text(app) -> str:
    """The screen as drawn (a full render of the top screen, dialogs over what is behind them)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    return url


@pytest.mark.parametrize("key", ["n", "m"])  # the new case and new meeting dialogs
@pytest.mark.parametrize("size", [(80, 24), (80, 18)])
async def test_a_long_dialog_shows_its_buttons(tmp_path: Path, demo_url: str, key: str, size) -> None:
    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        text = screen_text(app)
        assert "保存 (Ctrl+S)" in text and "取消 (Esc)" in text, text
        for _ in range(12):  # Tab through every field: the buttons stay where they are
            await pilot.press("tab")
        await pilot.pause()
        assert "保存 (Ctrl+S)" in screen_text(app)
        fields = app.screen.query_one("#form-fields")
        assert fields.region.bottom <= app.screen.query_one("#form-buttons").region.y
