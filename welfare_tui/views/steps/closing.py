"""The last steps: wrap-up (what is still missing, decisions, remaining issues) and closing."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Label, Static

from welfare_tui.i18n import pick, t
from welfare_tui.storage import repo
from welfare_tui.views.fields import Field
from welfare_tui.views.steps.base import StepStateChanged, StepView


class WrapUpStep(StepView):
    FIELDS = (
        Field("decisions", "field.decisions", "textarea"),
        Field("remaining_issues", "field.remaining", "textarea"),
    )

    def compose(self) -> ComposeResult:
        yield Static(self._missing(), id="missing")
        yield self.meeting_form(self.FIELDS)

    def _missing(self) -> str:
        meeting = self.app.call_db(repo.get_meeting, meeting_id=self.meeting.id)  # type: ignore[attr-defined]
        if meeting is None:
            return ""
        missing = [f"・{pick(step['title'], step.get('title_en', ''))}" for step in meeting.steps
                   if step.get("required") and not step.get("done") and step["id"] != self.step["id"]]
        if not missing:
            return t("step.all_required_done")
        return t("step.missing_required") + "\n" + "\n".join(missing)


class ClosingStep(StepView):
    def compose(self) -> ComposeResult:
        yield self.meeting_form([Field("end_time", "field.end_time", "time")])
        yield Label(self._status_text(), id="meeting-status")
        yield Button(t("step.finish_meeting"), id="finish-meeting", variant="primary")

    def _status_text(self) -> str:
        return t("step.meeting_finished") if self.meeting.status == "finished" else t("step.meeting_running")

    @on(Button.Pressed, "#finish-meeting")
    def finish(self) -> None:
        self.flush()
        current = self.app.call_db(repo.get_meeting, meeting_id=self.meeting.id)  # type: ignore[attr-defined]
        if current is None:
            return
        values = {"status": "finished"}
        if not current.end_time:
            values["end_time"] = self.app.now().strftime("%H:%M")  # type: ignore[attr-defined]
        if self.save_meeting(values) and self.app.try_db(  # type: ignore[attr-defined]
                repo.set_step_state, meeting_id=self.meeting.id, step_id=self.step["id"], done=True):
            self.meeting = self.meeting.model_copy(update=values)
            self.query_one("#meeting-status", Label).update(self._status_text())
            if "end_time" in values:
                self.query_one("#m-end_time").value = values["end_time"]  # type: ignore[attr-defined]
            self.post_message(StepStateChanged())
            self.app.notify(t("step.finished_notice"))
