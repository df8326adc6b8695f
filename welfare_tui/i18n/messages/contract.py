"""Messages of the command-line contract: usage errors in numbers, ranges, URLs and paths, and the
TUI's need for a terminal (launch.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "contract.no_terminal": (
        (
            "画面（TUI）は端末から起動してください（標準入力か標準出力が端末ではありません）。"
            "スクリプトでは export などのコマンドを使います"
        ),
        (
            "the TUI needs a terminal (standard input or output is not one); in scripts use a command "
            "such as export"
        ),
    ),
    # Database URLs (storage/engine.py parse_url); the URL is shown with its password hidden
    "contract.bad_url": (
        "データベースのURLかファイルのパスとして読めません: {url}",
        "not a database URL or file path: {url}",
    ),
    "contract.bad_port": (
        "データベースのURLのポート番号は 1〜65535 です（{port}）: {url}",
        "the port of a database URL must be from 1 to 65535 (not {port}): {url}",
    ),
    # export
    "contract.empty_out": (
        "--out が空です。書き出すフォルダか、標準出力なら - を指定してください",
        "--out is empty: give a directory, or - for stdout",
    ),
    "contract.since_after_until": (
        "--since {since} が --until {until} より後です（期間が空になります）",
        "--since {since} is after --until {until} (the period is empty)",
    ),
    "contract.bad_meeting_id": (
        "会議ID {id} は大きすぎます（会議IDか UID を指定してください）",
        "meeting id {id} is too large (give a meeting id or uid)",
    ),
}
