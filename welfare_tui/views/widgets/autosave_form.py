"""Fields bound to one record, saved as they are typed.

A change is written after a short pause in typing and again when the field loses focus. The pause
save is silent on purpose: repainting anything while a Japanese input method is composing makes its
candidate window jump, so messages (a wrong date, "saved") appear only on leaving the field.
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

from welfare_tui.views.fields import Field, check, compose_field, read_widget

SAVE_PAUSE_SECONDS = 1.0


class Saved(Message, bubble=True):
    """Something was written; the meeting screen shows 保存済."""


class AutosaveForm(Vertical):
    def __init__(self, fields: Sequence[Field], values: Mapping[str, Any],
                 save: Callable[[dict[str, Any]], bool], *, prefix: str = "f",
                 agencies: Sequence[Any] = (), id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=f"autosave-form {classes}".strip())
        self.fields = {field.name: field for field in fields}
        self.saved = {name: check(field, values.get(name))[0] for name, field in self.fields.items()}
        self.initial = dict(values)
        self.save = save
        self.prefix = prefix
        self.agencies = agencies
        self._pending: set[str] = set()
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        for name, field in self.fields.items():
            yield from compose_field(field, self.initial.get(name), agencies=self.agencies,
                                     widget_id=f"{self.prefix}-{name}")
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
    def _picked(self, event: Select.Changed | Checkbox.Changed) -> None:
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
        if changes:
            if not self.save(changes):
                return False  # the app has said why; the text stays on screen, still pending
            self.saved.update(changes)
        self._pending = wrong
        if not quiet:
            self.query_one(".form-error", Static).update("\n".join(errors))
            if changes:
                self.post_message(Saved())
        return not errors
