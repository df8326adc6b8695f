"""Facilitation: time boxes, review of last meeting's actions, the closing check (issue 6)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "facilitation.review_section": ("前回の決定事項の確認", "Review of the last meeting's actions"),
    "facilitation.review_intro": (
        "第{round}回で決めた役割分担・モニタリングの結果は次のとおりである。",
        "Outcome of the roles and monitoring set at meeting #{round}:",
    ),
    "facilitation.kind.role": ("役割", "Role"),
    "facilitation.kind.monitoring": ("モニタリング", "Monitoring"),
    "facilitation.col.kind": ("種別", "Kind"),
    "facilitation.col.what": ("内容", "What"),
    "facilitation.col.who": ("担当", "Who"),
    "facilitation.col.due": ("期限・日付", "Due / date"),
    "facilitation.col.outcome": ("結果", "Outcome"),
    "facilitation.col.owner": ("担当機関", "Owner"),
    "facilitation.col.number": ("番号", "No."),
    "facilitation.col.step": ("議事", "Step"),
    "facilitation.col.box": ("目安", "Time box"),
    "facilitation.col.spent": ("実績", "Spent"),
    "facilitation.col.note": ("備考", "Note"),
    "facilitation.timing_section": ("議事の所要時間", "Time spent per step"),
    "facilitation.minutes": ("{minutes}分", "{minutes} min"),
    "facilitation.overrun": ("超過", "over time"),
    "facilitation.incomplete": ("未完了のまま確定した理由", "Finalised incomplete because"),
    "facilitation.cannot_finalise": (
        "会議録を確定できません: {problems}",
        "The minutes cannot be finalised: {problems}",
    ),
    "facilitation.missing_step": (
        "必須の議事「{title}」が完了していない",
        "Required step “{title}” is not done",
    ),
    "facilitation.unowned_issue": ("課題「{text}」の担当機関が決まっていない", "Issue “{text}” has no owner"),
    "facilitation.role_without_agency": (
        "役割「{task}」の担当機関が決まっていない",
        "Role “{task}” has no agency",
    ),
    "facilitation.role_without_due": ("役割「{task}」に期限がない", "Role “{task}” has no due date"),
    "facilitation.no_monitoring": ("モニタリングの時期が決まっていない", "No monitoring date is set"),
    "facilitation.no_next_meeting": (
        "次回会議の日程（または随時開催）が決まっていない",
        "The next meeting (a date, or “as needed”) is not set",
    ),
}
