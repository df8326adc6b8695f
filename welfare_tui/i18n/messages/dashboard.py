"""The follow-up dashboard."""

MESSAGES: dict[str, tuple[str, str]] = {
    "dashboard.title": (" フォローアップ（役割分担・モニタリング）", " Follow-ups (roles and monitoring)"),
    "dashboard.key": ("期限管理", "Follow-ups"),
    "dashboard.key.tip": (
        "全ケースの期限切れ・今週・今月の役割分担とモニタリング",
        "Overdue, this week's and this month's actions across all cases",
    ),
    "dashboard.back": ("戻る", "Back"),
    "dashboard.back.tip": ("ホーム画面に戻る", "Back to the home screen"),
    "dashboard.period.overdue": ("期限切れ", "Overdue"),
    "dashboard.period.overdue.tip": ("期限を過ぎたものを表示", "Show what is past its date"),
    "dashboard.period.week": ("今週", "This week"),
    "dashboard.period.week.tip": (
        "今日から7日以内に期限のもの",
        "Due within the next 7 days, today included",
    ),
    "dashboard.period.month": ("今月", "This month"),
    "dashboard.period.month.tip": (
        "今日から月末まで（今週の分を含む）に期限のもの",
        "Due from today to the end of the month (this week's items included)",
    ),
    "dashboard.period.all": ("すべて", "All open"),
    "dashboard.period.all.tip": (
        "未了のものをすべて表示（期限なしを含む）",
        "Every open item, undated included",
    ),
    "dashboard.all_agencies": ("すべての機関", "All agencies"),
    "dashboard.case_filter": ("ケースで絞り込み（コード・世帯）", "Filter by case (code, household)"),
    "dashboard.count": (
        "{shown} 件表示（未了 {total} 件）　[dim]Enter ケースへ[/]",
        "{shown} shown ({total} open)　[dim]Enter opens the case[/]",
    ),
    "dashboard.overdue": ("期限切れ", "Overdue"),
    "dashboard.col.due": ("期限", "Due"),
    "dashboard.col.state": ("状況", "State"),
    "dashboard.col.kind": ("種別", "Kind"),
    "dashboard.col.text": ("内容", "What"),
    "dashboard.col.agency": ("機関", "Agency"),
    "dashboard.col.person": ("担当者", "Person"),
    "dashboard.col.case": ("ケース", "Case"),
}
