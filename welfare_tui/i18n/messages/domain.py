"""Labels of the domain vocabularies (welfare_tui.domain) in both languages.

The Japanese labels live in domain.py (minutes and storage use them); the English ones are here.
Each label is the message `<vocabulary>.<key>`, e.g. `consent.written` → 書面 / Written.
"""

from welfare_tui import domain

ENGLISH: dict[str, dict[str, str]] = {
    "consent": {"none": "None", "oral": "Oral", "written": "Written"},
    "case_status": {
        "intake": "Intake",
        "shien_kaigi": "Support-meeting stage",
        "planning": "Assessment & draft plan",
        "decided": "Support decided",
        "support": "Support & monitoring",
        "handed_over": "Handed over",
        "closed": "Closed",
        "suspended": "Suspended",
    },
    "case_status_short": {
        "intake": "Intake",
        "shien_kaigi": "Support",
        "planning": "Planning",
        "decided": "Decided",
        "support": "Ongoing",
        "handed_over": "Handed",
        "closed": "Closed",
        "suspended": "Paused",
    },
    "meeting_status": {"planned": "Planned", "in_progress": "In progress", "finished": "Finished"},
    "meeting_mode": {"in_person": "In person", "online": "Online", "hybrid": "Hybrid"},
    "attendance": {"present": "Present", "online": "Online", "written": "In writing", "absent": "Absent"},
    "materials": {
        "collected": "Collected",
        "retained_by_members": "Kept by members",
        "digital_only": "Digital only",
    },
    "sex": {"male": "Male", "female": "Female", "unknown": "Unknown"},
    "tie_strength": {"strong": "Strong", "normal": "Normal", "weak": "Weak"},
    "tie_flow": {
        "to_household": "To household",
        "from_household": "From household",
        "both": "Both ways",
        "none": "None",
    },
    "assessment_kind": {"issue": "Issue", "strength": "Strength", "risk": "Risk"},
    "urgency": {"high": "High", "medium": "Medium", "low": "Low"},
    "goal_term": {"long": "Long-term goal", "short": "Short-term goal"},
    "role_status": {
        "open": "Open",
        "done": "Done",
        "continue": "Continue",
        "revise": "Revise",
        "dropped": "Dropped",
    },
    "evaluation": {
        "continue": "Continue",
        "revise": "Revise the plan",
        "close": "Close",
        "suspend": "Suspend",
    },
    "case_decision": {
        "continue": "Continue",
        "plan_review": "Revise the plan",
        "approve": "Decide on support",
        "hand_over": "Hand over",
        "close": "Close",
        "suspend": "Suspend",
    },
    "stage_event": {
        "opened": "Opened",
        "transition": "Stage changed",
        "decision": "Meeting decision",
        "reopen": "Reopened",
        "withdrawal": "Consent withdrawn",
        "consent": "Consent obtained",
    },
    "closure_reason": {
        "goal_achieved": "Goals achieved",
        "handover": "Handed over to the lead agency",
        "other_system": "Moved to another scheme",
        "moved": "Moved away",
        "died": "Died",
        "refused": "Refused or lost contact",
        "other": "Other",
    },
    "intake_route": {
        "self_family": "Person or family",
        "agency": "Another agency",
        "resident": "Local resident",
        "outreach": "Outreach",
    },
    "intake_consent": {"yes": "With consent", "no": "Without consent"},
    "intake_outcome": {
        "open": "Open",
        "accepted": "Accepted as a case",
        "referred": "Referred elsewhere",
        "closed": "Closed after advice",
    },
    "plan_status": {"draft": "Draft", "approved": "Approved", "superseded": "Superseded"},
    "goal_result": {
        "achieved": "Achieved",
        "partial": "Partly achieved",
        "not_achieved": "Not achieved",
        "cancelled": "Stopped",
    },
    "meeting_type": {key: t.label_en for key, t in domain.MEETING_TYPES.items()},
}

JAPANESE: dict[str, dict[str, str]] = {
    "consent": domain.CONSENT_STATUS,
    "case_status": domain.CASE_STATUS,
    "case_status_short": domain.CASE_STATUS_SHORT,
    "meeting_status": domain.MEETING_STATUS,
    "meeting_mode": domain.MEETING_MODE,
    "attendance": domain.ATTENDANCE,
    "materials": domain.MATERIALS,
    "sex": domain.SEX,
    "tie_strength": domain.TIE_STRENGTH,
    "tie_flow": domain.TIE_FLOW,
    "assessment_kind": domain.ASSESSMENT_KIND,
    "urgency": domain.URGENCY,
    "goal_term": domain.GOAL_TERM,
    "role_status": domain.ROLE_STATUS,
    "evaluation": domain.EVALUATION_DECISION,
    "case_decision": domain.CASE_DECISION,
    "stage_event": domain.STAGE_EVENT,
    "closure_reason": domain.CLOSURE_REASON,
    "intake_route": domain.INTAKE_ROUTE,
    "intake_consent": domain.INTAKE_CONSENT,
    "intake_outcome": domain.INTAKE_OUTCOME,
    "plan_status": domain.PLAN_STATUS,
    "goal_result": domain.GOAL_RESULT,
    "meeting_type": {key: t.label for key, t in domain.MEETING_TYPES.items()},
}

MESSAGES: dict[str, tuple[str, str]] = {
    f"{name}.{key}": (label, ENGLISH[name][key])
    for name, labels in JAPANESE.items()
    for key, label in labels.items()
}
