"""The contact log of one case (支援経過 / アウトリーチ): every visit, call, letter… newest first, with
its agency, whom it reached, the note (cut with … in the table, whole below it) and the next attempt.

Opened with `v` on a case of the home screen, and from a meeting (F4, or `v` where no text field
has focus): there the entries added are recorded as the meeting's (`meeting_id`). a adds, e or Enter
edits, d deletes; an edit sends the version read and only the fields changed, so a save conflict asks
which value to keep (views/row_saving.py) and never loses what was typed; a delete of a row changed
since it was read is refused and the list shows the change.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from welfare_tui.i18n import t
from welfare_tui.records.between import CONTACT
from welfare_tui.storage import repo
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.columns import CELL_PADDING, clip, column_widths
from welfare_tui.views.fields import Field, display
from welfare_tui.views.item_specs import form_field
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.row_saving import RowSaver, changed_values
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.key_bar import KeyBar

# The form: the record spec's fields of a contact, in its form order (date, mode, whom, agency…).
FORM_FIELDS: tuple[Field, ...] = tuple(form_field(field) for field in CONTACT.form_fields)
# The table: what a coordinator scans down, the note last (it takes what width is left).
_BY_NAME = {field.name: field for field in FORM_FIELDS}
COLUMNS: tuple[Field, ...] = tuple(
    _BY_NAME[name] for name in ("date", "agency_id", "mode", "whom", "next_date", "note")
)


def open_contact_log(screen: Screen[Any], case: Any, meeting_id: int | None = None) -> None:
    """Open the log of `case` (anything with an `id`) over `screen`; say so when no case is chosen."""
    if case is None:
        screen.notify(t("contacts_tui.pick_case_first"), severity="warning")
        return
    screen.app.push_screen(ContactLogScreen(case.id, meeting_id))


class ContactLogScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,insert", "add", "contacts_tui.add", id="contacts_tui.add"),
        Binding("e", "edit", "contacts_tui.edit", id="contacts_tui.edit"),
        Binding("d,delete", "delete", "contacts_tui.delete", id="contacts_tui.delete"),
        Binding("escape", "back", "contacts_tui.back", id="contacts_tui.back"),
    ]

    def __init__(self, case_id: int, meeting_id: int | None = None) -> None:
        """`meeting_id`: the meeting the log was opened from, recorded on the entries added here."""
        super().__init__()
        localise_bindings(self)
        self.case_id = case_id
        self.case: Any = None
        self.meeting_id = meeting_id
        self.rows: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="home-title")
        yield Label("", id="contacts-count", classes="section-title")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="contacts")
        yield Static("", id="contacts-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.case = welfare_app(self).query_db(repo.get_case, case_id=self.case_id)
        if self.case is None:
            self.dismiss(None)
            return
        self.query_one("#home-title", Label).update(t("contacts_tui.title", label=self.case.label))
        self.reload()
        self.query_one("#contacts").focus()

    def reload(self, keep: int | None = None) -> None:
        """Read the log again; the cursor goes to entry `keep` (an id) when given."""
        rows = welfare_app(self).query_db(repo.list_contacts, case_id=self.case.id)
        if rows is None:
            return
        self.rows = [dict(row) for row in rows]
        count = t("contacts_tui.count", count=len(self.rows)) if self.rows else t("contacts_tui.empty")
        if self.meeting_id is not None:
            count += "　" + t("contacts_tui.in_meeting")
        self.query_one("#contacts-count", Label).update(count)
        self._fill(keep)

    def on_resize(self) -> None:
        if self.is_mounted:
            self._fill()

    def _fill(self, keep: int | None = None) -> None:
        table = self.query_one("#contacts", DataTable)
        row_index = table.cursor_row
        names = welfare_app(self).agency_names
        cells = [[display(field, row.get(field.name), names) for field in COLUMNS] for row in self.rows]
        available = (self.size.width or 80) - table.styles.scrollbar_size_vertical - CELL_PADDING
        widths = column_widths(COLUMNS, cells, available)
        table.clear(columns=True)
        for field, width in zip(COLUMNS, widths):
            table.add_column(Text(field.title), width=width, key=field.name)
        for row, values in zip(self.rows, cells):
            table.add_row(
                *(Text(clip(value, width)) for value, width in zip(values, widths)), key=str(row["id"])
            )
        if keep is not None:
            row_index = next((i for i, row in enumerate(self.rows) if row["id"] == keep), 0)
        if self.rows:
            table.move_cursor(row=min(max(row_index, 0), len(self.rows) - 1))
        self._show_detail()

    def selected(self) -> dict[str, Any] | None:
        index = self.query_one("#contacts", DataTable).cursor_row
        return self.rows[index] if self.rows and 0 <= index < len(self.rows) else None

    @on(DataTable.RowHighlighted, "#contacts")
    def _show_detail(self) -> None:
        row = self.selected()
        text = t("contacts_tui.detail", note=row["note"]) if row and row.get("note") else ""
        self.query_one("#contacts-detail", Static).update(text)

    @on(DataTable.RowSelected, "#contacts")
    def _chosen(self) -> None:
        self.action_edit()

    # Actions ----------------------------------------------------------------------------------
    def action_add(self) -> None:
        app = welfare_app(self)

        def save(values: dict[str, Any]) -> bool:
            added = app.call_db(repo.add_contact, case_id=self.case.id, meeting_id=self.meeting_id, **values)
            if added is None:
                return False
            self.reload(keep=added["id"])
            self.notify(t("contacts_tui.added", date=added["date"]))
            return True

        defaults = {
            **CONTACT.starts_with,
            "date": app.now().date().isoformat(),
            "agency_id": self.case.lead_agency_id,
        }
        app.push_screen(ItemForm(t("contacts_tui.add_title"), FORM_FIELDS, defaults, save=save))

    def action_edit(self) -> None:
        row = self.selected()
        if row is None:
            self.action_add()
            return
        app = welfare_app(self)
        saver = RowSaver(app, "contact", row, FORM_FIELDS, update=_updater(row["id"]))
        form: ItemForm

        def decided(saved: dict[str, Any]) -> None:  # after the conflict dialog: show, close the form
            self.reload(keep=saved["id"])
            if form.is_attached:
                form.dismiss(None)

        def save(values: dict[str, Any]) -> bool:
            saved = saver.save(changed_values(FORM_FIELDS, saver.row, values), decided)
            if saved is None:
                return False
            self.reload(keep=saved["id"])
            return True

        form = ItemForm(t("contacts_tui.edit_title"), FORM_FIELDS, row, save=save)
        app.push_screen(form)

    def action_delete(self) -> None:
        from welfare_tui.views.modals.confirm import ConfirmDialog

        row = self.selected()
        if row is None:
            return
        names = welfare_app(self).agency_names
        summary = " ".join(display(field, row.get(field.name), names) for field in COLUMNS[:3])

        def confirmed(yes: bool | None) -> None:
            if yes:
                # A row someone else changed since it was read is not deleted: the reload shows it.
                welfare_app(self).try_db(
                    repo.delete_contact, contact_id=row["id"], expected_version=row["version"]
                )
                self.reload()

        self.app.push_screen(ConfirmDialog(t("contacts_tui.delete_question", summary=summary)), confirmed)

    def action_back(self) -> None:
        self.dismiss(None)


def _updater(contact_id: int) -> Any:
    """The repository's update of one contact, as RowSaver calls it."""

    def update(session: Any, **versioned: Any) -> dict[str, Any]:
        return dict(repo.update_contact(session, contact_id=contact_id, **versioned))

    return update
