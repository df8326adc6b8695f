"""Messages of the command line's human-readable output (tables, reports, notes on stderr).

`--json` output and YAML are data for scripts and stay as they are; the `エラー: ...` / `Error: ...` lines
of failures are in messages/errors.py.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # cases list / meetings list
    **{
        f"cli.cases.col.{key}": (ja, en)
        for key, ja, en in (
            ("code", "コード", "CODE"),
            ("case", "ケース", "CASE"),
            ("status", "段階", "STATUS"),
            ("lead", "主担当機関", "LEAD AGENCY"),
            ("meetings", "会議", "MEETINGS"),
            ("last", "前回", "LAST"),
            ("next", "次回", "NEXT"),
            ("tags", "課題", "TAGS"),
        )
    },
    **{
        f"cli.meetings.col.{key}": (ja, en)
        for key, ja, en in (
            ("id", "ID", "ID"),
            ("date", "開催日", "DATE"),
            ("time", "時間", "TIME"),
            ("case", "ケース", "CASE"),
            ("meeting", "会議", "MEETING"),
            ("round", "回", "ROUND"),
            ("status", "状態", "STATUS"),
            ("place", "場所", "PLACE"),
        )
    },
    "cli.no_cases": ("ケースはありません", "no cases"),
    "cli.no_meetings": ("会議はありません", "no meetings"),
    # due
    "cli.due.no_agency": ("（担当機関なし）", "(no agency)"),
    "cli.due.overdue": ("超過", "OVERDUE"),
    "cli.due.role": ("役割", "role"),
    "cli.due.monitoring": ("モニタリング", "monitoring"),
    "cli.due.person": ("{text}（{person}）", "{text} ({person})"),
    "cli.due.nothing": ("期限の近い項目はありません", "nothing due"),
    # demo
    "cli.demo.done": (
        "デモデータを作成しました: {cases} 世帯, {meetings} 会議 → {where}",
        "Demo data created: {cases} households, {meetings} meetings → {where}",
    ),
    # import
    "cli.import.change.new": ("新規", "new"),
    "cli.import.change.updated": ("更新", "updated"),
    "cli.import.change.unchanged": ("変更なし", "unchanged"),
    "cli.import.row": (
        "{file}: ケース {case}（{case_change}）、会議 {meeting}（{meeting_change}）({date} 第{round}回)",
        "{file}: {case_change} case {case}, {meeting_change} meeting {meeting} ({date} round {round})",
    ),
    "cli.import.dry_run": ("試行のみ: 何も書き込んでいません", "dry run: nothing was written"),
    # db
    "cli.db.not_yet": (
        "（まだデータベースはありません: 最初に使うときに作成されます）",
        "(no database there yet: it is created on first use)",
    ),
    "cli.db.up_to_date": ("{where}: すでにリビジョン {after} です", "{where}: already at revision {after}"),
    "cli.db.upgraded": ("{where}: {before} → {after}", "{where}: {before} → {after}"),
    "cli.db.new": ("（新規）", "(new)"),
    # `ok` and `head HASH` stay as they are in both languages: scripts read them from stdout.
    "cli.db.check_ok": (
        "{where}: 正常 — 監査ログ {entries} 件、先頭ハッシュ {head}",
        "{where}: ok — audit log {entries} entries, head {head}",
    ),
    "cli.db.restored": (
        "{where}: 復元しました — 監査ログ {entries} 件、head {head}",
        "{where}: restored — audit log {entries} entries, head {head}",
    ),
    "cli.db.bad_hash": (
        "--expect-head: {value!r} はハッシュ（16進数64桁）ではありません",
        "--expect-head: {value!r} is not a hash (64 hexadecimal digits)",
    ),
    # agendas
    "cli.agendas.type": ("種別", "Type"),
    "cli.agendas.basis": ("根拠", "Legal basis"),
    "cli.agendas.total": ("所要時間", "Time"),
    "cli.agendas.none": ("（なし）", "(none)"),
    "cli.agendas.summary": (
        "{minutes}分・{steps}ステップ（* は会議録の確定前に必須）",
        "{minutes} min, {steps} steps (* = required before the minutes are final)",
    ),
    "cli.agendas.minutes": ("{n}分", "{n} min"),
    **{
        f"cli.agendas.col.{key}": (ja, en)
        for key, ja, en in (
            ("id", "ID", "ID"),
            ("type", "種別", "TYPE"),
            ("steps", "ステップ", "STEPS"),
            ("minutes", "分", "MIN"),
            ("title", "タイトル", "TITLE"),
        )
    },
}
