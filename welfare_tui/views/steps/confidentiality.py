"""The confidentiality step: read the statement, record when, and who acknowledged it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Label, SelectionList, Static

from welfare_tui import domain
from welfare_tui.storage import repo
from welfare_tui.views.fields import Field
from welfare_tui.views.steps.base import StepView


class ConfidentialityStep(StepView):
    def compose(self) -> ComposeResult:
        version, text = domain.confidentiality_statement(self.meeting.type)
        yield Static(text, id="statement", classes="statement")
        yield Label(self._confirmed_text(), id="confirmed-at")
        yield Button("読み上げて確認した（時刻を記録）", id="confirm-statement", variant="primary")
        yield Label("守秘義務を確認した出席者（Space で切替）", classes="item-table-title")
        yield SelectionList[int](id="acknowledgements")
        yield self.meeting_form([Field("materials", "資料の取扱い", "select", domain.MATERIALS)])

    def on_mount(self) -> None:
        attendees = self.app.call_db(repo.list_items, kind="attendee", parent_id=self.meeting.id) or []  # type: ignore[attr-defined]
        names = self.app.agency_names  # type: ignore[attr-defined]
        selection = self.query_one(SelectionList)
        for row in attendees:
            agency = names.get(row.get("agency_id") or "", "")
            selection.add_option((f"{row['name']}（{agency}）" if agency else row["name"], row["id"],
                                  bool(row.get("acknowledged"))))
        if attendees:
            selection.highlighted = 0  # so Space toggles the first attendee at once

    def _confirmed_text(self) -> str:
        at = self.meeting.confidentiality_confirmed_at
        return f"確認時刻: {at}（文言 {self.meeting.statement_version}）" if at else "まだ確認していません"

    @on(Button.Pressed, "#confirm-statement")
    def confirm(self) -> None:
        version, _ = domain.confidentiality_statement(self.meeting.type)
        at = self.app.now().strftime("%H:%M")  # type: ignore[attr-defined]
        if self.save_meeting({"confidentiality_confirmed_at": at, "statement_version": version}):
            self.meeting = self.meeting.model_copy(update={"confidentiality_confirmed_at": at,
                                                           "statement_version": version})
            self.query_one("#confirmed-at", Label).update(self._confirmed_text())

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled) -> None:
        attendee_id = event.selection.value
        acknowledged = attendee_id in event.selection_list.selected
        self.app.try_db(repo.update_item, kind="attendee", item_id=attendee_id,  # type: ignore[attr-defined]
                        values={"acknowledged": acknowledged})
