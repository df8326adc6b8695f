"""Textual's own key texts (its widgets' bindings and command palette) in Japanese.

Textual (8.2.8) writes these in English in its widget classes; `views/bindings.py` looks a binding's
description up here as `textual.<English text>`, so the key bar, F1 help and the palette never show
an English line in Japanese mode. The English side is Textual's text as it is.
"""

_JAPANESE = {
    "Bottom": "末尾へ", "Top": "先頭へ", "Home": "先頭へ", "End": "末尾へ", "First": "最初へ", "Last": "最後へ",
    "Copy": "コピー", "Copy selected text": "選択した文字をコピー", "Cut": "切り取り", "Cut selected text": "選択した文字を切り取り",
    "Paste": "貼り付け", "Paste text from the clipboard": "クリップボードから貼り付け", "Undo": "元に戻す", "Redo": "やり直す",
    "Select all": "すべて選択", "Select line": "行を選択", "Select line start": "行頭まで選択", "Select line end": "行末まで選択",
    "Cursor up": "カーソルを上へ", "Cursor Up": "カーソルを上へ", "Up": "上へ",
    "Cursor down": "カーソルを下へ", "Cursor Down": "カーソルを下へ", "Down": "下へ",
    "Cursor left": "カーソルを左へ", "Cursor right": "カーソルを右へ",
    "Cursor up select": "上へ選択", "Cursor down select": "下へ選択",
    "Cursor left select": "左へ選択", "Cursor right select": "右へ選択",
    "Cursor word left": "前の語へ", "Cursor word right": "次の語へ",
    "Cursor left word select": "前の語まで選択", "Cursor right word select": "次の語まで選択",
    "Cursor line start": "行頭へ", "Cursor line end": "行末へ",
    "Cursor line start select": "行頭まで選択", "Cursor line end select": "行末まで選択",
    "Cursor page up": "前のページへ", "Cursor page down": "次のページへ",
    "Cursor to parent": "親へ", "Cursor to next ancestor": "親の次へ",
    "Cursor to next sibling": "次の項目へ", "Cursor to previous sibling": "前の項目へ",
    "Move cursor left": "カーソルを左へ", "Move cursor right and select": "右へ選択",
    "Move cursor left and select": "左へ選択", "Move cursor left a word": "前の語へ",
    "Move cursor right a word": "次の語へ", "Move cursor left a word and select": "前の語まで選択",
    "Move cursor right a word and select": "次の語まで選択",
    "Move cursor right or accept the completion suggestion": "カーソルを右へ（候補を確定）",
    "Go to start": "行頭へ", "Go to end": "行末へ", "Go to top": "先頭へ", "Go to bottom": "末尾へ",
    "Delete character left": "左の1文字を削除", "Delete character right": "右の1文字を削除",
    "Delete all to the left": "左側をすべて削除", "Delete all to the right": "右側をすべて削除",
    "Delete left to start of word": "語の先頭まで削除", "Delete right to start of word": "次の語の先頭まで削除",
    "Delete line": "行を削除", "Delete to line start": "行頭まで削除", "Delete to line end": "行末まで削除",
    "Page up": "前のページ", "Page Up": "前のページ", "Page down": "次のページ", "Page Down": "次のページ",
    "Page Left": "左のページ", "Page Right": "右のページ", "Next page": "次のページ", "Previous page": "前のページ",
    "Scroll Up": "上へスクロール", "Scroll Down": "下へスクロール", "Scroll Left": "左へスクロール",
    "Scroll Right": "右へスクロール", "Scroll Home": "先頭へスクロール", "Scroll End": "末尾へスクロール",
    "Focus Next": "次の項目へ移動", "Focus Previous": "前の項目へ移動",
    "Select": "選択", "Submit": "確定", "Press button": "ボタンを押す", "Toggle": "切り替え",
    "Toggle option": "選択を切り替え", "Toggle collapsible": "開閉", "Expand or collapse all": "すべて開閉",
    "Show menu": "一覧を開く", "Dismiss menu": "一覧を閉じる",
    "Next option": "次の選択肢", "Previous option": "前の選択肢", "Next tab": "次のタブ", "Previous tab": "前のタブ",
    "Next command": "次のコマンド", "Previous command": "前のコマンド", "Exit the command palette": "コマンドパレットを閉じる",
    "Open link": "リンクを開く", "Quit": "終了",
}

MESSAGES: dict[str, tuple[str, str]] = {f"textual.{english}": (japanese, english) for english, japanese in _JAPANESE.items()}
MESSAGES.update({
    # The command palette's own texts (textual/command.py), set by our CommandPalette subclass.
    "palette.placeholder": ("コマンドを検索…", "Search for commands…"),
    "palette.no_matches": ("該当するコマンドはありません", "No matches found"),
    # F1 help: the second section
    "help.editing": ("入力欄・表・一覧で使えるキー", "Keys of text fields, tables and lists"),
})
