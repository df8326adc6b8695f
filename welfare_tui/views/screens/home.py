"""The home screen: find a case, see recent and upcoming meetings, start a new case or meeting.

It paints before the database is open: the storage layer loads in a thread worker after the first
frame and the tables fill in when it answers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label

from welfare_tui import domain
from welfare_tui.views.fields import Field

# Widths in terminal cells, chosen so both tables fit 80 columns with Japanese text.
CASE_COLUMNS = (("code", "コード", 13), ("label", "世帯", 10), ("tags", "複合課題", 14),
                ("status", "段階", 8), ("lead", "主担当", 10), ("next", "次回", 10))
MEETING_COLUMNS = (("date", "日付", 10), ("time", "時間", 12), ("case", "ケース", 10),
                   ("type", "会議", 14), ("round", "回", 5), ("status", "状態", 6))


class HomeScreen(Screen[None]):
    AUTO_FOCUS = "#cases"  # single-key commands (n, m, /) work at once; / moves to the search box
    BINDINGS = [
        Binding("n", "new_case", "新規ケース", id="home.new_case", tooltip="新しいケースを登録する"),
        Binding("m", "new_meeting", "新規会議", id="home.new_meeting", tooltip="選択中のケースの会議を始める"),
        Binding("slash", "focus_search", "検索", id="home.search", tooltip="ケースを検索する"),
        Binding("escape", "show_all", "全件", id="home.show_all", tooltip="検索とケースの絞り込みを解除する"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cases: list[Any] = []
        self.meetings: list[Any] = []
        self.case_filter: Any = None

    def compose(self) -> ComposeResult:
        yield Label(" welfare_tui  ケース会議", id="home-title")
        search = Input(placeholder="ケースを検索（コード・世帯・概要・複合課題）  / で移動", id="search")
        yield search
        yield Label("ケース　[dim]Enter 会議を表示  m 新規会議  n 新規ケース[/]", classes="section-title")
        cases: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="cases")
        for key, label, width in CASE_COLUMNS:
            cases.add_column(label, width=width, key=key)
        yield cases
        yield Label("会議（予定・直近）　[dim]Enter 開く[/]", id="meetings-title", classes="section-title")
        meetings: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="meetings")
        for key, label, width in MEETING_COLUMNS:
            meetings.add_column(label, width=width, key=key)
        yield meetings
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#cases").loading = True
        self.load()

    @work(thread=True, exclusive=True, group="home-load")
    def load(self) -> None:
        from welfare_tui.storage import repo  # first use of SQLAlchemy, after the first frame

        app: Any = self.app
        if not app.ensure_open():
            app.call_from_thread(self.show, None, None)
            return
        query = app.call_from_thread(lambda: self.query_one("#search", Input).value)
        cases = app.call_db(repo.list_cases, search=query)
        meetings = app.call_db(repo.list_meetings, case_id=self.case_filter.id if self.case_filter else None)
        app.call_from_thread(self.show, cases, meetings)

    def show(self, cases: list[Any] | None, meetings: list[Any] | None) -> None:
        self.query_one("#cases").loading = False
        if cases is not None:
            self.show_cases(cases)
        if meetings is not None:
            self.show_meetings(meetings)

    def show_cases(self, cases: list[Any]) -> None:
        self.cases = cases
        table = self.query_one("#cases", DataTable)
        table.clear()
        short = {agency.name: agency.short or agency.name for agency in self.app.agencies}  # type: ignore[attr-defined]
        for row in cases:
            table.add_row(row.code, row.label, "・".join(row.tags),
                          domain.CASE_STATUS_SHORT.get(row.status, row.status),
                          short.get(row.lead_agency, row.lead_agency or ""), _iso(row.next_meeting_date),
                          key=str(row.id))
        if self.case_filter is not None:
            index = next((i for i, row in enumerate(cases) if row.id == self.case_filter.id), None)
            if index is not None:
                table.move_cursor(row=index)

    def show_meetings(self, meetings: list[Any]) -> None:
        today = self.app.now().date()  # type: ignore[attr-defined]
        upcoming = sorted((m for m in meetings if _as_date(m.date) >= today or m.status != "finished"),
                          key=lambda m: (_as_date(m.date), m.start or ""))
        past = [m for m in meetings if m not in upcoming]
        self.meetings = upcoming + past
        table = self.query_one("#meetings", DataTable)
        table.clear()
        for m in self.meetings:
            time = f"{m.start}〜{m.end}" if m.start and m.end else (m.start or "")
            table.add_row(_iso(m.date), time, m.case_label, m.type_label, f"第{m.round}回",
                          domain.MEETING_STATUS.get(m.status, m.status), key=str(m.id))
        title = f"{self.case_filter.label} の会議" if self.case_filter else "会議（予定・直近）"
        self.query_one("#meetings-title", Label).update(f"{title}　[dim]Enter 開く  Esc 全件[/]")

    # Searching ---------------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        from welfare_tui.storage import repo

        if not self.app.db.is_open:  # type: ignore[attr-defined]
            return
        cases = self.app.call_db(repo.list_cases, search=event.value)  # type: ignore[attr-defined]
        if cases is not None:
            self.show_cases(cases)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one("#cases").focus()

    def action_focus_search(self) -> None:
        self.query_one("#search").focus()

    def action_show_all(self) -> None:
        self.query_one("#search", Input).value = ""
        self.case_filter = None
        self.load()

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

        self.app.push_screen(MeetingScreen(meeting_id), lambda _: self.load())

    # Creating ---------------------------------------------------------------------------------
    def action_new_case(self) -> None:
        from welfare_tui.storage import repo
        from welfare_tui.views.modals.item_form import ItemForm

        app: Any = self.app
        code = app.call_db(repo.next_case_code, year=app.now().year)
        if code is None:
            return
        fields = (
            Field("code", "ケースコード", required=True),
            Field("label", "世帯名（共有用の表記 例: A氏世帯）", required=True),
            Field("summary", "ケース概要", "textarea"),
            Field("tags", "複合課題（読点区切り）", "tags", placeholder="8050、ひきこもり"),
            Field("consent_status", "本人同意", "select", domain.CONSENT_STATUS, required=True),
            Field("lead_agency_id", "主担当機関", "agency"),
        )

        def created(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            values["lead_agency"] = values.pop("lead_agency_id")
            case = app.call_db(repo.create_case, **values)
            if case is not None:
                self.notify(f"ケース {case.code} を登録した")
                self.query_one("#search", Input).value = ""
                self.case_filter = case
                self.load()

        app.push_screen(ItemForm("新規ケース", fields, {"code": code, "consent_status": "none"},
                                 agencies=app.agencies), created)

    def action_new_meeting(self) -> None:
        from welfare_tui.agendas import get_agenda, list_agendas
        from welfare_tui.errors import WelfareError
        from welfare_tui.storage import repo
        from welfare_tui.views.modals.item_form import ItemForm

        app: Any = self.app
        case = self.case_filter if self.focused is self.query_one("#meetings") and self.case_filter else None
        case = case or self.highlighted_case()
        if case is None:
            self.notify("先にケースを選ぶか、n で新規ケースを登録してください", severity="warning")
            return
        try:
            agendas = list_agendas()
        except WelfareError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        fields = (
            Field("agenda", "議事次第（会議の種類）", "select", {a.id: a.title for a in agendas}, required=True),
            Field("date", "開催日", "date", required=True),
            Field("start", "開始時刻", "time"),
            Field("place", "場所"),
            Field("chair", "司会・議長"),
            Field("recorder", "記録者"),
        )

        def created(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            agenda = get_agenda(values.pop("agenda"))
            values["date"] = date.fromisoformat(values["date"])
            meeting = app.call_db(repo.create_meeting, case_id=case.id, agenda=agenda, **values)
            if meeting is not None:
                self.open_meeting(meeting.id)

        ids = [a.id for a in agendas]
        defaults = {"agenda": "shien_kaigi" if "shien_kaigi" in ids else (ids[0] if ids else None), "date": app.now().date().isoformat()}
        app.push_screen(ItemForm(f"{case.label} の新しい会議", fields, defaults, agencies=app.agencies), created)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else (value or "")
