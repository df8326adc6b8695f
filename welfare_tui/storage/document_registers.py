"""The registers a meeting document names, made to agree with this database's before its rows are
written: the `agencies` map and the `resources` map (version 3).

* An agency this database lacks is created from the map; one whose local id is taken here by another
  agency gets a fresh id, and one held under another id (same name) is pointed at.
* A resource is treated the same way: one this database lacks is created from the map; one it holds
  under the same id and name is left as it is (the register is the municipality's, kept by
  `resources import`, not by meeting files); a name held under another id, or an id held by another
  name, points the document's rows at the database's resource (or a fresh id).
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, select

from welfare_tui.catalogue import CATALOGUE_BY_ID
from welfare_tui.storage import audit
from welfare_tui.storage.agencies import add_agency
from welfare_tui.storage.bulk import insert_rows
from welfare_tui.storage.models import Agency, Resource, table_of


def agency_names(session: Session) -> dict[str, str]:
    """Every agency of this database, id → name (one query for any number of documents)."""
    return dict(session.exec(select(Agency.id, Agency.name)).all())


def ensure_agencies(
    session: Session, wanted: dict[str, dict[str, str]], names: dict[str, str]
) -> dict[str, str]:
    """Create the document's agencies this database lacks (adding them to `names`); returns
    {document id: database id} where they differ (a local id already used here by another agency, or
    the same agency under another id)."""
    rename: dict[str, str] = {}
    by_name = {name: agency_id for agency_id, name in reversed(names.items())}
    for agency_id, entry in wanted.items():
        existing = names.get(agency_id)
        if existing is not None and (existing == entry["name"] or agency_id in CATALOGUE_BY_ID):
            continue
        if entry["name"] in by_name:
            rename[agency_id] = by_name[entry["name"]]
            continue
        created = add_agency(
            session,
            name=entry["name"],
            sector=entry["sector"],
            short=entry["short"],
            agency_id=None if existing is not None else agency_id,
        )
        names[created.id] = created.name
        by_name.setdefault(created.name, created.id)
        if created.id != agency_id:
            rename[agency_id] = created.id
    return rename


def resolve_agencies(checked: dict[str, Any], rename: dict[str, str]) -> None:
    """Point the document's agency references (and ecomap nodes) at the ids this database uses."""
    if not rename:
        return
    case = checked["case"]
    case["lead_agency_id"] = rename.get(case["lead_agency_id"], case["lead_agency_id"])
    case["consent_agencies"] = json.dumps(
        [rename.get(a, a) for a in json.loads(case["consent_agencies"])], ensure_ascii=False
    )
    for event in checked["consent_history"]:
        event["agencies"] = [rename.get(a, a) for a in event["agencies"]]
    for rows in checked["items"].values():
        for row in rows:
            for column in ("agency_id", "from_node", "to_node"):
                if row.get(column):
                    row[column] = rename.get(row[column], row[column])


def resource_names(session: Session) -> dict[str, str]:
    """Every resource of this database, id → name (one query for any number of documents)."""
    c = table_of(Resource).c
    return {row.id: row.name for row in session.execute(select(c.id, c.name))}


def ensure_resources(
    session: Session, wanted: dict[str, dict[str, Any]], names: dict[str, str], changes: list[audit.Change]
) -> dict[str, str]:
    """Create the document's resources this database lacks (adding them to `names`); returns
    {document id: database id} where they differ."""
    rename: dict[str, str] = {}
    by_name = {name: resource_id for resource_id, name in names.items()}
    for resource_id, entry in wanted.items():
        existing = names.get(resource_id)
        if existing == entry["name"]:
            continue
        if entry["name"] in by_name:
            rename[resource_id] = by_name[entry["name"]]
            continue
        new_id = resource_id if existing is None else _free_id(resource_id, names)
        insert_rows(session, Resource, [{**entry, "id": new_id}], changes)
        names[new_id] = entry["name"]
        by_name[entry["name"]] = new_id
        if new_id != resource_id:
            rename[resource_id] = new_id
    return rename


def _free_id(resource_id: str, names: dict[str, str]) -> str:
    number = 2
    while f"{resource_id}_{number}" in names:
        number += 1
    return f"{resource_id}_{number}"


def resolve_resources(checked: dict[str, Any], rename: dict[str, str]) -> None:
    """Point the document's resource references at the ids this database uses."""
    if not rename:
        return
    rows = [*checked["items"].get("role", []), *checked["items"].get("tie", [])]
    rows += checked["between"]["matches"] or []
    for row in rows:
        if row.get("resource_id"):
            row["resource_id"] = rename.get(row["resource_id"], row["resource_id"])


def agree(
    session: Session,
    checked: dict[str, Any],
    names: tuple[dict[str, str], dict[str, str]],
    changes: list[audit.Change],
) -> None:
    """Create what a checked document's maps hold that this database lacks and point its rows at the
    ids this database uses; `names`: the database's agencies and resources, id → name, kept up to date."""
    agencies, resources = names
    resolve_agencies(checked, ensure_agencies(session, checked["agencies"], agencies))
    resolve_resources(checked, ensure_resources(session, checked.get("resources") or {}, resources, changes))
