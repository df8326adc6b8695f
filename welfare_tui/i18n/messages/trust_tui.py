"""Messages of the trust features in the TUI: the conflict dialog, the consent gate of a new meeting,
recording who obtained consent and its withdrawal (the storage side keeps its own in trust.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Conflict dialog (views/modals/conflict.py)
    "trust_tui.keep_mine": ("自分の内容で上書き", "Keep mine"),
    "trust_tui.take_theirs": ("相手の内容を採用", "Take theirs"),
    "trust_tui.decide_later": ("あとで決める", "Decide later"),
    "trust_tui.keep_mine_button": ("自分の内容で上書き (k)", "Keep mine (k)"),
    "trust_tui.take_theirs_button": ("相手の内容を採用 (t)", "Take theirs (t)"),
    "trust_tui.empty": ("（空欄）", "(empty)"),
    "trust_tui.kept_mine": ("あなたの内容で上書き保存しました", "Saved yours over the other change"),
    "trust_tui.took_theirs": (
        "相手の内容を採用しました（書き込みはしていません）",
        "Took the other change (nothing written)",
    ),
    "trust_tui.still_yours": (
        "入力はまだ保存されていません。項目を離れるともう一度確認します",
        "Your text is not saved yet; you will be asked again when you leave the field",
    ),
    # Consent gate of a new meeting (views/modals/consent.py, home screen)
    "trust_tui.no_consent_title": ("本人同意が記録されていません", "No consent on record"),
    "trust_tui.no_consent_body": (
        (
            "{case}には、情報共有についての本人の同意が記録されていません。{type}は本人の同意を得てから"
            "開く会議のため、このままでは始められません。\n"
            "同意がなくても開催できる{fallback}（{basis}）として、同じ日時・場所で始めますか？"
        ),
        (
            "{case} has no consent to information sharing on record. A {type} is held only with the "
            "person's consent, so it cannot be started.\n"
            "Start a {fallback} ({basis}), which needs no consent, on the same date and place instead?"
        ),
    ),
    "trust_tui.start_shien_kaigi": ("支援会議として始める", "Start a 支援会議"),
    "trust_tui.start_shien_kaigi_button": ("支援会議として始める (y)", "Start a 支援会議 (y)"),
    "trust_tui.back_to_form": ("入力に戻る", "Back to the form"),
    "trust_tui.back_to_form_button": ("入力に戻る (n)", "Back to the form (n)"),
    # Consent in the case summary step (views/steps/tables.py)
    "trust_tui.obtained_by": ("同意の取得者（機関・氏名）", "Consent obtained by (agency, name)"),
    "trust_tui.obtained_by_hint": ("例: 地域包括支援センター 田中", "e.g. community support centre, Tanaka"),
    "trust_tui.withdraw": ("同意の撤回を記録", "Record consent withdrawal"),
    "trust_tui.withdraw_button": ("同意の撤回を記録 (F6)", "Record consent withdrawal (F6)"),
    "trust_tui.withdraw_title": ("本人同意の撤回を記録", "Record that consent was withdrawn"),
    "trust_tui.withdraw_date": ("撤回日", "Date withdrawn"),
    "trust_tui.withdraw_note": ("経緯（誰に・どのように申し出があったか）", "How (to whom, in what way)"),
    "trust_tui.withdrawn": (
        "同意の撤回を記録しました（撤回日 {date}）。ケースは支援会議段階です",
        "Consent withdrawal recorded (on {date}); the case is at the 支援会議 stage",
    ),
    "trust_tui.withdrawn_on": ("同意撤回: {date}　{note}", "Consent withdrawn: {date}  {note}"),
    "trust_tui.no_consent_to_withdraw": (
        "撤回する同意が記録されていません",
        "There is no consent on record to withdraw",
    ),
    "trust_tui.save_first": ("入力中の内容を先に保存してください", "Save what you are typing first"),
}
