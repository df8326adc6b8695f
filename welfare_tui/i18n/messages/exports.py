"""Messages of the exported minutes (Markdown, CSV, iCalendar, SVG) beyond the headings and columns of
`minutes.py`: fixed phrases, labels of the case summary and the ecomap table, sectors, the
confidentiality notice, and English dates for `--era`.

The Japanese texts are exactly the ones the minutes printed before they went through i18n:
Japanese minutes stay byte-identical (the golden files in tests/data/ check it).
"""

from welfare_tui import domain

# Sector names of the agency catalogue (Japanese, as stored) → (message key, English).
SECTORS: dict[str, tuple[str, str]] = {
    "高齢": ("elderly", "Elderly care"),
    "障害": ("disability", "Disability"),
    "子ども": ("children", "Children"),
    "困窮": ("poverty", "Financial hardship"),
    "医療": ("medical", "Medical"),
    "教育": ("education", "Education"),
    "地域": ("community", "Community"),
    "インフォーマル": ("informal", "Informal"),
    "保健": ("health", "Public health"),
    "地域福祉": ("community_welfare", "Community welfare"),
    "権利擁護": ("advocacy", "Advocacy"),
    "就労": ("employment", "Employment"),
    "外国人": ("foreign_residents", "Foreign residents"),
    "生活環境": ("living_environment", "Living environment"),
    "安全": ("safety", "Safety"),
    "法律": ("legal", "Legal"),
    "更生": ("rehabilitation", "Rehabilitation"),
    "行政": ("administration", "Administration"),
    "重層": ("multi_layered", "Multi-layered support"),
}

# English names of the laws the meeting types rest on (domain.MEETING_TYPES[...].legal_basis).
LEGAL_BASIS_EN: dict[str, str] = {
    "shien_kaigi": "Social Welfare Act, Article 106-6",
    "juso_shien_kaigi": "Guidelines of the Multi-layered Support System Project",
    "yotaikyo_kobetsu": "Child Welfare Act, Article 25-2",
    "konkyu_shien_kaigi": "Act on Self-Reliance Support for Needy Persons, Article 9",
    "shien_chosei": "Municipal guidelines for the support coordination meeting",
    "seiho_chosei_kaigi": "Public Assistance Act, Article 27-3",
    "chiiki_care_kobetsu": "Long-Term Care Insurance Act, Article 115-48",
}

MESSAGES: dict[str, tuple[str, str]] = {
    # What each export format holds (minutes/formats.py): `export --help` and the README's table.
    "export.format.md": ("会議録（回覧・保存用）", "minutes to circulate"),
    "export.format.yaml": ("全データ（再インポート可）", "full data, re-importable"),
    "export.format.csv": ("役割分担とモニタリング（Excel用）", "roles and monitoring for Excel"),
    "export.format.ics": ("ToDoと予定（Outlook用）", "to-dos and events for Outlook"),
    "export.format.svg": ("エコマップ（A4）", "the ecomap on an A4 page"),
    "export.format.plan": (
        "支援プランシート（その会議時点のプラン）",
        "the support plan sheet as of the meeting",
    ),
    "export.round": ("第{round}回", "Round {round}"),
    "export.place_mode": ("{place}（{mode}）", "{place} ({mode})"),
    "export.time_range": ("{start}〜{end}", "{start}–{end}"),
    # Lists are joined pairwise through these (a separator alone would be no message)
    "export.join": ("{before}、{after}", "{before}, {after}"),
    "export.yes": ("はい", "Yes"),
    "export.no": ("いいえ", "No"),
    "export.with_detail": ("{text}（{detail}）", "{text} ({detail})"),
    # Case summary
    "export.case.code": ("ケース番号", "Case number"),
    "export.case.status": ("ケースの段階", "Case stage"),
    "export.case.tags": ("複合課題", "Issues"),
    "export.case.referral_route": ("相談経路", "Referred by"),
    "export.case.lead_agency": ("主担当機関", "Lead agency"),
    "export.case.key_person": ("キーパーソン", "Key person"),
    "export.case.address": ("住所", "Address"),
    "export.case.phone": ("電話番号", "Phone"),
    "export.case.consent": ("本人同意", "Consent"),
    # Household
    "export.household.index_person": ("本人", "index person"),
    "export.household.key_person": ("キーパーソン", "key person"),
    "export.household.marks": ("{relation}（{marks}）", "{relation} ({marks})"),
    "export.household.join": ("{before}・{after}", "{before}, {after}"),
    "export.household.kana": ("{name}（{kana}）", "{name} ({kana})"),
    "export.household.deceased": ("故人", "Deceased"),
    "export.household.cohabiting": ("同居", "Together"),
    "export.household.apart": ("別居", "Apart"),
    "export.household.birth_year": ("{year}年", "{year}"),
    "export.household.age": ("{born}（{age}歳）", "{born} (age {age})"),
    # Information from each agency
    "export.no_agency": ("（機関未記入）", "(agency not given)"),
    # Ecomap section
    "export.ecomap.legend": (
        "凡例: 太線 強い ／ 実線 普通 ／ 点線 弱い ／ 赤線と⚡ ストレス ／ 矢印 支援の向き ／ ★ 前回から変化",
        (
            "Legend: thick line strong / solid line normal / dotted line weak / red line and ⚡ stressful / "
            "arrow flow of support / ★ changed since the last meeting"
        ),
    ),
    "export.ecomap.col.other": ("相手", "With"),
    "export.ecomap.col.sector": ("分野", "Sector"),
    "export.ecomap.col.strength": ("強さ", "Strength"),
    "export.ecomap.col.stress": ("ストレス", "Stress"),
    "export.ecomap.col.flow": ("支援の向き", "Flow of support"),
    "export.ecomap.col.caption": ("内容", "Detail"),
    "export.ecomap.stressful": ("⚡ あり", "⚡ yes"),
    "export.ecomap.changes": (
        "前回（第{round}回 {date}）からの変化",
        "Changes since the last meeting (round {round}, {date})",
    ),
    "export.ecomap.no_change": ("変化なし", "No change"),
    "export.ecomap.household": ("世帯", "Household"),
    # Consent and confidentiality
    "export.consent.scope": ("範囲: {value}", "scope: {value}"),
    "export.consent.obtained_by": ("取得者: {value}", "obtained by: {value}"),
    "export.confidentiality.confirmed": ("{time} 確認", "confirmed at {time}"),
    "export.confidentiality.unconfirmed": ("未確認", "not confirmed"),
    "export.confidentiality.statement": ("文言 {version}", "statement {version}"),
    "export.confidentiality.materials": ("資料の取扱い: {value}", "materials: {value}"),
    # Next meeting
    "export.next.when": ("日時", "Date and time"),
    "export.next.place": ("場所", "Place"),
    "export.next.note": ("備考", "Note"),
    # Dates with --era in English: the Western date, then the Japanese era romanised (era.py)
    "export.era.date": ("{year}年{month}{day}日", "{day} {month} {year}"),
    "export.era.with_era": ("{date}（{era}{era_year}年）", "{date} ({era} {era_year})"),
    "export.era.weekday": ("{date}({weekday})", "{weekday} {date}"),
    "export.era.fiscal_year": ("{year}年度（{era}{era_year}年度）", "FY{year} ({era} {era_year})"),
    "export.era.birth_year": ("{year}年（{era}{era_year}年）", "{year} ({era} {era_year})"),
    **{
        f"export.era.{key}": (ja, en)
        for key, ja, en in (
            ("reiwa", "令和", "Reiwa"),
            ("heisei", "平成", "Heisei"),
            ("showa", "昭和", "Showa"),
            ("taisho", "大正", "Taisho"),
            ("meiji", "明治", "Meiji"),
        )
    },
    **{
        f"export.month.{number}": (f"{number}月", name)
        for number, name in enumerate(
            ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
        )
    },
    **{
        f"export.weekday.{number}": (ja, en)
        for number, (ja, en) in enumerate(
            zip("月火水木金土日", ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True), start=1
        )
    },
    # Sectors and the laws behind meeting types
    **{f"sector.{key}": (ja, en) for ja, (key, en) in SECTORS.items()},
    **{
        f"export.legal_basis.{key}": (domain.MEETING_TYPES[key].legal_basis, en)
        for key, en in LEGAL_BASIS_EN.items()
    },
}
