"""Problems found in an agenda file (agendas.py): `FILE:LINE: FIELD: message`, FIELD kept as the path."""

MESSAGES: dict[str, tuple[str, str]] = {
    # how a value the user wrote is named
    "agenda.kind.mapping": ("対応表", "a mapping"),
    "agenda.kind.list": ("リスト", "a list"),
    "agenda.kind.text": ("文字列", "text"),
    "agenda.kind.int": ("整数", "a whole number"),
    "agenda.kind.bool": ("true/false", "true/false"),
    "agenda.kind.null": ("値なし（null）", "nothing (null)"),
    "agenda.kind.float": ("小数", "a decimal number"),
    "agenda.kind.date": ("日付", "a date"),
    "agenda.kind.tagged": ("タグ {tag} の値", "a value tagged {tag}"),
    "agenda.valid": ("OK: {path}（{steps} ステップ）", "OK: {path} ({steps} steps)"),
    # problems
    "agenda.more": ("{source}: ... ほか {extra} 件の問題", "{source}: ... and {extra} more problems"),
    "agenda.no_step": (
        "議事次第 '{agenda}' に議事 '{step}' はありません",
        "agenda '{agenda}' has no step '{step}'",
    ),
    "agenda.merge_key": (
        "マージキー（'<<'）は議事次第では使えません。項目を書き出してください",
        "merge keys ('<<') are not supported in agendas; write the fields out",
    ),
    "agenda.key_not_text": (
        "項目名は文字列にしてください（入力: {got}）",
        "field names must be text, got {got}",
    ),
    "agenda.duplicate_field": (
        "項目が重複しています（最初は {line} 行目）",
        "duplicate field (first given on line {line})",
    ),
    "agenda.did_you_mean": ("'{name}' のことですか？", "did you mean '{name}'?"),
    "agenda.one_of": ("使えるのは: {names}", "expected one of: {names}"),
    "agenda.unknown_field": ("不明な項目 '{name}'（{hint}）", "unknown field '{name}' ({hint})"),
    "agenda.missing": ("必須の項目がありません", "missing required field"),
    "agenda.expected_text": (
        "文字列が必要です（入力: {got}。文字列なら引用符で囲む）",
        "expected text, got {got} (put it in quotes if it is text)",
    ),
    "agenda.empty": ("空にはできません", "must not be empty"),
    "agenda.bad_id": (
        "'{value}' は ID に使えません（半角英小文字 a-z・数字・'_'・'-' を使う）",
        "'{value}' is not a valid id (use lower-case letters a-z, digits, '_' and '-')",
    ),
    "agenda.expected_minutes": (
        "分数は整数で書いてください（入力: {got}）",
        "expected a whole number of minutes, got {got}",
    ),
    "agenda.minutes_range": (
        "{value} は範囲外です（{low}〜{high} 分）",
        "{value} is out of range (expected {low} to {high} minutes)",
    ),
    "agenda.missing_flag": (
        "必須の項目がありません（true か false）",
        "missing required field (true or false)",
    ),
    "agenda.expected_bool": ("true か false が必要です（入力: {got}）", "expected true or false, got {got}"),
    "agenda.expected_questions": (
        "問いのリスト（'- ...' の行）が必要です（入力: {got}）",
        "expected a list of questions ('- ...' lines), got {got}",
    ),
    "agenda.expected_item_text": ("文字列が必要です（入力: {got}）", "expected text, got {got}"),
    "agenda.step_not_mapping": (
        "議事は項目（id, kind, ...）の対応表で書いてください（入力: {got}）",
        "each step must be a mapping of fields (id, kind, ...), got {got}",
    ),
    "agenda.duplicate_step": (
        "議事 ID '{id}' が重複しています（最初は {line} 行目）",
        "duplicate step id '{id}' (first used on line {line})",
    ),
    "agenda.unknown_kind": (
        "不明な種類 '{kind}'（使えるのは: {kinds}）",
        "unknown kind '{kind}' (expected one of: {kinds})",
    ),
    "agenda.empty_file": (
        "ファイルが空です（議事次第には id, title, meeting_type, steps が必要）",
        "the file is empty (an agenda needs id, title, meeting_type and steps)",
    ),
    "agenda.top_not_mapping": (
        "最上位は議事次第の項目（id, title, ...）の対応表で書いてください（入力: {got}）",
        "the top level must be a mapping of agenda fields (id, title, ...), got {got}",
    ),
    "agenda.unknown_type": (
        "不明な会議種別 '{type}'（使えるのは: {types}）",
        "unknown meeting type '{type}' (expected one of: {types})",
    ),
    "agenda.missing_steps": (
        "必須の項目がありません（議事のリスト）",
        "missing required field (a list of steps)",
    ),
    "agenda.expected_steps": (
        "議事のリスト（'- id: ...' の項目）が必要です（入力: {got}）",
        "expected a list of steps ('- id: ...' items), got {got}",
    ),
    "agenda.no_steps": ("議事次第には議事が一つ以上必要です", "an agenda needs at least one step"),
    "agenda.yaml_syntax": ("YAML の構文エラー: {problem}", "YAML syntax error: {problem}"),
    "agenda.invalid_yaml": ("YAML として読めません", "invalid YAML"),
    "agenda.unreadable": ("文字として読めません: {kind}", "cannot read the text: {kind}"),
    "agenda.not_utf8": (
        "{source}:{line}: ファイルが UTF-8 の文字ではありません（バイト 0x{byte}）。UTF-8 で保存してください",
        "{source}:{line}: the file is not UTF-8 text (byte 0x{byte}); save it as UTF-8",
    ),
    "agenda.id_twice": (
        "{path}: id: 議事次第 ID '{id}' は {other} でも使われています。ID は重複できません",
        "{path}: id: agenda id '{id}' is also used by {other}; ids must be unique",
    ),
    "agenda.not_found": (
        "ID '{id}' の議事次第はありません。'welfare-tui agendas list' で確認してください",
        "no agenda with id '{id}'; see 'welfare-tui agendas list'",
    ),
}
