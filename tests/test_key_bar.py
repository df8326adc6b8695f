"""The key hints line (KeyBar) that replaces Textual's Footer: what it shows, how it fits, clicks."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static

from tests.tui_helpers import make_app, settle
from welfare_tui.views.widgets.key_bar import KeyBar


class Rows(Static, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("d", "delete", "削除")]


class KeysApp(App[None]):
    AUTO_FOCUS = None  # a focused Input keeps letter keys to itself: they would not be shown
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "新規ケース"),
        Binding("m", "meeting", "新規会議"),
        Binding("x", "export", "書き出し"),  # disabled below: shown dimmed
        Binding("q", "quiet", "見えない", show=False),
        Binding("f1", "help", "ヘルプ"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(id="box")
        yield Rows("rows")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "export" else True

    def action_new(self) -> None:
        self.done.append("new")

    def action_export(self) -> None:
        self.done.append("export")


def line(app: App) -> str:
    return app.screen.query_one(KeyBar).render().plain


async def test_shows_each_shown_binding_with_its_key() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        text = line(app)
        assert text.startswith(" n 新規ケース  m 新規会議 ")
        assert "x 書き出し" in text and "f1 ヘルプ" in text
        assert "見えない" not in text  # show=False
        rendered = app.query_one(KeyBar).render()
        dimmed = "".join(text[span.start : span.end] for span in rendered.spans if span.style.dim)
        assert dimmed == " x 書き出し "  # the disabled binding, and only it


async def test_a_click_presses_the_key_and_a_disabled_key_does_nothing() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        text = line(app)
        await pilot.click(KeyBar, offset=(text.index("新規ケース"), 0))
        await pilot.pause()
        assert app.done == ["new"]
        await pilot.click(KeyBar, offset=(text.index("書き出し"), 0))
        await pilot.pause()
        assert app.done == ["new"]
        assert bar._hint_at(cell_len(text) + 1) is None  # past the last key: nothing


async def test_a_narrow_screen_drops_the_padding_then_whole_keys() -> None:
    app = KeysApp()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        text = line(app)
        assert text.startswith("n 新規ケース m 新規会議 ")  # compact: no padding around the keys
        assert cell_len(text) <= 40
        assert text.rstrip().endswith(("書き出し", "ヘルプ"))  # never half a key
    app = KeysApp()
    async with app.run_test(size=(14, 5)) as pilot:
        await pilot.pause()
        assert line(app) == "n 新規ケース "


async def test_the_home_screen_keys_in_both_languages_at_80_columns(tmp_path: Path) -> None:
    for lang, words in (
        ("ja", ("新規ケース", "新規会議", "検索", "ヘルプ")),
        ("en", ("New case", "New meeting", "Help")),
    ):
        app = make_app(tmp_path, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            text = line(app)
            assert all(word in text for word in words), text
            assert cell_len(text) <= 80


async def test_redrawn_when_the_focus_brings_other_keys() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        shown = lambda: [hint.description for hint in bar._hints]
        assert "削除" not in shown()
        app.query_one(Rows).focus()
        await pilot.pause()
        await pilot.pause()
        assert "削除" in shown()
