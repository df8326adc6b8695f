"""The shape of a meeting document (YAML v3, docs/architecture.md): its format, its keys in order and
where each kind of record of the record spec lives in it. Version 1 documents (without the case's
intakes, stage history and plan, and without the meeting's decision) and version 2 documents (without
the case's contacts and matches, the meeting's unmet needs and the resources map) are still read."""

from __future__ import annotations

import uuid
from typing import Any

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t
from welfare_tui.records.kinds import CONTACT, ITEM_KINDS, LIFECYCLE_KINDS, MATCH, RESOURCE
from welfare_tui.records.spec import Kind

FORMAT = "welfare-tui-minutes"
VERSION = 3
# Every version `import` reads: a version 1 file is a version 2 file without the case's life, a version
# 2 file a version 3 file without the work between meetings, unmet needs and resources.
VERSIONS = (1, 2, 3)
BATCH_SIZE = 200
# Namespace of the uids derived for meetings imported without one (uuid5 of "case code/date/round").
UID_NAMESPACE = uuid.UUID("6f1d3c1e-3b7a-5d2e-9c41-7a0e5b8f2d10")

TOP_KEYS = (
    "format",
    "version",
    "agencies",
    "resources",
    "case",
    "meeting",
    "steps",
    "review",
    "attendees",
    "shared_info",
    "ecomap",
    "assessment",
    "needs",
    "policy",
    "goals",
    "roles",
    "monitoring",
    "resource_gaps",
    "decisions",
    "remaining_issues",
    "next_meeting",
)
CASE_KEYS = (
    "code",
    "label",
    "summary",
    "tags",
    "referral_route",
    "status",
    "consent",
    "lead_agency",
    "key_person",
    "address",
    "phone",
    "household",
    "intakes",
    "stages",
    "plan",
    "contacts",
    "matches",
)
CONSENT_KEYS = ("status", "date", "scope", "agencies", "obtained_by", "history")
MEETING_KEYS = (
    "uid",
    "type",
    "type_label",
    "legal_basis",
    "agenda",
    "round",
    "date",
    "start",
    "end",
    "place",
    "mode",
    "chair",
    "recorder",
    "purpose",
    "status",
    "current_step",
    "confidentiality",
    "incomplete_reason",
    "decision",
)
CONFIDENTIALITY_KEYS = ("confirmed_at", "statement_version", "materials")
STEP_KEYS = ("id", "kind", "title", "title_en", "minutes", "required", "done", "notes", "seconds")
NEXT_MEETING_KEYS = ("date", "time", "place", "note")


def item_keys(kind: Kind) -> tuple[tuple[str, str], ...]:
    """(document key, column) of each field of a kind, in document order."""
    return tuple((field.key, field.name) for field in kind.fields)


# Per kind of record with a place of its own in the document (goals are laid out by term).
ITEM_KEYS = {name: item_keys(kind) for name, kind in ITEM_KINDS.items() if kind.path}
# Where each kind lives in the document.
ITEM_PATHS = {name: kind.path for name, kind in ITEM_KINDS.items() if kind.path}

# The case's life (version 2): (document key, column) per kind, with the keys that are not fields of
# the record spec (uids, the intake's tags, meetings named by uid, the rows nested in a plan).
INTAKE_KEYS = (("uid", "uid"), *item_keys(LIFECYCLE_KINDS["intake"]))
INTAKE_KEYS = (*INTAKE_KEYS[:6], ("tags", "tags"), *INTAKE_KEYS[6:])
STAGE_KEYS = (("uid", "uid"), *item_keys(LIFECYCLE_KINDS["stage_event"]))
STAGE_KEYS = (*STAGE_KEYS[:6], ("meeting", "meeting_uid"), *STAGE_KEYS[6:])
PLAN_KEYS = (
    *item_keys(LIFECYCLE_KINDS["plan"]),
    ("approved_meeting", "approved_meeting_uid"),
    ("goals", "goals"),
)
PLAN_GOAL_KEYS = (("uid", "uid"), *item_keys(LIFECYCLE_KINDS["plan_goal"]), ("evaluations", "evaluations"))
# An evaluation's `date` is its meeting's, derived on export (the plan sheet reads it) and ignored on import.
EVALUATION_KEYS = (
    ("meeting", "meeting_uid"),
    ("date", "meeting_date"),
    *item_keys(LIFECYCLE_KINDS["goal_evaluation"]),
)
DECISION_KEYS = ("decision", "reason", "closure_reason", "to_agency")

# The work between meetings (version 3): contacts and matches carry a uid (they travel between
# databases like intakes), a contact the meeting it was recorded from (by uid, null when none).
CONTACT_KEYS = (
    ("uid", "uid"),
    *((key, column) for key, column in item_keys(CONTACT) if column != "meeting_id"),
    ("meeting", "meeting_uid"),
)
MATCH_KEYS = (("uid", "uid"), *item_keys(MATCH))
# An entry of the `resources` map, keyed by the resource's id (as `agencies` is keyed by agency id).
RESOURCE_KEYS = tuple((key, column) for key, column in item_keys(RESOURCE) if column not in ("id", "active"))

UID_LENGTH = 32
SHORT_UID = 8
"""The uid prefix printed in file names (minutes/__init__.py) and lists: accepted wherever a meeting
is named, as is any longer prefix of the uid."""


def mapping(path: str, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidInput(
            t(
                "storage.doc.expected_mapping",
                path=path or t("storage.doc.document"),
                kind=type(value).__name__,
            )
        )
    return value


def sequence(path: str, value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(t("storage.doc.expected_list", path=path, kind=type(value).__name__))
    return value
