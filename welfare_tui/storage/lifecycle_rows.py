"""The rows of the case's life (intakes, stage events, plans, goals, evaluations) checked and read by
their record spec (records/kinds.LIFECYCLE_KINDS): the one check of each value, plain dicts out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session

from welfare_tui.records import values as v
from welfare_tui.records.kinds import LIFECYCLE_KINDS
from welfare_tui.records.spec import checker
from welfare_tui.storage.agencies import agency_ref
from welfare_tui.storage.audit_chain import operator


def checked(session: Session, kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """`values` (field names of `kind`) checked into column values; unknown names refused."""
    spec = LIFECYCLE_KINDS[kind]
    v.unknown_keys("", values, spec.names)
    result: dict[str, Any] = {}
    for name, value in values.items():
        field = spec.field(name)
        if field.type == "agency":
            result[name] = agency_ref(session, name, value)
        else:
            result[name] = checker(field)(name, value)
    return result


def row_dict(kind: str, row: Any, *extra: str) -> dict[str, Any]:
    """A row as a plain dict: id, the `extra` bookkeeping columns, then every field of its kind
    (dates as ISO text)."""
    spec = LIFECYCLE_KINDS[kind]
    data: dict[str, Any] = {"id": row.id}
    for name in (*extra, *spec.derived, *spec.names):
        value = getattr(row, name)
        data[name] = v.iso(value) if isinstance(value, dt.date) else value
    return data


def recorder(given: str | None) -> str:
    """Who records an event: the name given, else the author of this run's edits (audit log)."""
    return v.text("recorded_by", given).strip() if given else operator()


def today(given: dt.date | str | None, field: str = "date") -> dt.date:
    return v.required_date(field, given) if given not in (None, "") else dt.date.today()
