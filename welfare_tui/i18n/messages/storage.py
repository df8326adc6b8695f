"""Messages of the storage layer: checked values (records/values.py), the repository (storage/repo.py)
and meeting documents (storage/documents.py).

`{field}` is the path the caller names (`due_date`, `roles[2].due`): it stays as it is in Japanese.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # records/values.py
    "value.nothing": ("値なし", "nothing"),
    "value.a_kind": ("{kind} 型の値", "a {kind}"),
    "value.expected_text": ("{field}: 文字列が必要です（入力: {got}）", "{field}: expected text, got {got}"),
    "value.empty": ("{field}: 空にはできません", "{field}: must not be empty"),
    "value.nul": (
        "{field}: 保存できない NUL 文字（U+0000）が含まれています",
        "{field}: contains a NUL character (U+0000), which cannot be stored",
    ),
    "value.expected_bool": (
        "{field}: true か false が必要です（入力: {got}）",
        "{field}: expected true or false, got {got}",
    ),
    "value.expected_int": (
        "{field}: 整数が必要です（入力: {got}）",
        "{field}: expected a whole number, got {got}",
    ),
    "value.too_small": ("{field}: {value} は {minimum} 未満です", "{field}: {value} is less than {minimum}"),
    "value.too_large": (
        "{field}: {value} は {maximum} を超えています",
        "{field}: {value} is more than {maximum}",
    ),
    "value.not_one_of": (
        "{field}: {value} は {options} のいずれでもありません",
        "{field}: {value} is not one of {options}",
    ),
    "value.bad_date": (
        "{field}: {value} は正しい日付ではありません（YYYY-MM-DD の形で）",
        "{field}: {value} is not a valid date (expected YYYY-MM-DD)",
    ),
    "value.clock_number": (
        '{field}: {value} は時刻ではありません（YAML では "HH:MM" と引用符で囲む）',
        '{field}: {value} is not a time (expected "HH:MM", quoted in YAML)',
    ),
    "value.bad_clock": (
        "{field}: {value} は時刻ではありません（HH:MM の形で）",
        "{field}: {value} is not a time (expected HH:MM)",
    ),
    "value.expected_tags": (
        "{field}: タグのリストが必要です（入力: {got}）",
        "{field}: expected a list of tags, got {got}",
    ),
    "value.unknown_field": ("{names}: 不明な項目です", "{names}: unknown field"),
    "value.unknown_fields": ("{names}: 不明な項目です", "{names}: unknown fields"),
    # storage/repo.py
    "storage.no_agency_id": ("ID {id} の機関はありません", "no agency with id {id}"),
    "storage.agency_name_taken": (
        "name: 「{name}」という名前の機関はすでにあります",
        "name: an agency named {name} already exists",
    ),
    "storage.agency_id_form": (
        "id: {id} は半角英小文字・数字・'-'・'_' だけで書いてください",
        "id: {id} must be lower-case ASCII letters, digits, '-' or '_'",
    ),
    "storage.agency_id_taken": (
        "id: ID {id} の機関はすでにあります",
        "id: an agency with id {id} already exists",
    ),
    "storage.no_agency_named": (
        "{text} という機関はありません（ID・名称・略称のいずれかで指定）",
        "no agency named {text} (give its id, name or short name)",
    ),
    "storage.field_no_agency_id": ("{field}: ID {id} の機関はありません", "{field}: no agency with id {id}"),
    "storage.field_no_agency_named": (
        "{field}: {text} という機関はありません",
        "{field}: no agency named {text}",
    ),
    "storage.no_case_code": ("コード {code} のケースはありません", "no case with code {code}"),
    "storage.case_code_taken": (
        "code: コード {code} のケースはすでにあります",
        "code: a case with code {code} already exists",
    ),
    "storage.no_case_id": ("ID {id} のケースはありません", "no case with id {id}"),
    "storage.not_a_step": (
        "step: {step} は会議 {meeting} の議事ではありません（議事: {steps}）",
        "step: {step} is not a step of meeting {meeting} (steps: {steps})",
    ),
    "storage.no_meeting_id": ("ID {id} の会議はありません", "no meeting with id {id}"),
    "storage.bad_kind": (
        "kind: {kind} は {kinds} のいずれでもありません",
        "kind: {kind} is not one of {kinds}",
    ),
    "storage.no_item": ("ID {id} の{kind}はありません", "no {kind} with id {id}"),
    "storage.fixed_field": ("{name}: 変更できません", "{name}: cannot be changed"),
    "storage.fixed_position": (
        "{name}: 変更できません（並べ替えは move_item で）",
        "{name}: cannot be changed; use move_item to reorder",
    ),
}

MESSAGES.update(
    {
        # storage/documents.py
        "storage.doc.format": (
            "format: {value} は {format} ではありません",
            "format: {value} is not {format}",
        ),
        "storage.doc.version": (
            "version: {version} には対応していません（この welfare-tui が読めるのは版 {supported}）",
            "version: {version} is not supported (this welfare-tui reads version {supported})",
        ),
        "storage.doc.plan_number_twice": (
            "プランの版 {number} が二度あります",
            "plan version {number} appears twice",
        ),
        "storage.doc.unknown_agency": (
            "{path}: 機関 {id} はこのデータベースにも文書の 'agencies' にもありません",
            "{path}: unknown agency {id} (not in this database nor in the document's agencies map)",
        ),
        "storage.doc.bad_uid": (
            "meeting.uid: {uid} は小文字16進32桁（書き出しが書く uuid4 の16進）ではありません",
            "meeting.uid: {uid} is not 32 lower-case hex characters (the uuid4 hex an export writes)",
        ),
        "storage.doc.step_twice": ("{path}.id: {id} が二度出てきます", "{path}.id: {id} appears twice"),
        "storage.doc.document": ("文書", "document"),
        "storage.doc.expected_mapping": (
            "{path}: 「キー: 値」の対応表が必要です（入力: {kind}）",
            "{path}: expected a mapping, got {kind}",
        ),
        "storage.doc.expected_list": (
            "{path}: リストが必要です（入力: {kind}）",
            "{path}: expected a list, got {kind}",
        ),
    }
)

MESSAGES.update(
    {
        # storage/engine.py: opening and migrating a database (the driver's own words stay as its detail)
        "storage.no_postgres": (
            "PostgreSQL 対応が入っていません: pip install 'welfare-tui[postgres]'",
            "PostgreSQL support is not installed: pip install 'welfare-tui[postgres]'",
        ),
        "storage.bad_backend": (
            "対応していないデータベースの URL {url}: {detail}",
            "unsupported database URL {url}: {detail}",
        ),
        "storage.empty_database": (
            "データベース {url} は空です: 'welfare-tui db upgrade' を実行してください",
            "the database {url} is empty: run 'welfare-tui db upgrade'",
        ),
        "storage.cannot_migrate": (
            "データベースを移行できません: {detail}",
            "cannot migrate the database: {detail}",
        ),
        "storage.cannot_migrate_at": (
            "{where} を移行できません: {detail}",
            "cannot migrate {where}: {detail}",
        ),
        "storage.the_database": ("データベース", "the database"),
        "storage.is_directory": (
            "データベース {path} を開けません: フォルダです",
            "cannot open the database {path}: it is a directory",
        ),
        "storage.no_database": (
            "{path} にデータベースがありません: 'welfare-tui db upgrade' を実行して作成してください",
            "no database at {path}: run 'welfare-tui db upgrade' to create it",
        ),
        "storage.cannot_create": (
            "データベース {path} を作成できません: {detail}",
            "cannot create the database {path}: {detail}",
        ),
        "storage.cannot_open": (
            "データベース {path} を開けません: {detail}",
            "cannot open the database {path}: {detail}",
        ),
        "storage.shared_by_all": (
            (
                "{path} は開きません: すべての利用者が書き込めます（モード {mode}）。"
                "自分だけのものにするには: chmod 600 '{path}'"
            ),
            (
                "refusing to open {path}: every user can write it (mode {mode}); "
                "make it yours only with: chmod 600 '{path}'"
            ),
        ),
        "storage.shared_by_group": (
            (
                "{path} は開きません: グループの利用者が書き込めます（モード {mode}）。"
                "自分だけのものにするには: chmod 600 '{path}'"
            ),
            (
                "refusing to open {path}: its group can write it (mode {mode}); "
                "make it yours only with: chmod 600 '{path}'"
            ),
        ),
        "storage.not_ours": (
            "{url} は welfare-tui のデータベースではありません（表はありますがスキーマの版がありません）",
            "{url} is not a welfare-tui database (it has tables but no schema version)",
        ),
        "storage.upgrade_needed": (
            "データベースの更新が必要です: 'welfare-tui db upgrade' を実行してください",
            "the database needs an upgrade: run 'welfare-tui db upgrade'",
        ),
        "storage.too_new": (
            "データベースはリビジョン {revision} で、この welfare-tui より新しい版です: welfare-tui を更新してください",
            "the database is at revision {revision}, newer than this welfare-tui knows: upgrade welfare-tui",
        ),
        "storage.not_sqlite": (
            "SQLite のデータベースファイルではありません",
            "the file is not an SQLite database",
        ),
    }
)

MESSAGES.update(
    {
        # storage/maintenance.py: db backup
        "storage.backup_is_database": (
            "{target} はデータベースそのものです: 別の保存先を選んでください",
            "{target} is the database itself: choose another destination",
        ),
        "storage.backup_cannot_write": (
            "{where} にバックアップを書けません: {detail}",
            "cannot write the backup to {where}: {detail}",
        ),
        "storage.backup_not_directory": (
            "バックアップを書けません: {directory} はフォルダではありません",
            "cannot write the backup: {directory} is not a directory",
        ),
        "storage.backup_cannot_create": (
            "{directory} を作成できません: {detail}",
            "cannot create {directory}: {detail}",
        ),
        "storage.backup_failed": (
            "{source} をバックアップできません: {detail}",
            "cannot back up {source}: {detail}",
        ),
    }
)
