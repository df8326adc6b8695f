"""The statistics screen (`s` on the home screen) and the title of the unmet needs' (地域課題) table
in a meeting's resource-gaps step."""

MESSAGES: dict[str, tuple[str, str]] = {
    # The unmet needs of a meeting (views/steps/forms.ResourceGapsStep; the minutes: between_doc.py).
    "needs.title": ("地域課題（資源で満たされないニーズ）", "Unmet needs (no resource meets them)"),
    # The statistics screen (views/screens/statistics.py).
    "home.statistics": ("統計", "Statistics"),
    "home.statistics.tip": (
        "年度の件数（月別の棒グラフ・報告様式）と地域課題の集計",
        "The year in figures (monthly bars, the report form) and the unmet needs",
    ),
    "stats_tui.title": (" 統計（年度の件数・地域課題）", " Statistics (the year in figures, unmet needs)"),
    "stats_tui.year_caption": ("{year}年度（{era}）", "FY{year} ({era})"),
    "stats_tui.back": ("戻る", "Back"),
    "stats_tui.back.tip": ("ホーム画面に戻る", "Back to the home screen"),
    "stats_tui.previous_year": ("前年度", "Previous year"),
    "stats_tui.previous_year.tip": ("前の年度の件数を表示する", "Show the year before"),
    "stats_tui.next_year": ("次年度", "Next year"),
    "stats_tui.next_year.tip": ("次の年度の件数を表示する", "Show the year after"),
    "stats_tui.tab.figures": ("1 月別の件数", "1 By month"),
    "stats_tui.tab.report": ("2 報告様式", "2 Report form"),
    "stats_tui.tab.gaps": ("3 地域課題", "3 Unmet needs"),
    "stats_tui.show_figures": ("月別", "By month"),
    "stats_tui.show_figures.tip": (
        "項目ごとの月別の件数と棒グラフ（コマンドラインの統計と同じ数）。↑↓・PgUp/PgDn でスクロール",
        "Each figure by month with its bars (the numbers of welfare-tui stats); ↑↓ and PgUp/PgDn scroll",
    ),
    "stats_tui.show_report": ("報告様式", "Report form"),
    "stats_tui.show_report.tip": (
        "報告様式（標準の様式ファイル）の各行に当てはめた件数",
        "The counts on the rows of the report form (the bundled form file)",
    ),
    "stats_tui.show_gaps": ("地域課題", "Unmet needs"),
    "stats_tui.show_gaps.tip": (
        "会議で記録した地域課題の分類・分野別の件数とケースの段階（コマンドラインの地域課題の集計と同じ数）",
        "Unmet needs recorded in meetings by category and sector, with the cases' stages (as welfare-tui gaps)",
    ),
    "stats_tui.total": ("計", "Total"),
    # The months over the columns of a chart: the numbers, with 「月」 as the label column's header.
    "stats_tui.months": ("月", "Month"),
    **{
        f"stats_tui.month.{number}": (str(number), name)
        for number, name in enumerate(
            ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
        )
    },
    # Beside a group's bars: what they draw (its headline figure's label, or these), the tallest's count.
    "stats_tui.chart.flow": ("月別合計", "Sum by month"),
    "stats_tui.chart.stock": ("月末の合計", "Total at month end"),
    "stats_tui.chart.top": ("（最大 {top}）", "(max {top})"),
    "stats_tui.loading": ("集計しています…", "Counting…"),
    "stats_tui.failed": (
        "集計できませんでした（理由は通知のとおり）。",
        "Could not count (see the notice for why).",
    ),
    "stats_tui.empty": ("この年度の記録はありません。", "Nothing was recorded in this year."),
    "stats_tui.as_of": ("{day}現在（年度途中）", "As of {day} (year in progress)"),
    "stats_tui.report.none": ("報告様式の行がありません。", "The report form has no rows."),
    "stats_tui.gaps.none": (
        "この年度に記録された地域課題はありません。会議の「不足する社会資源・地域課題」で a を押して追加します。",
        "No unmet needs were recorded in this year. Add them in a meeting's resource-gaps step with a.",
    ),
    "stats_tui.gaps.by_category": ("分類別", "By category"),
    "stats_tui.gaps.by_sector": ("分野別", "By sector"),
    "stats_tui.gaps.col.key": ("区分", "Group"),
    "stats_tui.gaps.col.needs": ("件数", "Needs"),
    "stats_tui.gaps.col.cases": ("ケース数", "Cases"),
    "stats_tui.gaps.col.stages": ("ケースの現在の段階", "Stages of the cases now"),
    "stats_tui.gaps.heading": (
        "地域課題 {needs}件（分類・分野別）",
        "{needs} unmet needs by category and sector",
    ),
    "stats_tui.gaps.stage": ("{stage}{cases}件", "{stage}: {cases}"),
}
