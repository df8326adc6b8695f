"""Phrases other programs write in English and our messages quote: PyYAML's syntax errors, Python's
reasons for undecodable bytes, the operating system's error texts (strerror). `i18n.foreign(text)`
replaces each one found by its Japanese in Japanese mode; anything unknown stays as it came.
"""

_JAPANESE = {
    # PyYAML (scanner, parser, composer)
    "while parsing a flow sequence": "フロー形式のリスト（[...]）を読んでいる途中で",
    "while parsing a flow mapping": "フロー形式の対応表（{...}）を読んでいる途中で",
    "while parsing a block mapping": "対応表を読んでいる途中で",
    "while parsing a block collection": "リストを読んでいる途中で",
    "while parsing a flow node": "値を読んでいる途中で",
    "while parsing a block node": "値を読んでいる途中で",
    "while scanning a simple key": "キーを読んでいる途中で",
    "while scanning a quoted scalar": "引用符で囲んだ値を読んでいる途中で",
    "while scanning a plain scalar": "値を読んでいる途中で",
    "while scanning an anchor": "アンカーを読んでいる途中で",
    "while scanning an alias": "エイリアスを読んでいる途中で",
    "while scanning a block scalar": "複数行の値を読んでいる途中で",
    "while scanning a tag": "タグを読んでいる途中で",
    "while scanning a directive": "ディレクティブを読んでいる途中で",
    "did not find expected ',' or ']'": "',' か ']' がありません",
    "did not find expected ',' or '}'": "',' か '}' がありません",
    "did not find expected key": "キーがありません",
    "did not find expected node content": "値がありません",
    "did not find expected '-' indicator": "'-' がありません",
    "could not find expected ':'": "':' がありません",
    "mapping values are not allowed here": "ここには「キー: 値」を書けません（字下げか ':' を確認）",
    "found unexpected end of stream": "ファイルが途中で終わっています",
    "found unexpected ':'": "予期しない ':' があります",
    "found character that cannot start any token": "値の先頭に使えない文字があります",
    "found character '\\t' that cannot start any token": "値の先頭にタブ文字があります（字下げは空白で）",
    "found undefined alias": "定義されていないエイリアスがあります",
    "expected a single document in the stream": "文書は一つだけにしてください",
    "but found another document": "二つ目の文書があります",
    "expected <block end>, but found '-'": "字下げが合っていない '-' があります",
    "expected <block end>, but found '<block mapping start>'": "字下げが合っていません",
    "expected <block end>, but found '<scalar>'": "字下げが合っていない値があります",
    "expected <block end>, but found '?'": "字下げが合っていない '?' があります",
    "expected <document start>, but found '<block mapping start>'": "文書の始まりが正しくありません",
    "found unknown escape character": "不明なエスケープ文字があります",
    "found duplicate anchor": "同じ名前のアンカーが二つあります",
    "special characters are not allowed": "使えない制御文字があります",
    "unacceptable character": "使えない文字",
    "invalid YAML": "YAML として読めません",
    # Python's reasons for bytes that are not UTF-8
    "invalid continuation byte": "続きのバイトが不正です",
    "invalid start byte": "先頭のバイトが不正です",
    "unexpected end of data": "データが途中で終わっています",
    # The operating system (strerror)
    "No such file or directory": "ファイルまたはフォルダがありません",
    "Not a directory": "フォルダではありません",
    "Is a directory": "フォルダです",
    "Permission denied": "権限がありません",
    "File exists": "すでにあります",
    "No space left on device": "ディスクの空きがありません",
    "Read-only file system": "読み取り専用のファイルシステムです",
    "Directory not empty": "フォルダが空ではありません",
    "File name too long": "ファイル名が長すぎます",
    "Operation not permitted": "許可されていない操作です",
    "Too many levels of symbolic links": "シンボリックリンクが多すぎます",
}

MESSAGES: dict[str, tuple[str, str]] = {f"foreign.{english}": (japanese, english)
                                        for english, japanese in _JAPANESE.items()}
