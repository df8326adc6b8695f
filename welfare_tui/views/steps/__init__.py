"""One view per agenda step kind (agendas.STEP_KINDS)."""

from __future__ import annotations

from welfare_tui.views.steps.base import StepView
from welfare_tui.views.steps.closing import ClosingStep, WrapUpStep
from welfare_tui.views.steps.confidentiality import ConfidentialityStep
from welfare_tui.views.steps.ecomap import EcomapStep
from welfare_tui.views.steps.forms import NextMeetingStep, NotesStep, OpeningStep, ResourceGapsStep
from welfare_tui.views.steps.previous import EvaluationStep, ReviewPreviousStep
from welfare_tui.views.steps.tables import (
    AssessmentStep,
    AttendanceStep,
    CaseSummaryStep,
    InfoSharingStep,
    MonitoringStep,
    PolicyStep,
    RolesStep,
)

STEP_VIEWS: dict[str, type[StepView]] = {
    "opening": OpeningStep,
    "attendance": AttendanceStep,
    "confidentiality": ConfidentialityStep,
    "case_summary": CaseSummaryStep,
    "info_sharing": InfoSharingStep,
    "ecomap": EcomapStep,
    "assessment": AssessmentStep,
    "policy": PolicyStep,
    "roles": RolesStep,
    "monitoring": MonitoringStep,
    "resource_gaps": ResourceGapsStep,
    "next_meeting": NextMeetingStep,
    "wrap_up": WrapUpStep,
    "closing": ClosingStep,
    "review_previous": ReviewPreviousStep,
    "evaluation": EvaluationStep,
    "notes": NotesStep,
}


def view_for(kind: str) -> type[StepView]:
    return STEP_VIEWS.get(kind, NotesStep)
