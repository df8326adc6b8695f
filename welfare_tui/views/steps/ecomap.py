"""The ecomap step: the ties (add a / edit e / delete d), the drawing sized to the pane, and the
changes since the case's previous meeting (c shows or hides them, in words and highlighted).

While a tie's dialog is open the drawing follows every keystroke; closing it shows what was saved.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from welfare_tui.ecomap import from_items, tie_changes
from welfare_tui.i18n import t
from welfare_tui.storage import repo
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.widgets.ecomap_canvas import EcomapCanvas
from welfare_tui.views.widgets.item_table import ItemTable
from welfare_tui.views.widgets.resource_picker import read_resources
from welfare_tui.views.widgets.tie_table import TieTable


class EcomapStep(StepView):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "toggle_changes", "ecomap.binding.changes", id="ecomap.binding.changes"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localise_bindings(self)
        self.show_changes = True
        self.members: list[dict[str, Any]] = []
        self.previous_ties: list[dict[str, Any]] | None = None
        self.resources: list[dict[str, Any]] = []  # the register, for the names of resource nodes

    def compose(self) -> ComposeResult:
        app: Any = self.app
        self.members = app.query_db(repo.list_items, kind="member", parent_id=self.case.id) or []
        previous = self.previous_meeting_id()
        if previous is not None:
            self.previous_ties = app.query_db(repo.list_items, kind="tie", parent_id=previous) or []
        self.resources = read_resources(app)
        relations = [str(m.get("relation") or m.get("name") or "") for m in self.members]
        yield TieTable(
            self.meeting.id,
            members=[r for r in relations if r],
            title=t("ecomap.step.title"),
            keys=t("ecomap.step.keys"),
            preview=self.preview,
        )
        yield Static("", id="ecomap-changes")
        yield EcomapCanvas(id="ecomap-drawing")

    def on_mount(self) -> None:
        self.call_after_refresh(self.redraw)

    @on(ItemTable.Changed)
    def _ties_changed(self, event: ItemTable.Changed) -> None:
        self.redraw()

    def action_toggle_changes(self) -> None:
        self.show_changes = not self.show_changes
        self.redraw()

    def preview(self, row: dict[str, Any] | None) -> None:
        """Draw the ties as they would be with `row` (being edited) saved; None: as saved."""
        ties = list(self.query_one(TieTable).rows)
        if row is not None and row.get("to_node"):
            row = {"from_node": "household", **row}
            index = next((i for i, tie in enumerate(ties) if row.get("id") and tie["id"] == row["id"]), None)
            if index is None:
                ties.append(row)
            else:
                ties[index] = {**ties[index], **row}
        self.redraw(ties)

    def redraw(self, ties: list[dict[str, Any]] | None = None) -> None:
        app: Any = self.app
        if ties is None:
            ties = self.query_one(TieTable).rows
        model = from_items(
            self.case.label, ties, self.members, app.agencies, on=self.meeting.date, resources=self.resources
        )
        changes = []
        panel = self.query_one("#ecomap-changes", Static)
        if self.previous_ties is None:
            panel.update(t("ecomap.changes.first"))
        else:
            changes = tie_changes(self.previous_ties, ties, model.name)
            lines = [f"{change.mark} {change.text}" for change in changes] or [t("ecomap.changes.none")]
            panel.update("[b]" + t("ecomap.changes.title") + "[/b]\n" + "\n".join(lines))
        panel.display = self.show_changes
        self.query_one(EcomapCanvas).show(model, changes if self.show_changes else ())
