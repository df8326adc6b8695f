"""Messages of the trust features: consent, finalisation, conflicts, the audit log, backups."""

MESSAGES: dict[str, tuple[str, str]] = {
    # A database driver's error, in words (errors.describe_driver_error); the driver's own line in brackets.
    "trust.db_locked": (
        "データベースは別のプログラムが書き込み中です（{detail}）。少し待ってからやり直してください",
        "the database is locked by another program ({detail}); try again in a moment",
    ),
    "trust.db_unavailable": ("データベースを使えません: {detail}", "the database is unavailable: {detail}"),
    # Finalising minutes (storage/rules.py)
    "trust.final_not_confirmed": (
        "守秘義務の確認（読み上げた時刻と文面）が記録されていません",
        "the confidentiality confirmation (time and statement read) is not recorded",
    ),
    "trust.final_not_acknowledged": (
        "守秘義務の確認をしていない出席者がいます: {names}",
        "attendees have not acknowledged confidentiality: {names}",
    ),
    "trust.cannot_finalise": ("会議録を確定できません", "The minutes cannot be finalised"),
    # Consent (home screen, case summary step)
    "trust.no_consent_title": ("本人同意がありません", "No consent on record"),
    "trust.no_consent_body": (
        (
            "{case} には情報共有への本人同意が記録されていません。重層的支援会議は本人の同意が必要です"
            "（domain.md §1.2）。同意がなくても開催できる支援会議（社会福祉法第106条の6）として始めますか？"
        ),
        (
            "{case} has no consent to information sharing on record. A 重層的支援会議 needs the person's "
            "consent. Start a 支援会議 (Social Welfare Act art. 106-6), which needs none, instead?"
        ),
    ),
    "trust.start_shien_kaigi": ("支援会議を始める", "Start a 支援会議"),
    "trust.withdraw_consent": ("同意の撤回を記録", "Record consent withdrawal"),
    "trust.withdraw_title": ("本人同意の撤回", "Consent withdrawn"),
    "trust.withdraw_body": (
        "本人が情報共有への同意を撤回したことを記録します。同意は「なし」になり、ケースは支援会議段階に戻ります。",
        (
            "Record that the person withdrew consent to information sharing. Consent becomes 'none' and the "
            "case goes back to the 支援会議 stage."
        ),
    ),
    "trust.withdraw_date": ("撤回日", "Date withdrawn"),
    "trust.withdraw_note": ("経緯（誰に・どのように）", "How (to whom, in what way)"),
    "trust.withdrawn_on": ("同意撤回: {date} {note}", "Consent withdrawn: {date} {note}"),
    "trust.withdrawn_done": ("同意の撤回を記録しました", "Consent withdrawal recorded"),
    # Conflicts (optimistic locking)
    "trust.conflict_title": ("他の人が先に保存しました", "Someone else saved first"),
    "trust.conflict_body": (
        "この記録は、あなたが開いた後に別の画面・端末で変更されました。残す内容を選んでください。",
        "This record was changed in another session after you opened it. Choose what to keep.",
    ),
    "trust.conflict_field": ("項目: {field}", "Field: {field}"),
    "trust.conflict_theirs": ("保存済みの内容（他の人）", "Saved by the other session"),
    "trust.conflict_yours": ("あなたの入力", "Yours"),
    "trust.keep_mine": ("自分の内容で上書き", "Keep mine"),
    "trust.take_theirs": ("相手の内容を採用", "Take theirs"),
    "trust.conflict_concurrent": (
        "同時に別の保存がありました。もう一度保存してください",
        "another save happened at the same moment; save again",
    ),
    # db check (storage/maintenance.py, storage/audit.py)
    "trust.chain_gap": (
        "エントリ {id} の前がエントリ {prev} です（間が削除されています）",
        "entry {id} follows entry {prev} (the entries between were removed)",
    ),
    "trust.chain_start": (
        "ログがエントリ {id} から始まっています（それより前が削除されています）",
        "the log starts at entry {id} (the entries before it were removed)",
    ),
    "trust.chain_link": (
        "エントリ {id} がエントリ {prev} につながっていません（どちらかが書き換えられています）",
        "entry {id} does not chain to entry {prev} (one of them was changed)",
    ),
    "trust.chain_hash": (
        "エントリ {id} がハッシュと一致しません（書き換えられています）",
        "entry {id} does not match its hash (it was changed)",
    ),
    "trust.check_chain": (
        "監査ログ: {problem}。正常なのはエントリ {last} まで",
        "audit log: {problem}; intact up to entry {last}",
    ),
    "trust.check_chain_none": (
        "監査ログ: {problem}。正常なエントリはありません",
        "audit log: {problem}; no entry is intact",
    ),
    "trust.check_head_missing": (
        "監査ログ: ハッシュ {head} のエントリがありません（それ以降が削除されたか、作り直されています）",
        "audit log: no entry has hash {head} (the log was cut or rewritten after it)",
    ),
    "trust.check_rows": (
        "{count} 行が監査ログの記録と一致しません（welfare-tui を通さない変更）:",
        "{count} row(s) do not match the audit log (changed outside welfare-tui):",
    ),
    "trust.finding.changed": (
        "{table} {id}{case}: 最後の記録の後に内容が変更されています",
        "{table} {id}{case}: content changed since its last audit entry",
    ),
    "trust.finding.deleted": (
        "{table} {id}{case}: 削除の記録がないまま消えています",
        "{table} {id}{case}: gone without a delete entry",
    ),
    "trust.finding.unaudited": (
        "{table} {id}{case}: 監査ログに記録がありません",
        "{table} {id}{case}: no audit entry",
    ),
    "trust.finding.case": ("（ケース {code}）", " (case {code})"),
    "trust.check_more": ("…ほか {count} 件", "…and {count} more"),
    "trust.check_unverifiable": (
        "注意: {count} 行はリビジョン 0007 より前の記録しかなく、内容を検証できません",
        "Note: {count} rows were last audited before revision 0007: their content cannot be verified",
    ),
    "trust.check_damaged": (
        "データベースファイルが壊れています: {detail}",
        "the database file is damaged: {detail}",
    ),
    "trust.check_damaged_more": (
        "データベースファイルが壊れています: {detail}（ほか {count} 件）",
        "the database file is damaged: {detail} (and {count} more)",
    ),
    "trust.check_orphan": (
        "{table} の行 {row} が存在しない {parent} の行を参照しています",
        "table {table} row {row} refers to a missing {parent} row",
    ),
    "trust.warn_readable": (
        "警告: {path} は他のユーザーが読めます（モード {mode:o}）。chmod {fix} '{path}'",
        "Warning: others can read {path} (mode {mode:o}); chmod {fix} '{path}'",
    ),
    # db restore (storage/maintenance.py)
    "trust.restore_not_sqlite": (
        "{path} は SQLite のバックアップファイルではありません",
        "{path} is not an SQLite backup file",
    ),
    "trust.restore_no_file": ("バックアップ {path} がありません", "no backup at {path}"),
    "trust.restore_same": (
        "{path} は復元先のデータベースそのものです",
        "{path} is the database to restore to",
    ),
    "trust.restore_damaged": (
        "バックアップ {path} は使えません: {problem}",
        "the backup {path} is unusable: {problem}",
    ),
    "trust.restore_in_use": (
        "{path} は別のプログラムが使用中です。welfare-tui をすべて終了してからやり直してください",
        "{path} is in use by another program: close every welfare-tui using it and try again",
    ),
    "trust.restore_not_empty": (
        "{where} は空ではありません（ケース {cases} 件、監査ログ {entries} 件）。空のデータベースにだけ復元できます",
        "{where} is not empty ({cases} cases, {entries} audit entries): restore only into an empty database",
    ),
    "trust.restore_cannot": ("{where} に復元できません: {detail}", "cannot restore into {where}: {detail}"),
    # Exports (minutes/__init__.py audit_footer)
    "trust.minutes_footer": (
        "監査ログ: 出力記録 #{entry}、ハッシュ {head}",
        "Audit log: export entry #{entry}, hash {head}",
    ),
}
