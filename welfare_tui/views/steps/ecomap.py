"""The ecomap step: the table of ties and the drawing, redrawn whenever a tie changes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from welfare_tui.ecomap import render_ecomap
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.widgets.item_table import ItemTable


class EcomapStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("tie", self.meeting.id, title="エコマップのつながり")
        yield Static("", id="ecomap-drawing")

    def on_mount(self) -> None:
        self.call_after_refresh(self.redraw)

    @on(ItemTable.Changed)
    def _ties_changed(self, event: ItemTable.Changed) -> None:
        self.redraw()

    def redraw(self) -> None:
        ties = self.query_one(ItemTable).rows
        agencies = {agency.id: agency for agency in self.app.agencies}  # type: ignore[attr-defined]
        self.query_one("#ecomap-drawing", Static).update(render_ecomap(self.case.label, ties, agencies))
