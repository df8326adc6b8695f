"""Messages of the work between meetings in documents (meeting document version 3: contacts, matches,
unmet needs, the resources map) and of the resource register file (storage/resource_file.py)."""

MESSAGES = {
    # storage/resource_file.py: FILE:LINE: FIELD: message
    "between_doc.resources.not_list": ("資源の一覧（リスト）が必要です", "expected a list of resources"),
    "between_doc.resources.not_mapping": (
        "「キー: 値」の対応表（資源ひとつ）が必要です",
        "expected a mapping (one resource)",
    ),
    "between_doc.resources.bad_id": (
        "資源の ID {value} は使えません（英小文字・数字・_・- で、英小文字か数字で始まる）",
        "resource id {value} is not allowed (lower-case letters, digits, _ and -; a letter or digit first)",
    ),
    "between_doc.resources.id_twice": (
        "ID {value} は {first} と同じです",
        "id {value} is the same as {first}'s",
    ),
    "between_doc.resources.name_twice": (
        "名称 {value} は {first} と同じです",
        "name {value} is the same as {first}'s",
    ),
    # storage/document_between*.py: FIELD: message
    "between_doc.doc.unknown_resource": (
        "{path}: 資源 {id} はこの文書の resources にもデータベースにもありません",
        "{path}: resource {id} is neither in this document's resources nor in the database",
    ),
    "between_doc.doc.other_case": (
        "{path}: この記録（{uid}）はケース {owner} のものです（この文書はケース {code}）",
        "{path}: this record ({uid}) belongs to case {owner} (this document is case {code})",
    ),
    "between_doc.doc.uid_twice": (
        "{path}: uid {uid} が二度出てきます",
        "{path}: uid {uid} appears twice",
    ),
    # minutes/markdown_between.py
    "between_doc.minutes.needs_intro": (
        "地域課題（この世帯の必要に応える資源がないもの）：",
        "Unmet needs (no resource of the town meets them):",
    ),
    "between_doc.minutes.needs": ("地域課題", "Unmet needs"),
    "between_doc.minutes.category": ("分類", "Category"),
    "between_doc.minutes.sector": ("分野", "Sector"),
    "between_doc.minutes.member": ("対象", "Member"),
    "between_doc.minutes.text": ("内容", "Need"),
}
