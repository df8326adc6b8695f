"""The kinds of record of the work between meetings (revision 0009; domain.md §13.5–13.7): the contact
log of a case (支援経過 / アウトリーチ), the town's 地域資源 register and a case's 参加支援 matches.

Kept apart from `kinds.ITEM_KINDS` like the case's life: each has its own repository functions
(storage/contacts.py, resources.py, matches.py), and is checked with `checker` like every kind.
Unmet needs (地域課題) are rows of a meeting: `kinds.NEED`, in ITEM_KINDS.
"""

from __future__ import annotations

from welfare_tui import domain
from welfare_tui.records.spec import Field, Kind
from welfare_tui.records.spec import choice_field as _choice

CONTACT = Kind(
    "contact",
    "case_id",
    (
        Field(
            "date", "date", "field.contact.date", default=None, required=True, form_required=True, width=10
        ),
        Field("agency_id", "agency", "field.contact.agency", key="agency", default=None, width=14),
        _choice(
            "mode",
            "contact_mode",
            domain.CONTACT_MODE,
            "visit",
            "field.contact.mode",
            form_required=True,
            width=6,
        ),
        _choice(
            "whom",
            "contact_whom",
            domain.CONTACT_WHOM,
            "person",
            "field.contact.whom",
            form_required=True,
            width=6,
        ),
        Field("note", "long_text", "field.contact.note", width=40, hint="field.contact.note.hint"),
        Field("next_date", "date", "field.contact.next_date", default=None, width=10),
        Field("recorded_by", "text", "field.recorded_by", personal="staff", width=8),
    ),
    path="case.contacts",
    model="ContactEntry",
    doc="One contact of the 支援経過 / アウトリーチ log; `meeting` names the meeting it was recorded from.",
    form=("date", "mode", "whom", "agency_id", "next_date", "note"),
    columns=("date", "mode", "whom", "agency_id", "note", "next_date"),
    starts_with={"mode": "visit", "whom": "person"},
)

RESOURCE = Kind(
    "resource",
    "",
    (
        Field("name", "text", "field.resource.name", required=True, form_required=True, width=20),
        _choice(
            "category",
            "resource_category",
            domain.RESOURCE_CATEGORY,
            "other",
            "field.resource.category",
            form_required=True,
            width=8,
        ),
        _choice(
            "sector", "resource_sector", domain.RESOURCE_SECTOR, "cross", "field.resource.sector", width=6
        ),
        Field("area", "text", "field.resource.area", width=10, hint="field.resource.area.hint"),
        Field("capacity", "int", "field.resource.capacity", default=None, bounds="capacity", width=4),
        Field(
            "contact",
            "text",
            "field.resource.contact",
            personal="staff",
            width=14,
            hint="field.resource.contact.hint",
        ),
        Field("notes", "long_text", "field.resource.notes", width=30),
        Field("active", "bool", "field.resource.active", default=True, width=4),
    ),
    path="resources",
    model="Resource",
    doc="A 地域資源 of the town's register; its id is its key in the document's `resources` map.",
    columns=("name", "category", "sector", "area", "capacity", "active"),
    starts_with={"category": "other", "sector": "cross", "active": True},
)

MATCH = Kind(
    "match",
    "case_id",
    (
        Field(
            "resource_id",
            "resource",
            "field.resource",
            key="resource",
            required=True,
            form_required=True,
            width=16,
        ),
        Field("member", "text", "field.match.member", width=8, hint="field.member.relation.hint"),
        _choice("state", "match_state", domain.MATCH_STATE, "proposed", "field.match.state", width=8),
        Field("proposed_date", "date", "field.match.proposed_date", default=None, width=10),
        Field("started_date", "date", "field.match.started_date", default=None, width=10),
        Field("settled_date", "date", "field.match.settled_date", default=None, width=10),
        Field("ended_date", "date", "field.match.ended_date", default=None, width=10),
        Field("end_reason", "text", "field.match.end_reason", width=16),
        Field("note", "long_text", "field.match.note", width=30),
    ),
    path="case.matches",
    model="ResourceMatch",
    doc="A 参加支援 match of a household member with a resource: proposed, started, settled, ended.",
    form=("resource_id", "member", "proposed_date", "note"),
    # The state changes through its own action (storage/matches.set_match_state), never in the form.
    columns=("resource_id", "member", "state", "end_reason", "note"),
    starts_with={"state": "proposed"},
)

BETWEEN_KINDS: dict[str, Kind] = {kind.name: kind for kind in (CONTACT, RESOURCE, MATCH)}
