"""A dialog that edits one row (or one new thing) described by a tuple of `Field`s.

It returns the checked values, or None when cancelled. A wrong value is shown under the form and
the dialog stays open with everything the user typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from welfare_tui.i18n import t
from welfare_tui.views import STYLES
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.fields import Field, check, compose_field, read_widget

# Rows of the dialog around its fields: thick border (2), title and its margin (2), buttons (3).
DIALOG_CHROME = 7
FIELDS_MAX_ROWS = 18


class ItemForm(ModalScreen[dict[str, Any] | None]):
    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "modals" / "dialogs.tcss", STYLES / "forms.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "form.save", id="form.save"),
        Binding("escape", "cancel", "form.cancel", id="form.cancel"),
        Binding("f2", "add_agency", "form.add_agency", id="form.add_agency"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        values: Mapping[str, Any] | None = None,
        *,
        save: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """`save`, when given, writes the values; the dialog closes only once it returns True."""
        super().__init__()
        localise_bindings(self)
        self.save = save
        self.form_title = title
        self.fields = tuple(fields)
        self.values = dict(values or {})

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield Label(self.form_title, id="form-title")
            with VerticalScroll(id="form-fields"):
                for field in self.fields:
                    yield from compose_field(field, self.values.get(field.name))
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(t("form.save_button"), variant="primary", id="form-save")
                yield Button(t("form.cancel_button"), id="form-cancel")

    def on_mount(self) -> None:
        self._fit_fields()
        # Open on the first field one types into (a text box, or an agency or resource picker, which
        # searches what is typed), so typing never goes nowhere; choices before it stay a Shift+Tab away.
        from welfare_tui.views.widgets.agency_picker import AgencyPicker
        from welfare_tui.views.widgets.resource_picker import ResourcePicker

        fields = [widget for widget in self.query("#form-fields > *") if widget.focusable]
        typed = [
            widget for widget in fields if isinstance(widget, (Input, TextArea, AgencyPicker, ResourcePicker))
        ]
        if typed or fields:
            (typed or fields)[0].focus()

    def on_resize(self) -> None:
        self._fit_fields()

    def _fit_fields(self) -> None:
        """The fields scroll, the buttons stay: the field area gets what the terminal has left
        after the title, the error lines and the buttons (at 80×24 a long form hid its buttons)."""
        errors = str(self.query_one("#form-error", Static).content)
        error_rows = errors.count("\n") + 1 if errors else 0
        rows = self.size.height - DIALOG_CHROME - error_rows
        self.query_one("#form-fields").styles.max_height = max(3, min(FIELDS_MAX_ROWS, rows))

    def _show_error(self, text: str) -> None:
        self.query_one("#form-error", Static).update(text)
        self._fit_fields()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_agency":
            return any(field.kind == "agency" for field in self.fields)
        return True

    def action_add_agency(self) -> None:
        """Register a local agency into the focused agency field (or the first one): F2 of the
        pickers themselves, for when the focus is on another field."""
        from welfare_tui.views.widgets.agency_picker import AgencyPicker

        pickers = list(self.query(AgencyPicker))
        target = self.focused if isinstance(self.focused, AgencyPicker) else pickers[0]
        target.action_register()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def collect(self) -> tuple[dict[str, Any], list[str]]:
        values: dict[str, Any] = {}
        errors: list[str] = []
        for field in self.fields:
            widget = self.query_one(f"#f-{field.name}")
            value, error = check(field, read_widget(field, widget))
            if error:
                errors.append(error)
            values[field.name] = value
        return values, errors

    def action_save(self) -> None:
        values, errors = self.collect()
        if errors:
            self._show_error("\n".join(errors))
            return
        if self.save is not None and not self.save(values):
            self._show_error(t("form.not_saved"))
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
