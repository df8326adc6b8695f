"""`views/typed_app.welfare_app`: the views' typed way to the app's own methods."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from tests.tui_helpers import make_app
from welfare_tui.views.typed_app import welfare_app


async def test_a_view_in_the_welfare_app_gets_it_typed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        assert welfare_app(pilot.app.screen) is app
        assert welfare_app(pilot.app.screen).now() == app.now()


async def test_a_view_mounted_elsewhere_is_refused() -> None:
    class Other(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("x", id="x")

    async with Other().run_test() as pilot:
        with pytest.raises(TypeError, match="Static runs in Other, not in WelfareApp"):
            welfare_app(pilot.app.query_one("#x"))
