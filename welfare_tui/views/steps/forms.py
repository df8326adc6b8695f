"""Steps that are a form over the meeting record: opening, resource gaps (with the table of unmet
needs), next meeting, notes."""

from __future__ import annotations

from textual.app import ComposeResult

from welfare_tui.views.fields import Field
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.widgets.item_table import ItemTable


class OpeningStep(StepView):
    FIELDS = (
        Field("purpose", "field.purpose", "textarea"),
        Field("date", "field.date", "date", required=True),
        Field("start_time", "field.start_time", "time"),
        Field("place", "field.place"),
        Field("mode", "field.mode", "select", vocab="meeting_mode"),
        Field("chair", "field.chair"),
        Field("recorder", "field.recorder"),
    )

    def compose(self) -> ComposeResult:
        yield self.meeting_form(self.FIELDS)


class ResourceGapsStep(StepView):
    """地域課題: each need no resource meets is a row (category, sector, text, household member) that
    `welfare-tui gaps` counts across cases; the table comes first (the step opens on it), the free
    text for what is not one need below it."""

    def compose(self) -> ComposeResult:
        yield ItemTable("need", self.meeting.id, title="needs.title", detail_field="text")
        yield self.meeting_form([Field("resource_gaps", "field.resource_gaps", "textarea")])


class NextMeetingStep(StepView):
    FIELDS = (
        Field("next_meeting_date", "field.next_date", "date"),
        Field("next_meeting_time", "field.next_time", "time"),
        Field("next_meeting_place", "field.place"),
        Field("next_meeting_note", "field.next_note"),
    )

    def compose(self) -> ComposeResult:
        yield self.meeting_form(self.FIELDS)


class NotesStep(StepView):
    def compose(self) -> ComposeResult:
        yield self.notes_form()
