"""Every kind of record a case or meeting holds, described once (the terms are in records/spec.py).

A declarative table: adding a field to a kind is one line here (plus its migration and its label in
the message catalogue; docs/architecture.md, "How to add a field"). Fields are in document order.
"""

from __future__ import annotations

from typing import Any

from welfare_tui import domain
from welfare_tui.records.spec import Field, Kind


def _choice(name: str, vocab: str, options: dict[str, Any], default: Any, label: str, **more: Any) -> Field:
    return Field(name, "choice", label, vocab=vocab, options=tuple(options), default=default, **more)


MEMBER = Kind(
    "member",
    "case_id",
    (
        Field("name", "text", "field.name", personal="name"),
        Field("kana", "text", "field.kana", personal="name"),
        Field(
            "relation",
            "text",
            "field.member.relation",
            form_required=True,
            width=8,
            hint="field.member.relation.hint",
        ),
        _choice("sex", "sex", domain.SEX, None, "field.sex", width=4),
        Field("birth_date", "date", "field.birth_date", default=None, personal="birth_date", width=10),
        Field(
            "address",
            "text",
            "field.address",
            personal="address",
            width=14,
            hint="field.member_address.hint",
            description="Where the person lives, when not the case's address.",
        ),
        Field("phone", "text", "field.phone", personal="phone"),
        Field("index_person", "bool", "field.index_person", default=False, width=4),
        Field("deceased", "bool", "field.deceased", default=False, width=4),
        Field("cohabiting", "bool", "field.cohabiting", default=False, width=4),
        Field("key_person", "bool", "field.key_person", default=False, width=6),
        Field("note", "text", "field.note", width=16),
    ),
    path="case.household",
    model="Person",
    doc="A genogram person, seen from the index person (本人).",
    form=(
        "relation",
        "name",
        "kana",
        "sex",
        "birth_date",
        "address",
        "phone",
        "index_person",
        "key_person",
        "cohabiting",
        "deceased",
        "note",
    ),
    starts_with={"sex": "unknown", "cohabiting": True},
)

ATTENDEE = Kind(
    "attendee",
    "meeting_id",
    (
        Field("agency_id", "agency", "field.agency", key="agency", default=None, width=14),
        Field("department", "text", "field.department", width=10),
        Field("role", "text", "field.role", width=10, hint="field.role.hint"),
        Field("name", "text", "field.name", form_required=True, personal="staff", width=10),
        _choice("attendance", "attendance", domain.ATTENDANCE, "present", "field.attendance", width=8),
        Field("acknowledged", "bool", "field.acknowledged", default=False),
    ),
    path="attendees",
    model="Attendee",
    form=("agency_id", "department", "role", "name", "attendance"),
    starts_with={"attendance": "present"},
)

SHARED_INFO = Kind(
    "shared_info",
    "meeting_id",
    (
        Field(
            "agency_id",
            "agency",
            "field.info_agency",
            key="agency",
            default=None,
            form_required=True,
            width=14,
        ),
        Field("content", "long_text", "field.info_content", form_required=True, width=50),
    ),
    path="shared_info",
    model="SharedInfo",
)

TIE = Kind(
    "tie",
    "meeting_id",
    (
        Field("from_node", "node", "field.tie_from", key="from", default="household", required=True),
        Field(
            "to_node",
            "node",
            "field.tie_to",
            key="to",
            default="household",
            required=True,
            form_required=True,
        ),
        _choice(
            "strength",
            "tie_strength",
            domain.TIE_STRENGTH,
            "normal",
            "field.strength",
            form_required=True,
            width=4,
        ),
        Field("stressful", "bool", "field.stressful", default=False, width=8),
        _choice("flow", "tie_flow", domain.TIE_FLOW, "none", "field.flow", form_required=True, width=8),
        Field("label", "text", "field.tie_label", hint="field.tie_label.hint"),
        Field("member", "text", "field.tie_member"),
    ),
    path="ecomap.ties",
    model="Tie",
    form=("to_node", "strength", "stressful", "flow", "label"),
    starts_with={"strength": "normal", "flow": "to_household", "stressful": False},
)

ASSESSMENT = Kind(
    "assessment",
    "meeting_id",
    (
        _choice(
            "kind",
            "assessment_kind",
            domain.ASSESSMENT_KIND,
            "issue",
            "field.assessment_kind",
            form_required=True,
            width=8,
        ),
        Field("text", "long_text", "field.text", form_required=True, width=28),
        Field("priority", "int", "field.priority", default=0, bounds="priority", width=4),
        _choice("urgency", "urgency", domain.URGENCY, "medium", "field.urgency", width=4),
        Field(
            "agency_id",
            "agency",
            "field.issue_owner",
            key="agency",
            default=None,
            width=10,
            description="The agency that owns the issue.",
        ),
    ),
    path="assessment",
    model="AssessmentItem",
    starts_with={"kind": "issue", "urgency": "medium"},
)

# Goals are written in a document as two lists of texts (`goals.long`, `goals.short`): no `path`.
GOAL = Kind(
    "goal",
    "meeting_id",
    (
        _choice(
            "term", "goal_term", domain.GOAL_TERM, "short", "field.goal_term", form_required=True, width=8
        ),
        Field("text", "long_text", "field.goal_text", form_required=True, width=44),
    ),
    starts_with={"term": "short"},
)

ROLE = Kind(
    "role",
    "meeting_id",
    (
        Field("task", "text", "field.task", form_required=True, width=22),
        Field("agency_id", "agency", "field.role_agency", key="agency", default=None),
        Field("person", "text", "field.person", personal="staff", width=8),
        Field("due_date", "date", "field.due", key="due", default=None, width=10),
        _choice("status", "role_status", domain.ROLE_STATUS, "open", "field.status", width=6),
    ),
    path="roles",
    model="Role",
    derived=("case_id",),
    starts_with={"status": "open"},
)

MONITORING = Kind(
    "monitoring",
    "meeting_id",
    (
        Field("date", "date", "field.monitoring_date", default=None, form_required=True, width=10),
        Field("what", "text", "field.monitoring_what", form_required=True, width=40),
        _choice("status", "role_status", domain.ROLE_STATUS, "open", "field.status", width=6),
    ),
    path="monitoring",
    model="Monitoring",
    derived=("case_id",),
    form=("date", "what"),
)

# In the order the repository lists them (and the document writes them: household, then the meeting).
ITEM_KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (MEMBER, ATTENDEE, SHARED_INFO, TIE, ASSESSMENT, GOAL, ROLE, MONITORING)
}
