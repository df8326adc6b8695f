"""Vocabulary of the domain (domain.md): meeting types, statuses and their Japanese labels.

Plain data, importable anywhere at no cost. Values stored in the database and in YAML are the
ASCII keys; labels are for screens and minutes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MeetingType:
    """A kind of meeting and the law it rests on (domain.md §1.2, §13.1).

    `secrecy` names the provision that binds the meeting's business to secrecy ("" when only a 要綱 or
    the members' own duties do); such a meeting may share information without the person's consent
    (法令に基づく場合), and its minutes carry `notice`. A type resting on a 要綱 needs consent and names
    in `without_consent` the statutory meeting to hold instead. `statement` is the version of the text
    read aloud at the confidentiality step today (STATEMENTS holds every version ever read)."""

    key: str
    label: str
    label_en: str
    legal_basis: str
    secrecy: str = ""
    statement: str = "generic_v1"
    notice: str = ""
    without_consent: str = ""

    @property
    def needs_consent(self) -> bool:
        return bool(self.without_consent)


# Minutes of a statutory meeting open with its notice: what the minutes are, and who is bound to secrecy.
# Where domain.md asks to verify an article's wording (介護保険法, 生活保護法), the notice names the article
# and does not quote it.
MEETING_TYPES: dict[str, MeetingType] = {
    t.key: t
    for t in (
        MeetingType(
            "shien_kaigi",
            "支援会議",
            "Support Meeting",
            "社会福祉法第106条の6",
            secrecy="社会福祉法第106条の6第5項",
            statement="106-6-5_v2",
            notice="本会議録は社会福祉法第106条の6に基づく支援会議の記録であり、非公開とする。"
            "会議の事務に従事する者又は従事していた者は、正当な理由なく、会議の事務に関して知り得た秘密を"
            "漏らしてはならない（同条第5項）。",
        ),
        MeetingType(
            "juso_shien_kaigi",
            "重層的支援会議",
            "Multi-layered Support Meeting",
            "重層的支援体制整備事業実施要綱",
            statement="consent_scope_v1",
            without_consent="shien_kaigi",
        ),
        MeetingType(
            "yotaikyo_kobetsu",
            "要対協個別ケース検討会議",
            "Individual case review meeting",
            "児童福祉法第25条の2",
            secrecy="児童福祉法第25条の5",
            statement="jifuku-25-5_v1",
            notice="本会議録は児童福祉法第25条の2に基づく要保護児童対策地域協議会の個別ケース検討会議の記録であり、"
            "非公開とする。協議会を構成する関係機関等の職員等及びその職にあった者は、正当な理由なく、"
            "協議会の職務に関して知り得た秘密を漏らしてはならない（児童福祉法第25条の5）。",
        ),
        MeetingType(
            "konkyu_shien_kaigi",
            "生活困窮者支援会議",
            "Support Meeting for Needy Persons",
            "生活困窮者自立支援法第9条",
            secrecy="生活困窮者自立支援法第9条第5項",
            statement="konkyu-9-5_v1",
            notice="本会議録は生活困窮者自立支援法第9条に基づく支援会議の記録であり、非公開とする。"
            "支援会議の事務に従事する者又は従事していた者は、正当な理由なく、支援会議の事務に関して"
            "知り得た秘密を漏らしてはならない（同条第5項）。",
        ),
        MeetingType(
            "shien_chosei",
            "支援調整会議",
            "Support Coordination Meeting",
            "支援調整会議設置要綱",
            without_consent="konkyu_shien_kaigi",
        ),
        MeetingType(
            "seiho_chosei_kaigi",
            "生活保護調整会議",
            "Public Assistance Coordination Meeting",
            "生活保護法第27条の3",
            secrecy="生活保護法第27条の3",
            statement="seiho-27-3_v1",
            notice="本会議録は生活保護法第27条の3に基づく調整会議の記録であり、非公開とする。"
            "会議の事務に関して知り得た秘密には、同条の守秘義務が課される。",
        ),
        MeetingType(
            "chiiki_care_kobetsu",
            "地域ケア個別会議",
            "Community care (individual) meeting",
            "介護保険法第115条の48",
            secrecy="介護保険法第115条の48",
            statement="kaigo-115-48_v1",
            notice="本会議録は介護保険法第115条の48に基づく地域ケア会議（個別ケース）の記録であり、非公開とする。"
            "会議の事務に関して知り得た秘密には、同条の守秘義務が課される。",
        ),
        MeetingType("other", "その他の会議", "Other meeting", ""),
    )
}

CONSENT_STATUS = {"none": "なし", "oral": "口頭", "written": "書面"}
CASE_STATUS = {
    "intake": "受付",
    "shien_kaigi": "支援会議段階",
    "planning": "アセスメント・プラン案",
    "decided": "支援決定",
    "support": "支援実施・モニタリング",
    "handed_over": "引継ぎ",
    "closed": "終結",
    "suspended": "中断",
}
# For narrow table columns (80×24): the same states in at most four characters.
CASE_STATUS_SHORT = {
    "intake": "受付",
    "shien_kaigi": "支援会議",
    "planning": "プラン案",
    "decided": "支援決定",
    "support": "支援実施",
    "handed_over": "引継ぎ",
    "closed": "終結",
    "suspended": "中断",
}
MEETING_STATUS = {"planned": "予定", "in_progress": "進行中", "finished": "終了"}
MEETING_MODE = {"in_person": "対面", "online": "オンライン", "hybrid": "ハイブリッド"}
ATTENDANCE = {"present": "出席", "online": "オンライン", "written": "書面", "absent": "欠席"}
MATERIALS = {"collected": "回収", "retained_by_members": "各機関保管", "digital_only": "電子のみ"}
SEX = {"male": "男", "female": "女", "unknown": "不明"}

TIE_STRENGTH = {"strong": "強い", "normal": "普通", "weak": "弱い"}
TIE_FLOW = {"to_household": "世帯へ", "from_household": "世帯から", "both": "相互", "none": "なし"}
ASSESSMENT_KIND = {"issue": "課題", "strength": "ストレングス", "risk": "リスク"}
URGENCY = {"high": "高", "medium": "中", "low": "低"}
# The range of every number a meeting holds: the document schema, import and the repository check
# against these, so no number too large for the database (or for sense) gets in by any path.
NUMBER_RANGE = {
    "round": (1, 9999),
    "priority": (0, 999),
    "minutes": (0, 1440),
    "seconds": (0, 10_000_000),
    "capacity": (0, 100_000),  # places a 地域資源 offers
}
GOAL_TERM = {"long": "長期目標", "short": "短期目標"}
ROLE_STATUS = {"open": "未了", "done": "完了", "continue": "継続", "revise": "見直し", "dropped": "取りやめ"}
EVALUATION_DECISION = {"continue": "継続", "revise": "プラン見直し", "close": "終結", "suspend": "中断"}

# The case's life (domain.md §13; the rules are case_lifecycle.py's). A decision a meeting records:
CASE_DECISION = {
    "continue": "継続",
    "plan_review": "プラン見直し",
    "approve": "支援決定",
    "hand_over": "引継ぎ",
    "close": "終結",
    "suspend": "中断",
}
# What an event of the stage history is: the case opened, a stage changed by hand, a meeting's
# decision, a reopening, the person's consent withdrawn or obtained.
STAGE_EVENT = {
    "opened": "開始",
    "transition": "段階の変更",
    "decision": "会議の決定",
    "reopen": "再開",
    "withdrawal": "同意の撤回",
    "consent": "同意の取得",
}
# The default closure reasons (config.toml `closure_reasons` may offer others).
CLOSURE_REASON = {
    "goal_achieved": "目標達成",
    "handover": "主担当機関へ引継ぎ",
    "other_system": "他制度へ移行",
    "moved": "転出",
    "died": "死亡",
    "refused": "本人拒否・連絡途絶",
    "other": "その他",
}
# つなぎ受付 (domain.md §13.3): how the consultation came, the consent variant of the form, its outcome.
INTAKE_ROUTE = {
    "self_family": "本人・家族",
    "agency": "関係機関",
    "resident": "地域住民",
    "outreach": "アウトリーチ",
}
INTAKE_CONSENT = {"yes": "同意あり", "no": "同意なし"}
INTAKE_OUTCOME = {
    "open": "未対応",
    "accepted": "受理してケース化",
    "referred": "他の窓口・制度へつなぎ",
    "closed": "相談・情報提供のみで終了",
}
# 支援プラン (domain.md §13.4): a version's status, and the evaluation of one goal.
PLAN_STATUS = {"draft": "案", "approved": "承認済み", "superseded": "旧版"}
GOAL_RESULT = {"achieved": "達成", "partial": "一部達成", "not_achieved": "未達成", "cancelled": "中止"}

# Between meetings (domain.md §13.5–13.7): a contact of the 支援経過 / アウトリーチ log (how, and whom it
# reached: 面会 is `person`), the 地域資源 register, a 参加支援 match's state, an unmet need's category.
CONTACT_MODE = {
    "visit": "訪問",
    "phone": "電話",
    "letter": "手紙",
    "accompany": "同行",
    "office": "来所",
    "online": "オンライン",
}
CONTACT_WHOM = {"person": "本人", "family": "家族のみ", "absent": "不在", "refused": "拒否"}
RESOURCE_CATEGORY = {
    "ibasho": "居場所",
    "salon": "サロン",
    "kodomo_shokudo": "子ども食堂",
    "work_experience": "就労体験先",
    "consultation": "相談窓口",
    "volunteer": "ボランティア活動",
    "other": "その他",
}
RESOURCE_SECTOR = {"kaigo": "介護", "shogai": "障害", "kodomo": "こども", "konkyu": "困窮", "cross": "横断"}
MATCH_STATE = {"proposed": "提案", "started": "利用開始", "settled": "定着", "ended": "終了"}
NEED_CATEGORY = {
    "ibasho": "居場所",
    "work": "就労",
    "income": "経済",
    "housing": "住まい",
    "mobility": "移動",
    "care": "介護",
    "childcare": "子育て",
    "health": "健康・医療",
    "language": "言語・通訳",
    "other": "その他",
}

# 複合課題 (domain.md §7): the tags offered in the case form, with help text.
ISSUE_TAGS: dict[str, str] = {
    "8050": "80代の親が50代の子の生活を支える世帯（ひきこもりを伴うことが多い）",
    "ひきこもり": "社会参加を避け、おおむね6か月以上家庭にとどまっている状態",
    "ダブルケア": "子育てと親・親族の介護を同時に担っている状態",
    "ヤングケアラー": "本来大人が担う家事や家族の世話を日常的に行っている子ども・若者",
    "ごみ屋敷": "ごみが積み上げられ放置された建物・土地",
    "セルフネグレクト": "生活に必要な衛生・住環境・健康行動を放任している状態",
    "外国人世帯": "外国籍・外国にルーツのある世帯（言語・在留資格の課題）",
    "生活困窮": "経済的に困窮し、最低限度の生活を維持できなくなるおそれがある",
    "DV": "配偶者等からの暴力",
    "虐待": "児童・高齢者・障害者への虐待",
    "障害": "身体・知的・精神（発達を含む）の障害",
    "精神疾患": "精神疾患・メンタルヘルスの課題",
    "依存症": "アルコール・ギャンブル・薬物等への依存",
    "債務": "多重債務・滞納",
}

INFORMAL_SECTOR = "インフォーマル"
SECTORS = (
    "行政",
    "重層",
    "高齢",
    "障害",
    "困窮",
    "子ども",
    "教育",
    "保健",
    "医療",
    "地域福祉",
    "権利擁護",
    "地域",
    "就労",
    "安全",
    "外国人",
    "法律",
    "更生",
    "インフォーマル",
    "生活環境",
)

# Read aloud at the confidentiality step, by version: the version is recorded with the confirmation
# (domain.md §4), and a meeting confirmed with an older version still shows the text that was read.
STATEMENTS: dict[str, str] = {
    "106-6-5_v1": "本会議は社会福祉法第106条の6に基づく支援会議である。構成員は、正当な理由なく、"
    "会議の事務に関して知り得た秘密を漏らしてはならない（同条第5項）。会議及び資料は非公開とする。",
    # v2: the duty binds everyone who is or was engaged in the meeting's business, not only members.
    "106-6-5_v2": "本会議は社会福祉法第106条の6に基づく支援会議である。会議の事務に従事する者又は従事していた者は、"
    "正当な理由なく、会議の事務に関して知り得た秘密を漏らしてはならない（同条第5項）。"
    "会議及び資料は非公開とする。",
    "consent_scope_v1": "本会議は重層的支援会議である。本人の同意の範囲内で情報を共有し、"
    "構成員は会議で知り得た秘密を漏らしてはならない。会議及び資料は非公開とする。",
    "jifuku-25-5_v1": "本会議は児童福祉法第25条の2に基づく要保護児童対策地域協議会の個別ケース検討会議である。"
    "協議会を構成する関係機関等の職員等及びその職にあった者は、正当な理由なく、協議会の職務に関して"
    "知り得た秘密を漏らしてはならない（同法第25条の5）。会議及び資料は非公開とする。",
    "konkyu-9-5_v1": "本会議は生活困窮者自立支援法第9条に基づく支援会議である。支援会議の事務に従事する者又は"
    "従事していた者は、正当な理由なく、支援会議の事務に関して知り得た秘密を漏らしてはならない（同条第5項）。"
    "会議及び資料は非公開とする。",
    "seiho-27-3_v1": "本会議は生活保護法第27条の3に基づく調整会議である。会議の事務に関して知り得た秘密には"
    "同条の守秘義務が課され、正当な理由なく漏らしてはならない。会議及び資料は非公開とする。",
    "kaigo-115-48_v1": "本会議は介護保険法第115条の48に基づく地域ケア会議である。会議の事務に関して知り得た"
    "秘密には同条の守秘義務が課され、正当な理由なく漏らしてはならない。会議及び資料は非公開とする。",
    "generic_v1": "構成員は、会議で知り得た秘密を漏らしてはならない。会議及び資料は非公開とする。",
}


def confidentiality_statement(meeting_type: str) -> tuple[str, str]:
    """(version, text) of the statement read today at the confidentiality step for this meeting type."""
    kind = MEETING_TYPES.get(meeting_type)
    version = kind.statement if kind is not None else "generic_v1"
    return version, STATEMENTS[version]


def statement_shown(meeting_type: str, recorded: str) -> str:
    """The statement version a meeting's confidentiality step shows: the one recorded with its
    confirmation when known, otherwise today's for its type."""
    return recorded if recorded in STATEMENTS else confidentiality_statement(meeting_type)[0]
