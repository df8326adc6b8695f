"""The home screen: find a case, see recent and upcoming meetings, start a new case or meeting.

It paints before the database is open: the storage layer loads in a thread worker after the first
frame and the tables fill in when it answers, cases first.

Lists stay short so the screen stays fast on 10,000 cases (bench/, docs/performance.md): at most
CASE_LIMIT cases and MEETING_LIMIT recent meetings are shown, and the search box narrows the cases
with a query in a worker, so typing never waits for the database and a keystroke never rebuilds a
table of thousands of rows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from types import SimpleNamespace
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label
from textual.worker import get_current_worker

from welfare_tui.i18n import label, t
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.names import agency_label
from welfare_tui.views.screens.home_columns import (
    CASE_COLUMNS,
    MEETING_COLUMNS,
    WIDENED,
    add_columns,
    widened,
)
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.key_bar import KeyBar

# A DataTable measures every cell of every row it is given (~0.2 ms a row on a slow PC): 10,000 rows
# would freeze the screen for seconds, and even 200 rebuilt on each keystroke of a search miss the
# 50 ms budget (bench/). A search narrows the list; no screen shows more than a few dozen rows.
CASE_LIMIT = 100
MEETING_LIMIT = 200


class HomeScreen(Screen[None]):
    AUTO_FOCUS = "#cases"  # single-key commands (n, m, /) work at once; / moves to the search box
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_case", "home.new_case", id="home.new_case"),
        Binding("m", "new_meeting", "home.new_meeting", id="home.new_meeting"),
        Binding("slash", "focus_search", "home.search_key", id="home.search_key"),
        Binding("escape", "show_all", "home.show_all", id="home.show_all"),
        Binding("f", "followups", "dashboard.key", id="dashboard.key"),
        Binding("o", "notices", "home.notices", id="home.notices"),
        # Not in the key bar (full at 80 columns); the cases' title says "i つなぎ受付  s 統計", F1 lists them.
        Binding("i", "intakes", "home.intakes", id="home.intakes", show=False),
        Binding("v", "contacts", "contacts_tui.key", id="contacts_tui.key", show=False),
        Binding("r", "resources", "home.resources", id="home.resources", show=False),
        Binding("s", "statistics", "home.statistics", id="home.statistics", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)
        self.cases: list[Any] = []
        self.meetings: list[Any] = []
        self.case_filter: Any = None

    def compose(self) -> ComposeResult:
        yield Label(t("home.title"), id="home-title")
        yield Input(placeholder=t("home.search"), id="search")
        yield Label(t("home.cases"), id="cases-title", classes="section-title")
        cases: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="cases")
        # Text, not str: a str label is parsed as Rich markup, whose first use loads Rich's emoji table.
        add_columns(cases, CASE_COLUMNS)
        yield cases
        yield Label(t("home.meetings"), id="meetings-title", classes="section-title")
        meetings: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="meetings")
        add_columns(meetings, MEETING_COLUMNS)
        yield meetings
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#cases").loading = True
        # The worker starts now (so whoever waits for workers waits for it) but holds its import of
        # SQLAlchemy until the first frame is drawn: that import would otherwise hold the GIL meanwhile.
        self.load()

    @work(thread=True, exclusive=True, group="home-load")
    def load(self) -> None:
        welfare_app(self).first_frame.wait(timeout=5)
        # The cases are what the user came for: on an SQLite file they are read with sqlite3 before
        # SQLAlchemy loads (listing.quick_case_rows), and painted before the worker goes on to import
        # it and the ORM (for the meetings and the agency catalogue), which would hold the GIL meanwhile.
        from welfare_tui.storage import listing

        app: Any = self.app
        query = app.call_from_thread(lambda: self.query_one("#search", Input).value)
        quick = app.db.quick_read(search=query, limit=CASE_LIMIT + 1)
        if quick is not None:
            painted = threading.Event()
            app.call_from_thread(self.show, quick, None, painted)
            painted.wait(timeout=1)
        if not app.open_storage():
            app.call_from_thread(self.show, None, None)
            return
        if quick is None:
            cases = app.read_db(listing.case_rows, search=query, limit=CASE_LIMIT + 1)
            app.call_from_thread(self.show, cases, None)
        from welfare_tui.storage import repo

        if not app.ensure_open():
            return
        case_id = self.case_filter.id if self.case_filter else None
        meetings = app.query_db(
            repo.list_meetings, case_id=case_id, limit=None if case_id is not None else MEETING_LIMIT
        )
        if meetings is not None:
            app.call_from_thread(self.show_meetings, meetings)

    def show(
        self, cases: list[Any] | None, meetings: list[Any] | None, painted: threading.Event | None = None
    ) -> None:
        """Show what was read (None: nothing could be); `painted` is set once it is on the screen."""
        self.query_one("#cases").loading = False
        if cases is not None:
            self.show_cases(cases)
        if meetings is not None:
            self.show_meetings(meetings)
        if painted is not None:
            self.call_after_refresh(painted.set)

    def on_resize(self) -> None:
        """Give a wider terminal's extra cells to the label and tag columns (cases) and the case and
        type columns (meetings); at 80 columns nothing changes. The rows are shown again only when a
        width changed."""
        shows: tuple[tuple[str, Any, Callable[[], None]], ...] = (
            ("cases", CASE_COLUMNS, lambda: self.show_cases(self.cases)),
            ("meetings", MEETING_COLUMNS, lambda: self.show_meetings(self.meetings)),
        )
        for table_id, columns, show in shows:
            table = self.query_one(f"#{table_id}", DataTable)
            widths = widened(columns, WIDENED[table_id], self.size.width)
            if [column.width for column in table.columns.values()] == [width for _, width in widths]:
                continue
            row = table.cursor_row
            table.clear(columns=True)
            add_columns(table, widths)
            show()
            if table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1))

    def show_cases(self, cases: list[Any], query: str | None = None) -> None:
        """Show up to CASE_LIMIT cases (callers fetch one more, to know the list was cut short).

        `query` is the search text the rows answer; rows for a text no longer in the box are dropped.
        """
        if query is not None and query != self.query_one("#search", Input).value:
            return
        limited = len(cases) > CASE_LIMIT
        cases = cases[:CASE_LIMIT]
        self.cases = cases
        self.query_one("#cases-title", Label).update(
            t("home.cases_limited", shown=CASE_LIMIT) if limited else t("home.cases")
        )
        table = self.query_one("#cases", DataTable)
        table.clear()
        for row in cases:
            lead = SimpleNamespace(name=row.lead_agency, short=row.lead_short, name_en=row.lead_name_en)
            # Text, not str: a str cell is parsed as console markup (slower, and "[" in a household's
            # label would be taken for a style).
            table.add_row(
                *map(
                    Text,
                    (
                        row.code,
                        row.label,
                        "・".join(row.tags),
                        label("case_status_short", row.status),
                        agency_label(lead, short=True) if row.lead_agency else "",
                        _iso(row.next_meeting_date),
                    ),
                ),
                key=str(row.id),
            )
        if self.case_filter is not None:
            index = next((i for i, row in enumerate(cases) if row.id == self.case_filter.id), None)
            if index is not None:
                table.move_cursor(row=index)

    def show_meetings(self, meetings: list[Any]) -> None:
        today = welfare_app(self).now().date()
        upcoming = sorted(
            (m for m in meetings if _as_date(m.date) >= today or m.status != "finished"),
            key=lambda m: (_as_date(m.date), m.start or ""),
        )
        past = [m for m in meetings if m not in upcoming]
        self.meetings = upcoming + past
        table = self.query_one("#meetings", DataTable)
        table.clear()
        for m in self.meetings:
            time = f"{m.start}〜{m.end}" if m.start and m.end else (m.start or "")
            table.add_row(
                _iso(m.date),
                time,
                m.case_label,
                label("meeting_type", m.type),
                t("home.round", round=m.round),
                label("meeting_status", m.status),
                key=str(m.id),
            )
        title = (
            t("home.meetings_of", label=self.case_filter.label) if self.case_filter else t("home.meetings")
        )
        self.query_one("#meetings-title", Label).update(f"{title}　{t('home.meetings_keys')}")

    # Searching ---------------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        if not welfare_app(self).db.is_open:
            return
        self.search_cases(event.value)

    @work(thread=True, exclusive=True, group="home-search")
    def search_cases(self, text: str) -> None:
        """The query runs off the event loop: the input (and an IME candidate window) never waits."""
        from welfare_tui.storage import listing

        app: Any = self.app
        cases = app.read_db(listing.case_rows, search=text, limit=CASE_LIMIT + 1)
        if cases is not None and not get_current_worker().is_cancelled:
            app.call_from_thread(self.show_cases, cases, text)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one("#cases").focus()

    def action_focus_search(self) -> None:
        self.query_one("#search").focus()

    def action_show_all(self) -> None:
        self.query_one("#search", Input).value = ""
        self.case_filter = None
        self.load()

    def action_followups(self) -> None:
        from welfare_tui.views.screens.dashboard import DashboardScreen

        self.app.push_screen(DashboardScreen(), self._show_case_code)

    def action_contacts(self) -> None:
        from welfare_tui.views.screens.contacts import open_contact_log

        open_contact_log(self, self.highlighted_case())

    def action_intakes(self) -> None:
        """The intake inbox; a case created there is shown here, ready for its first meeting."""
        from welfare_tui.views.screens.intakes import IntakeScreen

        self.app.push_screen(IntakeScreen(), self._show_case_code)

    def action_resources(self) -> None:
        from welfare_tui.views.screens.resources import ResourceScreen

        self.app.push_screen(ResourceScreen(), self._reload)

    def action_statistics(self) -> None:
        from welfare_tui.views.screens.statistics import StatisticsScreen

        self.app.push_screen(StatisticsScreen())  # the year in figures and the unmet needs

    def _show_case_code(self, code: str | None) -> None:
        from welfare_tui.storage import repo

        case = welfare_app(self).query_db(repo.get_case_by_code, code=code) if code else None
        if case is not None:
            self.query_one("#search", Input).value = ""
            self.case_filter = case
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # O acts on the meeting list's highlighted row: shown in the key bar (and live) only there.
        if action == "notices":
            return self.focused is self.query_one("#meetings")
        return True

    def action_notices(self) -> None:
        """The notices (開催通知) of the meeting highlighted in the meeting list, for every agency
        invited: `welfare-tui notice` (storage/noticing.py), masked, into the export folder."""
        table = self.query_one("#meetings", DataTable)
        if not self.meetings or not 0 <= table.cursor_row < len(self.meetings):
            self.notify(t("home.notices_none"), severity="warning")
            return
        self._write_notices(self.meetings[table.cursor_row].id)

    @work(thread=True, exclusive=True, group="notices")
    def _write_notices(self, meeting_id: int) -> None:
        app = welfare_app(self)
        try:
            paths = app.db.write_notices(meeting_id, app.settings.export_path, app.settings.notice_email)
        except Exception as error:  # noqa: BLE001 - not planned, nobody invited: shown, never raised
            app.report_error(error)
            return
        where = app.settings.export_path
        self.app.call_from_thread(
            self.notify, t("home.notices_written", count=len(paths), where=where), timeout=8
        )

    # Opening ----------------------------------------------------------------------------------
    def highlighted_case(self) -> Any:
        table = self.query_one("#cases", DataTable)
        if not self.cases or not 0 <= table.cursor_row < len(self.cases):
            return None
        return self.cases[table.cursor_row]

    @on(DataTable.RowSelected, "#cases")
    def _case_chosen(self, event: DataTable.RowSelected) -> None:
        self.case_filter = self.highlighted_case()
        self.load()
        self.query_one("#meetings").focus()

    @on(DataTable.RowSelected, "#meetings")
    def _meeting_chosen(self, event: DataTable.RowSelected) -> None:
        index = event.cursor_row
        if 0 <= index < len(self.meetings):
            self.open_meeting(self.meetings[index].id)

    def open_meeting(self, meeting_id: int) -> None:
        from welfare_tui.views.screens.meeting import MeetingScreen

        self.app.push_screen(MeetingScreen(meeting_id), self._reload)

    def _reload(self, _: object) -> None:
        self.load()

    # Creating ---------------------------------------------------------------------------------
    def action_new_case(self) -> None:
        from welfare_tui.storage import repo
        from welfare_tui.views.fields import Field
        from welfare_tui.views.modals.item_form import ItemForm

        app: Any = self.app
        code = app.query_db(repo.next_case_code, year=app.now().year)
        if code is None:
            return
        fields = (
            Field("code", "field.case_code", required=True),
            Field("label", "field.case_label", required=True),
            Field("summary", "field.summary", "textarea"),
            Field("tags", "field.tags", "tags", placeholder="field.tags.hint"),
            Field("consent_status", "field.consent", "select", vocab="consent", required=True),
            Field("lead_agency_id", "field.lead_agency", "agency"),
        )

        def created(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            values["lead_agency"] = values.pop("lead_agency_id")
            case = app.call_db(repo.create_case, **values)
            if case is not None:
                self.notify(t("home.case_created", code=case.code))
                self.query_one("#search", Input).value = ""
                self.case_filter = case
                self.load()

        app.push_screen(
            ItemForm(t("home.new_case"), fields, {"code": code, "consent_status": "none"}), created
        )

    def action_new_meeting(self) -> None:
        """The new meeting's form for the case in view (views/screens/new_meeting.py)."""
        from welfare_tui.agendas import list_agendas
        from welfare_tui.errors import WelfareError
        from welfare_tui.views.screens.new_meeting import NewMeeting

        case = self.case_filter if self.focused is self.query_one("#meetings") and self.case_filter else None
        case = case or self.highlighted_case()
        if case is None:
            self.notify(t("home.pick_case_first"), severity="warning")
            return
        try:
            agendas = list_agendas()
        except WelfareError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        NewMeeting(self.app, case, agendas, self.open_meeting).ask()


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else (value or "")
