"""Which fields each kind of row has on screen, in table-column order.

The kinds are those of the repository's generic item functions (storage/repo.py).
"""

from __future__ import annotations

from welfare_tui import domain
from welfare_tui.views.fields import Field

YES_NO = {"true": "はい", "false": "いいえ"}

ITEM_FIELDS: dict[str, tuple[Field, ...]] = {
    "member": (
        Field("relation", "続柄", placeholder="本人・母・長男…", required=True, width=8),
        Field("name", "氏名", width=12),
        Field("kana", "ふりがな", width=12),
        Field("sex", "性別", "select", domain.SEX, width=4),
        Field("birth_date", "生年月日", "date", width=10),
        Field("index_person", "本人", "bool", width=4),
        Field("key_person", "キーパーソン", "bool", width=6),
        Field("cohabiting", "同居", "bool", width=4),
        Field("deceased", "死亡", "bool", width=4),
        Field("note", "備考", width=16),
    ),
    "attendee": (
        Field("agency_id", "所属機関", "agency", width=14),
        Field("department", "部署", width=10),
        Field("role", "職種・役割", placeholder="社会福祉士・保健師…", width=10),
        Field("name", "氏名", required=True, width=10),
        Field("attendance", "出欠", "select", domain.ATTENDANCE, width=8),
    ),
    "shared_info": (
        Field("agency_id", "機関", "agency", required=True, width=14),
        Field("content", "情報・関わりの状況", "textarea", required=True, width=50),
    ),
    "tie": (
        Field("to_node", "相手（機関・人）", "agency", required=True, width=12),
        Field("strength", "強さ", "select", domain.TIE_STRENGTH, required=True, width=4),
        Field("stressful", "ストレス", "bool", width=8),
        Field("flow", "支援の向き", "select", domain.TIE_FLOW, required=True, width=8),
        Field("label", "内容", placeholder="週2回訪問", width=12),
    ),
    "assessment": (
        Field("kind", "種別", "select", domain.ASSESSMENT_KIND, required=True, width=8),
        Field("text", "内容", "textarea", required=True, width=36),
        Field("priority", "優先度", "int", width=4),
        Field("urgency", "緊急度", "select", domain.URGENCY, width=4),
    ),
    "goal": (
        Field("term", "期間", "select", domain.GOAL_TERM, required=True, width=8),
        Field("text", "目標", "textarea", required=True, width=44),
    ),
    "role": (
        Field("task", "役割・支援内容", required=True, width=22),
        Field("agency_id", "担当機関", "agency", width=12),
        Field("person", "担当者", width=8),
        Field("due_date", "期限", "date", width=10),
        Field("status", "状況", "select", domain.ROLE_STATUS, width=6),
    ),
    "monitoring": (
        Field("date", "モニタリング日", "date", required=True, width=10),
        Field("what", "確認すること", required=True, width=40),
    ),
}

# Values a new row starts with (so the common case is one keystroke away).
ITEM_DEFAULTS: dict[str, dict[str, object]] = {
    "member": {"sex": "unknown", "cohabiting": True},
    "attendee": {"attendance": "present"},
    "tie": {"strength": "normal", "flow": "to_household", "stressful": False},
    "assessment": {"kind": "issue", "urgency": "medium"},
    "goal": {"term": "short"},
    "role": {"status": "open"},
}

ITEM_TITLES = {
    "member": "世帯員",
    "attendee": "出席者",
    "shared_info": "機関からの情報",
    "tie": "つながり",
    "assessment": "課題・ストレングス・リスク",
    "goal": "目標",
    "role": "役割",
    "monitoring": "モニタリング",
}
