"""The help screen and command palette."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.title": ("キー操作のヘルプ", "Keys and help"),
    "help.close": ("閉じる", "Close"),
    "help.key": ("ヘルプ", "Help"),
    "help.key.tip": ("この画面で使えるキーの一覧", "The keys that work on this screen"),
    "help.saving": (
        (
            "入力はその場で保存される（文字入力は入力が止まった時と欄を離れた時、表の行はダイアログの保存時）。"
            "会議はいつ離れても、次に開くと同じ議事から再開する。Ctrl+K ですべての操作を名前で選べる。"
        ),
        (
            "Everything is saved as you go (text when you pause or leave the field, table rows when a dialog is "
            "saved). Leave a meeting any time: it reopens at the same step. Ctrl+K lets you choose any action by name."
        ),
    ),
    "help.footer": ("Esc / F1 で閉じる", "Esc / F1 closes"),
    "palette.theme": ("テーマ", "Theme"),
    "palette.theme.tip": (
        "画面の配色を変える（ハイコントラストあり）",
        "Change the colours (high contrast included)",
    ),
    "palette.theme.search": ("テーマを検索…", "Search for themes…"),
    "palette.quit.tip": ("welfare_tui を終了する", "Quit welfare_tui"),
}
