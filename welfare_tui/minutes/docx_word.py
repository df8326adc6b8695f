"""The Word layout of the minutes and notices, written as WordprocessingML: the page, the fonts, boxes,
tables with borders, pictures, the header and the footer with page fields. docx_format.py and
notice_files.py say what goes in; this module says how it looks; docx_package.py zips it.

Fonts are named as Word on a Japanese municipal PC has them: ＭＳ 明朝 for the body and ＭＳ ゴシック
for headings, on every Japanese Windows since 95 (and still with Windows 11 and Microsoft 365).
Where they are missing, Word substitutes its own default (游明朝 / 游ゴシック) and LibreOffice the
fonts fontconfig maps them to (IPA明朝 / IPAゴシック of fonts-ipafont, or Noto Serif/Sans CJK JP);
the font table names their family and English name so either picks a 明朝 for 明朝.
Latin text is set in Century / Arial, the usual companions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from welfare_tui.i18n import t
from welfare_tui.minutes.docx_package import FIRST_PICTURE, FOOTER_ID, HEADER_ID, R_NS, W_NS, Parts, package

BODY_FONT = ("ＭＳ 明朝", "Century")  # (East Asian, Latin)
HEADING_FONT = ("ＭＳ ゴシック", "Arial")
BODY_SIZE = 10.5  # pt, Word's default for Japanese documents
HEADER_FILL = "D9D9D9"  # the grey of a table's header row
TWIPS_PER_MM = 1440 / 25.4
EMU_PER_MM = 36000
PAGE_MM, MARGIN_MM = (210, 297), (25, 22)  # A4 portrait; top and bottom, left and right
CONTENT_TWIPS = round((PAGE_MM[0] - 2 * MARGIN_MM[1]) * TWIPS_PER_MM)

_NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
# Characters XML 1.0 cannot hold (a control character pasted into a note): left out, as Word would.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BOX = "".join(
    f'<w:{side} w:val="single" w:sz="8" w:space="4" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right")
)
_TABLE_HEAD = (
    '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
    'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
)


@dataclass
class WordDocument:
    """A Word document being written: the body's XML, a block at a time, and its header, footer and
    pictures."""

    title: str
    body: list[str] = field(default_factory=list)
    header: str = ""  # the XML of header1.xml and footer1.xml: set_header_and_footer, or empty ones
    footer: str = ""
    pictures: list[bytes] = field(default_factory=list)

    def save(self) -> bytes:
        """The bytes of the .docx file: A4 portrait, the margins of a municipal document."""
        top, side = (round(mm * TWIPS_PER_MM) for mm in MARGIN_MM)
        width, height = (round(mm * TWIPS_PER_MM) for mm in PAGE_MM)
        section = (
            f'<w:sectPr><w:headerReference w:type="default" r:id="{HEADER_ID}"/>'
            f'<w:footerReference w:type="default" r:id="{FOOTER_ID}"/>'
            f'<w:pgSz w:w="{width}" w:h="{height}"/><w:pgMar w:top="{top}" w:right="{side}" '
            f'w:bottom="{top}" w:left="{side}" w:header="680" w:footer="680" w:gutter="0"/>'
            '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
        )
        document = (
            f"{_HEAD}<w:document {_NAMESPACES}><w:body>{''.join(self.body)}{section}</w:body></w:document>"
        )
        header = self.header or _header_part("hdr", "<w:p/>")
        footer = self.footer or _header_part("ftr", "<w:p/>")
        return package(Parts(document, header, footer, escape(self.title.strip()), tuple(self.pictures)))


def new_document(*, title: str) -> WordDocument:
    """An empty document; `title` is its property (what Word's file information shows)."""
    return WordDocument(title)


def escape(text: str) -> str:
    """`text` as XML character data."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return _NOT_XML.sub("", text)


def run(
    text: str, font: tuple[str, str] | None = None, *, size: float | None = None, bold: bool = False
) -> str:
    """One run of text in `font` (East Asian, Latin), of `size` pt; a tab and a line break in the
    text become Word's (as python-docx's `run.text` does)."""
    properties = ""
    if font is not None:
        east_asian, latin = font
        properties += (
            f'<w:rFonts w:eastAsia="{east_asian}" w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}"/>'
        )
    if bold:
        properties += "<w:b/>"
    if size is not None:
        properties += f'<w:sz w:val="{round(size * 2)}"/>'
    body = escape(text)
    if "\t" in body or "\n" in body:
        body = body.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
        body = body.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>'


def paragraph(runs: str = "", *, style: str = "", align: str = "", boxed: bool = False) -> str:
    """A paragraph of `runs` in the style of id `style` (Title, Heading1, ListBullet…), aligned
    `align` (center, right), in a box (a border on all four sides) when `boxed`."""
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if boxed:
        properties += f"<w:pBdr>{_BOX}</w:pBdr>"
    if align:
        properties += f'<w:jc w:val="{align}"/>'
    ppr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f"<w:p>{ppr}{runs}</w:p>"


def add_paragraph(
    document: WordDocument,
    text: str = "",
    *,
    style: str = "",
    align: str = "",
    font: tuple[str, str] | None = None,
    size: float | None = None,
    bold: bool = False,
) -> None:
    """A paragraph of one run of `text` (none when empty) at the end of the body."""
    runs = run(text, font, size=size, bold=bold) if text else ""
    document.body.append(paragraph(runs, style=style, align=align))


def add_boxed(document: WordDocument, text: str) -> None:
    """A paragraph in a box: the confidentiality notice."""
    document.body.append(paragraph(run(text), boxed=True))


def add_table(document: WordDocument, rows: Sequence[Sequence[str]]) -> None:
    """A table with borders on every cell (Word's Table Grid) across the text width; the first row is
    its header, grey, bold, repeated on each page the table runs over."""
    if not rows:
        return
    columns = len(rows[0])
    width = CONTENT_TWIPS // columns
    cell_width = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    head_cell = f'<w:tcPr>{cell_width}<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>'
    body_cell = f"<w:tcPr>{cell_width}</w:tcPr>"
    parts = [_TABLE_HEAD, f'<w:gridCol w:w="{width}"/>' * columns, "</w:tblGrid>"]
    for number, values in enumerate(rows):
        head = number == 0
        parts.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if head else "<w:tr>")
        cells = list(values[:columns]) + [""] * (columns - len(values))
        for value in cells:
            text = run(value, bold=head) if value else ""
            parts.append(f"<w:tc>{head_cell if head else body_cell}<w:p>{text}</w:p></w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    document.body.append("".join(parts))
    document.body.append("<w:p/>")  # Word joins two tables that touch


def add_picture(document: WordDocument, png: bytes, size_px: tuple[int, int], *, width_mm: float) -> None:
    """The PNG `png` of `size_px` pixels, `width_mm` wide, centred in a paragraph of its own."""
    document.pictures.append(png)
    number = len(document.pictures)
    cx = round(width_mm * EMU_PER_MM)
    cy = round(cx * size_px[1] / size_px[0])
    extent = f'cx="{cx}" cy="{cy}"'
    document.body.append(
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent {extent}/>'
        f'<wp:docPr id="{number}" name="Picture {number}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{number}" name="image{number}.png"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="rId{FIRST_PICTURE + number - 1}"/>'
        '<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext {extent}/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def set_header_and_footer(document: WordDocument, case_code: str) -> None:
    """「秘」 at the right of the header; the case code and 「page / pages」 in the footer."""
    secret = run(t("docx.secret"), HEADING_FONT, size=14, bold=True)
    document.header = _header_part("hdr", paragraph(secret, style="Header", align="right"))
    runs = run(t("docx.footer_case", code=case_code) + "　") if case_code else ""
    runs += _field("PAGE") + run(" / ") + _field("NUMPAGES")
    document.footer = _header_part("ftr", paragraph(runs, style="Footer", align="center"))


def _header_part(tag: str, body: str) -> str:
    """The XML of a header (`hdr`) or footer (`ftr`) part holding `body`."""
    return f"{_HEAD}<w:{tag} {_NAMESPACES}>{body}</w:{tag}>"


def _field(code: str) -> str:
    """A Word field (PAGE, NUMPAGES) showing 1 until Word or LibreOffice updates it."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/>'
        f'<w:instrText xml:space="preserve"> {code} </w:instrText>'
        '<w:fldChar w:fldCharType="separate"/><w:t>1</w:t><w:fldChar w:fldCharType="end"/></w:r>'
    )
