"""The one-line error report of the command line (failure.py) and the messages of the CLI commands.

Field paths, file names, line numbers, ids and values are placeholders: they stay as the user wrote
them in either language (`FILE:LINE: FIELD: message` keeps FIELD as the path).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "error.line": ("エラー: {message}", "Error: {message}"),
    # Click's usage errors in Japanese (cli/app.py LazyGroup.main)
    "error.usage": ("使い方: {usage}", "Usage: {usage}"),
    "error.usage_help": ("'{command} {option}' で説明を表示します。", "Try '{command} {option}' for help."),
    "error.unexpected": (
        "予期しないエラー {kind}: {detail}（詳細は WELFARE_TUI_DEBUG=1 を設定して確認）",
        "unexpected {kind}: {detail} (set WELFARE_TUI_DEBUG=1 for details)",
    ),
    # export
    "error.export.format": ("{value} は {choices} のいずれでもありません", "{value} is not one of {choices}"),
    "error.export.choose_one": (
        "会議の選び方は MEETING_ID...、--case CODE、--all のうち一つだけにしてください",
        "choose the meetings in exactly one way: MEETING_ID..., --case CODE or --all",
    ),
    "error.export.choose_several": (
        (
            "会議の選び方は MEETING_ID...、--case CODE、--all のうち一つだけにしてください"
            "（複数は指定できません）"
        ),
        "choose the meetings in exactly one way: MEETING_ID..., --case CODE or --all (not several)",
    ),
    "error.export.agency_in_none": (
        "{agency} は選んだ会議のどれにも関わっていません: 何も書き出していません",
        "{agency} took part in none of the chosen meetings: nothing exported",
    ),
    "error.export.agency_in_none_because": (
        "{agency} は選んだ会議のどれにも関わっていません: 何も書き出していません（{reason}）",
        "{agency} took part in none of the chosen meetings: nothing exported ({reason})",
    ),
    # import
    "error.import.encoding": (
        "{source}:{line}: encoding: UTF-8 ではありません（{reason}）",
        "{source}:{line}: encoding: not UTF-8 ({reason})",
    ),
    "error.import.summary": (
        "{files} ファイル中 {problems} 件の問題: 何も取り込んでいません",
        "{problems} problem(s) in {files} file(s); nothing was imported",
    ),
    "error.import.masked": (
        "マスク済みの書き出しは取り込めません（氏名と機関が置き換えられています）",
        "a masked export cannot be imported (its names and agencies were replaced)",
    ),
    "error.import.handout": (
        "機関向け配布資料は取り込めません（会議の一部しか含みません）",
        "an agency handout cannot be imported (it holds part of a meeting only)",
    ),
    "error.import.same_meeting": (
        "{other} と同じ会議です。どちらか一方を取り込んでください",
        "the same meeting as {other}; import one of them",
    ),
}

MESSAGES.update(
    {
        # config.py
        "error.config.import_limit": (
            "import_max_mb: {value} は 1〜1024 の整数（MB）ではありません",
            "import_max_mb: {value} is not a whole number of MB from 1 to 1024",
        ),
        "error.config.notice_email": (
            "notice_email: {value} はメールアドレスではありません（例: fukushi@city.example.lg.jp）",
            "notice_email: {value} is not an e-mail address (e.g. fukushi@city.example.lg.jp)",
        ),
        "error.config.unreadable": ("{path}: 設定ファイルとして読めません（{detail}）", "{path}: {detail}"),
        "error.config.unknown": ("{path}: 不明な設定: {names}", "{path}: unknown setting(s): {names}"),
        "error.config.language": (
            "不明な言語 {lang}: ja か en を指定してください",
            "unknown language {lang}: use ja or en",
        ),
        # demo.py
        "error.demo.not_empty": (
            (
                "{url} にはデモデータでないケースが {count} 件あります（{shown}）。デモには専用のデータベースが"
                "必要です（例: 'welfare-tui --db demo.db demo'）"
            ),
            (
                "{url} already holds {count} case(s) that are not demo data ({shown}); "
                "the demo needs a database of its own, e.g. welfare-tui --db demo.db demo"
            ),
        ),
        # minutes/formats.py, storage/exporting.py
        "error.minutes.format": (
            "不明な議事録の形式 {fmt}: {formats} のいずれかを指定してください",
            "unknown minutes format {fmt}: use one of {formats}",
        ),
        "error.minutes.cannot_write": (
            "{where} に書き込めません: {detail}",
            "cannot write to {where}: {detail}",
        ),
        # minutes/yaml_format.py: FILE:LINE: FIELD: message
        "error.yaml.empty": (
            "{source}:1: document: 空です。{format} の文書が必要です",
            "{source}:1: document: empty; expected a {format} document",
        ),
        "error.yaml.not_mapping": (
            "{source}:{line}: document: 「キー: 値」の対応表（{format} の文書）が必要です（入力: {found}）",
            "{source}:{line}: document: expected a mapping ({format} document), found {found}",
        ),
        "error.yaml.syntax": ("{source}:{line}: syntax: {problem}", "{source}:{line}: syntax: {problem}"),
        "error.yaml.invalid": ("YAML として読めません", "invalid YAML"),
        "error.yaml.no_format": (
            '{source}:{line}: format: ありません。"{format}" が必要です',
            '{source}:{line}: format: missing; expected "{format}"',
        ),
        "error.yaml.bad_format": (
            '{source}:{line}: format: "{format}" が必要です（入力: {found}）',
            '{source}:{line}: format: expected "{format}", found {found}',
        ),
        "error.yaml.no_version": (
            "{source}:{line}: version: ありません。{version} が必要です",
            "{source}:{line}: version: missing; expected {version}",
        ),
        "error.yaml.bad_version": (
            "{source}:{line}: version: 対応していない版 {found} です。このプログラムが読めるのは版 {version}",
            "{source}:{line}: version: unsupported version {found}; this program reads version {version}",
        ),
        "error.yaml.a_list": ("リスト", "a list"),
        "error.yaml.a_mapping": ("対応表", "a mapping"),
        "error.yaml.scalar": ("値 {value}", "the scalar {value}"),
    }
)
