"""Steps that look back at the case's previous meeting: review of actions and evaluation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from welfare_tui import domain
from welfare_tui.storage import repo
from welfare_tui.views.steps.base import StepView


class ReviewPreviousStep(StepView):
    """The previous meeting's role assignments and monitoring dates, to check one by one."""

    def compose(self) -> ComposeResult:
        yield Static(self._review(), id="previous")
        yield self.notes_form("確認の結果")

    def _review(self) -> str:
        previous = self.previous_meeting_id()
        if previous is None:
            return "前回の会議はない（このケースの初回）"
        names = self.app.agency_names  # type: ignore[attr-defined]
        roles = self.app.call_db(repo.list_items, kind="role", parent_id=previous) or []  # type: ignore[attr-defined]
        checks = self.app.call_db(repo.list_items, kind="monitoring", parent_id=previous) or []  # type: ignore[attr-defined]
        lines = ["[b]前回の役割分担[/b]"]
        lines += [f"・{r['task']}（{names.get(r.get('agency_id') or '', '')} {r.get('person') or ''}）"
                  f" 期限 {r.get('due_date') or '—'} {domain.ROLE_STATUS.get(r.get('status') or '', '')}"
                  for r in roles] or ["・なし"]
        lines.append("[b]前回のモニタリング予定[/b]")
        lines += [f"・{m.get('date') or '—'} {m['what']}" for m in checks] or ["・なし"]
        return "\n".join(lines)


class EvaluationStep(StepView):
    """Per-goal achievement and the decision: continue, revise, close or suspend."""

    def compose(self) -> ComposeResult:
        yield Static(self._goals(), id="previous-goals")
        yield self.notes_form("目標ごとの達成状況と判断（継続・プラン見直し・終結・中断）")

    def _goals(self) -> str:
        previous = self.previous_meeting_id()
        if previous is None:
            return "前回の会議はない（評価する目標がない）"
        goals = self.app.call_db(repo.list_items, kind="goal", parent_id=previous) or []  # type: ignore[attr-defined]
        lines = ["[b]前回の目標[/b]"]
        lines += [f"・{domain.GOAL_TERM.get(g['term'], '')}: {g['text']}" for g in goals] or ["・なし"]
        lines.append("判断: " + " / ".join(domain.EVALUATION_DECISION.values()))
        return "\n".join(lines)
