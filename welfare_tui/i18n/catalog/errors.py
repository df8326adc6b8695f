"""The one-line error report of the command line (failure.py) and the messages of the CLI commands.

Field paths, file names, line numbers, ids and values are placeholders: they stay as the user wrote
them in either language (`FILE:LINE: FIELD: message` keeps FIELD as the path).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "error.line": ("エラー: {message}", "Error: {message}"),
    "error.unexpected": ("予期しないエラー {kind}: {detail}（詳細は WELFARE_TUI_DEBUG=1 を設定して確認）",
                         "unexpected {kind}: {detail} (set WELFARE_TUI_DEBUG=1 for details)"),
    # export
    "error.export.format": ("{value} は {choices} のいずれでもありません", "{value} is not one of {choices}"),
    "error.export.choose_one": ("会議の選び方は MEETING_ID...、--case CODE、--all のうち一つだけにしてください",
                                "choose the meetings in exactly one way: MEETING_ID..., --case CODE or --all"),
    "error.export.choose_several": ("会議の選び方は MEETING_ID...、--case CODE、--all のうち一つだけにしてください"
                                    "（複数は指定できません）",
                                    "choose the meetings in exactly one way: MEETING_ID..., --case CODE or --all"
                                    " (not several)"),
    "error.export.agency_in_none": ("{agency} は選んだ会議のどれにも関わっていません: 何も書き出していません",
                                    "{agency} took part in none of the chosen meetings: nothing exported"),
    "error.export.agency_in_none_because": ("{agency} は選んだ会議のどれにも関わっていません: 何も書き出していません"
                                            "（{reason}）",
                                            "{agency} took part in none of the chosen meetings: nothing exported"
                                            " ({reason})"),
    # import
    "error.import.encoding": ("{source}:{line}: encoding: UTF-8 ではありません（{reason}）",
                              "{source}:{line}: encoding: not UTF-8 ({reason})"),
    "error.import.summary": ("{files} ファイル中 {problems} 件の問題: 何も取り込んでいません",
                             "{problems} problem(s) in {files} file(s); nothing was imported"),
    "error.import.masked": ("マスク済みの書き出しは取り込めません（氏名と機関が置き換えられています）",
                            "a masked export cannot be imported (its names and agencies were replaced)"),
    "error.import.handout": ("機関向け配布資料は取り込めません（会議の一部しか含みません）",
                             "an agency handout cannot be imported (it holds part of a meeting only)"),
    "error.import.same_meeting": ("{other} と同じ会議です。どちらか一方を取り込んでください",
                                  "the same meeting as {other}; import one of them"),
}
