"""The last steps: wrap-up (what is still missing, decisions, remaining issues) and closing.

Both show the same list (storage/rules.py): the wrap-up step so the room can settle it, the closing
step when the facilitator finalises. Missing pieces may be left only by recording why; a missing
confidentiality confirmation never.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input, Label, Static

from welfare_tui import meeting_rules
from welfare_tui.i18n import t
from welfare_tui.storage import repo, rules
from welfare_tui.views.fields import Field
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.steps.base import StepStateChanged, StepView
from welfare_tui.views.steps.decision import DecidingStep
from welfare_tui.views.typed_app import welfare_app

END_TIME = Field("end_time", "field.end_time", "time", required=True)


def problem_list(problems: list[str]) -> str:
    if not problems:
        return t("step.all_settled")
    return t("step.missing_before_final") + "\n" + "\n".join(f"・{problem}" for problem in problems)


class WrapUpStep(StepView):
    FIELDS = (
        Field("decisions", "field.decisions", "textarea"),
        Field("remaining_issues", "field.remaining", "textarea"),
    )

    def compose(self) -> ComposeResult:
        yield Static("", id="missing")
        yield self.meeting_form(self.FIELDS)

    def on_mount(self) -> None:
        problems = welfare_app(self).query_db(
            rules.finalisation_problems,
            meeting_id=self.meeting.id,
            ignoring=(self.step["id"],),
        )  # this step is being worked on
        self.query_one("#missing", Static).update(problem_list(problems or []))


class ClosingStep(DecidingStep):
    def compose(self) -> ComposeResult:
        yield from self.decision_widgets()
        yield self.meeting_form([Field("end_time", "field.end_time", "time")])
        yield Static("", id="finish-problems")
        yield self.meeting_form(
            [Field("incomplete_reason", "field.incomplete_reason", "textarea")], prefix="r"
        )
        yield Label(self._status_text(), id="meeting-status")
        yield Button(t("step.finish_meeting"), id="finish-meeting", variant="primary")

    def on_mount(self) -> None:
        self._show_problems()

    def _show_problems(self) -> list[str]:
        problems = welfare_app(self).query_db(rules.finalisation_problems, meeting_id=self.meeting.id) or []
        self.query_one("#finish-problems", Static).update(problem_list(problems))
        # The reason box matters only while something is missing.
        self.query_one("#r-incomplete_reason").display = bool(problems) or bool(
            self.meeting.incomplete_reason
        )
        return problems

    def _status_text(self) -> str:
        return t("step.meeting_finished") if self.meeting.status == "finished" else t("step.meeting_running")

    @on(Button.Pressed, "#finish-meeting")
    def finish(self) -> None:
        if not self.flush():
            return
        current = welfare_app(self).query_db(repo.get_meeting, meeting_id=self.meeting.id)
        if current is None:
            return
        blocking = welfare_app(self).query_db(rules.blocking_problems, meeting_id=self.meeting.id)
        if blocking:
            self._show_problems()
            self.app.notify(t("step.cannot_finish"), severity="warning", timeout=8)
            return
        if current.end_time:
            self._finish({"status": "finished"})
            return
        # The end time is proposed, not imposed: the facilitator confirms or edits it first.
        proposal = meeting_rules.proposed_end_time(
            day=current.date,
            start=current.start_time,
            now=welfare_app(self).now(),
            planned_minutes=sum(int(step.get("minutes") or 0) for step in current.steps),
        )

        def confirmed(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._finish({"status": "finished", "end_time": values["end_time"]})

        self.app.push_screen(
            ItemForm(t("step.confirm_end_time"), [END_TIME], {"end_time": proposal}), confirmed
        )

    def _finish(self, values: dict[str, Any]) -> None:
        if self.save_meeting(values) and welfare_app(self).try_db(
            repo.set_step_state, meeting_id=self.meeting.id, step_id=self.step["id"], done=True
        ):
            self.meeting = self.meeting.model_copy(update=values)
            self.query_one("#meeting-status", Label).update(self._status_text())
            if "end_time" in values:
                self.query_one("#m-end_time", Input).value = values["end_time"]
            self.post_message(StepStateChanged())
            self.app.notify(t("step.finished_notice"))
