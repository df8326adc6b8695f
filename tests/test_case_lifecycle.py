"""The case's life as rules on plain values (welfare_tui/case_lifecycle.py): stages, decisions by
meeting type, closure reasons, consent withdrawal, reopening, plan approval."""

from __future__ import annotations

import pytest

from welfare_tui import case_lifecycle as rules
from welfare_tui import domain
from welfare_tui.config import load_settings


def refusal(meeting_type, decision, stage="support", *, has_consent=True, **more):
    return rules.decision_refusal(
        meeting_type=meeting_type, decision=decision, stage=stage, has_consent=has_consent, **more
    )


def test_every_stage_and_decision_has_a_label_in_both_languages(english):
    assert rules.STAGES == tuple(domain.CASE_STATUS)
    assert "handed_over" in rules.STAGES and "decided" in rules.STAGES
    assert rules.stage_label("handed_over") == "Handed over"
    assert rules.decision_label("approve") == "Decide on support"


def test_stage_labels_in_japanese():
    assert [rules.stage_label(s) for s in rules.STAGES] == [
        "受付",
        "支援会議段階",
        "アセスメント・プラン案",
        "支援決定",
        "支援実施・モニタリング",
        "引継ぎ",
        "終結",
        "中断",
    ]


@pytest.mark.parametrize("decision", ["approve", "close", "hand_over", "plan_review"])
@pytest.mark.parametrize(
    "meeting_type", ["shien_kaigi", "konkyu_shien_kaigi", "seiho_chosei", "no_such_type"]
)
def test_only_a_plenary_meeting_decides_support_its_end_and_the_plan(meeting_type, decision):
    message = refusal(meeting_type, decision, closure_reason="goal_achieved", to_agency="houkatsu")
    assert message is not None and "重層的支援会議でのみ" in message
    assert refusal("juso_shien_kaigi", decision, closure_reason="goal_achieved", to_agency="houkatsu") is None


@pytest.mark.parametrize("meeting_type", ["shien_kaigi", "yotaikyo_kobetsu", "no_such_type"])
def test_any_meeting_may_record_continuation_and_suspension(meeting_type):
    assert rules.decisions_for(meeting_type) == ("continue", "suspend")
    assert refusal(meeting_type, "continue") is None
    assert refusal(meeting_type, "suspend") is None
    assert rules.decisions_for("juso_shien_kaigi") == rules.DECISIONS


def test_an_imported_decision_is_checked_against_its_meeting_type():
    assert rules.type_refusal("juso_shien_kaigi", "close") is None
    assert "重層的支援会議でのみ" in (rules.type_refusal("shien_kaigi", "close") or "")
    assert rules.type_refusal("seiho_chosei", "suspend") is None
    assert "決定 end はありません" in (rules.type_refusal("juso_shien_kaigi", "end") or "")


def test_plan_approval_only_at_a_plenary_meeting():
    assert rules.may_approve_plan("juso_shien_kaigi")
    assert not rules.may_approve_plan("shien_kaigi") and not rules.may_approve_plan("konkyu_shien_kaigi")
    assert rules.plan_approval_refusal("juso_shien_kaigi") is None
    assert "支援会議" in (rules.plan_approval_refusal("shien_kaigi") or "")


def test_decisions_need_what_they_need():
    assert "同意" in (refusal("juso_shien_kaigi", "approve", "shien_kaigi", has_consent=False) or "")
    assert "理由" in (refusal("juso_shien_kaigi", "close") or "")
    assert "設定にありません" in (refusal("juso_shien_kaigi", "close", closure_reason="bored") or "")
    assert "引継ぎ先" in (refusal("juso_shien_kaigi", "hand_over") or "")
    assert "引継ぎ先" in (refusal("juso_shien_kaigi", "close", closure_reason="handover") or "")
    assert "再開" in (refusal("juso_shien_kaigi", "continue", "closed") or "")
    assert "決定 finish はありません" in (refusal("juso_shien_kaigi", "finish") or "")


def test_what_each_decision_does_to_the_stage():
    assert rules.decision_outcome("continue", "decided").to_stage == "support"
    assert rules.decision_outcome("continue", "shien_kaigi").to_stage == "shien_kaigi"
    assert rules.decision_outcome("continue", "intake").to_stage == "shien_kaigi"
    assert rules.decision_outcome("continue", "support").to_stage == "support"
    assert rules.decision_outcome("approve", "planning").to_stage == "decided"
    assert rules.decision_outcome("plan_review", "support").to_stage == "support"
    assert rules.decision_outcome("suspend", "support").to_stage == "suspended"
    assert rules.decision_outcome("close", "support", "moved") == rules.Outcome("closed", "moved")
    # 終結 (a) — 多機関協働 steps back, support goes on — is never counted as support ended (b).
    assert rules.decision_outcome("close", "support", "handover") == rules.Outcome("handed_over", "handover")
    assert rules.decision_outcome("hand_over", "support") == rules.Outcome("handed_over", "handover")


def test_changes_by_hand_stay_within_the_graph():
    assert rules.transition_refusal("intake", "shien_kaigi", has_consent=False) is None
    assert rules.transition_refusal("decided", "support", has_consent=True) is None
    assert "同意" in (rules.transition_refusal("shien_kaigi", "planning", has_consent=False) or "")
    for decided_only in ("decided", "handed_over", "closed"):
        assert "決定でのみ" in (rules.transition_refusal("support", decided_only, has_consent=True) or "")
    assert "移れません" in (rules.transition_refusal("shien_kaigi", "support", has_consent=True) or "")
    assert "再開" in (rules.transition_refusal("closed", "support", has_consent=True) or "")
    assert "すでに" in (rules.transition_refusal("support", "support", has_consent=True) or "")
    assert "段階 done はありません" in (rules.transition_refusal("support", "done", has_consent=True) or "")


def test_consent_withdrawal_returns_consent_based_stages_to_the_support_meeting_stage():
    for stage in ("planning", "decided", "support", "handed_over"):
        assert rules.after_withdrawal(stage) == "shien_kaigi"
    for stage in ("intake", "shien_kaigi", "closed", "suspended"):
        assert rules.after_withdrawal(stage) == stage


def test_reopening_resumes_where_the_case_stopped():
    assert rules.reopen_refusal("support") is not None
    assert rules.reopen_refusal("closed") is None and rules.reopen_refusal("suspended") is None
    assert rules.reopen_stage("support", has_consent=True) == "support"
    assert rules.reopen_stage("support", has_consent=False) == "shien_kaigi"
    assert rules.reopen_stage("", has_consent=True) == "shien_kaigi"
    assert rules.reopen_stage("support", has_consent=True, wanted="planning") == "planning"
    assert rules.reopen_stage("support", has_consent=True, wanted="closed") == "shien_kaigi"


def test_closure_reasons_default_and_configured():
    assert list(rules.closure_reasons()) == list(domain.CLOSURE_REASON)
    assert rules.closure_reasons()["handover"] == "主担当機関へ引継ぎ"
    configured = rules.closure_reasons("目標達成, 施設入所,died")
    assert configured == {"goal_achieved": "目標達成", "施設入所": "施設入所", "died": "死亡"}
    assert rules.closure_reasons(["転出", "転出"]) == {"moved": "転出"}
    assert refusal("juso_shien_kaigi", "close", closure_reason="施設入所", reasons=list(configured)) is None


def test_closure_reasons_come_from_config_toml(tmp_path, monkeypatch):
    monkeypatch.delenv("WELFARE_TUI_CLOSURE_REASONS", raising=False)
    config = tmp_path / "config.toml"
    config.write_text('closure_reasons = ["目標達成", "施設入所"]\n', encoding="utf-8")
    settings = load_settings(config)
    assert rules.closure_reasons(settings.closure_reasons) == {
        "goal_achieved": "目標達成",
        "施設入所": "施設入所",
    }
    assert (
        rules.closure_reasons(load_settings(tmp_path / "none.toml").closure_reasons)
        == rules.closure_reasons()
    )


def test_the_minutes_state_the_decision_in_one_line():
    line = rules.decision_line("close", closure_reason="handover", to_agency_name="地域包括支援センター")
    assert line == "決定：終結（理由：主担当機関へ引継ぎ — 地域包括支援センター）"
    assert rules.decision_line("continue") == "決定：継続"
    assert rules.decision_line("suspend", reason="連絡途絶") == "決定：中断（理由：連絡途絶）"


def test_roles_are_closed_as_done_or_dropped():
    assert rules.role_outcome_refusal("done") is None and rules.role_outcome_refusal("dropped") is None
    assert rules.role_outcome_refusal("open") is not None
