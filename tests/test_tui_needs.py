"""Unmet needs (地域課題) as rows of a meeting: recorded from the keyboard in the resource-gaps step
(不足する社会資源・地域課題), never losing what was typed, printed as a table in the minutes' section,
and counted by `welfare-tui gaps` and the statistics screen."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.tui_helpers import make_app, open_only_meeting, seed_meeting, settle, type_text
from welfare_tui.cli import app as cli_app
from welfare_tui.i18n import t
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.screens.meeting import MeetingScreen
from welfare_tui.views.screens.statistics import StatisticsScreen
from welfare_tui.views.widgets.item_table import ItemTable

runner = CliRunner()
NEED = "ひきこもりの長男が通える居場所が市内にない（髙﨑地区）"


async def go_to_step(pilot, kind: str) -> MeetingScreen:
    """Jump through the agenda to the step before `kind`, then Ctrl+N onto it, as a facilitator moves
    on: the step's view has the focus."""
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen)
    kinds = [step["kind"] for step in screen.meeting.steps]
    await pilot.press("ctrl+g", "home", *(["down"] * (kinds.index(kind) - 1)), "enter")
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    return screen


async def add_need(pilot, member: str, text: str) -> None:
    """From the focused needs table: a, choose 居場所 and こども by keyboard, type the member and the text."""
    await pilot.press("a")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, ItemForm)
    assert form.focused is form.query_one("#f-member")  # the dialog opens on the first field one types into
    await type_text(pilot, member)
    await pilot.press("shift+tab", "shift+tab")  # back to 種別 (category)
    await pilot.press("enter", "home", "enter")  # open the list, its first entry: 居場所
    await pilot.press(
        "tab", "enter", "home", "down", "down", "down", "enter"
    )  # 分野: (blank), 介護, 障害, こども
    await settle(pilot)
    # Saved without its text: refused, the dialog keeps what was typed.
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen is form
    assert form.query_one("#f-member").value == member
    assert str(form.query_one("#form-error").render())
    form.query_one("#f-text").focus()
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, ItemForm)


async def test_a_need_recorded_in_a_meeting_is_in_the_minutes_and_in_gaps(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'needs.db'}"
    seed_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        screen = await go_to_step(pilot, "resource_gaps")
        table = screen.query_one("#items-need", ItemTable)
        assert screen.focused is table.table  # the step opens on the needs table
        await add_need(pilot, "長男", NEED)
        assert [(row["category"], row["sector"], row["member"], row["text"]) for row in table.rows] == [
            ("ibasho", "kodomo", "長男", NEED)
        ]
        # The free text stays below the table, a Tab away.
        await pilot.press("tab")
        await type_text(pilot, "夜間の相談先")
        await pilot.press("ctrl+e")  # the minutes (Markdown and YAML) of this meeting
        await settle(pilot)

    result = runner.invoke(cli_app, ["--db", url, "gaps", "--fiscal-year", "2026", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    gaps = json.loads(result.stdout)
    rows = [row for row in gaps["rows"] if row["category"] == "ibasho" and row["sector"] == "kodomo"]
    assert len(rows) == 1 and rows[0]["needs"] == 1 and rows[0]["cases"] == 1

    markdown = next((tmp_path / "exports").glob("*.md")).read_text(encoding="utf-8")
    section = markdown.split("## 不足する社会資源・地域課題", 1)[1].split("\n## ", 1)[0]
    assert "夜間の相談先" in section
    assert t("between_doc.minutes.needs_intro") in section
    row = next(line for line in section.splitlines() if NEED in line)
    assert [cell.strip() for cell in row.strip("|").split("|")] == ["居場所", "こども", "長男", NEED]
    assert section.index(NEED) < section.index("夜間の相談先")  # the rows, then the free text


async def test_the_statistics_screen_counts_a_need_just_recorded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'needs.db'}"
    seed_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        await go_to_step(pilot, "resource_gaps")
        await add_need(pilot, "本人", "日中に通える居場所")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatisticsScreen)
        assert screen.gaps.total == 1
        await pilot.press("3")
        await settle(pilot)
        gaps = str(screen.query_one("#gaps-text").render())
        assert "居場所・こども" in gaps
        assert "日中に通える居場所" not in gaps  # counts, not the texts
