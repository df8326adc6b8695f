"""The Word file as written (docx_word.py, docx_package.py) and the ecomap's picture (ecomap/png.py),
read back with python-docx and Pillow: what was typed reaches Word as text, a document is the same
bytes each time, and the picture's text is antialiased in its own colours on a palette image."""

from __future__ import annotations

import io

import docx
import pytest
from PIL import Image

from tests.test_docx_minutes import needs_font
from tests.test_minutes import load_fixture
from welfare_tui.ecomap import png
from welfare_tui.ecomap.model import HOUSEHOLD, from_document, print_colour
from welfare_tui.ecomap.svg import ring_positions
from welfare_tui.ecomap.svg_genogram import CX, CY
from welfare_tui.minutes import render_file
from welfare_tui.minutes.docx_word import add_boxed, add_paragraph, add_table, new_document


def test_what_was_typed_reaches_word_as_text() -> None:
    """Markup characters are text, a tab and a line break are Word's, and a control character (which
    XML cannot hold) is left out instead of making a file Word refuses to open."""
    document = new_document(title="𠮷田 <会議> & 記録")
    add_paragraph(document, "<b>髙﨑</b> & 山﨑\tさん\x07")
    add_boxed(document, "秘 & <注意>")
    add_table(document, [("項目", "内容"), ("場所", "2階\n相談室 <A>"), ("短い行",)])
    opened = docx.Document(io.BytesIO(document.save()))
    paragraphs = [p.text for p in opened.paragraphs if p.text]
    assert paragraphs[:2] == ["<b>髙﨑</b> & 山﨑\tさん", "秘 & <注意>"]
    cells = [[cell.text for cell in row.cells] for row in opened.tables[0].rows]
    assert cells == [["項目", "内容"], ["場所", "2階\n相談室 <A>"], ["短い行", ""]]
    assert opened.core_properties.title == "𠮷田 <会議> & 記録"


def test_the_same_minutes_give_the_same_bytes() -> None:
    """No clock inside the file: exporting a meeting again gives an identical .docx (a diff or a
    checksum tells a changed record from a re-export)."""
    doc = load_fixture("meeting_juso")
    assert render_file(doc, "docx") == render_file(doc, "docx")


def _ramp_colours(start: str, end: str, levels: int) -> set[tuple[int, int, int]]:
    return set(png._ramp(start, end, levels))


@needs_font
def test_the_ecomap_text_is_antialiased_in_its_own_colours() -> None:
    """The picture is a palette image whose text is antialiased by blending palette indexes: inside
    the household's circle only white-to-ink shades appear, and inside each box only the shades
    between its tint and ink (the name) or its tint and its sector's colour (the label) — never
    another sector's colour or the red of stress, which a wrong order of the palette would give."""
    doc = load_fixture("meeting_juso")
    data, size = png.render_png(doc) or pytest.fail("no picture")
    image = Image.open(io.BytesIO(data))
    assert image.mode == "P" and image.size == size
    rgb = image.convert("RGB")
    ecomap = from_document(doc)
    nodes = [ecomap.node(tie.far) for tie in ecomap.ties if tie.near == HOUSEHOLD]
    levels = png.Palette.of(print_colour(node.sector) for node in nodes).levels

    def colours(centre: tuple[float, float], half_w: float, half_h: float) -> set[tuple[int, int, int]]:
        left, top = png._at((centre[0] - half_w, centre[1] - half_h))
        right, bottom = png._at((centre[0] + half_w, centre[1] + half_h))
        return {rgb.getpixel((x, y)) for x in range(left, right) for y in range(top, bottom)}  # type: ignore[misc]

    household = colours((CX, CY), 14, 3)
    white_to_ink = _ramp_colours(png.WHITE, png.INK, levels)
    assert household <= white_to_ink and len(household) > 3, household  # shades between: antialiased
    box_w = 36.0 if len(nodes) <= 12 else 30.0
    for node, at in zip(nodes, ring_positions(len(nodes)), strict=True):
        colour = print_colour(node.sector)
        tint = png._tint(colour)
        allowed = _ramp_colours(tint, png.INK, levels) | _ramp_colours(colour, tint, levels)
        inside = colours(at, box_w / 2 - 1.5, png.BOX_H / 2 - 1.5)
        assert inside <= allowed, (node.name, inside - allowed)
        assert len(inside & _ramp_colours(tint, png.INK, levels)) > 3, node.name  # the name, antialiased


@needs_font
@pytest.mark.parametrize("text", ("山田 健一", "こども家庭C", "〔インフォーマル〕", "HW"))
def test_text_from_kept_glyphs_sits_where_pillow_puts_it(text: str) -> None:
    """A string drawn from the kept glyphs lands where Pillow's own drawing of it does (centred on the
    point, within a pixel) with the same amount of ink: names stay centred in their boxes."""
    from PIL import ImageDraw, ImageFont

    from welfare_tui.ecomap.fonts import japanese_font
    from welfare_tui.ecomap.png_text import GlyphFont

    font = ImageFont.truetype(japanese_font() or "", 16)
    ours, pillows = Image.new("L", (240, 60), 0), Image.new("L", (240, 60), 0)
    GlyphFont(font).draw(ImageDraw.Draw(ours), (120, 30), text, 255)
    ImageDraw.Draw(pillows).text((120, 30), text, fill=255, font=font, anchor="mm")
    box, expected = ours.getbbox(), pillows.getbbox()
    assert box and expected and all(abs(a - b) <= 1 for a, b in zip(box, expected, strict=True)), (
        box,
        expected,
    )
    ink, expected_ink = sum(ours.tobytes()), sum(pillows.tobytes())
    assert abs(ink - expected_ink) <= expected_ink * 0.05


@needs_font
def test_a_name_that_needs_shaping_is_drawn_by_pillow_whole() -> None:
    """The variation selector of a 異体字 (葛󠄀) or a combining mark is no glyph of its own: such a
    name is measured and drawn by Pillow, as before the glyphs were kept."""
    from PIL import ImageFont

    from welfare_tui.ecomap.fonts import japanese_font
    from welfare_tui.ecomap.png_text import GlyphFont

    font = ImageFont.truetype(japanese_font() or "", 16)
    glyphs = GlyphFont(font)
    for name in ("葛\U000e0100城", "か\u3099ん"):
        assert glyphs.length(name) == font.getlength(name)
    assert glyphs.length("葛城") == sum(font.getlength(char) for char in "葛城")


@pytest.mark.parametrize("name", ("meeting_8050", "meeting_juso"))
def test_the_word_minutes_read_the_same_blocks_from_unpadded_tables(name: str) -> None:
    """The Word minutes render the Markdown without lining table columns up (work they would throw
    away): the blocks read back are exactly those of the padded Markdown file."""
    from welfare_tui.minutes.docx_blocks import blocks
    from welfare_tui.minutes.markdown import markdown_minutes
    from welfare_tui.minutes.markdown_text import unpadded_tables

    doc = load_fixture(name)
    padded = markdown_minutes(doc, era=True)
    with unpadded_tables():
        unpadded = markdown_minutes(doc, era=True)
    assert unpadded != padded and "|---|" in unpadded
    assert blocks(unpadded) == blocks(padded)
    assert markdown_minutes(doc, era=True) == padded  # the setting ends with the block
