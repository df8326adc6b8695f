"""The intake inbox (つなぎ受付, domain.md §13.1): consultations a window passes on to 多機関協働.

Open intakes first, then the settled ones, newest first (storage/intakes.py). On the highlighted
intake: accept it as a case (the case is created pre-filled and linked; the screen closes on it so
the home screen shows the new case), refer it to another window, or close it with a note.
Every dialog keeps what was typed when a value is wrong (views/modals/item_form.py).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from welfare_tui.i18n import label, t
from welfare_tui.storage import repo
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.fields import Field
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.key_bar import KeyBar

# Widths in cells: the seven columns fit 80 columns with Japanese text.
COLUMNS = (
    ("date", 10),
    ("outcome", 8),
    ("label", 10),
    ("window", 8),
    ("route", 8),
    ("concern", 12),
    ("case", 8),
)
# Settled intakes shown after the open ones: the inbox is a to-do list, not an archive.
SETTLED_LIMIT = 50

ADD_FIELDS = (
    Field("date", "field.intake.date", "date", required=True),
    Field("window_agency", "field.intake.window", "agency"),
    Field("route", "field.intake.route", "select", vocab="intake_route", required=True),
    Field("label", "field.intake.label", required=True),
    Field("concern", "field.intake.concern", "textarea"),
    Field("tags", "field.tags", "tags", placeholder="field.tags.hint"),
    Field("consent", "field.intake.consent", "select", vocab="intake_consent", required=True),
    Field("notes", "field.intake.notes", "textarea"),
)


class IntakeScreen(Screen[str | None]):
    """Dismisses with the code of a case just created from an intake (or None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,insert", "add", "intake_tui.add", id="intake_tui.add"),
        Binding("c", "accept", "intake_tui.accept", id="intake_tui.accept"),
        Binding("r", "refer", "intake_tui.refer", id="intake_tui.refer"),
        Binding("x", "close_intake", "intake_tui.close", id="intake_tui.close"),
        Binding("escape", "back", "intake_tui.back", id="intake_tui.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)
        self.intakes: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Label(t("intake_tui.title"), id="home-title")
        yield Label("", id="intake-count", classes="section-title")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="intakes")
        for key, width in COLUMNS:
            table.add_column(Text(t(f"intake_tui.col.{key}")), width=width, key=key)
        yield table
        yield Static("", id="intake-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#intakes").focus()

    def reload(self, keep: int | None = None) -> None:
        """Read the inbox again; the cursor stays on intake `keep` (an id) when it is listed."""
        rows = welfare_app(self).query_db(repo.list_intakes)
        if rows is None:
            return
        open_rows = [row for row in rows if row["outcome"] == "open"]
        settled = [row for row in rows if row["outcome"] != "open"][:SETTLED_LIMIT]
        self.intakes = open_rows + settled
        table = self.query_one("#intakes", DataTable)
        table.clear()
        names = welfare_app(self).agency_names
        for row in self.intakes:
            cells = (
                row["date"] or "",
                t(f"intake_tui.outcome.{row['outcome']}"),
                row["label"],
                names.get(row["window_agency_id"] or "", ""),
                label("intake_route", row["route"]),
                (row["concern"] or "").replace("\n", " "),
                row["case_code"] or "",
            )
            table.add_row(*map(Text, cells), key=str(row["id"]))
        self.query_one("#intake-count", Label).update(
            t("intake_tui.count", open=len(open_rows), total=len(rows)) if rows else t("intake_tui.empty")
        )
        index = next((i for i, row in enumerate(self.intakes) if row["id"] == keep), 0)
        if self.intakes:
            table.move_cursor(row=index)
        self._show_detail()

    def selected(self) -> dict[str, Any] | None:
        table = self.query_one("#intakes", DataTable)
        if not self.intakes or not 0 <= table.cursor_row < len(self.intakes):
            return None
        return self.intakes[table.cursor_row]

    @on(DataTable.RowHighlighted, "#intakes")
    def _show_detail(self) -> None:
        row = self.selected()
        lines = []
        if row is not None:
            lines.append(t("intake_tui.detail", concern=row["concern"] or "—"))
            if row["outcome"] != "open":
                agency = welfare_app(self).agency_names.get(row["referred_to_id"] or "", "")
                outcome = label("intake_outcome", row["outcome"])
                lines.append(
                    t("intake_tui.detail_outcome", outcome=outcome, date=row["outcome_date"], agency=agency)
                )
            if row["outcome_note"]:
                lines.append(t("intake_tui.detail_note", note=row["outcome_note"]))
        self.query_one("#intake-detail", Static).update("\n".join(lines))

    def _open_selected(self) -> dict[str, Any] | None:
        """The highlighted intake when it is still open; otherwise say why not."""
        row = self.selected()
        if row is None:
            self.notify(t("intake_tui.pick_first"), severity="warning")
            return None
        if row["outcome"] != "open":
            outcome = label("intake_outcome", row["outcome"])
            self.notify(t("intake_tui.not_open", outcome=outcome), severity="warning")
            return None
        return row

    # Actions ----------------------------------------------------------------------------------
    def action_add(self) -> None:
        app = welfare_app(self)

        def save(values: dict[str, Any]) -> bool:
            intake = app.call_db(repo.add_intake, **values)
            if intake is None:
                return False
            self.reload(keep=intake["id"])
            self.notify(t("intake_tui.added", label=intake["label"]))
            return True

        defaults = {"date": app.now().date().isoformat(), "route": "agency", "consent": "no"}
        app.push_screen(ItemForm(t("intake_tui.add_title"), ADD_FIELDS, defaults, save=save))

    def action_accept(self) -> None:
        row = self._open_selected()
        if row is None:
            return
        app = welfare_app(self)
        code = app.query_db(repo.next_case_code, year=app.now().year)
        fields = (Field("code", "field.case_code", required=True),)

        def save(values: dict[str, Any]) -> bool:
            accepted = app.call_db(repo.accept_intake, intake_id=row["id"], code=values["code"])
            if accepted is None:
                return False
            self.notify(t("intake_tui.accepted", code=accepted["case_code"]))
            self.dismiss(accepted["case_code"])
            return True

        title = t("intake_tui.accept_title", label=row["label"])
        app.push_screen(ItemForm(title, fields, {"code": code or ""}, save=save))

    def action_refer(self) -> None:
        row = self._open_selected()
        if row is None:
            return
        fields = (
            Field("to_agency", "intake_tui.to_agency", "agency", required=True),
            Field("date", "intake_tui.outcome_date", "date", required=True),
            Field("note", "intake_tui.note", "textarea"),
        )
        self._settle(row, repo.refer_intake, fields, "intake_tui.refer_title", "intake_tui.referred")

    def action_close_intake(self) -> None:
        row = self._open_selected()
        if row is None:
            return
        fields = (
            Field("note", "intake_tui.note", "textarea", required=True),
            Field("date", "intake_tui.outcome_date", "date", required=True),
        )
        self._settle(row, repo.close_intake, fields, "intake_tui.close_title", "intake_tui.closed")

    def _settle(
        self, row: dict[str, Any], function: Any, fields: tuple[Field, ...], title: str, done: str
    ) -> None:
        """Ask `fields`, then settle the intake with `function` (refer or close)."""
        app = welfare_app(self)

        def save(values: dict[str, Any]) -> bool:
            if app.call_db(function, intake_id=row["id"], **values) is None:
                return False
            self.reload(keep=row["id"])
            self.notify(t(done, label=row["label"]))
            return True

        today = app.now().date().isoformat()
        app.push_screen(ItemForm(t(title, label=row["label"]), fields, {"date": today}, save=save))

    def action_back(self) -> None:
        self.dismiss(None)
