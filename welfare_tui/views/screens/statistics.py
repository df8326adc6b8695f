"""The statistics screen (`s` on the home screen): the year in figures and the unmet needs.

A fiscal year (年度, April to March; the current one first, ←/→ or the list for another), three tabs:
the figures of `welfare-tui stats` by group, each with bars per month drawn in block characters; the
report form's table; the unmet needs of `welfare-tui gaps` by category and sector. The counting is
storage's (`storage/statistics.py`, `storage/gaps.py`, through the app's gateway), in a worker: a
large database never freezes the screen. Nothing repaints on a timer (an input method's candidate
window would jump); the screen is drawn again when the year or the terminal's width changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Select, Static, TabbedContent, TabPane, Tabs

from welfare_tui.figures.model import fiscal_year_of
from welfare_tui.i18n import language, t
from welfare_tui.views import STYLES
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.statistics_text import figures_text, gaps_text, report_text
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.key_bar import KeyBar

TABS = ("figures", "report", "gaps")
YEARS_BACK = 10  # the list offers the current 年度 and the ten before it (←/→ go further)
SCROLLBAR_CELLS = 2


def year_caption(year: int) -> str:
    """「2026年度（令和8年度）」, "FY2026 (Reiwa 8)"."""
    from welfare_tui.minutes.era import english_fiscal_year, fiscal_year

    first = date(year, 4, 1)
    if language() == "en":
        return english_fiscal_year(first)
    return t("stats_tui.year_caption", year=year, era=fiscal_year(first))


def year_options(year: int, current: int) -> list[tuple[str, int]]:
    """The list's years, newest first: the current 年度 and the ten before it, and `year` when ←/→
    went beyond them."""
    first, last = min(year, current - YEARS_BACK), max(year, current)
    return [(year_caption(y), y) for y in range(last, first - 1, -1)]


class StatisticsScreen(Screen[None]):
    CSS_PATH = STYLES / "screens" / "statistics.tcss"
    # ←/→ take priority over the scrolling of the tab's body (nothing there scrolls sideways at 80
    # columns); on the tab bar they move between tabs, and in the year list they are left alone.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "stats_tui.back", id="stats_tui.back"),
        Binding("left", "year(-1)", "stats_tui.previous_year", id="stats_tui.previous_year", priority=True),
        Binding("right", "year(1)", "stats_tui.next_year", id="stats_tui.next_year", priority=True),
        Binding("1", "tab('figures')", "stats_tui.show_figures", id="stats_tui.show_figures"),
        Binding("2", "tab('report')", "stats_tui.show_report", id="stats_tui.show_report"),
        Binding("3", "tab('gaps')", "stats_tui.show_gaps", id="stats_tui.show_gaps"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)
        self.year = 0
        self.figures: Any = None
        self.gaps: Any = None

    def compose(self) -> ComposeResult:
        yield Label(t("stats_tui.title"), id="home-title")
        with Horizontal(id="stats-filters"):
            current = fiscal_year_of(welfare_app(self).now().date())
            yield Select[int](year_options(current, current), value=current, allow_blank=False, id="year")
            yield Label("", id="stats-state", classes="section-title")
        with TabbedContent(initial="figures", id="stats-tabs"):
            for tab in TABS:
                with (
                    TabPane(t(f"stats_tui.tab.{tab}"), id=tab),
                    VerticalScroll(id=f"{tab}-body", classes="stats-body"),
                ):
                    yield Static("", id=f"{tab}-text", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_year(fiscal_year_of(welfare_app(self).now().date()))
        self.query_one("#figures-body").focus()

    # The year ---------------------------------------------------------------------------------
    def show_year(self, year: int) -> None:
        """Count `year` (a worker) and offer it, with the years around it, in the list."""
        self.year = year
        select = self.query_one("#year", Select)
        with self.prevent(Select.Changed):
            select.set_options(year_options(year, fiscal_year_of(welfare_app(self).now().date())))
            select.value = year
        self.query_one("#stats-state", Label).update(t("stats_tui.loading"))
        self.load(year)

    @on(Select.Changed, "#year")
    def _year_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.year:
            self.show_year(event.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # ←/→ change the year except where they move within a widget: the tab bar and the year list.
        if action == "year":
            focused = self.focused  # in an open list, its overlay: a child of the Select
            return focused is None or not any(
                isinstance(node, (Tabs, Select)) for node in (focused, *focused.ancestors)
            )
        return True

    def action_year(self, step: int) -> None:
        self.show_year(self.year + step)

    def action_tab(self, tab: str) -> None:
        self.query_one("#stats-tabs", TabbedContent).active = tab
        self.query_one(f"#{tab}-body").focus()

    def action_back(self) -> None:
        self.dismiss(None)

    # Counting and drawing ---------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="statistics")
    def load(self, year: int) -> None:
        """Count `year` as `welfare-tui stats` and `gaps` do (the same functions), with the bundled
        report form applied to the figures."""
        from dataclasses import replace

        from welfare_tui.errors import WelfareError
        from welfare_tui.figures.report_form import apply_form, load_form
        from welfare_tui.storage.gaps import gap_report
        from welfare_tui.storage.statistics import year_figures

        app = welfare_app(self)
        today = app.now().date()
        figures = app.query_db(year_figures, fiscal_year=year, as_of=today) if app.ensure_open() else None
        gaps = app.query_db(gap_report, fiscal_year=year) if figures is not None else None
        if figures is None:  # the app has said why (a notification); the screen says it is not counted
            app.call_from_thread(self.query_one("#stats-state", Label).update, t("stats_tui.failed"))
            return
        try:
            figures = replace(figures, form=apply_form(load_form(), figures))
        except WelfareError as error:  # a broken form file: the figures still show, the reason too
            app.report_error(error)
        app.call_from_thread(self.show, year, figures, gaps)

    def show(self, year: int, figures: Any, gaps: Any) -> None:
        if year != self.year:  # a year counted after the user moved on
            return
        self.figures, self.gaps = figures, gaps
        empty = not any(series.total for group in figures.groups for series in group.series)
        so_far = t("stats_tui.as_of", day=figures.as_of.isoformat()) if figures.as_of else ""
        self.query_one("#stats-state", Label).update(t("stats_tui.empty") if empty else so_far)
        self.draw()

    def on_resize(self) -> None:
        if self.figures is not None:
            self.draw()

    def draw(self) -> None:
        width = max(40, self.size.width - SCROLLBAR_CELLS - 2)
        self.query_one("#figures-text", Static).update(figures_text(self.figures, width))
        self.query_one("#report-text", Static).update(report_text(self.figures.form, width))
        self.query_one("#gaps-text", Static).update(gaps_text(self.gaps, width))
