"""Steps that are one form over the meeting record: opening, resource gaps, next meeting, notes."""

from __future__ import annotations

from textual.app import ComposeResult

from welfare_tui import domain
from welfare_tui.views.fields import Field
from welfare_tui.views.steps.base import StepView


class OpeningStep(StepView):
    FIELDS = (
        Field("purpose", "開催理由・目的", "textarea"),
        Field("date", "開催日", "date", required=True),
        Field("start_time", "開始時刻", "time"),
        Field("place", "場所"),
        Field("mode", "形式", "select", domain.MEETING_MODE),
        Field("chair", "司会・議長"),
        Field("recorder", "記録者"),
    )

    def compose(self) -> ComposeResult:
        yield self.meeting_form(self.FIELDS)


class ResourceGapsStep(StepView):
    def compose(self) -> ComposeResult:
        yield self.meeting_form([Field("resource_gaps", "不足する社会資源・地域課題", "textarea")])


class NextMeetingStep(StepView):
    FIELDS = (
        Field("next_meeting_date", "次回開催日", "date"),
        Field("next_meeting_time", "時刻", "time"),
        Field("next_meeting_place", "場所"),
        Field("next_meeting_note", "備考（随時開催など）"),
    )

    def compose(self) -> ComposeResult:
        yield self.meeting_form(self.FIELDS)


class NotesStep(StepView):
    def compose(self) -> ComposeResult:
        yield self.notes_form()
