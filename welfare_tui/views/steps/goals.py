"""The goals step (policy) and the evaluation step: the support plan across meetings (views/steps/plan.py).

The goals step shows the current plan and edits its next version as a draft (F8), approved only at a
重層的支援会議 (F9; the rule module says why not elsewhere, and nothing is written). Approving is the
meeting's decision too: 支援決定 for the case's first plan, プラン見直し for a later version.
The evaluation step marks every goal of the current plan and records the case decision (F7).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.widgets import Label, Static

from welfare_tui import case_lifecycle as rules
from welfare_tui.i18n import label, t
from welfare_tui.storage import repo
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.fields import Field
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.steps.decision import DecidingStep
from welfare_tui.views.steps.plan import PLAN_FIELDS, GoalEvaluationTable, PlanGoalTable, plan_summary
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.autosave_form import AutosaveForm
from welfare_tui.views.widgets.item_table import ItemTable
from welfare_tui.views.widgets.match_table import MatchTable


def approve_with_decision(session: Any, *, plan_id: int, meeting_id: int, case_id: int) -> dict[str, Any]:
    """Approve the draft and record the meeting's decision in one unit of work: 支援決定 for the
    case's first plan, プラン見直し when it replaces an approved one. Returns the decision event."""
    revising = repo.current_plan(session, case_id=case_id) is not None
    repo.approve_plan(session, plan_id=plan_id, meeting_id=meeting_id)
    decision = "plan_review" if revising else "approve"
    return repo.record_decision(session, meeting_id=meeting_id, decision=decision)


def case_matches(case_id: int) -> ComposeResult:
    """The case's 参加支援 matches (the plan's 参加支援, made concrete): propose a resource, move it on."""
    yield Label(t("match_tui.case_title"), classes="item-table-title")
    yield MatchTable(case_id=case_id, id="case-matches")


class PolicyStep(StepView):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "edit_plan", "plan_tui.edit", id="plan_tui.edit"),
        Binding("f9", "approve_plan", "plan_tui.approve", id="plan_tui.approve"),
    ]

    def __init__(self, meeting: Any, case: Any, step: dict[str, Any]) -> None:
        super().__init__(meeting, case, step)
        localise_bindings(self)
        self.draft: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        app = welfare_app(self)
        current = app.query_db(repo.current_plan, case_id=self.case.id)
        self.draft = app.query_db(repo.draft_plan, case_id=self.case.id)
        yield self.meeting_form([Field("policy", "field.policy", "textarea")])
        yield Static(plan_summary(current, app.agency_names), id="current-plan", markup=False)
        if self.draft is None:
            yield Static(t("plan_tui.no_draft"), id="plan-draft-title", markup=False)
        else:
            yield Label(t("plan_tui.draft_title", number=self.draft["number"]), id="plan-draft-title")
            values = {field.name: self.draft[field.name] for field in PLAN_FIELDS}
            yield AutosaveForm(
                PLAN_FIELDS, values, self.write_plan, prefix="p", version=self.draft["version"]
            )
            yield Label(t("plan_tui.goals_title"), classes="item-table-title")
            yield PlanGoalTable(self.draft)
        yield ItemTable("goal", self.meeting.id, title="items.goals_title", detail_field="text")
        yield from case_matches(self.case.id)

    def write_plan(self, values: dict[str, Any], original: dict[str, Any], version: int) -> Any:
        """Save the draft's fields read at `version` (the form's contract, views/widgets/autosave_form.py)."""
        from types import SimpleNamespace

        assert self.draft is not None
        updated = self._write(repo.update_plan, plan_id=self.draft["id"], expected_version=version, **values)
        if updated is None:
            return None
        self.draft = updated
        return SimpleNamespace(**updated)

    def action_edit_plan(self) -> None:
        """Open the draft, starting the next version from the current plan when there is none."""
        if not self.flush():
            return
        if (
            self.draft is None
            and welfare_app(self).call_db(repo.start_plan_draft, case_id=self.case.id) is None
        ):
            return
        self.refresh(recompose=True)
        self.call_after_refresh(self._focus_draft)

    def _focus_draft(self) -> None:
        fields = self.query("#p-intention")
        if fields:
            fields.first().focus()

    def action_approve_plan(self) -> None:
        refusal = rules.plan_approval_refusal(self.meeting.type)
        if refusal:
            self.app.notify(refusal, severity="error", timeout=10)
            return
        if self.draft is None:
            self.app.notify(t("plan_tui.no_draft_to_approve"), severity="warning")
            return
        if not self.flush():
            return
        from welfare_tui.views.modals.confirm import ConfirmDialog

        app = welfare_app(self)
        revising = app.query_db(repo.current_plan, case_id=self.case.id) is not None
        decision = rules.decision_label("plan_review" if revising else "approve")
        number = self.draft["number"]

        def answered(yes: bool | None) -> None:
            if not yes or self.draft is None:
                return
            event = app.call_db(
                approve_with_decision,
                plan_id=self.draft["id"],
                meeting_id=self.meeting.id,
                case_id=self.case.id,
            )
            if event is not None:
                app.notify(t("plan_tui.approved", number=number))
                self.refresh(recompose=True)

        app.push_screen(
            ConfirmDialog(t("plan_tui.approve_question", number=number, decision=decision)), answered
        )


class EvaluationStep(DecidingStep):
    """Per-goal achievement of the current plan, this meeting's notes, and the case decision (F7)."""

    def compose(self) -> ComposeResult:
        plan = welfare_app(self).query_db(repo.current_plan, case_id=self.case.id)
        goals = list(plan["goals"]) if plan else []
        yield Label(t("plan_tui.evaluation_title"), classes="item-table-title")
        if goals:
            yield GoalEvaluationTable(goals, self.meeting.id)
        else:
            yield Static(t("plan_tui.no_goals"), id="previous-goals", markup=False)
        yield from case_matches(self.case.id)
        yield from self.decision_widgets()
        yield Static(self._previous_goals(), id="previous-meeting-goals")
        yield self.notes_form("step.evaluation_notes")

    def _previous_goals(self) -> str:
        """The goals the previous meeting wrote as its own items (before the plan, or beside it)."""
        previous = self.previous_meeting_id()
        if previous is None:
            return ""
        goals = welfare_app(self).query_db(repo.list_items, kind="goal", parent_id=previous) or []
        if not goals:
            return ""
        lines = [t("step.previous_goals")]
        lines += [escape(f"・{label('goal_term', g['term'])}: {g['text']}") for g in goals]
        return "\n".join(lines)
