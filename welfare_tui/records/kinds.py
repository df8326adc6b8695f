"""Every kind of record a case or meeting holds, described once (the terms are in records/spec.py).

A declarative table: adding a field to a kind is one line here (plus its migration and its label in
the message catalogue; docs/architecture.md, "How to add a field"). Fields are in document order.
"""

from __future__ import annotations

from welfare_tui import domain
from welfare_tui.records import between
from welfare_tui.records.spec import Field, Kind, choice_field

_choice = choice_field


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
        Field(
            "resource_id",
            "resource",
            "field.resource",
            key="resource",
            default=None,
            width=12,
            description="The 地域資源 (a key of the document's `resources` map) the tie is with.",
        ),
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
        Field(
            "resource_id",
            "resource",
            "field.resource",
            key="resource",
            default=None,
            width=12,
            description="The 地域資源 (a key of the document's `resources` map) that takes the task on.",
        ),
    ),
    path="roles",
    model="Role",
    derived=("case_id",),
    # The table keeps to what fits at 80 columns; the form asks for the resource too, last.
    columns=("task", "agency_id", "person", "due_date", "status"),
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

# 地域課題 (domain.md §13.7): a need of the household that no resource of the town meets, as data.
NEED = Kind(
    "need",
    "meeting_id",
    (
        _choice(
            "category",
            "need_category",
            domain.NEED_CATEGORY,
            "other",
            "field.need.category",
            form_required=True,
            width=8,
        ),
        _choice("sector", "resource_sector", domain.RESOURCE_SECTOR, "cross", "field.need.sector", width=6),
        Field(
            "text",
            "long_text",
            "field.need.text",
            required=True,
            form_required=True,
            width=36,
            hint="field.need.text.hint",
        ),
        Field("member", "text", "field.need.member", width=8, hint="field.member.relation.hint"),
    ),
    path="needs",
    model="UnmetNeed",
    doc="A need no resource of the town meets (地域課題), with the household member it concerns.",
    derived=("case_id",),
    form=("category", "sector", "member", "text"),
    starts_with={"category": "other", "sector": "cross"},
)

# In the order the repository lists them (and the document writes them: household, then the meeting).
ITEM_KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (MEMBER, ATTENDEE, SHARED_INFO, TIE, ASSESSMENT, NEED, GOAL, ROLE, MONITORING)
}

# --- the case's life (case_lifecycle.py; revision 0008) ---------------------------------------------
# Not rows of a meeting or a household: kept apart from ITEM_KINDS, whose kinds the meeting document
# and the generic repository family carry. Their fields are checked with `checker` like every kind's.

INTAKE = Kind(
    "intake",
    "",
    (
        Field("date", "date", "field.intake.date", default=None, form_required=True, width=10),
        Field("window_agency_id", "agency", "field.intake.window", key="window", default=None, width=14),
        _choice("route", "intake_route", domain.INTAKE_ROUTE, "agency", "field.intake.route", width=10),
        Field("label", "text", "field.intake.label", required=True, form_required=True, width=12),
        Field("concern", "long_text", "field.intake.concern", width=40),
        _choice("consent", "intake_consent", domain.INTAKE_CONSENT, "no", "field.intake.consent", width=8),
        Field("notes", "long_text", "field.intake.notes", width=30),
        Field("recorded_by", "text", "field.recorded_by", personal="staff", width=8),
        _choice("outcome", "intake_outcome", domain.INTAKE_OUTCOME, "open", "field.intake.outcome", width=10),
        Field("outcome_date", "date", "field.intake.outcome_date", default=None, width=10),
        Field("referred_to_id", "agency", "field.intake.referred_to", key="referred_to", default=None),
        Field("outcome_note", "long_text", "field.intake.outcome_note", width=30),
    ),
    path="intakes",
    model="Intake",
    doc="A consultation a window passes on to 多機関協働 (つなぎ受付), and its outcome.",
    form=("date", "window_agency_id", "route", "label", "concern", "consent", "notes"),
    starts_with={"route": "agency", "consent": "no"},
)

STAGE_EVENT = Kind(
    "stage_event",
    "case_id",
    (
        _choice("kind", "stage_event", domain.STAGE_EVENT, "transition", "field.stage_event.kind", width=8),
        Field("decision", "text", "field.stage_event.decision", width=8),
        Field("from_stage", "text", "field.stage_event.from", key="from", width=10),
        _choice(
            "to_stage", "case_status", domain.CASE_STATUS, "shien_kaigi", "field.stage_event.to", key="to"
        ),
        Field("date", "date", "field.stage_event.date", default=None, width=10),
        Field("recorded_by", "text", "field.recorded_by", personal="staff", width=8),
        Field("reason", "long_text", "field.stage_event.reason", width=30),
        Field("closure_reason", "text", "field.stage_event.closure_reason", width=10),
        Field("to_agency_id", "agency", "field.stage_event.to_agency", key="to_agency", default=None),
    ),
    path="case.stages",
    model="StageEvent",
    doc="One event of the case's stage history; `meeting` names the meeting that decided it.",
)

PLAN = Kind(
    "plan",
    "case_id",
    (
        Field("number", "int", "field.plan.number", default=1, bounds="round", width=4),
        _choice("status", "plan_status", domain.PLAN_STATUS, "draft", "field.plan.status", width=6),
        Field("intention", "long_text", "field.plan.intention", width=40),
        Field("direction", "long_text", "field.plan.direction", width=40),
        Field("participation", "bool", "field.plan.participation", default=False, width=4),
        Field("outreach", "bool", "field.plan.outreach", default=False, width=4),
        Field("links_note", "long_text", "field.plan.links_note", width=30),
        Field("approved_date", "date", "field.plan.approved_date", default=None, width=10),
    ),
    path="plan",
    model="SupportPlan",
    doc="One version of the case's 支援プラン.",
    form=("intention", "direction", "participation", "outreach", "links_note"),
)

PLAN_GOAL = Kind(
    "plan_goal",
    "plan_id",
    (
        _choice(
            "term", "goal_term", domain.GOAL_TERM, "short", "field.goal_term", form_required=True, width=8
        ),
        Field("text", "long_text", "field.goal_text", form_required=True, width=36),
        Field("agency_id", "agency", "field.plan_goal.agency", key="agency", default=None, width=12),
        Field("period", "text", "field.plan_goal.period", width=8),
        Field("review_date", "date", "field.plan_goal.review_date", default=None, width=10),
    ),
    path="plan.goals",
    model="PlanGoal",
    starts_with={"term": "short"},
)

GOAL_EVALUATION = Kind(
    "goal_evaluation",
    "goal_id",
    (
        _choice(
            "result", "goal_result", domain.GOAL_RESULT, "partial", "field.goal_evaluation.result", width=8
        ),
        Field("note", "long_text", "field.goal_evaluation.note", width=36),
    ),
    path="plan.evaluations",
    model="GoalEvaluation",
    derived=("meeting_id",),
)

LIFECYCLE_KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (INTAKE, STAGE_EVENT, PLAN, PLAN_GOAL, GOAL_EVALUATION)
}

# The kinds of the work between meetings (contacts, resources, matches) are declared in
# records/between.py; named here too, so that `kinds` stays the one place to look a kind up.
CONTACT, RESOURCE, MATCH = between.CONTACT, between.RESOURCE, between.MATCH
BETWEEN_KINDS = between.BETWEEN_KINDS
