"""The Word layout of the minutes and notices (python-docx): the page, the fonts, boxes, tables with
borders, the header and the footer with page fields. docx_format.py and notices/docx say what goes
in; this module says how it looks.

Fonts are named as Word on a Japanese municipal PC has them: ＭＳ 明朝 for the body and ＭＳ ゴシック
for headings, on every Japanese Windows since 95 (and still with Windows 11 and Microsoft 365).
Where they are missing, Word substitutes its own default (游明朝 / 游ゴシック) and LibreOffice the
fonts fontconfig maps them to (IPA明朝 / IPAゴシック of fonts-ipafont, or Noto Serif/Sans CJK JP).
Latin text is set in Century / Arial, the usual companions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from welfare_tui.i18n import t

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

BODY_FONT = ("ＭＳ 明朝", "Century")  # (East Asian, Latin)
HEADING_FONT = ("ＭＳ ゴシック", "Arial")
BODY_SIZE = 10.5  # pt, Word's default for Japanese documents
HEADER_FILL = "D9D9D9"  # the grey of a table's header row


def new_document(*, title: str) -> Document:
    """An empty A4 portrait document with the fonts above in its styles; `title` is its property."""
    import docx
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(22)
    section.header_distance = section.footer_distance = Mm(12)
    for name, font, size in (
        ("Normal", BODY_FONT, BODY_SIZE),
        ("Title", HEADING_FONT, 16),
        ("Heading 1", HEADING_FONT, 13),
        ("Heading 2", HEADING_FONT, 11),
    ):
        style = document.styles[name]
        _font(style.element, font)
        style.font.size = Pt(size)
        if name != "Normal":
            style.font.color.rgb = None
    properties = document.core_properties
    properties.title, properties.author, properties.comments = title.strip(), "welfare-tui", ""
    properties.last_modified_by = "welfare-tui"
    return document


def set_run_font(run: Run, font: tuple[str, str], *, size: float | None = None, bold: bool = False) -> None:
    from docx.shared import Pt

    _font(run.element, font)
    if size is not None:
        run.font.size = Pt(size)
    run.bold = bold or None


def _font(element: object, font: tuple[str, str]) -> None:
    """Set the East Asian and Latin fonts of a style or run (python-docx names only the Latin one)."""
    from docx.oxml.ns import qn

    properties = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = properties.get_or_add_rFonts()
    east_asian, latin = font
    fonts.set(qn("w:eastAsia"), east_asian)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)


def add_boxed(document: Document, text: str) -> None:
    """A paragraph in a box (a border on all four sides): the confidentiality notice."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.add_paragraph(text)
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "8"), ("space", "4"), ("color", "000000")):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def add_styled(document: Document, style_id: str, text: str = "") -> Paragraph:
    """A paragraph of the style `style_id` (Title, Heading1, ListBullet…), set by its id: python-docx's
    lookup by name scans every style for each paragraph, most of the time of a long document."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def add_table(document: Document, rows: Sequence[Sequence[str]]) -> None:
    """A table with borders on every cell (Word's Table Grid); the first row is its header, grey,
    bold, repeated on each page the table runs over. Built on the XML (python-docx's `row.cells`
    recomputes the grid for every row)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if not rows:
        return
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table._tbl.tblStyle_val = "TableGrid"
    for number, (tr, values) in enumerate(zip(table._tbl.tr_lst, rows, strict=True)):
        for tc, value in zip(tr.tc_lst, values, strict=False):
            paragraph = tc.p_lst[0]
            for index, line in enumerate(value.split("\n")):
                if index:
                    paragraph.add_r().add_br()
                run = paragraph.add_r()
                run.text = line
                if number == 0:
                    run.get_or_add_rPr().append(OxmlElement("w:b"))
            if number == 0:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), HEADER_FILL)
                tc.get_or_add_tcPr().append(shading)
    table._tbl.tr_lst[0].get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    document.add_paragraph()  # Word joins two tables that touch


def set_header_and_footer(document: Document, case_code: str) -> None:
    """「秘」 at the right of the header; the case code and 「page / pages」 in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    set_run_font(header.add_run(t("docx.secret")), HEADING_FONT, size=14, bold=True)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if case_code:
        footer.add_run(t("docx.footer_case", code=case_code) + "　")
    _field(footer.add_run(), "PAGE", "1")
    footer.add_run(" / ")
    _field(footer.add_run(), "NUMPAGES", "1")


def _field(run: Run, code: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) in `run`, with `shown` as its value until Word updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> object:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    value = OxmlElement("w:t")
    value.text = shown
    for element in (char("begin"), instruction, char("separate"), value, char("end")):
        run._r.append(element)
