"""The case decision a meeting records (継続 / プラン見直し / 支援決定 / 引継ぎ / 終結 / 中断), offered by
the evaluation and closing steps (F7).

The rule module (`case_lifecycle.py`) decides what this meeting type may record: a decision it
refuses is shown with the rule's one-line reason and nothing is written. 終結 asks the closure reason
(the configured list) and what becomes of each open role (完了 / 取りやめ); 引継ぎ asks the agency.
The storage call (`repo.record_decision`) checks the same rule again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from welfare_tui import case_lifecycle as rules
from welfare_tui.i18n import label, t
from welfare_tui.storage import repo
from welfare_tui.views import STYLES
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.fields import Field
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.typed_app import welfare_app

ROLE_OUTCOMES = ("done", "dropped")
# Placeholders for the early check: the closure reason and the agency are asked after the choice.
_ASKED_LATER = {"closure_reason": rules.HANDOVER_REASON, "to_agency": "?"}


def early_refusal(meeting: Any, case: Any, decision: str) -> str | None:
    """Why this meeting may not record `decision` for the case at its stage (its type, the case ended,
    consent), before asking the details the decision needs."""
    return rules.decision_refusal(
        meeting_type=meeting.type,
        decision=decision,
        stage=case.status,
        has_consent=case.consent_status != "none",
        **_ASKED_LATER,
    )


def decision_text(app: Any, meeting_id: int) -> str:
    """The decision this meeting recorded last, as the minutes state it, or that there is none."""
    events = app.query_db(repo.meeting_decisions, meeting_id=meeting_id) or []
    if not events:
        return t("decision_tui.none")
    event = events[-1]
    agency = app.agency_names.get(event["to_agency_id"] or "", "")
    line = rules.decision_line(
        event["decision"],
        closure_reason=event["closure_reason"],
        to_agency_name=agency,
        reason=event["reason"],
    )
    return t("decision_tui.recorded", line=line)


class DecisionDialog(ModalScreen[str | None]):
    """The six decisions by number; the ones this meeting may not record are marked and, chosen,
    say why. Dismisses with the decision chosen (allowed by the rule), or None."""

    CSS_PATH = STYLES / "modals" / "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                f"{number}",
                f"choose('{decision}')",
                f"decision_tui.choice.{decision}",
                id=f"decision_tui.choice.{decision}",
                show=False,
            )
            for number, decision in enumerate(rules.DECISIONS, start=1)
        ),
        Binding("escape", "dismiss_none", "decision_tui.cancel", id="decision_tui.cancel"),
    ]

    def __init__(self, meeting: Any, case: Any) -> None:
        super().__init__()
        localise_bindings(self)
        self.meeting = meeting
        self.case = case

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Label(
                t("decision_tui.title", type=label("meeting_type", self.meeting.type)), id="form-title"
            )
            yield Label(t("decision_tui.stage", stage=rules.stage_label(self.case.status)))
            allowed = rules.decisions_for(self.meeting.type)
            for number, decision in enumerate(rules.DECISIONS, start=1):
                note = "" if decision in allowed else t("decision_tui.not_allowed")
                yield Label(f"{number}  {rules.decision_label(decision)}{note}", classes="decision-choice")
            yield Static("", id="form-error", markup=False)
            yield Label(t("decision_tui.choose"), classes="help-footer")

    def action_choose(self, decision: str) -> None:
        refusal = early_refusal(self.meeting, self.case, decision)
        if refusal:
            self.query_one("#form-error", Static).update(refusal)
            return
        self.dismiss(decision)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def ask_decision(step: Any, shown: Static) -> None:
    """Offer the decisions for `step`'s meeting; record the chosen one with what it needs, then show
    the meeting's decision in `shown` (a Static)."""
    app = welfare_app(step)
    case = app.query_db(repo.get_case, case_id=step.case.id)
    if case is None:
        return
    step.case = case

    def chosen(decision: str | None) -> None:
        if decision is not None:
            _ask_details(step, shown, decision)

    app.push_screen(DecisionDialog(step.meeting, case), chosen)


def _ask_details(step: Any, shown: Static, decision: str) -> None:
    app = welfare_app(step)
    reasons = rules.closure_reasons(app.settings.closure_reasons)
    roles = (app.query_db(repo.open_roles, case_id=step.case.id) or []) if decision == "close" else []
    fields = _detail_fields(decision, reasons, roles)

    def save(values: dict[str, Any]) -> bool:
        outcomes = {role["id"]: values.pop(f"role_{role['id']}") for role in roles}
        event = app.call_db(
            repo.record_decision,
            meeting_id=step.meeting.id,
            decision=decision,
            reason=values.get("reason") or "",
            closure_reason=values.get("closure_reason") or "",
            to_agency=values.get("to_agency"),
            roles=outcomes,
            closure_reasons=list(reasons),
        )
        if event is None:
            return False
        text = decision_text(app, step.meeting.id)
        shown.update(text)
        app.notify(text)
        return True

    defaults = {f"role_{role['id']}": "done" for role in roles}
    title = t("decision_tui.form_title", decision=rules.decision_label(decision))
    app.push_screen(ItemForm(title, fields, defaults, save=save))


def _detail_fields(decision: str, reasons: dict[str, str], roles: list[dict[str, Any]]) -> list[Field]:
    fields: list[Field] = []
    if decision == "close":
        fields.append(
            Field("closure_reason", "decision_tui.closure_reason", "select", options=reasons, required=True)
        )
    if decision in ("close", "hand_over"):
        # Closing for the reason 主担当機関へ引継ぎ is a hand-over too: the agency is asked for both.
        fields.append(
            Field("to_agency", "decision_tui.to_agency", "agency", required=decision == "hand_over")
        )
    fields.append(Field("reason", "decision_tui.reason", "textarea"))
    outcomes = {key: label("role_status", key) for key in ROLE_OUTCOMES}
    for role in roles:
        caption = t("decision_tui.role", task=role.get("task") or "")
        fields.append(
            Field(
                f"role_{role['id']}",
                "decision_tui.role",
                "select",
                options=outcomes,
                required=True,
                caption=caption,
            )
        )
    return fields


class DecidingStep(StepView):
    """A step that offers the case decision (the evaluation and closing steps): F7 or the button."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f7", "decide", "decision_tui.key", id="decision_tui.key")
    ]

    def __init__(self, meeting: Any, case: Any, step: dict[str, Any]) -> None:
        super().__init__(meeting, case, step)
        localise_bindings(self)

    def decision_widgets(self) -> list[Widget]:
        """The decision recorded at this meeting (#case-decision) and the button that records one."""
        text = decision_text(welfare_app(self), self.meeting.id)
        return [
            Static(text, id="case-decision", markup=False),
            Button(t("decision_tui.button"), id="record-decision"),
        ]

    @on(Button.Pressed, "#record-decision")
    def _decide_pressed(self) -> None:
        self.action_decide()

    def action_decide(self) -> None:
        if self.flush():
            ask_decision(self, self.query_one("#case-decision", Static))
