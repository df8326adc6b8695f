"""Messages of the case's life: stages, decisions, intakes and support plans (case_lifecycle.py,
storage/intakes.py, storage/lifecycle.py, storage/plans.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "lifecycle.unknown_decision": (
        "決定 {decision} はありません（{decisions} のいずれか）",
        "no decision {decision} (one of {decisions})",
    ),
    "lifecycle.decision_needs_plenary": (
        "「{decision}」は重層的支援会議でのみ決定できます（{type}で記録できるのは {allowed}）",
        "only a multi-layered support meeting may decide “{decision}” (a {type} may record {allowed})",
    ),
    "lifecycle.case_ended": (
        "ケースは{stage}です。先に再開してください",
        "the case is {stage}: reopen it first",
    ),
    "lifecycle.needs_consent": (
        "「{decision}」には本人の同意が必要です",
        "“{decision}” needs the person's consent",
    ),
    "lifecycle.closure_reason_missing": (
        "終結の理由を選んでください（--closure-reason）",
        "choose a closure reason (--closure-reason)",
    ),
    "lifecycle.unknown_closure_reason": (
        "終結の理由 {reason} は設定にありません",
        "closure reason {reason} is not in the configured list",
    ),
    "lifecycle.handover_needs_agency": (
        "引継ぎには引継ぎ先の主担当機関が必要です（--to）",
        "a hand-over needs the lead agency taking over (--to)",
    ),
    "lifecycle.unknown_stage": (
        "段階 {stage} はありません（{stages} のいずれか）",
        "no stage {stage} (one of {stages})",
    ),
    "lifecycle.same_stage": ("ケースはすでに{stage}です", "the case is already at {stage}"),
    "lifecycle.stage_needs_decision": (
        "「{stage}」は重層的支援会議の決定でのみ記録できます",
        "“{stage}” is recorded only by a decision of a multi-layered support meeting",
    ),
    "lifecycle.no_such_transition": (
        "{before}から{after}へは移れません",
        "a case cannot go from {before} to {after}",
    ),
    "lifecycle.stage_needs_consent": (
        "「{stage}」には本人の同意が必要です",
        "“{stage}” needs the person's consent",
    ),
    "lifecycle.not_ended": (
        "ケースは{stage}です。再開できるのは終結・中断したケースだけです",
        "the case is at {stage}: only a closed or suspended case can be reopened",
    ),
    "lifecycle.role_outcome": (
        "役割 {outcome} は完了（done）か取りやめ（dropped）で閉じてください",
        "close a role as done or dropped, not {outcome}",
    ),
    "lifecycle.role_not_open": (
        "役割 {id} はこのケースの未了の役割ではありません",
        "role {id} is not an open role of this case",
    ),
    "lifecycle.decision_line": ("決定：{decision}", "Decision: {decision}"),
    "lifecycle.decision_line_reason": (
        "決定：{decision}（理由：{detail}）",
        "Decision: {decision} (reason: {detail})",
    ),
    "lifecycle.plan_needs_plenary": (
        "支援プランの承認は重層的支援会議でのみできます（この会議は{type}）",
        "only a multi-layered support meeting may approve a support plan (this is a {type})",
    ),
    "lifecycle.no_intake": ("つなぎ受付 {id} はありません", "no intake {id}"),
    "lifecycle.intake_not_open": (
        "つなぎ受付 {id} は対応済みです（{outcome}）",
        "intake {id} is already dealt with ({outcome})",
    ),
    "lifecycle.intake_note_missing": ("終了の記録（--note）を書いてください", "write a note (--note)"),
    "lifecycle.no_plan_id": ("支援プラン {id} はありません", "no support plan {id}"),
    "lifecycle.no_goal": ("目標 {id} はありません", "no goal {id}"),
    "lifecycle.plan_not_draft": (
        "支援プラン 第{number}版 は{status}です。編集できるのは案だけです",
        "support plan version {number} is {status}: only a draft can be edited",
    ),
    "lifecycle.plan_other_case": (
        "支援プラン {id} はこの会議のケースのものではありません",
        "support plan {id} is not of this meeting's case",
    ),
    "lifecycle.goal_other_case": (
        "目標 {id} はこの会議のケースの支援プランのものではありません",
        "goal {id} is not in a support plan of this meeting's case",
    ),
    "lifecycle.goal_text_missing": ("目標の内容を書いてください", "write the goal"),
}

# Field labels of the lifecycle's kinds (records/kinds.py).
MESSAGES.update(
    {
        "cli.due.plan_review": ("プラン見直し", "plan review"),
        "review.kind.plan_review": ("プラン見直し", "Plan review"),
        "locking.record.intake": ("つなぎ受付", "intake"),
        "locking.record.plan": ("支援プラン", "support plan"),
        "locking.record.plan_goal": ("プランの目標", "plan goal"),
        "locking.record.goal_evaluation": ("目標の評価", "goal evaluation"),
        "field.intake.date": ("受付日", "Date"),
        "field.intake.window": ("受付窓口", "Receiving window"),
        "field.intake.route": ("経路", "Route"),
        "field.intake.label": ("呼び名", "Label"),
        "field.intake.concern": ("主な相談内容", "Main concern"),
        "field.intake.consent": ("同意", "Consent"),
        "field.intake.notes": ("備考", "Notes"),
        "field.intake.outcome": ("対応", "Outcome"),
        "field.intake.outcome_date": ("対応日", "Outcome date"),
        "field.intake.referred_to": ("つなぎ先", "Referred to"),
        "field.intake.outcome_note": ("対応の記録", "Outcome note"),
        "field.recorded_by": ("記録者", "Recorded by"),
        "field.stage_event.kind": ("種別", "Kind"),
        "field.stage_event.decision": ("決定", "Decision"),
        "field.stage_event.from": ("前の段階", "From"),
        "field.stage_event.to": ("段階", "Stage"),
        "field.stage_event.date": ("日付", "Date"),
        "field.stage_event.reason": ("理由", "Reason"),
        "field.stage_event.closure_reason": ("終結理由", "Closure reason"),
        "field.stage_event.to_agency": ("引継ぎ先", "Handed over to"),
        "field.plan.number": ("版", "Version"),
        "field.plan.status": ("状態", "Status"),
        "field.plan.intention": ("本人・世帯の意向", "Wishes of the person and household"),
        "field.plan.direction": ("支援の方向性", "Direction of support"),
        "field.plan.participation": ("参加支援", "Participation support"),
        "field.plan.outreach": ("アウトリーチ", "Outreach"),
        "field.plan.links_note": ("つなぎの内容", "Links"),
        "field.plan.approved_date": ("支援決定日", "Approved on"),
        "field.plan_goal.agency": ("担当機関", "Owner agency"),
        "field.plan_goal.period": ("期間", "Term"),
        "field.plan_goal.review_date": ("見直し日", "Review date"),
        "field.goal_evaluation.result": ("評価", "Result"),
        "field.goal_evaluation.note": ("評価の記録", "Note"),
    }
)
