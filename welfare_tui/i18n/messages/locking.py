"""Messages of optimistic locking (errors.Conflict, storage/repo.py): another session saved first."""

MESSAGES: dict[str, tuple[str, str]] = {
    "locking.fields": (
        "{table} は他の人が先に保存しました（{fields}）。残す内容を選んでください",
        "someone else saved this {table} first ({fields}); choose which to keep",
    ),
    "locking.field": ("{name}: 相手 {theirs}、あなた {yours}", "{name}: theirs {theirs}, yours {yours}"),
    "locking.concurrent": (
        "{table} は同時に別の保存がありました。もう一度保存してください",
        "someone else saved this {table} at the same moment: save again",
    ),
    "locking.concurrent_change": (
        "別の画面・端末での変更と同時になったため、何も保存していません。読み込み直してからもう一度実行してください",
        "this clashed with a change made elsewhere at the same moment; nothing was saved: read it again and retry",
    ),
    "locking.changed_before_delete": (
        "この {table} は読み込んだ後に他の人が変更しました。内容を確かめてから削除してください",
        "someone else changed this {table} after you read it: check it before deleting",
    ),
    "locking.duplicate": (
        (
            "同じ記録（同じケース番号や会議ID）が同時に別のプログラムから保存されました。何も保存していません。"
            "もう一度実行してください"
        ),
        (
            "another program saved the same record (the same case code or meeting uid) at the same moment; "
            "nothing was saved: run it again"
        ),
    ),
    "locking.still_unsaved": (
        "変更はまだ保存されていません。もう一度保存するときに確認します",
        "Your changes are not saved yet; you will be asked again when you save",
    ),
    "locking.took_theirs_saved_rest": (
        "相手の内容を採用し、ほかの項目の変更を保存しました",
        "Took the other change and saved your other fields",
    ),
    # What the messages call each record (Conflict.table: a table, or a kind of row of storage/repo.py)
    "locking.record.case": ("ケース", "case"),
    "locking.record.meeting": ("会議", "meeting"),
    "locking.record.step_state": ("議事のメモ", "step"),
    "locking.record.member": ("世帯員", "household member"),
    "locking.record.attendee": ("出席者", "attendee"),
    "locking.record.shared_info": ("共有情報", "shared information"),
    "locking.record.tie": ("エコマップの関係", "ecomap tie"),
    "locking.record.assessment": ("アセスメント項目", "assessment item"),
    "locking.record.goal": ("目標", "goal"),
    "locking.record.role": ("役割分担", "role"),
    "locking.record.monitoring": ("モニタリング", "monitoring item"),
}
