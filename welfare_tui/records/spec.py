"""The terms of the record spec: a `Kind` of record is its `Field`s, and `checker(field)` is the one
rule for a value of a field (the repository and the document checker both use it).

Plain data, no storage, UI or pydantic: the layers above derive their pieces from these descriptions
(see records/__init__.py). A field type is one of `TYPES`:

* `text` a line of text, `long_text` text written over several lines (a text area on screen);
* `date` an ISO date (stored as a date, written `YYYY-MM-DD`);
* `choice` one key of a vocabulary of `welfare_tui.domain` (`vocab` names it as `i18n.vocabulary` does);
* `agency` an agency id or nothing; `node` an ecomap node (an agency id, `household` or a free label);
* `resource` a 地域資源 id (the `resource` register, like an agency id) or nothing;
* `bool`; `int` a whole number within `domain.NUMBER_RANGE[bounds]` (or nothing when its default is None).
A `date` or `resource` that is `required` is never empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from welfare_tui.records import values as v

TYPES = ("text", "long_text", "date", "choice", "agency", "resource", "node", "bool", "int")
# Types whose empty value is written as null in a document (and accepted as null on import).
_NULLABLE = frozenset({"text", "long_text", "date", "agency", "resource"})


@dataclass(frozen=True)
class Field:
    """One field of a kind of record.

    `name` is its column and its name in forms and the repository; `key` its key in the document
    (the name unless given). `default` is the value a document that leaves the key out means (the
    import schema's default; storage fills in its column default). `required`: refused when empty
    wherever it comes from; `form_required`: the form asks for a value before saving. `personal`: the
    kind of personal value it holds (`name`, `address`, `phone`, `birth_date`, `staff`) for masking
    and the leak gate. `width` and `hint` (a message key) lay it out on screen; `label` is its message
    key; `description` is written into the import schema.
    """

    name: str
    type: str
    label: str
    key: str = ""
    vocab: str = ""
    options: tuple[str, ...] = ()
    default: Any = ""
    required: bool = False
    form_required: bool = False
    bounds: str = ""
    personal: str = ""
    width: int = 12
    hint: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"record spec: {self.name}: unknown type {self.type!r}")
        if not self.key:
            object.__setattr__(self, "key", self.name)
        if self.type == "choice" and not self.options:
            raise ValueError(f"record spec: {self.name}: a choice needs its options")

    @property
    def nullable(self) -> bool:
        """Whether a document may write null for it (empty texts, no date, no agency, or a choice
        whose default is nothing)."""
        return self.type in _NULLABLE or self.default is None


@dataclass(frozen=True)
class Kind:
    """One kind of record: its fields in document order, where it hangs (`parent`: `case_id` or
    `meeting_id`; `derived`: parent ids copied onto each row), where it lives in the document
    (`path`, e.g. `case.household`; empty for a kind the document lays out its own way, like goals),
    the name of its import-schema model, and the form: the fields shown, in on-screen order (all of
    them unless given) and the values a new row starts with; `columns`: the fields a table of the
    kind shows (the form's unless given), when the form asks more than a line of the table can hold."""

    name: str
    parent: str
    fields: tuple[Field, ...]
    path: str = ""
    model: str = ""
    doc: str = ""
    derived: tuple[str, ...] = ()
    form: tuple[str, ...] = ()
    starts_with: Mapping[str, Any] = field(default_factory=dict)
    columns: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def form_fields(self) -> tuple[Field, ...]:
        return tuple(self.field(name) for name in self.form) if self.form else self.fields

    @property
    def column_fields(self) -> tuple[Field, ...]:
        return tuple(self.field(name) for name in self.columns) if self.columns else self.form_fields


def choice_field(
    name: str, vocab: str, options: Mapping[str, Any], default: Any, label: str, **more: Any
) -> Field:
    """A `choice` field of the vocabulary `options` (a dict of `welfare_tui.domain`), named `vocab` as
    `i18n.vocabulary` names it."""
    return Field(name, "choice", label, vocab=vocab, options=tuple(options), default=default, **more)


def checker(spec: Field) -> Callable[[str, Any], Any]:
    """The check of one value of `spec`: `(shown field path, value) -> stored value`, raising
    InvalidInput naming the path. Agency and resource fields check only the form here: whether the
    agency or resource exists is the caller's question (the database's, or a document's `agencies` /
    `resources` map)."""
    kind = spec.type
    if kind in ("text", "long_text", "agency", "resource"):
        if spec.required:
            return lambda path, value: v.text(path, value, required=True)
        if kind == "resource":  # no resource is stored as nothing, like no agency
            return lambda path, value: v.text(path, value) or None
        return v.text
    if kind == "node":
        return lambda path, value: v.text(path, value, required=True).strip()
    if kind == "date":
        return v.required_date if spec.required else v.optional_date
    if kind == "bool":
        return v.boolean
    if kind == "int":
        bounds = spec.bounds
        if spec.default is None:  # a number that may be unknown (a resource's capacity)
            return lambda path, value: None if value in (None, "") else v.bounded(path, value, bounds)
        return lambda path, value: v.bounded(path, value, bounds)
    options = spec.options
    return lambda path, value: v.choice(path, value, options)
