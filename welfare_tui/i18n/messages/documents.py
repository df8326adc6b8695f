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
    "docx.sub_heading": ("（{number}）{text}", "({number}) {text}"),
    "docx.no_picture": (
        "（エコマップの図は、このパソコンに日本語フォントがないため描けません。下の表をご覧ください。）",
        "(The ecomap picture needs a Japanese font, which this computer lacks: see the table below.)",
    ),
}
