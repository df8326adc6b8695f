"""The building blocks of the document models (minutes/schema.py): the value types of a document
(dates, times, uids, agency ids, vocabulary keys) and the model of one row of a kind of the record
spec (records/kinds.py), built from its fields."""

from __future__ import annotations

import datetime as dt
import keyword
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    field_validator,
)

from welfare_tui import domain
from welfare_tui.records import spec

Date = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Time = Annotated[str, StringConstraints(pattern=r"^(?:(?:[01]\d|2[0-3]):[0-5]\d)?$")]
Text = str
Uid = Annotated[str, StringConstraints(pattern=r"^(?:[0-9a-f]{32})?$")]  # uuid4 hex, or empty
AgencyId = Annotated[str, StringConstraints(min_length=1)]
ResourceId = Annotated[str, StringConstraints(min_length=1)]  # a key of the document's `resources`


def _ranged(name: str, **extra: Any) -> Any:
    """A whole number within `domain.NUMBER_RANGE[name]` (the database checks the same range)."""
    low, high = domain.NUMBER_RANGE[name]
    return Field(ge=low, le=high, **extra)


def _keys(vocabulary: dict[str, Any]) -> Any:
    return Literal[tuple(vocabulary)]


# The keys of the domain vocabularies: text to mypy, the vocabulary's keys to pydantic.
if TYPE_CHECKING:
    Sector = str
    ConsentStatus = str
    CaseStatus = str
    Materials = str
    MeetingType = str
    MeetingMode = str
    MeetingStatus = str
else:
    Sector = Literal[domain.SECTORS]
    ConsentStatus = _keys(domain.CONSENT_STATUS)
    CaseStatus = _keys(domain.CASE_STATUS)
    Materials = _keys(domain.MATERIALS)
    MeetingType = _keys(domain.MEETING_TYPES)
    MeetingMode = _keys(domain.MEETING_MODE)
    MeetingStatus = _keys(domain.MEETING_STATUS)


def _real_date(value: str | None) -> str | None:
    if value is not None:
        dt.date.fromisoformat(value)  # ValueError → "Value error, ..." in the report
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# --- the records of a meeting and its case, built from the record spec (records/kinds.py) -----------

_SCHEMA_TYPES: dict[str, Any] = {
    "text": Text,
    "long_text": Text,
    "node": Text,
    "date": Date,
    "agency": AgencyId,
    "resource": ResourceId,
    "bool": bool,
    "int": int,
}


def _field_type(field: spec.Field) -> Any:
    base = Literal[field.options] if field.type == "choice" else _SCHEMA_TYPES[field.type]
    return base | None if field.nullable else base


def _field_default(field: spec.Field) -> Any:
    extra: dict[str, Any] = {"description": field.description} if field.description else {}
    if keyword.iskeyword(field.key):  # `from` of a tie: an attribute may not be named so
        extra["alias"] = field.key
    if field.type == "int":
        return _ranged(field.bounds, default=field.default, **extra)
    return Field(default=field.default, **extra) if extra else field.default


def item_model(kind: spec.Kind, **extra: Any) -> type[BaseModel]:
    """The model of one row of `kind` in a document: every field by its document key, with its type,
    its default and a check that a date is a real one; `extra`: more fields, (type, default) by name
    (the keys a document gives a row beyond its record-spec fields, like a uid)."""
    fields: dict[str, Any] = {
        (f"{f.key}_" if keyword.iskeyword(f.key) else f.key): (_field_type(f), _field_default(f))
        for f in kind.fields
    }
    validators: dict[str, Any] = {
        f"_check_{f.key}": field_validator(f.key)(_real_date) for f in kind.fields if f.type == "date"
    }
    model: type[BaseModel] = create_model(
        kind.model, __base__=_Model, __doc__=kind.doc or None, __validators__=validators, **fields, **extra
    )
    return model
