"""What every step view shares: access to the meeting and its case, and forms that save themselves.

Saves of the meeting, the case and the step's own notes are optimistically locked (storage/repo.py
`update_case`, `set_step_state`): they send the version the step read and the values it read for the
fields they change, and the step keeps the record each save returns, so its version stays current.
When another session changed the same field, the user chooses in a dialog (views/modals/conflict.py);
nothing is overwritten silently. Table rows do the same through views/row_saving.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message

from welfare_tui.errors import Conflict
from welfare_tui.i18n import all_messages, t
from welfare_tui.storage import repo
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.fields import Field
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.autosave_form import AutosaveForm


class StepStateChanged(Message):
    """A step view changed a step's done mark or the meeting status; the sidebar redraws."""


class StepView(VerticalScroll, can_focus=False):
    """One agenda step on the right of the meeting screen.

    Not a Tab stop itself (its fields are; the wheel and the fields' focus scroll it). F3 goes
    straight to the step's table, and on to the next one, however many fields come before it."""

    # Not in the key bar (it is full at 80 columns): each table's title says "F3 で表へ" while it lacks focus.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f3", "focus_table", "meeting.table_key", id="meeting.table_key", show=False)
    ]

    def __init__(self, meeting: Any, case: Any, step: dict[str, Any]) -> None:
        super().__init__(classes="step-view")
        localise_bindings(self)
        self.meeting = meeting
        self.case = case
        self.step = step

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_table":
            from welfare_tui.views.widgets.item_table import ItemTable

            return bool(self.query(ItemTable))
        return True

    def action_focus_table(self) -> None:
        """Focus the step's first table, or, from a table, the next one."""
        from welfare_tui.views.widgets.item_table import ItemTable

        tables = list(self.query(ItemTable))
        focused = self.screen.focused
        current = next(
            (i for i, table in enumerate(tables) if focused is not None and table in focused.ancestors), -1
        )
        tables[(current + 1) % len(tables)].focus_row()

    # Saving -----------------------------------------------------------------------------------
    def write_meeting(self, values: dict[str, Any], original: dict[str, Any], version: int) -> Any:
        """Save meeting fields read at `version` (with the values read in `original`): the updated
        meeting, or None when the app has said why not. Raises Conflict for the caller to resolve."""
        updated = self._write(
            repo.update_meeting,
            meeting_id=self.meeting.id,
            expected_version=version,
            original=original,
            **values,
        )
        if updated is not None:
            self.meeting = updated
        return updated

    def write_case(self, values: dict[str, Any], original: dict[str, Any], version: int) -> Any:
        """As `write_meeting`, for the meeting's case."""
        updated = self._write(
            repo.update_case, case_id=self.case.id, expected_version=version, original=original, **values
        )
        if updated is not None:
            self.case = updated
        return updated

    def _write(self, function: Callable[..., Any], /, **kwargs: Any) -> Any:
        app = welfare_app(self)
        try:
            return app.db.run(function, **kwargs)
        except Conflict:
            raise  # outside the unit of work: its transaction is rolled back by now
        except Exception as error:  # noqa: BLE001 - shown to the user, never raised into Textual
            app.report_error(error)
            return None

    def save_meeting(self, values: dict[str, Any]) -> bool:
        """Save meeting fields set by a button (not typed in a form); True when written."""
        original = {name: getattr(self.meeting, name, None) for name in values}
        return self._save_resolving(self.write_meeting, values, original, self.meeting.version)

    def _save_resolving(
        self, write: Callable[..., Any], values: dict[str, Any], original: dict[str, Any], version: int
    ) -> bool:
        """Write; on a conflict ask the user. Keeping theirs writes nothing (the step keeps the record
        as now saved); keeping mine writes again over the values the user has now seen."""
        from welfare_tui.views.modals.conflict import ConflictDialog

        try:
            return write(values, original, version) is not None
        except Conflict as conflict:
            if not conflict.fields:
                self.app.notify(t("trust.conflict_concurrent"), severity="warning")
                return False
            messages = all_messages()
            rows = [
                (t(f"field.{name}") if f"field.{name}" in messages else name, _text(theirs), _text(yours))
                for name, (yours, theirs) in conflict.fields.items()
            ]
            seen = {name: theirs for name, (_, theirs) in conflict.fields.items()}
            version = conflict.version  # `conflict` is unbound once the except block ends

            def decided(choice: str | None) -> None:
                if choice == "mine":
                    if self._save_resolving(write, values, {**original, **seen}, version):
                        self.app.notify(t("trust_tui.kept_mine"))
                        self.post_message(StepStateChanged())
                elif choice == "theirs":
                    self._reread()
                    self.app.notify(t("trust_tui.took_theirs"))

            self.app.push_screen(ConflictDialog(rows), decided)
            return False

    def _reread(self) -> None:
        """After taking the other session's values: read the meeting and case as they are now saved."""
        meeting = welfare_app(self).query_db(repo.get_meeting, meeting_id=self.meeting.id)
        case = welfare_app(self).query_db(repo.get_case, case_id=self.case.id)
        if meeting is not None:
            self.meeting = meeting
        if case is not None:
            self.case = case

    def write_notes(self, values: dict[str, Any], original: dict[str, Any], version: int) -> Any:
        """As `write_meeting`, for the step's own notes (a step state has its own version, 0 until
        its first save)."""
        updated = self._write(
            repo.set_step_state,
            meeting_id=self.meeting.id,
            step_id=self.step["id"],
            notes=values["notes"],
            expected_version=version,
            original=original,
        )
        if updated is None:
            return None
        self.step = updated
        return SimpleNamespace(**updated)  # the form reads a record's fields as attributes

    # Forms ------------------------------------------------------------------------------------
    def meeting_form(self, fields: Sequence[Field], prefix: str = "m") -> AutosaveForm:
        values = {f.name: getattr(self.meeting, f.name, None) for f in fields}
        return AutosaveForm(fields, values, self.write_meeting, prefix=prefix, version=self.meeting.version)

    def case_form(self, fields: Sequence[Field], prefix: str = "c") -> AutosaveForm:
        values = {f.name: self.case_value(f.name) for f in fields}
        return AutosaveForm(fields, values, self.write_case, prefix=prefix, version=self.case.version)

    def case_value(self, name: str) -> Any:
        """A case field as its form shows it: agency ids (the consent scope) by their short names,
        which the repository reads back as well as ids."""
        value = getattr(self.case, name, None)
        if name == "consent_agencies":
            agencies = {a.id: a for a in welfare_app(self).agencies}
            return [
                getattr(agencies.get(i), "short", "") or getattr(agencies.get(i), "name", i)
                for i in value or ()
            ]
        return value

    def notes_form(self, label: str = "field.notes") -> AutosaveForm:
        """The step's own notes; `label` is a message key."""
        field = Field("notes", label, "textarea")
        return AutosaveForm(
            [field],
            {"notes": self.step.get("notes", "")},
            self.write_notes,
            prefix="n",
            version=self.step.get("version", 0),
        )

    def flush(self) -> bool:
        """Write whatever is still pending (before leaving the step). False if a value is wrong."""
        flushed = [
            form.flush() for form in self.query(AutosaveForm)
        ]  # every form, not up to the first failure
        return all(flushed)

    def previous_meeting_id(self) -> int | None:
        """The case's latest meeting before this one, for review and evaluation steps."""
        rows = welfare_app(self).query_db(repo.list_meetings, case_id=self.case.id) or []
        earlier = [row for row in rows if row.round < self.meeting.round]
        return max(earlier, key=lambda row: row.round).id if earlier else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)
