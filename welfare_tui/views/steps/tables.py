"""Steps built around a table of rows: attendance, case summary, information sharing, assessment,
role assignment, monitoring (policy and goals, with the support plan: views/steps/goals.py)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Static

from welfare_tui.i18n import t
from welfare_tui.storage import repo
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.fields import Field
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.widgets.autosave_form import AutosaveForm
from welfare_tui.views.widgets.item_table import ItemTable


class AttendanceStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("attendee", self.meeting.id)


class CaseSummaryStep(StepView):
    """The case as the meeting sees it, with the person's consent: its form, who obtained it and,
    when the person takes it back, the withdrawal (domain.md §1.2: a 重層的支援会議 needs consent)."""

    FIELDS = (
        Field("summary", "field.summary", "textarea"),
        Field("tags", "field.tags", "tags", placeholder="field.tags.hint"),
        Field("referral_route", "field.referral", placeholder="field.referral.hint"),
        Field("address", "field.address", placeholder="field.address.hint"),
        Field("phone", "field.phone", placeholder="field.phone.hint"),
        Field("consent_status", "field.consent", "select", vocab="consent", required=True),
        Field("consent_date", "field.consent_date", "date"),
        Field("consent_scope", "field.consent_scope"),
        Field(
            "consent_agencies", "field.consent_agencies", "tags", placeholder="field.consent_agencies.hint"
        ),
        Field("consent_obtained_by", "trust_tui.obtained_by", placeholder="trust_tui.obtained_by_hint"),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6", "withdraw_consent", "trust_tui.withdraw", id="trust_tui.withdraw")
    ]

    def __init__(self, meeting: Any, case: Any, step: dict[str, Any]) -> None:
        super().__init__(meeting, case, step)
        localise_bindings(self)

    def compose(self) -> ComposeResult:
        yield self.case_form(self.FIELDS)
        yield Static(self._withdrawal_text(), id="consent-withdrawal", markup=False)
        yield Button(t("trust_tui.withdraw_button"), id="withdraw-consent")
        yield ItemTable("member", self.case.id, title="items.household_title")

    def _withdrawal_text(self) -> str:
        day = getattr(self.case, "consent_withdrawn_date", None)
        if not day:
            return ""
        return t(
            "trust_tui.withdrawn_on",
            date=day.isoformat() if hasattr(day, "isoformat") else day,
            note=getattr(self.case, "consent_withdrawal_note", "") or "",
        )

    @on(Button.Pressed, "#withdraw-consent")
    def _withdraw_pressed(self) -> None:
        self.action_withdraw_consent()

    def action_withdraw_consent(self) -> None:
        """Ask the date and how it happened, then record the withdrawal (storage/repo.withdraw_consent)."""
        from welfare_tui.views.modals.item_form import ItemForm

        form = self.query_one(AutosaveForm)
        if not form.flush():
            self.app.notify(t("trust_tui.save_first"), severity="warning")
            return
        if form.saved.get("consent_status") == "none":
            self.app.notify(t("trust_tui.no_consent_to_withdraw"), severity="warning")
            return
        app: Any = self.app

        def save(values: dict[str, Any]) -> bool:
            case = app.call_db(
                repo.withdraw_consent, case_id=self.case.id, date=values["date"], note=values["note"] or ""
            )
            if case is None:
                return False
            self.case = case
            form.adopt(case, ("consent_status",))
            self.query_one("#consent-withdrawal", Static).update(self._withdrawal_text())
            app.notify(t("trust_tui.withdrawn", date=values["date"]))
            return True

        fields = (
            Field("date", "trust_tui.withdraw_date", "date", required=True),
            Field("note", "trust_tui.withdraw_note", "textarea"),
        )
        today = app.now().date().isoformat()
        app.push_screen(ItemForm(t("trust_tui.withdraw_title"), fields, {"date": today}, save=save))


class InfoSharingStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("shared_info", self.meeting.id, title="items.info_title", detail_field="content")


class AssessmentStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("assessment", self.meeting.id, detail_field="text")


class RolesStep(StepView):
    FIELDS = (
        Field("lead_agency_id", "field.lead_agency", "agency"),
        Field("key_person", "field.key_person_text"),
    )

    def compose(self) -> ComposeResult:
        yield ItemTable("role", self.meeting.id, title="items.roles_title")
        yield self.case_form(self.FIELDS)


class MonitoringStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("monitoring", self.meeting.id, title="items.monitoring_title")
