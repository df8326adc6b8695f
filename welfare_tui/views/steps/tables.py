"""Steps built around a table of rows: attendance, case summary, information sharing, assessment,
policy and goals, role assignment, monitoring."""

from __future__ import annotations

from textual.app import ComposeResult

from welfare_tui import domain
from welfare_tui.views.fields import Field
from welfare_tui.views.steps.base import StepView
from welfare_tui.views.widgets.item_table import ItemTable


class AttendanceStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("attendee", self.meeting.id)


class CaseSummaryStep(StepView):
    FIELDS = (
        Field("summary", "ケース概要", "textarea"),
        Field("tags", "複合課題（読点区切り）", "tags", placeholder="8050、ひきこもり"),
        Field("referral_route", "相談経路", placeholder="本人・家族・民生委員・関係機関…"),
        Field("consent_status", "本人同意", "select", domain.CONSENT_STATUS, required=True),
        Field("consent_date", "同意日", "date"),
        Field("consent_scope", "同意の範囲"),
    )

    def compose(self) -> ComposeResult:
        yield self.case_form(self.FIELDS)
        yield ItemTable("member", self.case.id, title="世帯構成（ジェノグラム）")


class InfoSharingStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("shared_info", self.meeting.id, title="各機関からの情報", detail_field="content")


class AssessmentStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("assessment", self.meeting.id, detail_field="text")


class PolicyStep(StepView):
    def compose(self) -> ComposeResult:
        yield self.meeting_form([Field("policy", "総合的な支援の方針", "textarea")])
        yield ItemTable("goal", self.meeting.id, title="長期目標・短期目標", detail_field="text")


class RolesStep(StepView):
    FIELDS = (
        Field("lead_agency_id", "主担当機関", "agency"),
        Field("key_person", "キーパーソン"),
    )

    def compose(self) -> ComposeResult:
        yield ItemTable("role", self.meeting.id, title="役割分担")
        yield self.case_form(self.FIELDS)


class MonitoringStep(StepView):
    def compose(self) -> ComposeResult:
        yield ItemTable("monitoring", self.meeting.id, title="モニタリング・評価の時期")
