"""The rows of the work between meetings (contacts, resources, matches) checked and read by their
record spec (records/between.py): the one check of each value, plain dicts out, and the one rule that
a field naming a resource names one of the register."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from sqlmodel import Session

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t
from welfare_tui.records import values as v
from welfare_tui.records.between import BETWEEN_KINDS
from welfare_tui.records.spec import Kind, checker
from welfare_tui.storage.agencies import agency_ref
from welfare_tui.storage.conflicts import check_stale
from welfare_tui.storage.models import Resource


def resource_ref(session: Session, field: str, value: Any) -> str | None:
    """A resource id of the register, or None for "no resource"."""
    if value is None or value == "":
        return None
    resource_id = v.text(field, value)
    if session.get(Resource, resource_id) is None:
        raise InvalidInput(t("between.field_no_resource", field=field, id=repr(resource_id)))
    return resource_id


def checked(session: Session, kind: str, values: dict[str, Any], where: str = "") -> dict[str, Any]:
    """`values` (field names of `kind`) checked into column values; unknown names refused. `where`
    prefixes each field's name in a message (`resources.kodomo_shokudo_aoba`)."""
    spec = BETWEEN_KINDS[kind]
    v.unknown_keys(where, values, spec.names)
    prefix = f"{where}." if where else ""
    result: dict[str, Any] = {}
    for name, value in values.items():
        field = spec.field(name)
        if field.type == "agency":
            result[name] = agency_ref(session, prefix + name, value)
        elif field.type == "resource":
            result[name] = resource_ref(session, prefix + name, value)
            if field.required and result[name] is None:
                raise InvalidInput(t("value.empty", field=prefix + name))
        else:
            result[name] = checker(field)(prefix + name, value)
    return result


def row_dict(kind: str, row: Any, *extra: str) -> dict[str, Any]:
    """A row as a plain dict: id, the `extra` bookkeeping columns, then every field of its kind (dates
    as ISO text)."""
    spec = BETWEEN_KINDS[kind]
    data: dict[str, Any] = {"id": row.id}
    for name in (*extra, *spec.names):
        value = getattr(row, name)
        data[name] = v.iso(value) if isinstance(value, dt.date) else value
    return data


def stale_check(
    session: Session,
    kind: str,
    row: Any,
    values: dict[str, Any],
    expected_version: int | None,
    original: dict[str, Any] | None,
) -> None:
    """Optimistic locking as `update_item` does it: when another session saved the row since it was
    read at `expected_version`, a field it changed to something else than this save is a Conflict
    naming both values; a field only this save changes is merged."""
    if expected_version is None or row.version == expected_version:
        return
    spec: Kind = BETWEEN_KINDS[kind]

    def converted(items: dict[str, Any]) -> Any:
        return SimpleNamespace(**checked(session, kind, items))

    editable = {name: value for name, value in values.items() if name in spec.names}
    check_stale(kind, row, editable, original, converted, lambda name: name)  # the fields are the columns
