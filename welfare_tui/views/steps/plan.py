"""The support plan across meetings in the meeting screen (domain.md §13.3).

The goals step (PolicyStep, views/steps/goals.py) shows the current (approved)
plan and edits a new version as a draft: 意向, 方向性, the links to 参加支援 and アウトリーチ, and the
goals (long/short) with owner agency, term and review date. Only a 重層的支援会議 approves it — the
rule module (`case_lifecycle.plan_approval_refusal`) says why anywhere else. The evaluation step lists
every goal of the current plan to mark 達成 / 一部達成 / 未達成 / 中止 with a note, per meeting.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from welfare_tui.i18n import label, t
from welfare_tui.storage import repo
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.fields import Field
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.typed_app import welfare_app

PLAN_FIELDS = (
    Field("intention", "field.plan.intention", "textarea"),
    Field("direction", "field.plan.direction", "textarea"),
    Field("participation", "field.plan.participation", "bool"),
    Field("outreach", "field.plan.outreach", "bool"),
    Field("links_note", "field.plan.links_note"),
)
GOAL_FIELDS = (
    Field("term", "field.goal_term", "select", vocab="goal_term", required=True),
    Field("text", "field.goal_text", "textarea", required=True),
    Field("agency_id", "field.plan_goal.agency", "agency"),
    Field("period", "field.plan_goal.period"),
    Field("review_date", "field.plan_goal.review_date", "date"),
)
RESULTS = ("achieved", "partial", "not_achieved", "cancelled")


def plan_summary(plan: dict[str, Any] | None, names: dict[str, str]) -> str:
    """The current plan as lines of text (the goals step shows it above the draft)."""
    if plan is None:
        return t("plan_tui.none")
    lines = [
        t("plan_tui.current")
        + "　"
        + t(
            "plan_tui.header",
            number=plan["number"],
            status=label("plan_status", plan["status"]),
            date=plan["approved_date"] or "—",
        ),
        t("plan_tui.intention", text=plan["intention"] or "—"),
        t("plan_tui.direction", text=plan["direction"] or "—"),
    ]
    links = [t(f"field.plan.{name}") for name in ("participation", "outreach") if plan[name]]
    if links or plan["links_note"]:
        lines.append(t("plan_tui.links", links="・".join(filter(None, [*links, plan["links_note"]]))))
    lines += [goal_line(goal, names) for goal in plan["goals"]]
    return "\n".join(lines)


def goal_line(goal: dict[str, Any], names: dict[str, str]) -> str:
    return t(
        "plan_tui.goal_line",
        term=label("goal_term", goal["term"]),
        text=goal["text"],
        agency=names.get(goal["agency_id"] or "", "—"),
        period=goal["period"] or "—",
        review=goal["review_date"] or "—",
    )


class PlanGoalTable(DataTable[Text]):
    """The goals of a draft: a adds, e or Enter edits, d deletes (each through a dialog)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,insert", "add_goal", "plan_tui.goal_add", id="plan_tui.goal_add"),
        Binding("e", "edit_goal", "plan_tui.goal_edit", id="plan_tui.goal_edit"),
        Binding("d,delete", "delete_goal", "plan_tui.goal_delete", id="plan_tui.goal_delete"),
    ]
    COLUMNS = (("term", 8), ("text", 24), ("agency", 10), ("review", 10))

    def __init__(self, plan: dict[str, Any]) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id="plan-goals")
        localise_bindings(self)
        self.plan = plan
        self.goals: list[dict[str, Any]] = list(plan["goals"])

    def on_mount(self) -> None:
        for key, width in self.COLUMNS:
            self.add_column(Text(t(f"plan_tui.col.{key}")), width=width, key=key)
        self.fill()

    def fill(self) -> None:
        row = self.cursor_row
        self.clear()
        names = welfare_app(self).agency_names
        for goal in self.goals:
            cells = (
                label("goal_term", goal["term"]),
                goal["text"].replace("\n", " "),
                names.get(goal["agency_id"] or "", ""),
                goal["review_date"] or "",
            )
            self.add_row(*map(Text, cells))
        if self.goals:
            self.move_cursor(row=min(max(row, 0), len(self.goals) - 1))

    def reread(self) -> None:
        plan = welfare_app(self).query_db(repo.get_plan, plan_id=self.plan["id"])
        if plan is not None:
            self.plan = plan
            self.goals = list(plan["goals"])
        self.fill()

    def current(self) -> dict[str, Any] | None:
        return self.goals[self.cursor_row] if self.goals and 0 <= self.cursor_row < len(self.goals) else None

    def action_add_goal(self) -> None:
        app = welfare_app(self)

        def save(values: dict[str, Any]) -> bool:
            if app.call_db(repo.add_plan_goal, plan_id=self.plan["id"], values=values) is None:
                return False
            self.reread()
            self.move_cursor(row=len(self.goals) - 1)
            return True

        app.push_screen(ItemForm(t("plan_tui.goal_form"), GOAL_FIELDS, {"term": "short"}, save=save))

    def action_edit_goal(self) -> None:
        goal = self.current()
        if goal is None:
            return
        app = welfare_app(self)

        def save(values: dict[str, Any]) -> bool:
            saved = app.call_db(
                repo.update_plan_goal, goal_id=goal["id"], values=values, expected_version=goal["version"]
            )
            if saved is None:
                return False
            self.reread()
            return True

        app.push_screen(ItemForm(t("plan_tui.goal_form"), GOAL_FIELDS, goal, save=save))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_goal()

    def action_delete_goal(self) -> None:
        from welfare_tui.views.modals.confirm import ConfirmDialog

        goal = self.current()
        if goal is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and welfare_app(self).try_db(repo.delete_plan_goal, goal_id=goal["id"]):
                self.reread()

        question = t("plan_tui.goal_delete_question", text=goal["text"])
        self.app.push_screen(ConfirmDialog(question), answered)


class GoalEvaluationTable(DataTable[Text]):
    """Every goal of the case's current plan with this meeting's evaluation: 1-4 mark the result,
    Enter asks the result and a note. Saved per goal and meeting (repo.evaluate_goal)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                f"{number}", f"mark('{result}')", f"plan_tui.result.{result}", id=f"plan_tui.result.{result}"
            )
            for number, result in enumerate(RESULTS, start=1)
        ),
        Binding("e", "evaluate", "plan_tui.evaluate", id="plan_tui.evaluate"),
    ]
    COLUMNS = (("term", 8), ("text", 20), ("result", 8), ("note", 14))

    def __init__(self, goals: list[dict[str, Any]], meeting_id: int) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id="goal-evaluations")
        localise_bindings(self)
        self.goals = goals
        self.meeting_id = meeting_id

    def on_mount(self) -> None:
        for key, width in self.COLUMNS:
            self.add_column(Text(t(f"plan_tui.col.{key}")), width=width, key=key)
        self.fill()

    def evaluation(self, goal: dict[str, Any]) -> dict[str, Any] | None:
        return next((e for e in goal["evaluations"] if e["meeting_id"] == self.meeting_id), None)

    def fill(self) -> None:
        row = self.cursor_row
        self.clear()
        for goal in self.goals:
            done = self.evaluation(goal)
            cells = (
                label("goal_term", goal["term"]),
                goal["text"].replace("\n", " "),
                label("goal_result", done["result"]) if done else "",
                (done["note"] if done else "").replace("\n", " "),
            )
            self.add_row(*map(Text, cells))
        if self.goals:
            self.move_cursor(row=min(max(row, 0), len(self.goals) - 1))

    def current(self) -> dict[str, Any] | None:
        return self.goals[self.cursor_row] if self.goals and 0 <= self.cursor_row < len(self.goals) else None

    def save(self, goal: dict[str, Any], result: str, note: str) -> bool:
        saved = welfare_app(self).call_db(
            repo.evaluate_goal, goal_id=goal["id"], meeting_id=self.meeting_id, result=result, note=note
        )
        if saved is None:
            return False
        others = [e for e in goal["evaluations"] if e["meeting_id"] != self.meeting_id]
        goal["evaluations"] = [*others, saved]
        self.fill()
        return True

    def action_mark(self, result: str) -> None:
        goal = self.current()
        if goal is not None:
            done = self.evaluation(goal)
            self.save(goal, result, done["note"] if done else "")

    def action_evaluate(self) -> None:
        goal = self.current()
        if goal is None:
            return
        fields = (
            Field("result", "field.goal_evaluation.result", "select", vocab="goal_result", required=True),
            Field("note", "field.goal_evaluation.note", "textarea"),
        )
        done = self.evaluation(goal) or {}
        title = t("plan_tui.evaluate_title", text=goal["text"])
        self.app.push_screen(
            ItemForm(
                title,
                fields,
                done,
                save=lambda values: self.save(goal, values["result"], values["note"] or ""),
            )
        )

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_evaluate()
