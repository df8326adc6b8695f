"""Steps that look back at the case's previous meeting: review of actions and evaluation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from welfare_tui.i18n import label, t, vocabulary
from welfare_tui.storage import repo
from welfare_tui.views.steps.base import StepView


class ReviewPreviousStep(StepView):
    """The previous meeting's role assignments and monitoring dates, to check one by one."""

    def compose(self) -> ComposeResult:
        yield Static(self._review(), id="previous")
        yield self.notes_form("step.review_result")

    def _review(self) -> str:
        previous = self.previous_meeting_id()
        if previous is None:
            return t("step.no_previous")
        names = self.app.agency_names  # type: ignore[attr-defined]
        roles = self.app.call_db(repo.list_items, kind="role", parent_id=previous) or []  # type: ignore[attr-defined]
        checks = self.app.call_db(repo.list_items, kind="monitoring", parent_id=previous) or []  # type: ignore[attr-defined]
        lines = [t("step.previous_roles")]
        lines += [f"・{r['task']}（{names.get(r.get('agency_id') or '', '')} {r.get('person') or ''}）"
                  f" {t('step.due')} {r.get('due_date') or '—'} {label('role_status', r.get('status'))}"
                  for r in roles] or [t("step.none")]
        lines.append(t("step.previous_monitoring"))
        lines += [f"・{m.get('date') or '—'} {m['what']}" for m in checks] or [t("step.none")]
        return "\n".join(lines)


class EvaluationStep(StepView):
    """Per-goal achievement and the decision: continue, revise, close or suspend."""

    def compose(self) -> ComposeResult:
        yield Static(self._goals(), id="previous-goals")
        yield self.notes_form("step.evaluation_notes")

    def _goals(self) -> str:
        previous = self.previous_meeting_id()
        if previous is None:
            return t("step.no_previous_goals")
        goals = self.app.call_db(repo.list_items, kind="goal", parent_id=previous) or []  # type: ignore[attr-defined]
        lines = [t("step.previous_goals")]
        lines += [f"・{label('goal_term', g['term'])}: {g['text']}" for g in goals] or [t("step.none")]
        lines.append(t("step.decision", options=" / ".join(vocabulary("evaluation").values())))
        return "\n".join(lines)
