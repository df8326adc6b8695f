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


async def _open_demo_meeting(pilot, kind: str | None = None) -> None:
    await settle(pilot)
    await pilot.press("tab", "down", "enter")  # meetings table, second row: A氏世帯 第2回
    await settle(pilot)
    if kind:
        kinds = [step["kind"] for step in pilot.app.screen.meeting.steps]
        await pilot.press("ctrl+g", "home", *(["down"] * kinds.index(kind)), "enter")
        await settle(pilot)


def _rows(app, widget) -> list[str]:
    """The screen rows a widget covers, cut to its columns (in cells)."""
    region = widget.region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return [strip.crop(region.x, region.right).text.rstrip() for strip in strips]


async def test_the_step_title_line_fits_title_timer_and_save_stamp(tmp_path: Path, demo_url: str) -> None:
    from welfare_tui.views.widgets.autosave_form import Saved

    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_demo_meeting(pilot, "policy")
        app.screen.post_message(Saved())
        await pilot.pause()
        header = app.screen.query_one("#step-header")
        line = _rows(app, header)[0]
        number = app.screen._index(app.screen.meeting.current_step) + 1
        title = app.screen._step(app.screen.meeting.current_step)["title"]
        # 「9 支援方針（見守…  12分 / 10分 保存済 14:00:00」: the title cut with …, one space between parts.
        assert line.startswith(f"{number} {title[:3]}"), line
        assert "…" in line and " 保存済 14:00:00" in line, line
        clock = str(app.screen.query_one("#step-clock").content)
        assert f" {clock} " in line, line


async def test_the_tie_dialog_title_is_the_table_title_without_its_key_hints(
    tmp_path: Path, demo_url: str
) -> None:
    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_demo_meeting(pilot, "ecomap")
        assert "c 変化の表示切替" in str(app.screen.query_one("#items-tie .item-table-title").content)
        app.screen.query_one("#table-tie").focus()
        await pilot.press("a")
        await settle(pilot)
        title = str(app.screen.query_one("#form-title").content)
        assert "エコマップのつながり" in title and "変化の表示切替" not in title, title


async def test_the_confidentiality_checklist_says_each_state_without_colour(
    tmp_path: Path, demo_url: str
) -> None:
    from welfare_tui.views.widgets.checkmarks import CHECKED, UNCHECKED

    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_demo_meeting(pilot, "confidentiality")
        checklist = app.screen.query_one("#acknowledgements")
        checklist.scroll_visible(animate=False)
        await pilot.pause()

        def marks() -> list[str]:
            return [checklist.render_line(y).text[1] for y in range(checklist.option_count)]

        expected = [
            CHECKED if checklist.get_option_at_index(i).value in checklist.selected else UNCHECKED
            for i in range(checklist.option_count)
        ]
        assert checklist.option_count >= 2 and marks() == expected
        before = marks()[0]
        checklist.focus()
        checklist.highlighted = 0
        await pilot.press("space")
        await settle(pilot)
        assert marks()[0] == (UNCHECKED if before == CHECKED else CHECKED)
        # The confirmation time stays in view however far the statement and the list scroll.
        view = app.screen.query_one(".step-view")
        view.scroll_end(animate=False)
        await pilot.pause()
        confirmed = app.screen.query_one("#confirmed-at")
        assert confirmed.region.y >= view.region.y and "確認" in _rows(app, confirmed)[0]


async def test_a_checkbox_shows_its_state_in_its_mark(tmp_path: Path) -> None:
    from textual.app import App

    from welfare_tui.views.widgets.checkmarks import MarkedCheckbox

    class One(App[None]):
        def compose(self):
            yield MarkedCheckbox("キーパーソン", False)

    app = One()
    async with app.run_test(size=(40, 5)) as pilot:
        box = app.query_one(MarkedCheckbox)
        assert "▐☐▌ キーパーソン" in "".join(strip.text for strip in app.screen._compositor.render_strips())
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value and "▐☑▌ キーパーソン" in "".join(
            strip.text for strip in app.screen._compositor.render_strips()
        )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_roles_table_shows_whole_dates_and_names(tmp_path: Path, demo_url: str, size) -> None:
    from textual.widgets import DataTable

    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=size) as pilot:
        await _open_demo_meeting(pilot, "roles")
        table = app.screen.query_one("#table-role", DataTable)
        shown = "\n".join(_rows(app, table))
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no sideways scrolling
        for row in table.ordered_rows:
            person, due = (table.get_cell(row.key, key) for key in ("person", "due_date"))
            assert due in shown and person in shown, shown
        if size[0] == 120:  # a wider terminal: the sidebar and the text columns widen too
            assert app.screen.query_one("#agenda").size.width > 25
            assert table.columns["task"].width > 22


async def test_the_agenda_titles_follow_the_sidebar_width(tmp_path: Path, demo_url: str) -> None:
    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_demo_meeting(pilot)
        narrow = str(app.screen.query_one("#agenda").get_option_at_index(8).prompt)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        await pilot.pause(0.2)
        wide = str(app.screen.query_one("#agenda").get_option_at_index(8).prompt)
        assert "…" in narrow and len(wide) > len(narrow)
