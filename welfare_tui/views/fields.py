"""Form fields described as data: one description builds the widget, reads it back and validates it.

Used by the add/edit dialogs of every table and by the forms of the step views, so a date is checked
the same way everywhere and a wrong value is shown next to its field instead of being lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, TextArea

_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text | textarea | select | date | time | int | bool | agency | tags
    options: Mapping[str, str] | None = None  # for select: stored key -> label shown
    required: bool = False
    placeholder: str = ""
    width: int = 12  # column width in tables


def agency_options(agencies: Sequence[Any]) -> list[tuple[str, str]]:
    """(label, id) pairs for a Select: '社協 社会福祉協議会'."""
    options = []
    for agency in agencies:
        short = getattr(agency, "short", "") or ""
        name = agency.name
        label = f"{short}｜{name}" if short and short != name else name
        options.append((label, agency.id))
    return options


def build_widget(field: Field, value: Any, *, agencies: Sequence[Any] = (), widget_id: str | None = None) -> Widget:
    """The input widget for a field, showing `value`."""
    wid = widget_id or f"f-{field.name}"
    if field.kind == "textarea":
        area = TextArea(str(value or ""), id=wid, soft_wrap=True, tab_behavior="focus", classes="field-textarea")
        area.border_title = field.label
        return area
    if field.kind in ("select", "agency"):
        if field.kind == "agency":
            options = [(label, key) for label, key in agency_options(agencies)]
        else:
            options = [(label, key) for key, label in (field.options or {}).items()]
        keys = {key for _, key in options}
        current = value if value in keys else Select.NULL
        select: Select[str] = Select(options, value=current, allow_blank=not field.required,
                                     prompt=field.placeholder or "（選択）", id=wid)
        return select
    if field.kind == "bool":
        return Checkbox(field.label, bool(value), id=wid)
    if field.kind == "tags":
        text = "、".join(value) if isinstance(value, (list, tuple)) else str(value or "")
    else:
        text = "" if value is None else str(value)
    placeholder = field.placeholder or {"date": "YYYY-MM-DD", "time": "HH:MM"}.get(field.kind, "")
    box = Input(text, id=wid, placeholder=placeholder, select_on_focus=False)
    box.border_title = field.label + ("＊" if field.required else "")
    return box


def compose_field(field: Field, value: Any, *, agencies: Sequence[Any] = (),
                  widget_id: str | None = None) -> list[Widget]:
    """The widgets for a field: a Select gets a label above it (its border cannot carry a title)."""
    widget = build_widget(field, value, agencies=agencies, widget_id=widget_id)
    if isinstance(widget, Select):
        return [Label(field.label + ("＊" if field.required else ""), classes="field-label"), widget]
    return [widget]


def read_widget(field: Field, widget: Widget) -> Any:
    """The raw value a widget holds, in the shape storage expects (validated separately)."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, Checkbox):
        return widget.value
    assert isinstance(widget, Input)
    text = widget.value.strip()
    if field.kind == "tags":
        return [part.strip() for part in re.split(r"[、,，\s]+", text) if part.strip()]
    if field.kind == "int":
        return text
    if field.kind in ("date", "time"):
        return text or None
    return text


def check(field: Field, value: Any) -> tuple[Any, str | None]:
    """(normalised value, error message or None)."""
    if value in (None, "", []):
        if field.required:
            return value, f"{field.label}を入力してください"
        # An empty number is 0 ("not ranked"): storage keeps numbers non-null.
        return ({"date": None, "time": "", "int": 0}.get(field.kind, value)), None
    if field.kind == "date":
        try:
            return date.fromisoformat(str(value)).isoformat(), None
        except ValueError:
            return value, f"{field.label}: {value} は正しい日付ではありません（YYYY-MM-DD）"
    if field.kind == "time":
        if not _TIME.match(str(value)):
            return value, f"{field.label}: {value} は正しい時刻ではありません（HH:MM）"
        hours, minutes = str(value).split(":")
        return f"{int(hours):02d}:{minutes}", None
    if field.kind == "int":
        try:
            return int(str(value)), None
        except ValueError:
            return value, f"{field.label}: {value} は数字ではありません"
    return value, None


def display(field: Field, value: Any, agency_names: Mapping[str, str] | None = None) -> str:
    """A value as shown in a table cell."""
    if value in (None, "") or (field.kind == "int" and value == 0):
        return ""
    if field.kind in ("select",) and field.options:
        return field.options.get(value, str(value))
    if field.kind == "agency":
        return (agency_names or {}).get(value, str(value))
    if field.kind == "bool":
        return "✓" if value else ""
    if field.kind == "tags":
        return "、".join(value)
    text = str(value)
    return text.replace("\n", " ")
