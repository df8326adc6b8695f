"""The home screen's lists use the width of a larger terminal: the extra cells go to the tags and the
household label (cases) and the case and meeting type (meetings); at 80 columns nothing changes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tests.tui_helpers import make_app, settle
from welfare_tui.demo import build_demo
from welfare_tui.views.screens.home import CASE_COLUMNS, MEETING_COLUMNS


async def test_wider_terminal_widens_the_free_text_columns_and_keeps_the_cursor(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        cases = app.screen.query_one("#cases", DataTable)
        meetings = app.screen.query_one("#meetings", DataTable)
        assert [c.width for c in cases.columns.values()] == [width for _, width in CASE_COLUMNS]
        assert [c.width for c in meetings.columns.values()] == [width for _, width in MEETING_COLUMNS]
        cases.move_cursor(row=3)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        widths = {str(key.value): column.width for key, column in cases.columns.items()}
        assert widths["tags"] == 14 + 27 and widths["label"] == 10 + 13 and widths["code"] == 13
        assert cases.row_count == 5 and cases.cursor_row == 3
        # The longest tags of the demo are whole now (they were cut at 80 columns).
        assert "ごみ屋敷・セルフネグレクト・生活困窮" in [str(cell) for cell in cases.get_row_at(3)]
        assert sum(c.width for c in meetings.columns.values()) == sum(w for _, w in MEETING_COLUMNS) + 40
        assert meetings.row_count == 8  # the demo's meetings (E氏世帯 has two)
