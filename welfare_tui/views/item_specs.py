"""Which fields each kind of row has on screen, in table-column order.

The kinds are those of the repository's generic item functions (storage/repo.py).
"""

from __future__ import annotations

from welfare_tui.views.fields import Field

ITEM_FIELDS: dict[str, tuple[Field, ...]] = {
    "member": (
        Field(
            "relation",
            "field.member.relation",
            placeholder="field.member.relation.hint",
            required=True,
            width=8,
        ),
        Field("name", "field.name", width=12),
        Field("kana", "field.kana", width=12),
        Field("sex", "field.sex", "select", vocab="sex", width=4),
        Field("birth_date", "field.birth_date", "date", width=10),
        Field("address", "field.address", placeholder="field.member_address.hint", width=14),
        Field("phone", "field.phone", width=12),
        Field("index_person", "field.index_person", "bool", width=4),
        Field("key_person", "field.key_person", "bool", width=6),
        Field("cohabiting", "field.cohabiting", "bool", width=4),
        Field("deceased", "field.deceased", "bool", width=4),
        Field("note", "field.note", width=16),
    ),
    "attendee": (
        Field("agency_id", "field.agency", "agency", width=14),
        Field("department", "field.department", width=10),
        Field("role", "field.role", placeholder="field.role.hint", width=10),
        Field("name", "field.name", required=True, width=10),
        Field("attendance", "field.attendance", "select", vocab="attendance", width=8),
    ),
    "shared_info": (
        Field("agency_id", "field.info_agency", "agency", required=True, width=14),
        Field("content", "field.info_content", "textarea", required=True, width=50),
    ),
    "tie": (
        Field("to_node", "field.tie_to", "agency", required=True, width=12),
        Field("strength", "field.strength", "select", vocab="tie_strength", required=True, width=4),
        Field("stressful", "field.stressful", "bool", width=8),
        Field("flow", "field.flow", "select", vocab="tie_flow", required=True, width=8),
        Field("label", "field.tie_label", placeholder="field.tie_label.hint", width=12),
    ),
    "assessment": (
        Field("kind", "field.assessment_kind", "select", vocab="assessment_kind", required=True, width=8),
        Field("text", "field.text", "textarea", required=True, width=28),
        Field("priority", "field.priority", "int", width=4),
        Field("urgency", "field.urgency", "select", vocab="urgency", width=4),
        Field("agency_id", "field.issue_owner", "agency", width=10),
    ),
    "goal": (
        Field("term", "field.goal_term", "select", vocab="goal_term", required=True, width=8),
        Field("text", "field.goal_text", "textarea", required=True, width=44),
    ),
    "role": (
        Field("task", "field.task", required=True, width=22),
        Field("agency_id", "field.role_agency", "agency", width=12),
        Field("person", "field.person", width=8),
        Field("due_date", "field.due", "date", width=10),
        Field("status", "field.status", "select", vocab="role_status", width=6),
    ),
    "monitoring": (
        Field("date", "field.monitoring_date", "date", required=True, width=10),
        Field("what", "field.monitoring_what", required=True, width=40),
    ),
}

# Values a new row starts with (so the common case is one keystroke away).
ITEM_DEFAULTS: dict[str, dict[str, object]] = {
    "member": {"sex": "unknown", "cohabiting": True},
    "attendee": {"attendance": "present"},
    "tie": {"strength": "normal", "flow": "to_household", "stressful": False},
    "assessment": {"kind": "issue", "urgency": "medium"},
    "goal": {"term": "short"},
    "role": {"status": "open"},
}

# Message keys of each table's title.
ITEM_TITLES = {kind: f"items.{kind}" for kind in ITEM_FIELDS}
