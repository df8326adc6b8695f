"""Fields bound to one record, saved as they are typed.

A change is written after a short pause in typing and again when the field loses focus. The pause
save is silent on purpose: repainting anything while a Japanese input method is composing makes its
candidate window jump, so messages (a wrong date, "saved") appear only on leaving the field.

Optimistic locking (storage/repo.py `update_case`): a form built with the record's `version` sends
that version and, for each field it changes, the value it last read or wrote (`saved`). When another
session changed the same field meanwhile the save raises `Conflict`; on leaving the field (never on
the pause save, which must not repaint) a dialog shows both values and the user keeps theirs or takes
the other. Until then the typed text stays in the field, unsaved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from welfare_tui.errors import Conflict
from welfare_tui.i18n import t
from welfare_tui.views.fields import Field, check, compose_field, display, read_widget
from welfare_tui.views.widgets.agency_picker import AgencyPicker

SAVE_PAUSE_SECONDS = 1.0


class Saved(Message, bubble=True):
    """Something was written; the meeting screen shows 保存済."""


class AutosaveForm(Vertical):
    def __init__(
        self,
        fields: Sequence[Field],
        values: Mapping[str, Any],
        save: Callable[..., Any],
        *,
        prefix: str = "f",
        version: int | None = None,
        id: str | None = None,
        classes: str = "",
    ) -> None:
        """Without `version`, `save(changes)` returns True when written. With the `version` the
        values were read at, `save(changes, original, version)` returns the updated record (with its
        new `version`) or None when the app has said why not, and raises `Conflict`."""
        super().__init__(id=id, classes=f"autosave-form {classes}".strip())
        self.fields = {field.name: field for field in fields}
        self.saved = {name: check(field, values.get(name))[0] for name, field in self.fields.items()}
        self.initial = dict(values)
        self.save = save
        self.version = version
        self.prefix = prefix
        self._pending: set[str] = set()
        self._timer: Timer | None = None
        self._deciding = False  # the conflict dialog is open

    def compose(self) -> ComposeResult:
        for name, field in self.fields.items():
            yield from compose_field(field, self.initial.get(name), widget_id=f"{self.prefix}-{name}")
        yield Static("", classes="form-error")

    def _name_of(self, widget: Any) -> str | None:
        wid = widget.id or ""
        name = wid.removeprefix(f"{self.prefix}-")
        return name if wid.startswith(f"{self.prefix}-") and name in self.fields else None

    def _changed(self, widget: Any) -> None:
        name = self._name_of(widget)
        if name is None:
            return
        self._pending.add(name)
        if self._timer is None:
            self._timer = self.set_timer(SAVE_PAUSE_SECONDS, self._pause_save)
        else:
            self._timer.reset()

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _typed(self, event: Input.Changed | TextArea.Changed) -> None:
        self._changed(event.control)

    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(AgencyPicker.Changed)
    def _picked(self, event: Select.Changed | Checkbox.Changed | AgencyPicker.Changed) -> None:
        # A choice is complete the moment it is made: save and say so at once.
        self._changed(event.control)
        self.flush()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.flush()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.flush()

    def _pause_save(self) -> None:
        self._timer = None
        self.flush(quiet=True)

    def flush(self, quiet: bool = False) -> bool:
        """Write every pending change. Returns False when a value is wrong (it stays on screen)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        errors: list[str] = []
        wrong: set[str] = set()
        changes: dict[str, Any] = {}
        for name in sorted(self._pending):
            field = self.fields[name]
            widget = self.query_one(f"#{self.prefix}-{name}")
            value, error = check(field, read_widget(field, widget))
            if error:
                errors.append(error)
                wrong.add(name)
            elif value != self.saved.get(name):
                changes[name] = value
        if changes and not self._write(changes, quiet):
            return False  # the app has said why; the text stays on screen, still pending
        self._pending = wrong
        if not quiet:
            self.query_one(".form-error", Static).update("\n".join(errors))
            if changes:
                self.post_message(Saved())
        return not errors

    # Saving with optimistic locking -----------------------------------------------------------
    def _write(self, changes: dict[str, Any], quiet: bool) -> bool:
        if self.version is None:
            if not self.save(changes):
                return False
            self.saved.update(changes)
            return True
        if self._deciding:
            return False
        original = {name: self.saved.get(name) for name in changes}
        try:
            updated = self.save(changes, original, self.version)
        except Conflict as conflict:
            if not quiet:
                self._ask(conflict)
            return False
        if updated is None:
            return False
        self.saved.update(changes)
        self._take_version(updated)
        return True

    def adopt(self, record: Any, names: Sequence[str]) -> None:
        """`record` was saved by this session another way (a button, a dialog): show its values for
        `names` and, when it agrees with every field of the form, take its version."""
        for name in names:
            field = self.fields[name]
            value = check(field, getattr(record, name, None))[0]
            self.saved[name] = value
            self._pending.discard(name)
            self._show(field, value)
        self._take_version(record)

    def _take_version(self, record: Any) -> None:
        # The new version stands for this form's fields only if it holds what the form holds: when
        # another session changed one of them meanwhile, keep the older version, so that the next
        # save is still checked field by field against what this form last read.
        if all(
            check(field, getattr(record, name, None))[0] == self.saved.get(name)
            for name, field in self.fields.items()
        ):
            self.version = record.version

    def _ask(self, conflict: Conflict) -> None:
        from welfare_tui.views.modals.conflict import ConflictDialog

        disputed = {name: pair for name, pair in conflict.fields.items() if name in self.fields}
        if not disputed:  # a save slipped in between read and write: nothing to choose, just retry
            self.app.notify(t("trust.conflict_concurrent"), severity="warning")
            return
        names: dict[str, str] = getattr(self.app, "agency_names", {})
        rows = [
            (self.fields[name].title, self._shown(name, theirs, names), self._shown(name, yours, names))
            for name, (yours, theirs) in disputed.items()
        ]
        self._deciding = True
        self.app.push_screen(ConflictDialog(rows), lambda choice: self._decided(choice, disputed))

    def _shown(self, name: str, value: Any, agency_names: Mapping[str, str]) -> str:
        field = self.fields[name]
        if field.kind in ("text", "textarea") and value is not None:
            return str(value)  # line breaks kept: the user compares the whole text
        return display(field, value, agency_names)

    def _decided(self, choice: str | None, disputed: dict[str, tuple[Any, Any]]) -> None:
        self._deciding = False
        if choice is None:
            self.app.notify(t("trust_tui.still_yours"), severity="warning")
            return
        for name, (_, theirs) in disputed.items():
            field = self.fields[name]
            value = check(field, theirs)[0]
            # Either way their value is now what this form last read: keeping mine saves over it
            # knowingly; taking theirs leaves nothing to save in that field.
            self.saved[name] = value
            if choice == "theirs":
                self._show(field, value)
                self._pending.discard(name)
        if choice == "mine":
            if self.flush():
                self.app.notify(t("trust_tui.kept_mine"))
        else:
            self.flush()
            self.app.notify(t("trust_tui.took_theirs"))

    def _show(self, field: Field, value: Any) -> None:
        """Put a value into a field's widget without it counting as the user's edit."""
        widget = self.query_one(f"#{self.prefix}-{field.name}")
        with widget.prevent(
            Input.Changed, TextArea.Changed, Select.Changed, Checkbox.Changed, AgencyPicker.Changed
        ):
            if isinstance(widget, TextArea):
                widget.load_text(str(value or ""))
            elif isinstance(widget, Select):
                widget.value = value if value not in (None, "") else Select.NULL
            elif isinstance(widget, AgencyPicker):
                widget.value = value or None
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, Input):
                if field.kind == "tags":
                    widget.value = "、".join(value) if isinstance(value, (list, tuple)) else str(value or "")
                else:
                    widget.value = "" if value is None else str(value)
