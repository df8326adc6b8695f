"""Focus and keys at 80×24 in Japanese, keyboard only: every field of a step reachable in order, F3
straight to the step's table, table keys only in the table, a saved row in view and focused, dialogs
open on the field one types into, and the dashboard's 1–4 only in its table."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Select, TextArea

from tests.tui_helpers import eventually, make_app, open_only_meeting, seed_meeting, settle, type_text
from welfare_tui.demo import build_demo
from welfare_tui.storage import repo
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.screens.dashboard import DashboardScreen
from welfare_tui.views.widgets.agency_picker import AgencyPicker, AgencySearch


async def open_step(pilot, step_id: str) -> None:
    await open_only_meeting(pilot)
    pilot.app.screen.show_step(step_id)
    await settle(pilot)


def cursor_row_in_view(table: DataTable, step) -> bool:
    """Whether the table's cursor row is inside the step's visible part."""
    row_y = table.content_region.y + table.header_height + table.cursor_row - round(table.scroll_y)
    return step.content_region.y <= row_y < step.content_region.bottom


async def test_case_summary_tab_order_and_f3_to_the_household_table(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'focus.db'}"
    seed_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "case_summary")
        assert app.focused.id == "c-summary"
        # Tab visits every field in screen order, then the button and the table (the scrolling
        # step itself is no stop).
        seen = [app.focused.id]
        for _ in range(11):
            await pilot.press("tab")
            seen.append(app.focused.id)
        assert seen == [
            "c-summary",
            "c-tags",
            "c-referral_route",
            "c-address",
            "c-phone",
            "c-consent_status",
            "c-consent_date",
            "c-consent_scope",
            "c-consent_agencies",
            "c-consent_obtained_by",
            "withdraw-consent",
            "table-member",
        ]
        # From the summary, one key reaches the household table, in view.
        app.screen.query_one("#c-summary").focus()
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        table = app.screen.query_one("#table-member", DataTable)
        assert app.focused is table
        # The scroll into view happens after the next refresh: a busy machine takes a few frames.
        step = app.screen.view
        assert await eventually(
            pilot, lambda: step.content_region.y <= table.region.y < step.content_region.bottom
        ), (table.region, step.content_region)


async def test_a_types_into_the_summary_and_adds_in_the_table(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    seed_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "case_summary")
        summary = app.screen.query_one("#c-summary", TextArea)
        assert app.focused is summary
        await pilot.press("end", "a")
        await settle(pilot)
        assert summary.text.endswith("二人暮らしa") and not isinstance(app.screen, ItemForm)
        # Neither the key bar nor the table's title offers the row keys while the summary has focus.
        assert "add" not in {binding.binding.action for binding in app.screen.active_bindings.values()}
        title = app.screen.query_one("#items-member .item-table-title")
        assert "F3 で表へ" in str(title.render()) and "a 追加" not in str(title.render())
        await pilot.press("f3")
        await settle(pilot)
        assert "a 追加" in str(title.render())
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ItemForm) and app.screen.form_title == "世帯構成（ジェノグラム）を追加"


async def test_a_saved_member_is_scrolled_into_view_and_focused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'scroll.db'}"
    meeting_id = seed_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "case_summary")
        case_id = app.screen.case.id
        for number, (relation, name) in enumerate(
            [("母", "山﨑 トメ"), ("長男", "山﨑 ﾏﾙﾏﾙ"), ("妹", "髙田 𠮷子")], start=1
        ):
            await pilot.press("f3")
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert app.focused.id == "f-relation"
            await type_text(pilot, relation)
            await pilot.press("tab")
            await type_text(pilot, name)
            await pilot.press("ctrl+s")
            await settle(pilot)
            table = app.screen.query_one("#table-member", DataTable)
            assert app.focused is table and table.cursor_row == number - 1
            # The new row is on the screen, inside the step's visible part.
            step = app.screen.view
            assert await eventually(pilot, cursor_row_in_view, table, step), (
                table.content_region,
                step.content_region,
            )
            assert name in str(table.get_row_at(table.cursor_row))
            # Back to the top of the step for the next round, as a user typing the summary would be.
            app.screen.query_one("#c-summary").focus()
            step.scroll_home(animate=False)
            await settle(pilot)
        assert len(app.db.run(repo.list_items, kind="member", parent_id=case_id)) == 3
        assert meeting_id


async def test_dialogs_open_on_the_field_one_types_into(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'dialogs.db'}"
    meeting_id = seed_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "policy")
        await pilot.press("f3")  # the goals table
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ItemForm) and app.focused.id == "f-text"  # not 期間 (a dropdown)
        await type_text(pilot, "長男と支援者が顔を合わせる")
        await pilot.press("ctrl+s")
        await settle(pilot)
        goals = app.db.run(repo.list_items, kind="goal", parent_id=meeting_id)
        assert [(goal["term"], goal["text"]) for goal in goals] == [("short", "長男と支援者が顔を合わせる")]
        # The assessment dialog opens on its text too; the attendee dialog on its agency (typing searches).
        app.screen.show_step("assessment")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert app.focused.id == "f-text"
        await pilot.press("escape")
        await settle(pilot)
        app.screen.show_step("attendance")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.focused, AgencyPicker)


async def test_dashboard_digits_switch_the_period_only_in_the_table(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        period = screen.query_one("#period", Select)
        assert period.value == "overdue"
        # The period dropdown, focused or open: a digit does not switch the period.
        period.focus()
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert period.value == "overdue"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert period.value == "overdue"
        await pilot.press("escape")
        await settle(pilot)
        # The agency field: a digit starts a search, the period stays.
        screen.query_one("#agency").focus()
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, AgencySearch) and period.value == "overdue"
        await pilot.press("backspace")
        await type_text(pilot, "ほうかつ")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#agency", AgencyPicker).value == "houkatsu"
        assert all(row.agency == "houkatsu" for row in screen.shown)
        # The case filter: digits are typed.
        screen.query_one("#case-filter").focus()
        await pilot.press("4")
        await settle(pilot)
        assert screen.query_one("#case-filter").value == "4" and period.value == "overdue"
        # In the table, 1–4 switch the period.
        screen.query_one("#followups").focus()
        await pilot.press("4")
        await settle(pilot)
        assert period.value == "all"
