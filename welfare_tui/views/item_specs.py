"""Which fields each kind of row has on screen, in table-column order: derived from the record spec
(records/kinds.py), which names each field's label, type, vocabulary, width and hint, the fields a
form shows and the values a new row starts with. The kinds are those of the repository's generic item
functions (storage/items.py).
"""

from __future__ import annotations

from welfare_tui.records import spec
from welfare_tui.records.kinds import ITEM_KINDS
from welfare_tui.views.fields import Field

# The widget kind of each type of the spec (views/fields.py).
_WIDGETS = {
    "text": "text",
    "long_text": "textarea",
    "date": "date",
    "choice": "select",
    "agency": "agency",
    "resource": "resource",
    "node": "agency",
    "bool": "bool",
    "int": "int",
}


def form_field(field: spec.Field) -> Field:
    """The form field of one field of the record spec."""
    return Field(
        field.name,
        field.label,
        _WIDGETS[field.type],
        vocab=field.vocab or None,
        required=field.form_required,
        placeholder=field.hint,
        width=field.width,
        unknown=field.type == "int" and field.default is None,
    )


ITEM_FIELDS: dict[str, tuple[Field, ...]] = {
    name: tuple(form_field(field) for field in kind.form_fields) for name, kind in ITEM_KINDS.items()
}

# The columns of each kind's table (the form's fields unless the spec says fewer).
ITEM_COLUMNS: dict[str, tuple[Field, ...]] = {
    name: tuple(form_field(field) for field in kind.column_fields) for name, kind in ITEM_KINDS.items()
}

# Values a new row starts with (so the common case is one keystroke away).
ITEM_DEFAULTS: dict[str, dict[str, object]] = {
    name: dict(kind.starts_with) for name, kind in ITEM_KINDS.items() if kind.starts_with
}

# Message keys of each table's title.
ITEM_TITLES = {kind: f"items.{kind}" for kind in ITEM_FIELDS}
