"""Messages of the command-line contract: usage errors in numbers, ranges, URLs and paths, and the
TUI's need for a terminal (launch.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "contract.no_terminal": (
        "画面（TUI）は端末から起動してください（標準入力か標準出力が端末ではありません）。"
        "スクリプトでは export などのコマンドを使います",
        "the TUI needs a terminal (standard input or output is not one); in scripts use a command "
        "such as export"),
}
