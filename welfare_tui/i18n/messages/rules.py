"""Messages of the meeting rules (welfare_tui/meeting_rules.py): consent, type changes, handouts."""

MESSAGES: dict[str, tuple[str, str]] = {
    "rules.no_consent": (
        (
            "ケース {case} には {date} 時点で情報共有への本人同意がありません。{type}は本人の同意が必要です。"
            "同意なしで開催できる{fallback}にしてください"
        ),
        (
            "case {case} has no consent to information sharing on {date}: a {type} needs the person's consent; "
            "hold a {fallback} instead"
        ),
    ),
    "rules.handout_not_involved": (
        "{agency} は {date} の会議に出席しておらず、役割分担もないため、配布資料を出力できません",
        "{agency} neither attended the meeting of {date} nor holds a role in it: no handout for it",
    ),
    "rules.handout_outside_consent": (
        (
            "{agency} は {date} 時点の本人同意の範囲（情報共有先の機関）に含まれていないため、"
            "{type}の配布資料を出力できません"
        ),
        (
            "{agency} is not within the person's consent scope (the agencies information may be shared with) "
            "on {date}: no handout of this {type} for it"
        ),
    ),
    "rules.not_final_import": (
        "終了（確定）とされていますが、確定の条件を満たしていません: {problems}",
        "marked finished, but the minutes cannot be final: {problems}",
    ),
    "rules.no_consent_to_withdraw": (
        "ケース {case} には撤回できる本人同意がありません",
        "case {case} has no consent on record to withdraw",
    ),
    "rules.consent_event.obtained": ("同意取得", "consent obtained"),
    "rules.consent_event.scope_changed": ("同意範囲の変更", "consent scope changed"),
    "rules.consent_event.withdrawn": ("同意撤回", "consent withdrawn"),
    "rules.consent_later_withdrawn": ("（{date} に同意撤回）", " (consent withdrawn on {date})"),
    "rules.consent_agencies": ("共有先: {agencies}", "shared with: {agencies}"),
}
