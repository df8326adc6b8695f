"""The models of the work between meetings in a version 3 document (docs/minutes-yaml.md): the case's
contacts and matches, the meeting's unmet needs and an entry of the `resources` map. Each row is its
record-spec kind (records/kinds.py) plus the keys a document adds: stable uids, the meeting a contact
was recorded from (by uid)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from welfare_tui.minutes.schema_records import Uid, item_model
from welfare_tui.records import kinds

_UID = (Uid | None, Field(default="", description="Stable id (32 hex characters); derived when missing."))

if TYPE_CHECKING:  # mypy sees the base class; the models are built from the record spec at import
    ContactEntry = BaseModel
    ResourceMatch = BaseModel
    UnmetNeed = BaseModel
    ResourceEntry = BaseModel
else:
    ContactEntry = item_model(
        dataclasses.replace(
            kinds.CONTACT, fields=tuple(f for f in kinds.CONTACT.fields if f.name != "meeting_id")
        ),
        uid=_UID,
        meeting=(
            Uid | None,
            Field(default=None, description="The uid of the meeting it was recorded from (null: none)."),
        ),
    )
    ResourceMatch = item_model(kinds.MATCH, uid=_UID)
    UnmetNeed = item_model(kinds.ITEM_KINDS["need"])
    # An entry of the `resources` map: the resource's id is its key; whether it is active is the register's.
    ResourceEntry = item_model(
        dataclasses.replace(
            kinds.RESOURCE,
            fields=tuple(f for f in kinds.RESOURCE.fields if f.name not in ("id", "active")),
            model="Resource",
            doc="A resource of the register the document names (a match, a role, an ecomap tie).",
        )
    )
