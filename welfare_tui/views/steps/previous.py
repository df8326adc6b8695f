"""The step that looks back at the case's previous meeting: review of its actions (the evaluation
step, which looks back at the plan's goals, is views/steps/goals.py)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Label, Static

from welfare_tui.i18n import label, t
from welfare_tui.storage import repo
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.item_specs import ITEM_FIELDS
from welfare_tui.views.row_saving import RowSaver
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.typed_app import welfare_app

# The outcomes a facilitator records for last meeting's promises, in key order 1-4.
OUTCOMES = ("done", "continue", "revise", "dropped")


class ReviewPreviousStep(StepView):
    """Every role assignment and monitoring date of the previous meeting, each marked done, continue,
    revise or drop; the mark is the item's status, so the minutes and the follow-up lists show it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "outcome('done')", "review.done", id="review.done"),
        Binding("2", "outcome('continue')", "review.continue", id="review.continue"),
        Binding("3", "outcome('revise')", "review.revise", id="review.revise"),
        Binding("4", "outcome('dropped')", "review.dropped", id="review.dropped"),
        Binding("space", "cycle", "review.cycle", id="review.cycle", show=False),
    ]

    def __init__(self, meeting: Any, case: Any, step: dict[str, Any]) -> None:
        super().__init__(meeting, case, step)
        localise_bindings(self)
        self.items: list[tuple[str, dict[str, Any]]] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="review-contacts", markup=False)
        yield Label(t("review.title"), classes="item-table-title")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="review-table")
        for key, width in (("kind", 8), ("what", 24), ("who", 12), ("due", 10), ("outcome", 8)):
            table.add_column(t(f"review.col.{key}"), width=width, key=key)
        yield table
        yield Static("", id="review-empty")
        yield self.notes_form("step.review_result")

    def on_mount(self) -> None:
        previous = self.previous_meeting_id()
        if previous is not None:
            roles = welfare_app(self).query_db(repo.list_items, kind="role", parent_id=previous) or []
            checks = welfare_app(self).query_db(repo.list_items, kind="monitoring", parent_id=previous) or []
            self.items = [("role", row) for row in roles] + [("monitoring", row) for row in checks]
        self.query_one("#review-contacts", Static).update(self._contacts_since(previous))
        self.query_one("#review-contacts").display = previous is not None
        self.query_one("#review-empty", Static).update(
            t("step.no_previous") if previous is None else ("" if self.items else t("review.nothing_open"))
        )
        self._fill()

    def _contacts_since(self, previous: int | None) -> str:
        """「前回から：訪問5回（面会2回）・手紙2通」: the case's contact log after the previous meeting's
        day up to this meeting's (contact_summary.py, as the minutes' review section says it)."""
        from datetime import timedelta

        from welfare_tui.contact_summary import ContactTally, summary_line

        app = welfare_app(self)
        before = app.query_db(repo.get_meeting, meeting_id=previous) if previous is not None else None
        if before is None:
            return ""
        since = before.date + timedelta(days=1)  # the previous meeting's own day was reported there
        found = app.query_db(repo.contacts_since, case_id=self.case.id, since=since, until=self.meeting.date)
        return summary_line(ContactTally.of_summary(found or {}))

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        names = welfare_app(self).agency_names
        for kind, row in self.items:
            if kind == "role":
                who = " ".join(
                    filter(None, [names.get(row.get("agency_id") or "", ""), row.get("person") or ""])
                )
                cells = (t("review.kind.role"), row["task"], who, row.get("due_date") or "")
            else:
                cells = (t("review.kind.monitoring"), row["what"], "", row.get("date") or "")
            outcome = row.get("status") or "open"
            table.add_row(*cells, f"{OUTCOME_MARK.get(outcome, ' ')} {label('role_status', outcome)}")
        if self.items:
            table.move_cursor(row=min(max(keep, 0), len(self.items) - 1))

    def action_outcome(self, outcome: str) -> None:
        table = self.query_one(DataTable)
        if not self.items or not 0 <= table.cursor_row < len(self.items):
            return
        index = table.cursor_row
        kind, row = self.items[index]

        def show(saved: dict[str, Any]) -> None:
            self.items[index] = (kind, saved)
            self._fill()

        # The version read with the row guards it: another facilitator's different mark asks first.
        saved = RowSaver(welfare_app(self), kind, row, ITEM_FIELDS[kind]).save({"status": outcome}, show)
        if saved is not None:
            show(saved)

    def action_cycle(self) -> None:
        table = self.query_one(DataTable)
        if self.items and 0 <= table.cursor_row < len(self.items):
            current = self.items[table.cursor_row][1].get("status") or "open"
            order = ("open", *OUTCOMES)
            self.action_outcome(
                order[(order.index(current) + 1) % len(order)] if current in order else "done"
            )

    @on(DataTable.RowSelected, "#review-table")
    def _selected(self) -> None:
        self.action_cycle()


# Shown before the word so the outcome never rests on colour or language alone.
OUTCOME_MARK = {"open": "○", "done": "✓", "continue": "→", "revise": "✎", "dropped": "×"}
