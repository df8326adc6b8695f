"""The minutes as a Word document (`export --format docx`): read back with python-docx like a clerk
opening it in Word — golden structure (headings, table cells, header and footer, the picture), the
layout rules, the options every format has, the masked file holding no personal value, and (when
LibreOffice is installed) the PDF it converts to, with Japanese intact in the text layer.

Regenerate the golden files on purpose, after reading the diff: UPDATE_GOLDEN=1 pytest tests/test_docx_minutes.py
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.document import Document
from typer.testing import CliRunner

from tests.test_masking import secrets
from tests.test_minutes import DATA, check_golden, load_fixture
from welfare_tui.cli import app
from welfare_tui.demo import build_demo, demo_files
from welfare_tui.ecomap.fonts import japanese_font
from welfare_tui.minutes import render_file
from welfare_tui.minutes.docx_text import docx_text

runner = CliRunner()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_font = pytest.mark.skipif(japanese_font() is None, reason="no Japanese font to draw the ecomap with")


def opened(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def structure(document: Document) -> str:
    """The document as a reader meets it: page, header, footer (its fields named), then the body in
    order — paragraphs by style, boxes, pictures and every table's cells."""
    section = document.sections[0]
    lines = [
        f"page {round(section.page_width.mm)}x{round(section.page_height.mm)} mm",
        "header: " + " | ".join(p.text for p in section.header.paragraphs),
        "footer: " + " | ".join(_with_fields(p._p) for p in section.footer.paragraphs),
    ]
    for element in document.element.body.iterchildren():
        if element.tag == f"{W}p":
            lines.append(_paragraph(document, element))
        elif element.tag == f"{W}tbl":
            for row in element.iter(f"{W}tr"):
                cells = ["/".join(_text(p) for p in tc.iter(f"{W}p")) for tc in row.iter(f"{W}tc")]
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(line for line in lines if line) + "\n"


def _paragraph(document: Document, element) -> str:
    style_id = element.pPr.pStyle.val if element.pPr is not None and element.pPr.pStyle is not None else ""
    style = document.styles.get_by_id(style_id, 1).name if style_id else "Normal"  # 1: paragraph
    boxed = element.pPr is not None and element.pPr.find(f"{W}pBdr") is not None
    picture = "[picture]" if element.findall(f".//{W}drawing") else ""
    text = _text(element)
    if not text and not picture:
        return ""
    return f"[{'box' if boxed else style}] {picture}{text}"


def _text(element) -> str:
    return "".join(node.text or "" for node in element.iter(f"{W}t"))


def _with_fields(element) -> str:
    """A paragraph's text with its fields as {PAGE}, {NUMPAGES}."""
    out = []
    for run in element.iter(f"{W}r"):
        code = "".join(node.text or "" for node in run.iter(f"{W}instrText")).strip()
        out.append("{" + code + "}" if code else _text(run))
    return "".join(out)


@needs_font
@pytest.mark.parametrize("name", ("meeting_8050", "meeting_juso"))
def test_the_word_minutes_match_their_golden_structure(name: str) -> None:
    check_golden(DATA / f"{name}.golden.docx.txt", structure(opened(render_file(load_fixture(name), "docx"))))


def test_the_layout_of_a_municipal_minutes_book() -> None:
    document = opened(render_file(load_fixture("meeting_juso"), "docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4 portrait
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(f"{W}eastAsia") == "ＭＳ 明朝"
    assert document.styles["Heading 1"].element.rPr.rFonts.get(f"{W}eastAsia") == "ＭＳ ゴシック"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["1　出席者", "2　開催理由・目的", "3　ケース概要"]
    assert [int(h.split("　")[0]) for h in headings] == list(range(1, len(headings) + 1))
    assert section.header.paragraphs[0].text == "秘"
    footer = _with_fields(section.footer.paragraphs[0]._p)
    assert footer == "ケース番号 C-2026-014　{PAGE} / {NUMPAGES}"
    title_block = document.tables[0]
    assert [cell.text for cell in title_block.rows[0].cells] == ["項目", "内容"]
    assert title_block.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeated on each page
    assert document.tables[0].style.name == "Table Grid"  # borders on every cell
    roles = next(table for table in document.tables if table.rows[0].cells[0].text == "役割・支援内容")
    assert [cell.text for cell in roles.rows[0].cells][1:4] == ["担当機関", "担当者", "期限"]
    assert (
        roles.rows[1].cells[0].text == "祖母のケアプラン見直し（通所|短期入所の追加）"
    )  # Markdown's \| undone


def test_a_support_meeting_carries_its_confidentiality_notice_in_a_box() -> None:
    document = opened(render_file(load_fixture("meeting_8050"), "docx"))
    boxed = [
        p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(f"{W}pBdr") is not None
    ]
    assert any("社会福祉法第106条の6" in text for text in boxed), boxed


@needs_font
def test_the_ecomap_is_a_picture_above_its_legend_and_table() -> None:
    document = opened(render_file(load_fixture("meeting_juso"), "docx"))
    assert len(document.inline_shapes) == 1
    part = document.part.related_parts[
        document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    ]
    assert part.blob.startswith(b"\x89PNG")
    texts = [p.text for p in document.paragraphs]
    picture = next(i for i, p in enumerate(document.paragraphs) if p._p.findall(f".//{W}drawing"))
    assert texts[picture + 1].startswith("凡例")


def test_without_a_japanese_font_the_document_says_why_there_is_no_picture(monkeypatch) -> None:
    monkeypatch.setattr("welfare_tui.ecomap.png.japanese_font", lambda: None)
    document = opened(render_file(load_fixture("meeting_juso"), "docx"))
    assert len(document.inline_shapes) == 0
    assert any("日本語フォントがない" in p.text for p in document.paragraphs)


def test_the_audit_hash_ends_the_document_as_in_the_markdown() -> None:
    doc = {**load_fixture("meeting_juso"), "audit": {"entry": 42, "head": "ab" * 32}}
    text = docx_text(render_file(doc, "docx"))
    assert f"監査ログ: 出力記録 #42、ハッシュ {'ab' * 32}" in text


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    build_demo(url)
    return url


def export(demo_url: str, *args: str):
    return runner.invoke(app, ["--db", demo_url, *args])


def test_every_option_works_for_word(demo_url: str, tmp_path: Path) -> None:
    """--era, --lang en and --agency go through the same export service as every format."""
    out = tmp_path / "out"
    result = export(demo_url, "export", "2", "--format", "docx", "--era", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = docx_text(Path(result.stdout.strip()).read_bytes())
    assert "令和8年11月12日(木)" in text and "令和8年度" in text
    result = export(demo_url, "--lang", "en", "export", "2", "--format", "docx", "--out", str(out))
    document = docx.Document(result.stdout.strip())
    assert document.sections[0].header.paragraphs[0].text == "Confidential"
    assert next(p.text for p in document.paragraphs if p.style.name == "Heading 1") == "1　Attendees"
    result = export(
        demo_url, "export", "2", "--format", "docx", "--agency", "社会福祉協議会", "--out", str(out)
    )
    path = Path(result.stdout.strip())
    assert result.exit_code == 0 and path.name.endswith("_shakyo.docx")
    handout = docx.Document(str(path))
    assert len(handout.inline_shapes) == 0  # no ecomap in a handout
    assert "山田 健一" not in docx_text(path.read_bytes())  # the household stays out of a handout


def test_a_word_document_is_never_written_to_stdout(demo_url: str) -> None:
    result = export(demo_url, "export", "2", "--format", "docx")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--out DIR" in result.stderr


def every_text(path: Path) -> list[str]:
    """What python-docx shows of a document: every paragraph, table cell, header and footer."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    texts += [document.core_properties.title, document.core_properties.author]
    return texts


def test_the_masked_word_minutes_hold_no_personal_value(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "masked"
    result = export(demo_url, "export", "--all", "--format", "docx", "--mask", "--era", "--out", str(out))
    assert result.exit_code == 0, result.output
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert len(paths) == len(demo_files()) and all(path.name.endswith("_masked.docx") for path in paths)
    known = secrets()
    for path in paths:
        text = "\n".join(every_text(path))
        assert "マスキング済み" in text
        assert sorted(secret for secret in known if secret in text) == [], path.name


def test_the_leak_gate_reads_the_word_document_before_it_is_written(
    demo_url: str, tmp_path: Path, monkeypatch
) -> None:
    """A name that reaches the docx (here: through its footer) is refused, and no file is written."""
    from welfare_tui.minutes import docx_word

    original = docx_word.set_header_and_footer
    monkeypatch.setattr(
        "welfare_tui.minutes.docx_format.set_header_and_footer",
        lambda document, code: original(document, code + " 山田 健一"),
    )
    out = tmp_path / "leak"
    result = export(demo_url, "export", "2", "--format", "docx", "--mask", "--out", str(out))
    assert result.exit_code == 1 and "山田" not in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def _soffice() -> str | None:
    return shutil.which("soffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_demo_to_pdf_with_japanese_intact(demo_url: str, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "docx"
    result = export(demo_url, "export", "--all", "--format", "docx", "--out", str(out))
    assert result.exit_code == 0, result.output
    converted = subprocess.run(
        [
            _soffice() or "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *sorted(map(str, out.iterdir())),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    # LibreOffice's own start-up may warn about Java (javaldx), which converting needs not.
    warnings = [line for line in converted.stderr.splitlines() if line.strip() and "javaldx" not in line]
    assert converted.returncode == 0 and warnings == [], converted.stderr
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == len(demo_files())
    reader = pypdf.PdfReader(str(next(pdf for pdf in pdfs if "DEMO-2026-001_第02回" in pdf.name)))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    assert "重層的支援会議会議録" in text and "秘" in text
    assert "なかよし地域包括支援センター" in text and "山田健一" in text
    assert f"ケース番号DEMO-2026-0011/{len(reader.pages)}" in text  # the footer's page fields
