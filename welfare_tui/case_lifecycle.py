"""The case's life as rules on plain values (domain.md §9.1, §13.2): its stages, which changes of stage
are allowed, the decisions a meeting records and which meeting types may record which, the closure
reasons, what consent withdrawal and reopening do, and who may approve a support plan.

The one rule module of the lifecycle: the repository (`storage/lifecycle.py`, `storage/plans.py`),
the CLI, the TUI and import all ask it, so a rule holds whichever way a change comes in. Each
`*_refusal` function returns the one-line reason a change is refused, or None when it is allowed.

Stages are the keys of `domain.CASE_STATUS` (the case's `status` column is its current stage).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from welfare_tui import domain
from welfare_tui.i18n import label, t

STAGES: tuple[str, ...] = tuple(domain.CASE_STATUS)
DECISIONS: tuple[str, ...] = tuple(domain.CASE_DECISION)
EVENT_KINDS: tuple[str, ...] = tuple(domain.STAGE_EVENT)

# Stages a case leaves only by reopening.
ENDED = frozenset({"closed", "suspended"})
# Stages that rest on the person's consent: withdrawing it returns the case to 支援会議段階.
CONSENT_STAGES = frozenset({"planning", "decided", "support", "handed_over"})
AFTER_WITHDRAWAL = "shien_kaigi"

# Changes of stage recorded by hand, without a meeting's decision (support decided, handed over and
# closed are decisions of a 重層的支援会議, never made here).
MANUAL: dict[str, frozenset[str]] = {
    "intake": frozenset({"shien_kaigi", "planning", "suspended"}),
    "shien_kaigi": frozenset({"planning", "suspended"}),
    "planning": frozenset({"shien_kaigi", "suspended"}),
    "decided": frozenset({"support", "suspended"}),
    "support": frozenset({"planning", "suspended"}),
    "handed_over": frozenset({"support", "suspended"}),
    "closed": frozenset(),
    "suspended": frozenset(),
}

# Which decisions each meeting type may record (domain.md §13.2). Only a 重層的支援会議 decides on
# support, its end, hand-over and the plan; a type not named here (a 支援会議, a type added later or
# unknown) may record continuation (information sharing) and suspension only.
PLENARY = "juso_shien_kaigi"
DECISIONS_BY_TYPE: dict[str, tuple[str, ...]] = {PLENARY: DECISIONS}
SAFE_DECISIONS: tuple[str, ...] = ("continue", "suspend")

# The stage each decision leads to; `continue` keeps the stage, except that a case at 受付 has now
# been discussed (支援会議段階) and a decided case starts its support.
_CONTINUED = {"intake": "shien_kaigi", "decided": "support"}
_DECISION_STAGE = {
    "plan_review": "support",
    "approve": "decided",
    "hand_over": "handed_over",
    "close": "closed",
    "suspend": "suspended",
}
_NEEDS_CONSENT = frozenset({"plan_review", "approve", "hand_over"})
HANDOVER_REASON = "handover"


@dataclass(frozen=True)
class Outcome:
    """What a decision does to the case: its new stage and the closure reason it records."""

    to_stage: str
    closure_reason: str = ""


def stage_label(stage: str) -> str:
    return label("case_status", stage)


def decision_label(decision: str) -> str:
    return label("case_decision", decision)


def decisions_for(meeting_type: str) -> tuple[str, ...]:
    """The decisions a meeting of this type may record, in the order they are offered."""
    return DECISIONS_BY_TYPE.get(meeting_type, SAFE_DECISIONS)


def may_approve_plan(meeting_type: str) -> bool:
    """Only a 重層的支援会議 approves (or revises) a support plan."""
    return meeting_type == PLENARY


def plan_approval_refusal(meeting_type: str) -> str | None:
    if may_approve_plan(meeting_type):
        return None
    return t("lifecycle.plan_needs_plenary", type=label("meeting_type", meeting_type) or meeting_type)


def closure_reasons(configured: str | Iterable[str] = "") -> dict[str, str]:
    """Key → label (current language) of the closure reasons offered. `configured` is the setting
    (`closure_reasons`: entries separated by commas or new lines, or a list): each entry a default key
    or label, or a reason of the municipality's own (its text is its key). Empty: the default list."""
    entries = configured.replace("\n", ",").split(",") if isinstance(configured, str) else list(configured)
    wanted = [entry.strip() for entry in entries if entry.strip()]
    if not wanted:
        return {key: label("closure_reason", key) for key in domain.CLOSURE_REASON}
    by_label = {text: key for key, text in domain.CLOSURE_REASON.items()}
    keys = [by_label.get(entry, entry) for entry in wanted]
    return {key: closure_reason_label(key) for key in dict.fromkeys(keys)}


def closure_reason_label(key: str) -> str:
    """A default reason's label, or a municipality's own reason as written."""
    return label("closure_reason", key)


def type_refusal(meeting_type: str, decision: str) -> str | None:
    """Why a meeting of `meeting_type` may never record `decision` (whatever the case's state), or
    None: the part of the rule an imported stage history is checked against, event by event."""
    if decision not in DECISIONS:
        return t("lifecycle.unknown_decision", decision=decision, decisions=", ".join(DECISIONS))
    if decision not in decisions_for(meeting_type):
        return t(
            "lifecycle.decision_needs_plenary",
            decision=decision_label(decision),
            type=label("meeting_type", meeting_type) or meeting_type,
            allowed="、".join(decision_label(d) for d in decisions_for(meeting_type)),
        )
    return None


def decision_refusal(
    *,
    meeting_type: str,
    decision: str,
    stage: str,
    has_consent: bool,
    closure_reason: str = "",
    to_agency: str | None = None,
    reasons: Iterable[str] = tuple(domain.CLOSURE_REASON),
) -> str | None:
    """Why a meeting of `meeting_type` may not record `decision` for a case at `stage`, or None."""
    refusal = type_refusal(meeting_type, decision)
    if refusal:
        return refusal
    if stage in ENDED:
        return t("lifecycle.case_ended", stage=stage_label(stage))
    if decision in _NEEDS_CONSENT and not has_consent:
        return t("lifecycle.needs_consent", decision=decision_label(decision))
    if decision == "close":
        if not closure_reason:
            return t("lifecycle.closure_reason_missing")
        if closure_reason not in set(reasons) | {HANDOVER_REASON}:
            return t("lifecycle.unknown_closure_reason", reason=closure_reason)
    if decision_outcome(decision, stage, closure_reason).to_stage == "handed_over" and not to_agency:
        return t("lifecycle.handover_needs_agency")
    return None


def decision_outcome(decision: str, stage: str, closure_reason: str = "") -> Outcome:
    """The stage a decision leads to. Closing with the reason 主担当機関へ引継ぎ is a hand-over: support
    goes on with the lead agency, so it is never counted as support ended (domain.md §13.2)."""
    if decision == "continue":
        return Outcome(_CONTINUED.get(stage, stage))
    if decision == "hand_over" or (decision == "close" and closure_reason == HANDOVER_REASON):
        return Outcome("handed_over", HANDOVER_REASON)
    return Outcome(_DECISION_STAGE[decision], closure_reason if decision == "close" else "")


def transition_refusal(from_stage: str, to_stage: str, *, has_consent: bool) -> str | None:
    """Why a stage may not be changed by hand from `from_stage` to `to_stage`, or None."""
    if to_stage not in STAGES:
        return t("lifecycle.unknown_stage", stage=to_stage, stages=", ".join(STAGES))
    if to_stage == from_stage:
        return t("lifecycle.same_stage", stage=stage_label(to_stage))
    if from_stage in ENDED:
        return t("lifecycle.case_ended", stage=stage_label(from_stage))
    if to_stage not in MANUAL.get(from_stage, frozenset()):
        if to_stage in ("decided", "handed_over", "closed"):
            return t("lifecycle.stage_needs_decision", stage=stage_label(to_stage))
        return t("lifecycle.no_such_transition", before=stage_label(from_stage), after=stage_label(to_stage))
    if to_stage in CONSENT_STAGES and not has_consent:
        return t("lifecycle.stage_needs_consent", stage=stage_label(to_stage))
    return None


def after_consent(stage: str) -> str:
    """The stage obtaining consent leads to: アセスメント・プラン案 from 受付 or 支援会議段階 (domain.md §9.1)."""
    return "planning" if stage in ("intake", "shien_kaigi") else stage


def after_withdrawal(stage: str) -> str:
    """The stage consent withdrawal leaves a case at: 支援会議段階 from any consent-based stage."""
    return AFTER_WITHDRAWAL if stage in CONSENT_STAGES else stage


def reopen_refusal(stage: str) -> str | None:
    if stage in ENDED:
        return None
    return t("lifecycle.not_ended", stage=stage_label(stage))


def reopen_stage(stage_before_end: str, *, has_consent: bool, wanted: str | None = None) -> str:
    """Where a reopened case resumes: the stage it was suspended or closed from (or `wanted`, an open
    stage); a consent-based stage only with consent, otherwise 支援会議段階."""
    target = wanted or stage_before_end
    if target not in STAGES or target in ENDED or target == "intake":
        return AFTER_WITHDRAWAL
    if target in CONSENT_STAGES and not has_consent:
        return AFTER_WITHDRAWAL
    return target


def role_outcome_refusal(outcome: str) -> str | None:
    """A role left open at closure is marked 完了 (done) or 取りやめ (dropped)."""
    if outcome in ("done", "dropped"):
        return None
    return t("lifecycle.role_outcome", outcome=outcome)


def decision_line(
    decision: str, *, closure_reason: str = "", to_agency_name: str = "", reason: str = ""
) -> str:
    """The one line the minutes state: 「決定：終結（理由：主担当機関へ引継ぎ — 地域包括支援センター）」."""
    detail = closure_reason_label(closure_reason) if closure_reason else reason
    if closure_reason and to_agency_name:
        detail = f"{detail} — {to_agency_name}"
    elif to_agency_name:
        detail = f"{detail} — {to_agency_name}" if detail else to_agency_name
    if not detail:
        return t("lifecycle.decision_line", decision=decision_label(decision))
    return t("lifecycle.decision_line_reason", decision=decision_label(decision), detail=detail)
