"""The confidentiality step: read the statement, record when, and who acknowledged it."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Label, SelectionList, Static

from welfare_tui import domain
from welfare_tui.i18n import t
from welfare_tui.storage import repo
from welfare_tui.views.fields import Field
from welfare_tui.views.row_saving import RowSaver
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.checkmarks import MarkedSelectionList


class ConfidentialityStep(StepView):
    def compose(self) -> ComposeResult:
        yield Static(self._statement_text(), id="statement", classes="statement")
        yield Label(self._confirmed_text(), id="confirmed-at")
        yield Button(t("step.confirm_statement"), id="confirm-statement", variant="primary")
        yield Label(t("step.acknowledgements"), classes="item-table-title")
        yield MarkedSelectionList(id="acknowledgements")
        yield self.meeting_form([Field("materials", "field.materials", "select", vocab="materials")])

    def on_mount(self) -> None:
        attendees = (
            welfare_app(self).query_db(repo.list_items, kind="attendee", parent_id=self.meeting.id) or []
        )
        self.attendees = {row["id"]: row for row in attendees}  # as read: each save sends its version
        names = welfare_app(self).agency_names
        selection = self.query_one(SelectionList)
        for row in attendees:
            agency = names.get(row.get("agency_id") or "", "")
            selection.add_option(
                (
                    f"{row['name']}（{agency}）" if agency else row["name"],
                    row["id"],
                    bool(row.get("acknowledged")),
                )
            )
        if attendees:
            selection.highlighted = 0  # so Space toggles the first attendee at once

    def _statement_text(self) -> str:
        """The statement as read when the meeting was confirmed (an older version stays as it was read);
        before confirmation, today's statement for the meeting's type."""
        recorded = self.meeting.statement_version if self.meeting.confidentiality_confirmed_at else ""
        return t(f"statement.{domain.statement_shown(self.meeting.type, recorded)}")

    def _confirmed_text(self) -> str:
        at = self.meeting.confidentiality_confirmed_at
        return (
            t("step.confirmed_at", time=at, version=self.meeting.statement_version)
            if at
            else t("step.not_confirmed")
        )

    @on(Button.Pressed, "#confirm-statement")
    def confirm(self) -> None:
        version, _ = domain.confidentiality_statement(self.meeting.type)
        at = welfare_app(self).now().strftime("%H:%M")
        if self.save_meeting({"confidentiality_confirmed_at": at, "statement_version": version}):
            self.meeting = self.meeting.model_copy(
                update={"confidentiality_confirmed_at": at, "statement_version": version}
            )
            self.query_one("#statement", Static).update(self._statement_text())
            self.query_one("#confirmed-at", Label).update(self._confirmed_text())

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled[int]) -> None:
        attendee_id = event.selection.value
        acknowledged = attendee_id in event.selection_list.selected
        selection = event.selection_list

        def show(saved: dict[str, Any]) -> None:
            self.attendees[attendee_id] = saved
            with selection.prevent(SelectionList.SelectionToggled):
                (selection.select if saved["acknowledged"] else selection.deselect)(attendee_id)

        saver = RowSaver(
            welfare_app(self),
            "attendee",
            self.attendees[attendee_id],
            (Field("acknowledged", "step.acknowledgements", "bool"),),
        )
        # Not saved (or waiting for the conflict dialog): the mark shows what is stored meanwhile.
        show(saver.save({"acknowledged": acknowledged}, show) or self.attendees[attendee_id])
