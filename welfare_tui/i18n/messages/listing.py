"""Messages of long lists (home screen): how many rows are shown when a list is cut short."""

MESSAGES: dict[str, tuple[str, str]] = {
    "home.cases_limited": (
        "ケース（先頭{shown}件を表示: 検索で絞り込む）　[dim]Enter 会議を表示  m 新規会議[/]",
        "Cases (first {shown} shown: search to narrow)　[dim]Enter meetings  m new meeting[/]",
    ),
}
