"""The 地域資源 register (domain.md §13.6): the municipality's resources (居場所, サロン, 子ども食堂,
就労体験先, 相談窓口...) with sector, area, capacity, contact and notes, loaded from the file the
municipality maintains (`upsert_resources`) and edited one by one. A resource named by a case is made
inactive rather than deleted, so the cases' history keeps its name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlmodel import Session, col, select

from welfare_tui.errors import InvalidInput, NotFound
from welfare_tui.i18n import t
from welfare_tui.records import values as v
from welfare_tui.storage.between_rows import checked, row_dict, stale_check
from welfare_tui.storage.conflicts import flush_versioned
from welfare_tui.storage.models import Resource

# A slug like an agency id: what a document's `resources` map and the municipality's file key it by.
_RESOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def list_resources(session: Session, *, active_only: bool = False) -> list[dict[str, Any]]:
    """Every resource (or the active ones), active first, then by name and id."""
    query = select(Resource)
    if active_only:
        query = query.where(col(Resource.active).is_(True))
    rows = session.exec(query.order_by(col(Resource.active).desc(), col(Resource.name), col(Resource.id)))
    return [resource_dict(row) for row in rows]


def get_resource(session: Session, *, resource_id: str) -> dict[str, Any]:
    return resource_dict(_load(session, resource_id))


def add_resource(session: Session, *, resource_id: str, name: str, **fields: Any) -> dict[str, Any]:
    """Register a resource under a new id (a slug: `kodomo_shokudo_aoba`); the other fields
    (`category`, `sector`, `area`, `capacity`, `contact`, `notes`, `active`) keep their defaults when
    not given."""
    resource_id = _new_id(session, resource_id)
    values = checked(session, "resource", {"name": name, **fields})
    values["name"] = values["name"].strip()
    _name_free(session, values["name"], resource_id)
    resource = Resource(id=resource_id, **values)
    session.add(resource)
    session.flush()
    return resource_dict(resource)


def update_resource(
    session: Session,
    *,
    resource_id: str,
    values: dict[str, Any],
    expected_version: int | None = None,
    original: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Change the given fields (a whole dict from `list_resources` may be passed back; its `id` must
    not change, its `version` counts as `expected_version`). Another session's save since the row was
    read is a Conflict on the fields both changed, as in `update_item`."""
    resource = _load(session, resource_id)
    values = dict(values)
    given_id = values.pop("id", resource_id)
    if given_id != resource_id:
        raise InvalidInput(t("storage.fixed_field", name="id"))
    given_version = values.pop("version", None)
    if expected_version is None and given_version is not None:
        expected_version = v.integer("version", given_version)
    fields = checked(session, "resource", values)
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        _name_free(session, fields["name"], resource_id)
    stale_check(session, "resource", resource, values, expected_version, original)
    for name, value in fields.items():
        setattr(resource, name, value)
    session.add(resource)
    flush_versioned(session, "resource", resource)
    return resource_dict(resource)


def upsert_resources(session: Session, rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """The register made to hold `rows` (each an `id` and fields of a resource): a new id is created,
    a known one updated where it differs, one that does not differ left unwritten. Resources not in
    `rows` are left alone. Every row is checked before anything is written (a message names
    `resources.<id>.<field>`); two rows with one id or one name are refused. Returns the counts
    `created`, `updated` and `unchanged`."""
    planned: list[tuple[str, dict[str, Any]]] = []
    names: dict[str, str] = {}
    for index, row in enumerate(rows):
        row = dict(row)
        resource_id = _slug(f"resources[{index}].id", row.pop("id", None))
        where = f"resources.{resource_id}"
        if any(resource_id == known for known, _ in planned):
            raise InvalidInput(t("between.resource_id_twice", id=repr(resource_id)))
        values = checked(session, "resource", row, where)
        if "name" in values:
            values["name"] = v.text(f"{where}.name", values["name"], required=True).strip()
            if values["name"] in names:
                raise InvalidInput(t("between.resource_name_twice", name=values["name"]))
            names[values["name"]] = resource_id
        elif session.get(Resource, resource_id) is None:
            raise InvalidInput(t("value.empty", field=f"{where}.name"))
        planned.append((resource_id, values))
    _names_free(session, names)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for resource_id, values in planned:
        counts[_write(session, resource_id, values)] += 1
    session.flush()
    return counts


def resource_dict(resource: Resource) -> dict[str, Any]:
    """A resource as plain values: id, version, then every field of the record spec."""
    return row_dict("resource", resource, "version")


def _write(session: Session, resource_id: str, values: dict[str, Any]) -> str:
    resource = session.get(Resource, resource_id)
    if resource is None:
        session.add(Resource(id=resource_id, **values))
        return "created"
    changed = {name: value for name, value in values.items() if getattr(resource, name) != value}
    if not changed:
        return "unchanged"
    for name, value in changed.items():
        setattr(resource, name, value)
    session.add(resource)
    return "updated"


def _names_free(session: Session, names: dict[str, str]) -> None:
    """No name of the rows belongs to another resource of the register (a name moves from one
    resource to another in two steps: the unique name is checked row by row when written)."""
    if not names:
        return
    taken = session.exec(select(Resource.id, Resource.name).where(col(Resource.name).in_(list(names))))
    for other_id, name in taken:
        if other_id != names[name]:
            raise InvalidInput(t("between.resource_name_taken", name=name, id=repr(other_id)))


def _name_free(session: Session, name: str, resource_id: str) -> None:
    other = session.exec(select(Resource.id).where(Resource.name == name)).first()
    if other is not None and other != resource_id:
        raise InvalidInput(t("between.resource_name_taken", name=name, id=repr(other)))


def _slug(field: str, value: Any) -> str:
    resource_id = v.text(field, value, required=True).strip()
    if not _RESOURCE_ID.match(resource_id):
        raise InvalidInput(t("between.resource_id_form", field=field, id=repr(resource_id)))
    return resource_id


def _new_id(session: Session, resource_id: str) -> str:
    resource_id = _slug("id", resource_id)
    if session.get(Resource, resource_id) is not None:
        raise InvalidInput(t("between.resource_id_taken", id=repr(resource_id)))
    return resource_id


def _load(session: Session, resource_id: str) -> Resource:
    resource = session.get(Resource, resource_id)
    if resource is None:
        raise NotFound(t("between.no_resource", id=repr(resource_id)))
    return resource
