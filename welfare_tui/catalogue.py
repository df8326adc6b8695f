"""The agency catalogue (関係機関カタログ, domain.md §6) as plain data.

Kept in Python rather than YAML so that the first migration can seed it without a parser and so that
other modules (demo data, agendas) can refer to ids that a test proves exist. Municipalities add
their own local agencies in the database; this tuple never changes at run time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CatalogueAgency:
    id: str
    """ASCII slug, the stable reference used in documents and the ecomap."""
    name: str
    short: str
    name_en: str
    sector: str
    """One of `domain.SECTORS`; drives the colour of the agency in the ecomap legend."""
    formal: bool
    """False for informal supports (family, neighbours, NPOs), drawn differently in the ecomap."""
    note: str
    reading: str
    """How the name (and common other names) are read, in hiragana, words separated by spaces: the
    agency picker finds an agency by its reading typed in kana or romaji (views/agency_search.py)."""


def _a(
    id: str, name: str, short: str, name_en: str, sector: str, note: str = "", formal: bool = True
) -> CatalogueAgency:
    return CatalogueAgency(id, name, short, name_en, sector, formal, note, READINGS[id])


# Kept beside the catalogue rather than in each entry so the entries stay one line of facts each.
READINGS: dict[str, str] = {
    "city_welfare": "しふくしたんとうか しふくしか",
    "takikan": "たきかんきょうどうじぎょうしゃ",
    "houkatsu": "ちいきほうかつしえんせんたー",
    "caremanager": "きょたくかいごしえんじぎょうしょ けあまね",
    "kaigo_service": "かいごさーびすじぎょうしょ へるぱー",
    "kikan_soudan": "きかんそうだんしえんせんたー",
    "soudan_shien": "していとくていそうだんしえんじぎょうしょ",
    "shogai_service": "しょうがいふくしさーびすじぎょうしょ",
    "nakapotsu": "しょうがいしゃしゅうぎょうせいかつしえんせんたー なかぽつ",
    "jiritsu_soudan": "せいかつこんきゅうしゃじりつそうだんしえんきかん",
    "seiho": "ふくしじむしょ せいかつほご せいほ",
    "kodomo_katei": "こどもかていせんたー",
    "riyousha_shien": "りようしゃしえんじぎょうのじっしきかん",
    "yotaikyo": "ようほごじどうたいさくちいききょうぎかい ようたいきょう",
    "jisou": "じどうそうだんじょ じそう",
    "hoikusho": "ほいくしょ ようちえん にんていこどもえん えん",
    "school": "がっこう",
    "ssw": "すくーるそーしゃるわーかー",
    "sc": "すくーるかうんせらー",
    "hoken_center": "しちょうそんほけんせんたー ほけんせんたー",
    "hokenjo": "ほけんじょ せいしんほけんふくしせんたー",
    "hikikomori_center": "ひきこもりちいきしえんせんたー",
    "hospital": "いりょうきかん びょういん",
    "houmon_kango": "ほうもんかんごすてーしょん ほうかん",
    "shakyo": "しゃかいふくしきょうぎかい しゃきょう",
    "nichiji": "にちじょうせいかつじりつしえんじぎょう せいねんこうけん にちじ",
    "minsei_iin": "みんせいいいん じどういいん",
    "hellowork": "はろーわーく",
    "saposute": "ちいきわかものさぽーとすてーしょん さぽすて",
    "police": "けいさつしょ けいさつ",
    "fire": "しょうぼう",
    "kokusai": "こくさいこうりゅうきょうかい たぶんかきょうせいせんたー",
    "houterasu": "ほうてらす",
    "hogoshi": "ほごし",
    "jichikai": "じちかい ちょうないかい",
    "kinrin": "きんりんじゅうみん",
    "family": "かぞく しんぞく ゆうじん",
    "npo": "とうじしゃかい えぬぴーおー こどもしょくどう",
    "kankyo": "せいそう かんきょうぶしょ かんきょうか",
    "ooya": "おおや ふどうさん",
}


CATALOGUE: tuple[CatalogueAgency, ...] = (
    _a(
        "city_welfare",
        "市 福祉担当課",
        "市福祉課",
        "Municipal welfare dept. (重層 coordinator)",
        "行政",
        "支援会議を招集する。要綱上の会長は担当課長",
    ),
    _a(
        "takikan",
        "多機関協働事業者",
        "多機関",
        "Multi-agency collaboration provider",
        "重層",
        "重層的支援会議を招集する",
    ),
    _a(
        "houkatsu",
        "地域包括支援センター",
        "包括",
        "Community General Support Center (elderly)",
        "高齢",
        "保健師・社会福祉士・主任介護支援専門員の3職種",
    ),
    _a("caremanager", "居宅介護支援事業所", "ケアマネ", "Care manager", "高齢", "介護支援専門員（CM）"),
    _a(
        "kaigo_service",
        "介護サービス事業所",
        "ヘルパー",
        "Home-help / day service",
        "高齢",
        "訪問介護・通所介護",
    ),
    _a(
        "kikan_soudan",
        "基幹相談支援センター",
        "基幹",
        "Core Consultation Support Center (disability)",
        "障害",
        "障害者総合支援法第77条の2",
    ),
    _a(
        "soudan_shien",
        "指定特定相談支援事業所",
        "相談支援",
        "Disability consultation support office",
        "障害",
        "相談支援専門員がサービス等利用計画を作成",
    ),
    _a(
        "shogai_service",
        "障害福祉サービス事業所",
        "事業所",
        "Disability service provider",
        "障害",
        "就労継続支援B型 等",
    ),
    _a("nakapotsu", "障害者就業・生活支援センター", "なかぽつ", "Employment & life support center", "就労"),
    _a(
        "jiritsu_soudan",
        "生活困窮者自立相談支援機関",
        "自立相談",
        "Self-reliance consultation (poverty)",
        "困窮",
    ),
    _a(
        "seiho",
        "福祉事務所 生活保護",
        "生保",
        "Welfare office, public-assistance caseworker",
        "困窮",
        "生活保護担当ケースワーカー（CW）",
    ),
    _a(
        "kodomo_katei",
        "こども家庭センター",
        "こども家庭C",
        "Children & Family Center",
        "子ども",
        "2024年4月から。サポートプランを作成",
    ),
    _a("riyousha_shien", "利用者支援事業の実施機関", "利用者支援", "Child-care user support", "子ども"),
    _a(
        "yotaikyo",
        "要保護児童対策地域協議会",
        "要対協",
        "Regional council for children requiring protection",
        "子ども",
        "児童福祉法第25条の5による守秘義務",
    ),
    _a("jisou", "児童相談所", "児相", "Child guidance center (prefectural)", "子ども"),
    _a("hoikusho", "保育所・幼稚園・認定こども園", "園", "Nursery / kindergarten", "子ども"),
    _a("school", "学校", "学校", "School / board of education", "教育", "担任・養護教諭、教育委員会"),
    _a(
        "ssw",
        "スクールソーシャルワーカー",
        "SSW",
        "School social worker",
        "教育",
        "学校教育法施行規則第65条の4（福祉に関する支援）",
    ),
    _a(
        "sc",
        "スクールカウンセラー",
        "SC",
        "School counselor",
        "教育",
        "学校教育法施行規則第65条の3（心理）。生活支援コーディネーターの「SC」と区別する",
    ),
    _a("hoken_center", "市町村保健センター", "保健C", "Municipal health center", "保健", "保健師"),
    _a(
        "hokenjo",
        "保健所・精神保健福祉センター",
        "保健所",
        "Public health center / mental health center",
        "保健",
    ),
    _a(
        "hikikomori_center",
        "ひきこもり地域支援センター",
        "ひきこもりC",
        "Hikikomori regional support center",
        "保健",
        "都道府県ごとに設置",
    ),
    _a(
        "hospital",
        "医療機関",
        "病院",
        "Hospital / physician / medical social worker",
        "医療",
        "主治医・MSW・精神科",
    ),
    _a("houmon_kango", "訪問看護ステーション", "訪看", "Home-visit nursing", "医療"),
    _a("shakyo", "社会福祉協議会", "社協", "Council of Social Welfare", "地域福祉", "社会福祉法第109条"),
    _a(
        "nichiji",
        "日常生活自立支援事業/成年後見",
        "日自",
        "Daily-life self-reliance / guardianship",
        "権利擁護",
        "社協の日常生活自立支援事業、成年後見の中核機関",
    ),
    _a(
        "minsei_iin",
        "民生委員・児童委員",
        "民生委員",
        "Commissioned welfare volunteers",
        "地域",
        "厚生労働大臣委嘱、任期3年、民生委員法の守秘義務",
    ),
    _a("hellowork", "ハローワーク", "HW", "Public employment office", "就労", "公共職業安定所"),
    _a("saposute", "地域若者サポートステーション", "サポステ", "Youth support station", "就労"),
    _a("police", "警察署", "警察", "Police", "安全", "生活安全課。要対協の構成員"),
    _a("fire", "消防", "消防", "Fire dept.", "安全"),
    _a(
        "kokusai",
        "国際交流協会 / 多文化共生センター",
        "国際交流",
        "International association / multicultural center",
        "外国人",
        "多文化ソーシャルワーカー、多言語相談",
    ),
    _a("houterasu", "法テラス", "法テラス", "Legal support", "法律", "弁護士・司法書士"),
    _a("hogoshi", "保護司", "保護司", "Volunteer probation officer", "更生"),
    _a(
        "jichikai",
        "自治会・町内会",
        "自治会",
        "Neighbourhood association",
        "インフォーマル",
        "区長を含む",
        formal=False,
    ),
    _a("kinrin", "近隣住民", "近隣", "Neighbours", "インフォーマル", formal=False),
    _a("family", "家族・親族・友人", "家族", "Family / friends", "インフォーマル", formal=False),
    _a(
        "npo",
        "当事者会・NPO・子ども食堂",
        "NPO",
        "Peer groups, NPOs",
        "インフォーマル",
        "家族会・ボランティアを含む",
        formal=False,
    ),
    _a("kankyo", "清掃・環境部署", "環境課", "Sanitation dept.", "生活環境", "ごみ屋敷への対応"),
    _a("ooya", "大家・不動産", "大家", "Landlord / estate agent", "生活環境", formal=False),
)

CATALOGUE_BY_ID: dict[str, CatalogueAgency] = {agency.id: agency for agency in CATALOGUE}
