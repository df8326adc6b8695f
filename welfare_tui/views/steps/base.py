"""What every step view shares: access to the meeting and its case, and forms that save themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.containers import VerticalScroll
from textual.message import Message

from welfare_tui.storage import repo
from welfare_tui.views.fields import Field
from welfare_tui.views.widgets.autosave_form import AutosaveForm

class StepStateChanged(Message):
    """A step view changed a step's done mark or the meeting status; the sidebar redraws."""


class StepView(VerticalScroll):
    """One agenda step on the right of the meeting screen."""

    def __init__(self, meeting: Any, case: Any, step: dict[str, Any]) -> None:
        super().__init__(classes="step-view")
        self.meeting = meeting
        self.case = case
        self.step = step

    # Saving -----------------------------------------------------------------------------------
    def save_meeting(self, values: dict[str, Any]) -> bool:
        return self.app.try_db(repo.update_meeting, meeting_id=self.meeting.id, **values)  # type: ignore[attr-defined]

    def save_case(self, values: dict[str, Any]) -> bool:
        return self.app.try_db(repo.update_case, case_id=self.case.id, **values)  # type: ignore[attr-defined]

    def save_notes(self, values: dict[str, Any]) -> bool:
        return self.app.try_db(repo.set_step_state, meeting_id=self.meeting.id,  # type: ignore[attr-defined]
                               step_id=self.step["id"], notes=values.get("notes", ""))

    # Forms ------------------------------------------------------------------------------------
    def meeting_form(self, fields: Sequence[Field], prefix: str = "m") -> AutosaveForm:
        values = {f.name: getattr(self.meeting, f.name, None) for f in fields}
        return AutosaveForm(fields, values, self.save_meeting, prefix=prefix, agencies=self.app.agencies)  # type: ignore[attr-defined]

    def case_form(self, fields: Sequence[Field], prefix: str = "c") -> AutosaveForm:
        values = {f.name: getattr(self.case, f.name, None) for f in fields}
        return AutosaveForm(fields, values, self.save_case, prefix=prefix, agencies=self.app.agencies)  # type: ignore[attr-defined]

    def notes_form(self, label: str = "field.notes") -> AutosaveForm:
        """The step's own notes; `label` is a message key."""
        field = Field("notes", label, "textarea")
        return AutosaveForm([field], {"notes": self.step.get("notes", "")}, self.save_notes, prefix="n")

    def flush(self) -> bool:
        """Write whatever is still pending (before leaving the step). False if a value is wrong."""
        return all([form.flush() for form in self.query(AutosaveForm)])

    def previous_meeting_id(self) -> int | None:
        """The case's latest meeting before this one, for review and evaluation steps."""
        rows = self.app.call_db(repo.list_meetings, case_id=self.case.id) or []  # type: ignore[attr-defined]
        earlier = [row for row in rows if row.round < self.meeting.round]
        return max(earlier, key=lambda row: row.round).id if earlier else None
