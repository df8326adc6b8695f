"""The models of the case's life in a version 2 document (docs/minutes-yaml.md): the case's intakes,
its stage history, its plan versions with their goals and evaluations, and the meeting's decision.
Each row is its record-spec kind (records/kinds.py LIFECYCLE_KINDS) plus the keys a document adds:
stable uids, the meetings a row names (by uid), the rows nested in a plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from welfare_tui import domain
from welfare_tui.minutes.schema_records import AgencyId, Date, Text, Uid, _Model, item_model
from welfare_tui.records import kinds

_LIFE = kinds.LIFECYCLE_KINDS
_UID = (Uid | None, Field(default="", description="Stable id (32 hex characters); derived when missing."))


def _meeting(description: str, *, required: bool = False) -> tuple[object, object]:
    if required:
        return (Uid, Field(description=description))
    return (Uid | None, Field(default=None, description=description))


if TYPE_CHECKING:  # mypy sees the base class; the models are built from the record spec at import
    Intake = BaseModel
    StageEvent = BaseModel
    GoalEvaluation = BaseModel
    PlanGoal = BaseModel
    Plan = BaseModel
else:
    Intake = item_model(_LIFE["intake"], uid=_UID, tags=(list[Text | int], []))
    StageEvent = item_model(
        _LIFE["stage_event"],
        uid=_UID,
        meeting=_meeting("The uid of the meeting that decided it (null: recorded outside a meeting)."),
    )
    GoalEvaluation = item_model(
        _LIFE["goal_evaluation"],
        meeting=_meeting("The uid of the meeting that judged it.", required=True),
        date=(
            Date | None,
            Field(default=None, description="Derived on export (the meeting's date); ignored on import."),
        ),
    )
    PlanGoal = item_model(_LIFE["plan_goal"], uid=_UID, evaluations=(list[GoalEvaluation], []))
    Plan = item_model(
        _LIFE["plan"],
        approved_meeting=_meeting("The uid of the 重層的支援会議 that approved it."),
        goals=(list[PlanGoal], []),
    )


class Decision(_Model):
    """The decision the meeting recorded for its case (derived on export from `case.stages`: the last
    decision event naming this meeting); import refuses one the meeting's type may not record."""

    decision: Literal[tuple(domain.CASE_DECISION)]  # type: ignore[valid-type]
    reason: Text | None = ""
    closure_reason: Text | None = ""
    to_agency: AgencyId | None = None
