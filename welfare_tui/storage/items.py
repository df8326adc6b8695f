"""The rows of a meeting (attendees, shared information, ecomap ties, assessment items, unmet needs,
goals, roles, monitoring) and the household members of a case: one generic family keyed by a kind name
(`list_items`, `add_item`, ...), so that views never need to import the table classes.

What each kind holds is the record spec (records/kinds.py); this module adds only where it is stored
(`TABLES`) and the check of each field, derived from the spec.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from welfare_tui.errors import Conflict, InvalidInput, NotFound
from welfare_tui.i18n import record_name, t
from welfare_tui.records import kinds
from welfare_tui.records import values as v
from welfare_tui.records.spec import Field, Kind, checker
from welfare_tui.storage.agencies import agency_ref
from welfare_tui.storage.between_rows import resource_ref
from welfare_tui.storage.cases import load_case
from welfare_tui.storage.conflicts import check_stale, flush_versioned
from welfare_tui.storage.meetings import load_meeting
from welfare_tui.storage.models import (
    AssessmentItem,
    Attendee,
    Case,
    EcomapTie,
    Goal,
    HouseholdMember,
    Meeting,
    MonitoringItem,
    RoleAssignment,
    SharedInfo,
    UnmetNeed,
    table_of,
)

# The table of each kind of record: the one thing the spec leaves to storage.
TABLES: dict[str, type[SQLModel]] = {
    "member": HouseholdMember,
    "attendee": Attendee,
    "shared_info": SharedInfo,
    "tie": EcomapTie,
    "assessment": AssessmentItem,
    "need": UnmetNeed,
    "goal": Goal,
    "role": RoleAssignment,
    "monitoring": MonitoringItem,
}

# The kinds whose rows belong to a meeting, and their tables (the rest belong to a case).
MEETING_CHILDREN: dict[str, type[SQLModel]] = {
    name: TABLES[name] for name, kind in kinds.ITEM_KINDS.items() if kind.parent == "meeting_id"
}

Converter = Callable[[Session, str, Any], Any]


def _converter(field: Field) -> Converter:
    """The check of one field as the repository runs it: an agency or a resource must exist in this
    database."""
    if field.type == "agency":
        return agency_ref
    if field.type == "resource":
        return resource_ref
    check = checker(field)
    return lambda session, name, value: check(name, value)


@dataclass(frozen=True)
class ItemKind:
    """How one kind of child row is stored: its table, its parent and its editable fields."""

    model: type[SQLModel]
    parent: str  # "case_id" or "meeting_id"
    fields: dict[str, Converter]
    derived: tuple[str, ...] = ()  # filled in from the parent (case_id of roles and monitoring)


def stored_kind(record: Kind, model: type[SQLModel]) -> ItemKind:
    """A kind of the record spec as the repository stores it in `model`."""
    converters = {field.name: _converter(field) for field in record.fields}
    return ItemKind(model, record.parent, converters, record.derived)


ITEM_KINDS: dict[str, ItemKind] = {
    name: stored_kind(record, TABLES[name]) for name, record in kinds.ITEM_KINDS.items()
}


def item_kind(kind: str) -> ItemKind:
    try:
        return ITEM_KINDS[kind]
    except KeyError:
        raise InvalidInput(t("storage.bad_kind", kind=repr(kind), kinds=", ".join(ITEM_KINDS))) from None


def item_dict(kind: str, row: Any) -> dict[str, Any]:
    """A row as the plain dict the views edit: id, parent ids, position, version, then every field."""
    spec = item_kind(kind)
    data: dict[str, Any] = {"id": row.id, spec.parent: getattr(row, spec.parent)}
    for name in spec.derived:
        data[name] = getattr(row, name)
    data["position"] = row.position
    data["version"] = row.version
    for name in spec.fields:
        value = getattr(row, name)
        data[name] = v.iso(value) if isinstance(value, dt.date) else value
    return data


def list_items(session: Session, *, kind: str, parent_id: int) -> list[dict[str, Any]]:
    spec = item_kind(kind)
    _check_parent(session, spec, parent_id)
    return [item_dict(kind, row) for row in _siblings(session, spec, parent_id)]


def add_item(session: Session, *, kind: str, parent_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Append a row; fields not given keep their defaults. id, position and parent ids are assigned."""
    spec = item_kind(kind)
    parent = _check_parent(session, spec, parent_id)
    fields = _checked_fields(session, spec, values)
    table = table_of(spec.model)
    position = session.exec(select(func.max(table.c.position)).where(table.c[spec.parent] == parent_id)).one()
    row = spec.model(
        **fields,
        **{spec.parent: parent_id},
        **{name: getattr(parent, name) for name in spec.derived},
        position=(position if position is not None else -1) + 1,
    )
    session.add(row)
    session.flush()
    return item_dict(kind, row)


def update_item(
    session: Session,
    *,
    kind: str,
    item_id: int,
    values: dict[str, Any],
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Change the given fields. A whole dict from `list_items` may be passed back as it is, but its
    id, position and parent ids must not change (use `move_item` to reorder); its `version` then
    counts as `expected_version`.

    `expected_version` and `original` (the values of the fields in `values` as read) work as in
    `update_case`: when another session saved the row since, a field it changed to something else
    than this save raises `Conflict` with both values, and a field only this save changes is merged.
    Without `original`, every field in `values` that differs from the stored row is in dispute.
    """
    spec = item_kind(kind)
    row = _load_item(session, kind, item_id)
    values = dict(values)
    given_version = values.pop("version", None)
    if expected_version is None and given_version is not None:
        expected_version = v.integer("version", given_version)
    fields = _checked_fields(session, spec, values, current=item_dict(kind, row))
    if expected_version is not None and row.version != expected_version:

        def converted(items: dict[str, Any]) -> Any:
            return SimpleNamespace(**_checked_fields(session, spec, items))

        editable = {name: value for name, value in values.items() if name in spec.fields}
        check_stale(kind, row, editable, original, converted, lambda name: name)
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    flush_versioned(session, kind, row)
    return item_dict(kind, row)


def delete_item(session: Session, *, kind: str, item_id: int, expected_version: int | None = None) -> None:
    """Delete a row; with `expected_version`, a row another session changed since it was read is not
    deleted (`Conflict`): the user looks at the change first."""
    row = _load_item(session, kind, item_id)
    if expected_version is not None and row.version != expected_version:
        raise Conflict(kind, item_id, row.version, {}, deleting=True)
    session.delete(row)
    flush_versioned(session, kind, row, deleting=True)


def move_item(session: Session, *, kind: str, item_id: int, offset: int) -> dict[str, Any]:
    """Move a row `offset` places up (negative) or down among its siblings, stopping at either end."""
    spec = item_kind(kind)
    row = _load_item(session, kind, item_id)
    siblings = list(_siblings(session, spec, getattr(row, spec.parent)))
    index = next(i for i, sibling in enumerate(siblings) if sibling.id == item_id)
    siblings.insert(max(0, min(len(siblings) - 1, index + v.integer("offset", offset))), siblings.pop(index))
    for position, sibling in enumerate(siblings):
        sibling.position = position
        session.add(sibling)
    flush_versioned(session, kind, row)
    return item_dict(kind, row)


def _siblings(session: Session, spec: ItemKind, parent_id: int) -> list[Any]:
    model: Any = spec.model
    return list(
        session.exec(
            select(model)
            .where(getattr(model, spec.parent) == parent_id)
            .order_by(col(model.position), col(model.id))
        ).all()
    )


def _check_parent(session: Session, spec: ItemKind, parent_id: int) -> Case | Meeting:
    return load_case(session, parent_id) if spec.parent == "case_id" else load_meeting(session, parent_id)


def _load_item(session: Session, kind: str, item_id: int) -> Any:
    row = session.get(item_kind(kind).model, item_id)
    if row is None:
        raise NotFound(t("storage.no_item", kind=record_name(kind), id=item_id))
    return row


def _checked_fields(
    session: Session, spec: ItemKind, values: dict[str, Any], current: dict[str, Any] | None = None
) -> dict[str, Any]:
    fixed = ("id", "position", "version", spec.parent, *spec.derived)
    v.unknown_keys("", values, (*spec.fields, *fixed))
    if current is not None:
        for name in fixed:
            if name in values and values[name] != current[name]:
                raise InvalidInput(
                    t("storage.fixed_position" if name == "position" else "storage.fixed_field", name=name)
                )
    return {
        name: spec.fields[name](session, name, value) for name, value in values.items() if name in spec.fields
    }
