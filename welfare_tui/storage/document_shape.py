"""The shape of a meeting document (YAML v1, docs/architecture.md): its format, its keys in order and
where each kind of record of the record spec lives in it."""

from __future__ import annotations

import uuid
from typing import Any

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t
from welfare_tui.records.kinds import ITEM_KINDS
from welfare_tui.records.spec import Kind

FORMAT = "welfare-tui-minutes"
VERSION = 1
BATCH_SIZE = 200
# Namespace of the uids derived for meetings imported without one (uuid5 of "case code/date/round").
UID_NAMESPACE = uuid.UUID("6f1d3c1e-3b7a-5d2e-9c41-7a0e5b8f2d10")

TOP_KEYS = (
    "format",
    "version",
    "agencies",
    "case",
    "meeting",
    "steps",
    "review",
    "attendees",
    "shared_info",
    "ecomap",
    "assessment",
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
