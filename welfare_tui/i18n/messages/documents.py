"""Word documents (minutes and meeting notices), notices and printing."""

MESSAGES: dict[str, tuple[str, str]] = {
    "export.format.docx": (
        "会議録（Word、決裁・回覧・印刷用）",
        "minutes as a Word document to file and print",
    ),
    "error.export.binary_stream": (
        "{fmt} はファイルにだけ書き出せます（標準出力には書けません）: --out DIR を指定してください",
        "{fmt} is written to files only, not to stdout: give --out DIR",
    ),
    "docx.secret": ("秘", "Confidential"),
    "docx.footer_case": ("ケース番号 {code}", "Case {code}"),
    "docx.attendees": ("出席者", "Attendees"),
    "docx.attendance": (
        "出席 {present}名・欠席 {absent}名（「1　出席者」のとおり）",
        "{present} present, {absent} absent (see 1 Attendees)",
    ),
    "docx.sub_heading": ("（{number}）{text}", "({number}) {text}"),
    "docx.no_picture": (
        "（エコマップの図は、このパソコンに日本語フォントがないため描けません。下の表をご覧ください。）",
        "(The ecomap picture needs a Japanese font, which this computer lacks: see the table below.)",
    ),
    # Meeting notices (開催通知): minutes/notice.py, notice_files.py, storage/noticing.py, cli/notice.py
    "notice.addressee": ("{agency} 御中", "To: {agency}"),
    "notice.subject": ("{round} {type}の開催について（通知）", "Notice of the {type} ({round})"),
    "notice.intro": (
        "標記の{type}を下記のとおり開催しますので、御出席くださいますようお願いします。",
        "You are invited to the {type} below. We look forward to your attendance.",
    ),
    "notice.ki": ("記", "Details"),
    "notice.when": ("日時", "Date and time"),
    "notice.where": ("場所", "Place"),
    "notice.online": ("オンライン参加", "Join online"),
    "notice.case": ("対象", "Case"),
    "notice.agenda": ("議題（予定時間）", "Agenda (time boxes)"),
    "notice.minutes": ("（{minutes}分）", " ({minutes} min)"),
    "notice.bring": ("御持参いただくもの", "Please bring"),
    "notice.bring_role": (
        "前回の役割「{task}」（期限 {due}）の実施状況",
        "How the task agreed last time went: {task} (due {due})",
    ),
    "notice.bring_role_undated": (
        "前回の役割「{task}」の実施状況",
        "How the task agreed last time went: {task}",
    ),
    "notice.bring_info": (
        "{agency}からの情報共有の内容（支援の状況）",
        "What {agency} will share (its support so far)",
    ),
    "notice.rules": ("守秘義務・資料の取扱い", "Confidentiality and materials"),
    "notice.consent_rule": (
        "本人の同意の範囲（{scope}）内でのみ情報を共有します。",
        "Information is shared only within the person's consent ({scope}).",
    ),
    "notice.consent_rule_plain": (
        "本人の同意の範囲内でのみ情報を共有します。",
        "Information is shared only within the person's consent.",
    ),
    "notice.secrecy_rule": (
        "会議の事務に従事する者（従事していた者を含む）には守秘義務があります（{law}）。",
        "Everyone who is or was engaged in the meeting's business is bound to secrecy ({law}).",
    ),
    "notice.materials_rule": ("会議資料の取扱い: {value}", "Meeting materials: {value}"),
    "notice.contact": ("問合せ先: {person}", "Contact: {person}"),
    "notice.masked": (
        "この通知はマスキング済みである（個人名・地域の機関名を記号に置き換えている）。",
        "This notice is masked: personal and local agency names are replaced.",
    ),
    "notice.not_planned": (
        "会議 {meeting} は予定の会議ではありません（状態: {status}）: 開催通知は予定の会議にだけ作成できます",
        "Meeting {meeting} is not planned (status: {status}): notices are written for planned meetings only",
    ),
    "notice.not_invited": (
        "{agency} はこの会議に招集されていません（出席者の機関: {agencies}）",
        "{agency} is not invited to this meeting (attendees' agencies: {agencies})",
    ),
    "notice.nobody": (
        "会議 {meeting} には出席者の機関がありません: 出席予定者を登録してください",
        "Meeting {meeting} has no attendees' agencies: add the invited attendees first",
    ),
    "notice.outside_consent": (
        "{agency} は本人同意の範囲外のため、名前入りの通知（--no-mask）は作成しません",
        "{agency} is outside the person's consent: no notice with names (--no-mask) is written for it",
    ),
    # Printing (cli/print_cmd.py)
    "print.no_soffice": (
        "PDF にするには LibreOffice（soffice）が必要です。インストールするか、--format docx で Word 文書を作って Word から印刷してください",
        "A PDF needs LibreOffice (soffice): install it, or make a Word document with --format docx and print it from Word",
    ),
    "print.failed": (
        "LibreOffice が PDF を作れませんでした: {detail}",
        "LibreOffice could not make the PDF: {detail}",
    ),
}
