"""Steps built around a table of rows: attendance, case summary, information sharing, assessment,
policy and goals, role assignment, monitoring."""

from __future__ import annotations

from textual.app import ComposeResult

from welfare_tui.views.fields import Field
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.widgets.item_table import ItemTable


class AttendanceStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("attendee", self.meeting.id)


class CaseSummaryStep(StepView):
    FIELDS = (
        Field("summary", "field.summary", "textarea"),
        Field("tags", "field.tags", "tags", placeholder="field.tags.hint"),
        Field("referral_route", "field.referral", placeholder="field.referral.hint"),
        Field("consent_status", "field.consent", "select", vocab="consent", required=True),
        Field("consent_date", "field.consent_date", "date"),
        Field("consent_scope", "field.consent_scope"),
    )

    def compose(self) -> ComposeResult:
        yield self.case_form(self.FIELDS)
        yield ItemTable("member", self.case.id, title="items.household_title")


class InfoSharingStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("shared_info", self.meeting.id, title="items.info_title", detail_field="content")


class AssessmentStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("assessment", self.meeting.id, detail_field="text")


class PolicyStep(StepView):
    def compose(self) -> ComposeResult:
        yield self.meeting_form([Field("policy", "field.policy", "textarea")])
        yield ItemTable("goal", self.meeting.id, title="items.goals_title", detail_field="text")


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
