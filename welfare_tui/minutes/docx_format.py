"""Meeting document → the minutes as a Word document (.docx), in the layout of a municipal 会議録.

A4 portrait; a 明朝 body and ゴシック headings (`BODY_FONT`, `HEADING_FONT`: the names Word on a
Japanese Windows PC has; LibreOffice substitutes IPA明朝 / IPAゴシック or Noto CJK, see
docs/architecture.md); the title, the case line and the header table (会議種別, 回次, 開催日, 時間,
場所, 司会, 記録者, 本人同意, 守秘義務の確認) as a title block; the sections numbered in meeting order;
real Word tables with borders; the ecomap as a picture (ecomap/png.py) above its legend and table; the
confidentiality notice of the meeting type in a box; 「秘」 in the header; the case code and
「1 / 3」 in the footer; the audit log's head hash at the end, as in the Markdown.

The words are the Markdown minutes' (docx_blocks.py reads them back as blocks), so `--lang en`,
`--era`, `--mask` and `--agency` give the same content as in Markdown with no rule of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from welfare_tui.i18n import t
from welfare_tui.minutes.docx_blocks import Block, blocks
from welfare_tui.minutes.docx_word import (
    BODY_FONT,
    HEADING_FONT,
    WordDocument,
    add_boxed,
    add_paragraph,
    add_picture,
    add_table,
    new_document,
    set_header_and_footer,
)

PICTURE_WIDTH_MM = 150

__all__ = ["BODY_FONT", "HEADING_FONT", "docx_minutes"]


def docx_minutes(doc: Mapping[str, Any], *, era: bool = False) -> bytes:
    """The bytes of the .docx file of one meeting document."""
    from welfare_tui.minutes.markdown import markdown_minutes
    from welfare_tui.minutes.markdown_text import unpadded_tables

    case = doc.get("case")
    code = str(case.get("code") or "") if isinstance(case, Mapping) else ""
    document = new_document(title=t("minutes.title", type=""))
    set_header_and_footer(document, code)
    section_number = 0
    sub_number = 0
    title_block = not isinstance(doc.get("handout"), Mapping)  # a handout names no attendees
    with unpadded_tables():  # the cells are taken apart again: lining them up would be lost work
        markdown = markdown_minutes(doc, era=era)
    for block in blocks(markdown):
        if block.kind == "table" and title_block:
            block, title_block = _with_attendance(block, doc), False
        if block.kind == "heading" and block.level == 1:
            section_number, sub_number = section_number + 1, 0
            _heading(document, f"{section_number}　{block.text}", 1)
        elif block.kind == "heading":
            sub_number += 1
            _heading(document, t("docx.sub_heading", number=sub_number, text=block.text), 2)
        else:
            _add(document, block, doc)
    return document.save()


def _with_attendance(block: Block, doc: Mapping[str, Any]) -> Block:
    """The title block with the attendance counted (出席者), after the chair and recorder rows'
    place in a 会議録's head; the names follow in section 1."""
    attendees = [a for a in doc.get("attendees") or [] if isinstance(a, Mapping)]
    if not attendees:
        return block
    absent = sum(1 for a in attendees if a.get("attendance") == "absent")
    row = (t("docx.attendees"), t("docx.attendance", present=len(attendees) - absent, absent=absent))
    return Block("table", rows=(*block.rows, row))


def _add(document: WordDocument, block: Block, doc: Mapping[str, Any]) -> None:
    if block.kind == "title":
        add_paragraph(
            document, block.text, style="Title", align="center", font=HEADING_FONT, size=16, bold=True
        )
    elif block.kind == "notice":
        add_boxed(document, block.text)
    elif block.kind == "table":
        add_table(document, block.rows)
    elif block.kind == "bullets":
        for item in block.items:
            add_paragraph(document, item, style="ListBullet")
    elif block.kind == "ecomap":
        _ecomap(document, doc)
    else:
        add_paragraph(document, block.text)


def _heading(document: WordDocument, text: str, level: int) -> None:
    add_paragraph(
        document, text, style=f"Heading{level}", font=HEADING_FONT, size=13 if level == 1 else 11, bold=True
    )


def _ecomap(document: WordDocument, doc: Mapping[str, Any]) -> None:
    """The ecomap's picture where the Markdown has its Mermaid chart; a sentence saying why when this
    computer has no Japanese font to draw it with (its legend and table follow either way)."""
    from welfare_tui.ecomap.png import render_png

    picture = render_png(doc)
    if picture is None:
        add_paragraph(document, t("docx.no_picture"))
        return
    png, size = picture
    add_picture(document, png, size, width_mm=PICTURE_WIDTH_MM)
