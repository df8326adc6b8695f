"""Writing many rows without the ORM: `insert_rows` (one INSERT for many rows, audited) and
`sync_items` (a parent's rows made equal to a list, writing only what differs), used by imports."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, select

from welfare_tui.storage import audit
from welfare_tui.storage.items import item_kind
from welfare_tui.storage.models import table_of


def sync_items(
    session: Session,
    *,
    kind: str,
    ids: dict[str, int],
    stored: list[Any],
    rows: list[dict[str, Any]],
    changes: list[audit.Change],
) -> bool:
    """Make a parent's rows of one kind equal `rows` (already checked), writing only what differs;
    returns whether anything was written.

    Used by `documents.apply_document`, which validates a whole document before writing any of it.
    `stored` are the parent's rows now (column rows in list order), `ids` the parent's id and the ids
    its rows derive from it (`{"meeting_id": 7, "case_id": 3}`). The two lists are matched with
    `difflib` on the rows' values: a row found in both is left alone; a row edited in place (the same
    slot, other values) is one UPDATE of the fields that changed; only rows the list no longer has
    are deleted and only new ones inserted. Positions keep the list order and change only where an
    inserted row needs room. Audit entries of inserted rows are added to `changes` (`insert_rows`);
    updates and deletes are audited by the session's bulk hook.
    """
    spec = item_kind(kind)
    # Both lists as tuples of the editable fields, read in C (a re-import of 1,000 unchanged files
    # compares some 60,000 rows here): the wanted rows over their defaults, the stored column rows by
    # position (rows of one query share their fields).
    defaults, values_in = _row_values(kind)
    new_keys = [values_in({**defaults, **row}) for row in rows]
    old_keys = list(map(_stored_values(kind, stored[0]._fields), stored)) if stored else []
    if old_keys == new_keys:
        return False
    wanted = [dict(zip(spec.fields, key)) for key in new_keys]
    fixed = {name: ids[name] for name in (spec.parent, *spec.derived)}
    _write_differences(session, spec.model, stored, old_keys, new_keys, wanted, fixed, changes)
    return True


def _write_differences(
    session: Session,
    model: Any,
    stored: list[Any],
    old_keys: list[Any],
    new_keys: list[Any],
    wanted: list[dict[str, Any]],
    fixed: dict[str, int],
    changes: list[audit.Change],
) -> None:
    """The writes of `sync_items` once the lists are known to differ: match, delete, insert, update."""
    import difflib

    kept: list[tuple[Any, dict[str, Any]]] = []  # (stored row or None, wanted values), in the new order
    deleted: list[int] = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        paired = min(i2 - i1, j2 - j1)
        kept += [(stored[i1 + k], wanted[j1 + k]) for k in range(paired)]
        kept += [(None, wanted[j]) for j in range(j1 + paired, j2)]
        deleted += [stored[i].id for i in range(i1 + paired, i2)]
    if deleted:
        session.execute(delete(model).where(col(model.id).in_(deleted)))
    positions = _positions(
        [row.position if row is not None else None for row, _ in kept],
        [row.id for row, _ in kept if row is not None],
    )
    inserts = [
        {**values, **fixed, "position": position}
        for (row, values), position in zip(kept, positions)
        if row is None
    ]
    if len({row["position"] for row in inserts}) == len(inserts):
        insert_rows(session, model, inserts, changes, identified_by=("position",))
    else:  # one INSERT each, in list order: rows sharing a position are ordered by id
        for row in inserts:
            insert_rows(session, model, [row], changes)
    for (row, values), position in zip(kept, positions):
        if row is None:
            continue
        differing = {name: value for name, value in values.items() if getattr(row, name) != value}
        if row.position != position:
            differing["position"] = position
        if differing:
            session.execute(update(model).where(col(model.id) == row.id).values(**differing))


@functools.cache
def _column_defaults(kind: str) -> tuple[tuple[str, Any], ...]:
    """(field, value a row left out gets) for each editable field of `kind`, in `ItemKind.fields` order."""
    table = table_of(item_kind(kind).model)
    return tuple((name, _scalar_default(table.c[name])) for name in item_kind(kind).fields)


@functools.cache
def _stored_values(kind: str, fields: tuple[str, ...]) -> Callable[[Any], Any]:
    """A reader of a stored row's editable fields (by position among `fields`), as `_row_values`."""
    return operator.itemgetter(*(fields.index(name) for name, _ in _column_defaults(kind)))


@functools.cache
def _row_values(kind: str) -> tuple[dict[str, Any], Callable[[dict[str, Any]], Any]]:
    """The defaults of `kind`'s fields, and a reader of a row's fields (a row with the defaults under
    it) as one tuple, in `_column_defaults` order: a C-level pass for each of ~60,000 rows."""
    columns = _column_defaults(kind)
    return dict(columns), operator.itemgetter(*(name for name, _ in columns))


def _scalar_default(column: Any) -> Any:
    default = column.default
    return default.arg if default is not None and default.is_scalar else None


def _positions(stored: list[int | None], ids: list[int]) -> list[int]:
    """Positions for a list of kept rows (their position) and new ones (None), in the wanted order.

    Lists are read in (position, id) order and a new row's id is larger than any stored one, so a new
    row can share the position of the row before it: kept rows keep theirs and nothing shifts. When
    that order would not come out (a new row between two rows that already share a position, or
    before the first of several at position 0), every row is numbered by its index instead."""
    planned: list[int] = []
    previous = -1
    for position in stored:
        planned.append(previous if position is None else position)
        previous = planned[-1]
    keys = []
    kept = iter(ids)
    for index, (position, given) in enumerate(zip(planned, stored)):
        keys.append((position, next(kept) if given is not None else float("inf"), index))
    if [key[2] for key in sorted(keys)] == list(range(len(keys))) and min(planned, default=0) >= 0:
        return planned
    return list(range(len(stored)))


def positioned(rows: list[dict[str, Any]], **fixed: Any) -> list[dict[str, Any]]:
    """A parent's rows as stored: each with the parent's ids (`fixed`) and its place in the list."""
    return [{**fields, **fixed, "position": position} for position, fields in enumerate(rows)]


def insert_rows(
    session: Session,
    model: Any,
    rows: list[dict[str, Any]],
    changes: list[audit.Change],
    *,
    identified_by: tuple[str, ...] = (),
) -> list[tuple[Any, ...]]:
    """Insert rows of one table with one INSERT and no ORM objects (an import writes ~60 rows a
    meeting: building and flushing objects for them cost most of its time); returns their primary keys.

    A column a row leaves out gets its default (the database numbers the key and sets the version).
    Several rows need `identified_by`, columns whose values tell them apart (a parent's rows by
    `position`): the keys the database returns are matched to the rows by them, because neither
    backend promises to return them in order (and asking SQLAlchemy to sort them sends one row per
    statement). The audit entries a flush of the same objects would have written are added to
    `changes`, for the caller to append all of a document's at once (`audit.append`).
    """
    if not rows:
        return []
    if len(rows) > 1 and not identified_by:
        raise ValueError(f"insert_rows: {len(rows)} rows of {model.__name__} need identified_by")
    table = model.__table__
    keys = list(table.primary_key.columns)
    # Every row of one executemany needs the same columns: fill in the plain defaults.
    defaults = {
        column.key: column.default.arg if column.default is not None else None
        for column in table.columns
        if not column.primary_key
        and column.server_default is None
        and (column.default is None or column.default.is_scalar)
    }
    full = [{**defaults, **row} for row in rows]
    # Every column comes back, as stored: the audit entry's digest is of that (audit.created).
    returned = session.execute(insert(table).returning(*table.columns), full).all()
    by_identity = {tuple(row._mapping[name] for name in identified_by): row for row in returned}
    stored = (
        [by_identity[tuple(row[name] for name in identified_by)] for row in full]
        if identified_by
        else returned
    )
    changes += [audit.created(table, row) for row in stored]
    return [tuple(row._mapping[key] for key in keys) for row in stored]


def grouped(session: Session, model: Any, key: str, parent_ids: Any) -> dict[int, list[Any]]:
    """The rows of `model` under each parent id, in list order.

    Plain column rows, not ORM objects: building an identity-mapped instance per row made reading
    cost ~1 ms per meeting, ten times the driver's own read (bench/, docs/performance.md). Rows
    answer the same attribute names as the model.
    """
    grouped: dict[int, list[Any]] = {}
    table = model.__table__
    order = (table.c.position, table.c.id) if "position" in table.c else ()
    statement = select(*table.c).where(table.c[key].in_(list(parent_ids))).order_by(*order)
    rows = session.execute(statement).all()
    place = rows[0]._fields.index(key) if rows else 0
    for row in rows:
        grouped.setdefault(row[place], []).append(row)
    return grouped
