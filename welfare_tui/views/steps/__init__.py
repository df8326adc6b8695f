"""One view per agenda step kind (agendas.STEP_KINDS; a test checks that every kind has one)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from welfare_tui.agendas import unknown_kind
from welfare_tui.errors import InvalidInput
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.steps.closing import ClosingStep, WrapUpStep
from welfare_tui.views.steps.confidentiality import ConfidentialityStep
from welfare_tui.views.steps.ecomap import EcomapStep
from welfare_tui.views.steps.forms import NextMeetingStep, NotesStep, OpeningStep, ResourceGapsStep
from welfare_tui.views.steps.goals import EvaluationStep, PolicyStep
from welfare_tui.views.steps.previous import ReviewPreviousStep
from welfare_tui.views.steps.tables import (
    AssessmentStep,
    AttendanceStep,
    CaseSummaryStep,
    InfoSharingStep,
    MonitoringStep,
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


def view_for(step: Mapping[str, Any], index: int) -> type[StepView]:
    """The view of the meeting's step `index`. The agenda loader refuses an unknown kind, but a
    meeting keeps its own snapshot of the agenda (stored, or imported from a document): a kind with
    no view is an error the screen reports, never shown as notes as if nothing were wrong."""
    kind = str(step.get("kind") or "")
    view = STEP_VIEWS.get(kind)
    if view is None:
        problem = unknown_kind(kind)
        raise InvalidInput(f"steps[{index}].kind: {problem}")
    return view
