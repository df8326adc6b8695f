"""The follow-up dashboard: every open role assignment, monitoring date, support-plan review and next
contact attempt across all cases (storage/followups.py), overdue first, filtered by period, agency and case; Enter
jumps to the row's case."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Select

from welfare_tui.i18n import all_messages, label, t
from welfare_tui.storage.followups import open_followups
from welfare_tui.views import STYLES
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.agency_picker import AgencyPicker
from welfare_tui.views.widgets.key_bar import KeyBar

PERIODS = ("overdue", "week", "month", "all")

# Widths in cells: the seven columns fit 80 columns with Japanese text.
COLUMNS = (("due", 10), ("state", 10), ("kind", 6), ("text", 16), ("agency", 8), ("person", 6), ("case", 8))


def period_end(period: str, today: date) -> date:
    """The last day of "this week" (the next 7 days, today included) or "this month" (to the calendar
    month's last day, and never shorter than this week: on the 30th, 今月 still shows what 今週 shows)."""
    week_end = today + timedelta(days=6)
    if period == "week":
        return week_end
    return max(today.replace(day=calendar.monthrange(today.year, today.month)[1]), week_end)


def in_period(due: str | None, period: str, today: date) -> bool:
    """Overdue: before today. This week and this month: from today to `period_end`. The filters nest:
    every row of 今週 is in 今月, and every row of either is in すべて."""
    if period == "all":
        return True
    if due is None:
        return False
    day = date.fromisoformat(due)
    if period == "overdue":
        return day < today
    return today <= day <= period_end(period, today)


def kind_label(kind: str) -> str:
    """The kind of a follow-up in the 6-cell column: a short word where the usual one is too long."""
    short = f"dashboard.kind.{kind}"
    return t(short) if short in all_messages() else t(f"review.kind.{kind}")


class DashboardScreen(Screen[str | None]):
    """Dismisses with the case code of the chosen row (or None)."""

    CSS_PATH = STYLES / "screens" / "dashboard.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "dashboard.back", id="dashboard.back"),
        Binding("1", "period('overdue')", "dashboard.period.overdue", id="dashboard.period.overdue"),
        Binding("2", "period('week')", "dashboard.period.week", id="dashboard.period.week"),
        Binding("3", "period('month')", "dashboard.period.month", id="dashboard.period.month"),
        Binding("4", "period('all')", "dashboard.period.all", id="dashboard.period.all"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)
        self.rows: list[Any] = []
        self.shown: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Label(t("dashboard.title"), id="home-title")
        with Horizontal(id="dashboard-filters"):
            yield Select(
                [(t(f"dashboard.period.{p}"), p) for p in PERIODS],
                value="overdue",
                allow_blank=False,
                id="period",
            )
            yield AgencyPicker(
                prompt=t("dashboard.all_agencies"), title=t("dashboard.col.agency"), id="agency"
            )
            yield Input(placeholder=t("dashboard.case_filter"), id="case-filter")
        yield Label("", id="dashboard-count", classes="section-title")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="followups")
        for key, width in COLUMNS:
            table.add_column(t(f"dashboard.col.{key}"), width=width, key=key)
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#followups").focus()

    def reload(self) -> None:
        rows = welfare_app(self).query_db(
            open_followups,
            today=welfare_app(self).now().date(),
            agency_id=self.query_one("#agency", AgencyPicker).value,
        )
        if rows is not None:
            self.rows = rows
        self.refilter()

    def refilter(self) -> None:
        period = self.query_one("#period", Select).value
        text = self.query_one("#case-filter", Input).value.strip().lower()
        today = welfare_app(self).now().date()
        self.shown = sorted(
            (
                row
                for row in self.rows
                if in_period(row.due, str(period), today)
                and (not text or text in row.case.lower() or text in row.case_label.lower())
            ),
            key=lambda row: (row.due is None, row.due or "", row.case),
        )  # most urgent first
        table = self.query_one("#followups", DataTable)
        table.clear()
        names = welfare_app(self).agency_names
        for row in self.shown:
            state = f"⚠ {t('dashboard.overdue')}" if row.overdue else label("role_status", row.status)
            table.add_row(
                row.due or "—",
                state,
                kind_label(row.kind),
                row.text,
                names.get(row.agency or "", row.agency_name),
                row.person,
                row.case_label,
            )
        self.query_one("#dashboard-count", Label).update(
            t("dashboard.count", shown=len(self.shown), total=len(self.rows))
        )

    @on(AgencyPicker.Changed, "#agency")
    def _agency_changed(self) -> None:
        self.reload()

    @on(Select.Changed, "#period")
    @on(Input.Changed, "#case-filter")
    def _filter_changed(self) -> None:
        self.refilter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # 1–4 are the table's keys: in a dropdown, the search box or the agency field a digit is
        # typed or searched, never a change of period behind the user's back.
        if action == "period":
            return self.focused is self.query_one("#followups")
        return True

    def action_period(self, period: str) -> None:
        self.query_one("#period", Select).value = period

    @on(DataTable.RowSelected, "#followups")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self.dismiss(self.shown[event.cursor_row].case)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
