"""A table of one kind of row (attendees, ties, roles, ...) that the user adds to, edits and removes
from with the keyboard. Every change is written at once, then the table is reloaded from storage so
the screen always shows what is saved."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region
from textual.markup import escape
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static

from welfare_tui.i18n import all_messages, t
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.columns import CELL_PADDING, clip, column_widths
from welfare_tui.views.fields import display
from welfare_tui.views.item_specs import ITEM_COLUMNS, ITEM_DEFAULTS, ITEM_FIELDS, ITEM_TITLES
from welfare_tui.views.modals.confirm import ConfirmDialog
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.row_saving import RowSaver, changed_values
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.resource_picker import resource_names


class ItemTable(Vertical):
    # The keys act only while the table itself has focus (the detail below it cannot take focus):
    # in a text field of the same step, a typed "a" is just an "a".
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,insert", "add", "items.add", id="items.add"),
        Binding("e", "edit", "items.edit", id="items.edit"),
        Binding("d,delete", "delete", "items.delete", id="items.delete"),
    ]

    class Changed(Message):
        """Rows of `kind` were added, edited or removed (the ecomap drawing listens)."""

        def __init__(self, kind: str) -> None:
            super().__init__()
            self.kind = kind

    def __init__(
        self,
        kind: str,
        parent_id: int,
        *,
        title: str | None = None,
        keys: str = "",
        detail_field: str | None = None,
        id: str | None = None,
    ) -> None:
        """`keys`: more key hints for the title line (not part of the title the dialogs show)."""
        super().__init__(id=id or f"items-{kind}", classes="item-table")
        localise_bindings(self)
        self.kind = kind
        self.parent_id = parent_id
        self.fields = ITEM_FIELDS[kind]  # the form's (and what a save sends)
        self.columns = ITEM_COLUMNS[kind]  # the table's
        key = title or ITEM_TITLES[kind]
        self.title = t(key) if key in all_messages() else key  # a message key, or a text already translated
        self.keys = keys
        self.detail_field = detail_field
        self.rows: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Label(self._title_text(False), classes="item-table-title")
        yield DataTable(cursor_type="row", zebra_stripes=True, id=f"table-{self.kind}")  # columns: _fill
        if self.detail_field:
            yield Static("", classes="item-detail", id=f"detail-{self.kind}")

    def on_mount(self) -> None:
        self.reload()

    def _title_text(self, focused: bool) -> str:
        # The row keys are shown only while they work (the table has focus); otherwise how to get there.
        keys = " ".join(filter(None, (t("items.keys" if focused else "items.keys_unfocused"), self.keys)))
        return f"{escape(self.title)}　[dim]{escape(keys)}[/]"

    def on_descendant_focus(self) -> None:
        self.query_one(".item-table-title", Label).update(self._title_text(True))

    def on_descendant_blur(self) -> None:
        self.query_one(".item-table-title", Label).update(self._title_text(False))

    @property
    def table(self) -> DataTable[str]:
        return self.query_one(DataTable)

    def reload(self, select_id: int | None = None) -> None:
        from welfare_tui.storage import repo

        rows = welfare_app(self).query_db(repo.list_items, kind=self.kind, parent_id=self.parent_id)
        if rows is None:
            return
        self.rows = rows
        self._fill(select_id)

    @property
    def shows_resources(self) -> bool:
        """Whether a cell may name a 地域資源 (the register is read for its names)."""
        return any(f.kind == "resource" for f in self.columns)

    def on_resize(self) -> None:
        if self.rows or not self.table.columns:
            self._fill()

    def _fill(self, select_id: int | None = None) -> None:
        """Columns sized for the rows and the width there is (views/columns.py), then the rows."""
        rows, table = self.rows, self.table
        keep = table.cursor_row
        names = welfare_app(self).agency_names
        resources = resource_names(self.app) if self.shows_resources else {}
        cells = [[display(f, row.get(f.name), names, resources) for f in self.columns] for row in rows]
        # Room for a vertical scrollbar is always kept: columns that overflowed by its width would
        # bring a horizontal scrollbar, which takes a row and brings the vertical one.
        available = (
            self.content_size.width or sum(f.width + CELL_PADDING for f in self.columns)
        ) - table.styles.scrollbar_size_vertical
        widths = column_widths(self.columns, cells, available)
        table.clear(columns=True)
        for field, width in zip(self.columns, widths):
            table.add_column(field.title, width=width, key=field.name)
        for row, values in zip(rows, cells):
            table.add_row(*(clip(value, width) for value, width in zip(values, widths)), key=str(row["id"]))
        if select_id is not None:
            keep = next((i for i, row in enumerate(rows) if row["id"] == select_id), keep)
        if rows:
            table.move_cursor(row=min(max(keep, 0), len(rows) - 1))
        self._show_detail()

    def focus_row(self) -> None:
        """Focus the table with its cursor row in view: after a save the row just written is where
        the user looks, even at the bottom of a long step (the focus alone would show the table's top)."""
        self.table.focus(scroll_visible=False)
        self.call_after_refresh(self._scroll_cursor_row_into_view)

    def _scroll_cursor_row_into_view(self) -> None:
        table = self.table
        if not table.is_attached:
            return
        if not table.row_count:
            table.scroll_visible(animate=False)
            return
        row = table._get_row_region(table.cursor_row)  # in the table's own scrolled space
        content = table.content_region
        top = content.y + row.y - round(table.scroll_y)
        wanted = Region(content.x, top, content.width, row.height)
        header = Region(content.x, content.y, content.width, table.header_height)
        for container in table.ancestors:
            if isinstance(container, Widget) and container.allow_vertical_scroll:
                visible = container.content_region
                # The header too when it fits, so the row is seen with its column names.
                span = wanted.union(header) if wanted.bottom - header.y <= visible.height else wanted
                if span.y < visible.y:
                    container.scroll_to(
                        y=container.scroll_y - (visible.y - span.y), animate=False, immediate=True
                    )
                elif span.bottom > visible.bottom:
                    container.scroll_to(
                        y=container.scroll_y + span.bottom - visible.bottom, animate=False, immediate=True
                    )
                return

    def current(self) -> dict[str, Any] | None:
        if not self.rows:
            return None
        index = self.table.cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def _show_detail(self) -> None:
        if not self.detail_field:
            return
        row = self.current()
        self.query_one(".item-detail", Static).update(str(row.get(self.detail_field, "")) if row else "")

    def _form(self, title: str, values: dict[str, Any], save: Any) -> ItemForm:
        return ItemForm(title, self.fields, values, save=save)

    def _saved(self, row: dict[str, Any] | None) -> bool:
        """Show the row that was just written; False (dialog stays open) when it was not."""
        if row is None:
            return False
        self.reload(select_id=row["id"])
        self.post_message(self.Changed(self.kind))
        return True

    def action_add(self) -> None:
        from welfare_tui.storage import repo

        def save(values: dict[str, Any]) -> bool:
            return self._saved(
                welfare_app(self).call_db(
                    repo.add_item,
                    kind=self.kind,
                    parent_id=self.parent_id,
                    values=values,
                )
            )

        self.app.push_screen(
            self._form(t("items.add_title", title=self.title), dict(ITEM_DEFAULTS.get(self.kind, {})), save),
            lambda _: self.focus_row(),
        )

    def action_edit(self) -> None:
        row = self.current()
        if row is None:
            self.action_add()
            return
        # Only the fields the user changes are sent, with the version and values read (row_saving.py).
        saver = RowSaver(welfare_app(self), self.kind, row, self.fields)
        form: ItemForm

        def decided(saved: dict[str, Any]) -> None:  # after the conflict dialog: show, and close the form
            self._saved(saved)
            if form.is_attached:
                form.dismiss(None)

        def save(values: dict[str, Any]) -> bool:
            return self._saved(saver.save(changed_values(self.fields, saver.row, values), decided))

        form = self._form(t("items.edit_title", title=self.title), row, save)
        self.app.push_screen(form, lambda _: self.focus_row())

    def action_delete(self) -> None:
        row = self.current()
        if row is None:
            return
        summary = " ".join(
            display(f, row.get(f.name), welfare_app(self).agency_names) for f in self.columns[:2]
        )

        def confirmed(yes: bool | None) -> None:
            from welfare_tui.storage import repo

            if yes:
                # A row someone else changed since it was read is not deleted: the reload shows
                # their change, and the user decides again.
                welfare_app(self).try_db(
                    repo.delete_item,
                    kind=self.kind,
                    item_id=row["id"],
                    expected_version=row["version"],
                )
                self.reload()
                self.post_message(self.Changed(self.kind))
            self.focus_row()

        self.app.push_screen(ConfirmDialog(t("items.delete_question", summary=summary.strip())), confirmed)
