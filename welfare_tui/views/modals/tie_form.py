"""The dialog for one ecomap tie: every change of a field redraws the ecomap behind it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.css.query import NoMatches
from textual.widgets import Checkbox, Input, Select

from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.widgets.agency_picker import AgencyPicker
from welfare_tui.views.widgets.resource_picker import ResourcePicker


class TieForm(ItemForm):
    def __init__(
        self,
        *args: Any,
        preview: Callable[[dict[str, Any]], None] | None = None,
        closed: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.preview = preview
        self.closed = closed

    def on_unmount(self) -> None:
        if self.closed is not None:
            self.closed()  # back to the saved ties (a cancelled edit leaves no trace)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(AgencyPicker.Changed)
    @on(ResourcePicker.Changed)
    def _changed(self) -> None:
        if self.preview is None or not self.is_mounted:
            return
        try:
            values, _ = self.collect()
        except NoMatches:  # a field not mounted yet while the dialog opens
            return
        self.preview(values)
