"""Messages of the minutes (Markdown headings and labels, CSV headers, calendar texts, masking)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Title block and notices
    "minutes.title": ("{type} 会議録", "Minutes of the {type}"),
    "minutes.case_code": ("（ケース番号 {code}）", " (case {code})"),
    "minutes.round": ("第{round}回", "round {round}"),
    "minutes.masked_notice": (
        (
            "本会議録はマスキング済みである。個人名は A氏・B氏… に、職員は職種に、住所・電話番号は ○○ に、"
            "生年月日は年のみに、地域の機関名は 甲・乙… を付けた種別に置き換えている。"
        ),
        (
            "These minutes are masked: personal names are replaced by A, B..., staff by their role, addresses "
            "and phone numbers by ○○, birth dates by the year, and local agency names by their kind with a "
            "mark of a second series (not a person's letter)."
        ),
    ),
    "minutes.leak": (
        (
            "マスキングした出力に個人情報（{field}）が残っているため、書き出しを中止した（何も書き出していない）。"
            "該当する記述を直してから書き出すこと"
        ),
        (
            "the masked output still holds a personal value ({field}): nothing was written; edit the text "
            "that holds it and export again"
        ),
    ),
    "minutes.end": ("以上", "End of minutes"),
    "minutes.none": ("なし", "None"),
    # Sections, in meeting order (domain.md §2.2(e))
    "minutes.section.attendees": ("出席者", "Attendees"),
    "minutes.section.purpose": ("開催理由・目的", "Reason for the meeting"),
    "minutes.section.case": ("ケース概要", "Case summary"),
    "minutes.section.shared_info": ("各機関からの情報", "Information from each agency"),
    "minutes.section.ecomap": ("エコマップ", "Ecomap"),
    "minutes.section.assessment": ("アセスメント・課題整理", "Assessment and issues"),
    "minutes.section.policy": ("支援方針・目標", "Support policy and goals"),
    "minutes.section.roles": ("役割分担", "Role assignments"),
    "minutes.section.monitoring": ("モニタリング", "Monitoring"),
    "minutes.section.resource_gaps": ("不足する社会資源・地域課題", "Missing social resources"),
    "minutes.section.decisions": ("結論・決定事項", "Decisions"),
    "minutes.section.remaining_issues": ("残された課題", "Remaining issues"),
    "minutes.section.next_meeting": ("次回会議", "Next meeting"),
    "minutes.section.memo": ("議事メモ", "Notes"),
    "minutes.section.household": ("世帯構成", "Household"),
    "minutes.memo_of": ("議事メモ：{title}", "Notes: {title}"),
    # Header table
    "minutes.header.item": ("項目", "Item"),
    "minutes.header.value": ("内容", "Value"),
    "minutes.header.type": ("会議種別", "Meeting type"),
    "minutes.header.type_basis": ("{type}（根拠: {basis}）", "{type} (legal basis: {basis})"),
    "minutes.header.round": ("回次", "Round"),
    "minutes.header.fiscal_year": ("年度", "Fiscal year"),
    "minutes.header.date": ("開催日", "Date"),
    "minutes.header.time": ("時間", "Time"),
    "minutes.header.place": ("場所", "Place"),
    "minutes.header.chair": ("司会・議長", "Chair"),
    "minutes.header.recorder": ("記録者", "Recorder"),
    "minutes.header.consent": ("本人同意", "Consent"),
    "minutes.header.confidentiality": ("守秘義務の確認", "Duty of confidentiality"),
    # Table columns
    "minutes.col.agency": ("所属", "Agency"),
    "minutes.col.department": ("部署", "Department"),
    "minutes.col.role": ("職種・役割", "Role"),
    "minutes.col.name": ("氏名", "Name"),
    "minutes.col.attendance": ("出欠", "Attendance"),
    "minutes.col.acknowledged": ("守秘確認", "Confidentiality"),
    "minutes.col.relation": ("続柄", "Relation"),
    "minutes.col.sex": ("性別", "Sex"),
    "minutes.col.birth": ("生年月日（年齢）", "Born (age)"),
    "minutes.col.cohabiting": ("同居", "Living"),
    "minutes.col.note": ("備考", "Note"),
    "minutes.col.contact": ("住所・電話番号", "Address, phone"),
    "minutes.col.kind": ("種別", "Kind"),
    "minutes.col.text": ("内容", "Text"),
    "minutes.col.priority": ("優先度", "Priority"),
    "minutes.col.urgency": ("緊急度", "Urgency"),
    "minutes.col.task": ("役割・支援内容", "Task"),
    "minutes.col.role_agency": ("担当機関", "Agency"),
    "minutes.col.person": ("担当者", "Person"),
    "minutes.col.due": ("期限", "Due"),
    "minutes.col.status": ("状況", "Status"),
    # Handout (export --agency)
    "minutes.handout.title": ("{type} 連絡票（{agency}）", "{type}: handout for {agency}"),
    "minutes.handout.intro": (
        (
            "本票は、上記会議の記録のうち {agency} に関係する部分（役割分担・モニタリング・次回会議・共有事項）を"
            "抜粋したものである。"
        ),
        (
            "This handout gives {agency} the parts of the minutes it needs (its role assignments, monitoring "
            "dates, the next meeting and the shared summary)."
        ),
    ),
    "minutes.handout.summary": ("共有事項", "Shared summary"),
    # CSV columns (export --format csv)
    "minutes.csv.kind": ("種別", "kind"),
    "minutes.csv.kind.role": ("役割分担", "role"),
    "minutes.csv.kind.monitoring": ("モニタリング", "monitoring"),
    "minutes.csv.case_code": ("ケース番号", "case"),
    "minutes.csv.case_label": ("世帯", "household"),
    "minutes.csv.meeting_date": ("会議日", "meeting date"),
    "minutes.csv.round": ("回次", "round"),
    "minutes.csv.meeting_type": ("会議種別", "meeting type"),
    "minutes.csv.content": ("内容", "task"),
    "minutes.csv.agency": ("担当機関", "agency"),
    "minutes.csv.person": ("担当者", "person"),
    "minutes.csv.date": ("期限・予定日", "due"),
    "minutes.csv.status": ("状況", "status"),
    "minutes.csv.meeting_uid": ("会議ID", "meeting uid"),
    "minutes.csv.masked": ("マスキング", "masked"),
    "minutes.csv.masked_yes": ("済", "yes"),
    # iCalendar texts (export --format ics)
    "minutes.ics.calendar": ("welfare-tui 役割分担・モニタリング", "welfare-tui roles and monitoring"),
    "minutes.ics.role_summary": ("【役割分担】{task}", "[Role] {task}"),
    "minutes.ics.monitoring_summary": ("【モニタリング】{what}", "[Monitoring] {what}"),
    "minutes.ics.next_summary": ("【次回会議】{label} {type}", "[Next meeting] {label} {type}"),
    "minutes.ics.meeting_summary": ("【会議】{label} {type}", "[Meeting] {label} {type}"),
    "minutes.ics.place": ("場所: {value}", "Place: {value}"),
    "minutes.ics.purpose": ("目的: {value}", "Purpose: {value}"),
    "minutes.ics.empty": (
        (
            "{case} の会議（{date}）にはカレンダーに載せるものがありません（役割分担・モニタリング・次回会議がなく、"
            "予定の会議でもありません）。.ics は書き出しませんでした"
        ),
        (
            "the meeting of {case} on {date} has nothing for a calendar (no role, monitoring date "
            "or next meeting, and it is not a planned meeting): no .ics written"
        ),
    ),
    "minutes.ics.nothing": (
        "選んだ {count} 件の会議にはカレンダーに載せるものがありません。.ics は書き出しませんでした",
        "the {count} chosen meeting(s) have nothing for a calendar: no .ics written",
    ),
    "minutes.ics.skipped": (
        "カレンダーに載せるもののない会議 {count} 件は書き出しませんでした",
        "{count} meeting(s) with nothing for a calendar were left out",
    ),
    "minutes.ics.agency": ("担当機関: {value}", "Agency: {value}"),
    "minutes.ics.person": ("担当者: {value}", "Person: {value}"),
    "minutes.ics.case": ("ケース: {value}", "Case: {value}"),
    "minutes.ics.meeting": ("会議: {value}", "Meeting: {value}"),
    "minutes.ics.status": ("状況: {value}", "Status: {value}"),
    "minutes.ics.note": ("備考: {value}", "Note: {value}"),
    "minutes.ics.masked": ("（マスキング済み）", "(masked)"),
}

# Problems of an imported document (minutes/schema.py), by pydantic's error type; the field path and
# the value found stay as they are.
MESSAGES.update(
    {
        "schema.top_not_mapping": (
            "文書の最上位は「キー: 値」の対応表にしてください",
            "expected a mapping at the top of the document",
        ),
        "schema.extra_forbidden": ("不明な項目です", "unknown field"),
        "schema.missing": ("必須の項目がありません", "missing"),
        "schema.found": ("{message}（入力: {value}）", "{message} (found {value})"),
        "schema.string_type": ("文字列が必要です", "Input should be a valid string"),
        "schema.int_type": ("整数が必要です", "Input should be a valid integer"),
        "schema.bool_type": ("true か false が必要です", "Input should be a valid boolean"),
        "schema.list_type": ("リストが必要です", "Input should be a valid list"),
        "schema.dict_type": ("「キー: 値」の対応表が必要です", "Input should be a valid dictionary"),
        "schema.model_type": ("「キー: 値」の対応表が必要です", "Input should be a valid dictionary"),
        "schema.string_too_short": (
            "{min_length} 文字以上必要です",
            "String should have at least {min_length} character",
        ),
        "schema.string_too_long": (
            "{max_length} 文字までです",
            "String should have at most {max_length} characters",
        ),
        "schema.greater_than_equal": (
            "{ge} 以上にしてください",
            "Input should be greater than or equal to {ge}",
        ),
        "schema.less_than_equal": ("{le} 以下にしてください", "Input should be less than or equal to {le}"),
        "schema.literal_error": ("{choices} のいずれかにしてください", "Input should be one of {choices}"),
        "schema.bad_date": (
            "正しい日付ではありません（YYYY-MM-DD の形で）",
            "not a valid date (expected YYYY-MM-DD)",
        ),
        "schema.bad_time": ("時刻ではありません（HH:MM の形で）", "not a time (expected HH:MM)"),
        "schema.bad_uid": ("小文字16進32桁ではありません", "not 32 lower-case hex characters"),
        "schema.invalid": ("正しくない値です", "invalid"),
    }
)
