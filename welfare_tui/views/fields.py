"""Form fields described as data: one description builds the widget, reads it back and validates it.

Used by the add/edit dialogs of every table and by the forms of the step views, so a date is checked
the same way everywhere and a wrong value is shown next to its field instead of being lost. Labels
are message keys (welfare_tui.i18n), so every form speaks the user's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.widget import Widget
from textual.widgets import Input, Label

from welfare_tui.i18n import t, vocabulary

_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # message key
    kind: str = "text"  # text | textarea | select | date | time | int | bool | agency | resource | tags
    vocab: str | None = None  # for select: a domain vocabulary (i18n.vocabulary)
    options: Mapping[str, str] | None = None  # for select without a vocabulary: key -> label shown
    required: bool = False
    placeholder: str = ""  # message key
    width: int = 12  # column width in tables
    caption: str = ""  # a title as written (a row's own text, already in the user's language)
    unknown: bool = False  # an empty number is nothing (a resource's capacity), not 0

    @property
    def title(self) -> str:
        return self.caption or t(self.label)

    def choices(self) -> Mapping[str, str]:
        return vocabulary(self.vocab) if self.vocab else (self.options or {})


def build_widget(field: Field, value: Any, *, widget_id: str | None = None) -> Widget:
    """The input widget for a field, showing `value`."""
    # Imported here (~15 ms): only when a form is built.
    from textual.widgets import Select

    from welfare_tui.views.widgets.checkmarks import MarkedCheckbox
    from welfare_tui.views.widgets.wide_text import WrappingTextArea

    wid = widget_id or f"f-{field.name}"
    if field.kind == "textarea":
        area = WrappingTextArea(
            str(value or ""), id=wid, soft_wrap=True, tab_behavior="focus", classes="field-textarea"
        )
        area.border_title = field.title
        return area
    if field.kind == "agency":
        # One picker for every agency field (views/widgets/agency_picker.py): type to search.
        from welfare_tui.views.widgets.agency_picker import AgencyPicker

        return AgencyPicker(
            value if isinstance(value, str) else None,
            allow_blank=not field.required,
            prompt=t(field.placeholder) if field.placeholder else "",
            title=field.title + ("＊" if field.required else ""),
            id=wid,
        )
    if field.kind == "resource":  # a 地域資源 of the register: type to search, as for agencies
        from welfare_tui.views.widgets.resource_picker import ResourcePicker

        return ResourcePicker(
            value if isinstance(value, str) else None,
            allow_blank=not field.required,
            title=field.title + ("＊" if field.required else ""),
            id=wid,
        )
    if field.kind == "select":
        options = [(label, key) for key, label in field.choices().items()]
        keys = {key for _, key in options}
        current = value if value in keys else Select.NULL
        return Select(
            options,
            value=current,
            allow_blank=not field.required,
            prompt=t(field.placeholder) if field.placeholder else t("form.choose"),
            id=wid,
        )
    if field.kind == "bool":
        return MarkedCheckbox(field.title, bool(value), id=wid)
    if field.kind == "tags":
        text = "、".join(value) if isinstance(value, (list, tuple)) else str(value or "")
    else:
        text = "" if value is None else str(value)
    placeholder = (
        t(field.placeholder)
        if field.placeholder
        else {"date": "YYYY-MM-DD", "time": "HH:MM"}.get(field.kind, "")
    )
    box = Input(text, id=wid, placeholder=placeholder, select_on_focus=False)
    box.border_title = field.title + ("＊" if field.required else "")
    return box


def compose_field(field: Field, value: Any, *, widget_id: str | None = None) -> list[Widget]:
    """The widgets for a field: a Select gets a label above it (its border cannot carry a title)."""
    from textual.widgets import Select

    widget = build_widget(field, value, widget_id=widget_id)
    if isinstance(widget, Select):
        return [Label(field.title + ("＊" if field.required else ""), classes="field-label"), widget]
    return [widget]


def read_widget(field: Field, widget: Widget) -> Any:
    """The raw value a widget holds, in the shape storage expects (validated separately)."""
    from textual.widgets import Checkbox, Select, TextArea

    from welfare_tui.views.widgets.agency_picker import AgencyPicker
    from welfare_tui.views.widgets.resource_picker import ResourcePicker

    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, (AgencyPicker, ResourcePicker)):
        return widget.value
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, Checkbox):
        return widget.value
    assert isinstance(widget, Input)
    text = widget.value.strip()
    if field.kind == "tags":
        return [part.strip() for part in re.split(r"[、,，\s]+", text) if part.strip()]
    if field.kind in ("date", "time"):
        return text or None
    return text


def check(field: Field, value: Any) -> tuple[Any, str | None]:
    """(normalised value, error message or None)."""
    if value in (None, "", []):
        if field.required:
            return value, t("form.required", label=field.title)
        # An empty number is 0 ("not ranked"): storage keeps numbers non-null, unless it may be unknown.
        if field.unknown:
            return None, None
        return ({"date": None, "time": "", "int": 0}.get(field.kind, value)), None
    if field.kind == "date":
        try:
            return date.fromisoformat(str(value)).isoformat(), None
        except ValueError:
            return value, t("form.bad_date", label=field.title, value=value)
    if field.kind == "time":
        if not _TIME.match(str(value)):
            return value, t("form.bad_time", label=field.title, value=value)
        hours, minutes = str(value).split(":")
        return f"{int(hours):02d}:{minutes}", None
    if field.kind == "int":
        try:
            return int(str(value)), None
        except ValueError:
            return value, t("form.bad_number", label=field.title, value=value)
    return value, None


def display(
    field: Field,
    value: Any,
    agency_names: Mapping[str, str] | None = None,
    resource_names: Mapping[str, str] | None = None,
) -> str:
    """A value as shown in a table cell."""
    if value in (None, "") or (field.kind == "int" and value == 0):
        return ""
    if field.kind == "select":
        return field.choices().get(value, str(value))
    if field.kind == "agency":
        # An ecomap node may be a 地域資源 (a tie that names one is drawn to it): shown by its name.
        return (agency_names or {}).get(value) or (resource_names or {}).get(value, str(value))
    if field.kind == "resource":
        return (resource_names or {}).get(value, str(value))
    if field.kind == "bool":
        return "✓" if value else ""
    if field.kind == "tags":
        return "、".join(value)
    return str(value).replace("\n", " ")
