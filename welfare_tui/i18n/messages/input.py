"""Messages of welfare_tui/bounded_input.py: files and YAML refused before they are read in full.

Each is the message part of `FILE:LINE: FIELD: message` (or `FILE: message`); the caller adds the rest.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "input.no_file": ("読み込めません: ファイルがありません", "cannot read: no such file"),
    "input.cannot_read": ("読み込めません（{reason}）", "cannot read the file ({reason})"),
    "input.not_regular": (
        "通常のファイルではないため読み込みません（{kind}）",
        "not a regular file ({kind}); it was not read",
    ),
    "input.kind.directory": ("ディレクトリ", "a directory"),
    "input.kind.fifo": ("名前付きパイプ", "a named pipe"),
    "input.kind.device": ("デバイス", "a device"),
    "input.kind.socket": ("ソケット", "a socket"),
    "input.kind.other": ("特殊なファイル", "a special file"),
    "input.too_large": (
        "1ファイルの上限 {limit} MB を超えているため読み込みません",
        "larger than the limit of {limit} MB for one file; it was not read",
    ),
    "input.anchor": (
        "YAML のアンカー（&）とエイリアス（*）は使えません。値をそのまま書いてください",
        "YAML anchors (&) and aliases (*) are not accepted; write the value out in full",
    ),
    "input.merge": (
        "マージキー（<<）は使えません。項目をそのまま書いてください",
        "merge keys (<<) are not accepted; write the fields out in full",
    ),
    "input.too_deep": ("入れ子が {depth} 段を超えています", "nested deeper than {depth} levels"),
    "input.tag": ("YAML のタグ {tag} は使えません", "the YAML tag {tag} is not accepted"),
    "input.complex_key": ("項目名は文字で書いてください", "a field name must be plain text"),
    "input.duplicate_key": (
        "同じ項目が2回あります（最初は {first} 行目）",
        "the same field twice (first on line {first})",
    ),
    "input.bad_scalar": (
        "{value} は扱える数・真偽値ではありません（整数は {digits} 桁まで）",
        (
            "{value} is not a number or true/false this program accepts (whole numbers: at most "
            "{digits} digits)"
        ),
    ),
    "input.ambiguous_meeting": (
        "{id} に当てはまる会議が {count} 件あります。UID をもっと長く指定してください: {matches}",
        "{id} matches {count} meetings; give more of the uid: {matches}",
    ),
    "input.other_case": (
        (
            "会議 {meeting} はこのデータベースではケース {owner} の会議です。ファイルのケース {code} には移せません"
            "（別の会議として取り込むには --as-new）"
        ),
        (
            "meeting {meeting} belongs to case {owner} in this database, not to case {code} as the file says; "
            "it is not moved (import it as a new meeting of {code} with --as-new)"
        ),
    ),
}
