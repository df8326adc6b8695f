"""The ecomap as a PNG picture, for documents that embed a picture (the Word minutes, docx_format.py).

Drawn with Pillow from the same layout as the SVG page (`svg.ring_positions`, the centre circle of
`svg_genogram`), cropped to the map itself: the legend is the document's own text and table. Pillow
is a wheel with FreeType inside on Windows, macOS and Linux, so no browser and no system library is
needed; only a Japanese font, looked up among the fonts every Japanese Windows has and the usual
Linux and macOS ones (`fonts.japanese_font`). Without one, `render_png` returns None and the
document says so instead of printing boxes (□) for every name.

Drawn on a palette image ("P": a byte a pixel, a few dozen colours), which draws and compresses in
a fifth of the time of a true-colour one: an export of a thousand meetings draws a thousand maps.
The text stays antialiased through the palette's layout (`Palette`).
"""

from __future__ import annotations

import functools
import io
import math
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from welfare_tui.ecomap.changes import previous_ties, tie_changes
from welfare_tui.ecomap.fonts import japanese_font
from welfare_tui.ecomap.model import HOUSEHOLD, Tie, from_document, print_colour
from welfare_tui.ecomap.png_text import GlyphFont
from welfare_tui.ecomap.svg import ring_positions
from welfare_tui.ecomap.svg_genogram import CENTRE_R, CX, CY
from welfare_tui.ecomap.svg_text import INK, STRESS

if TYPE_CHECKING:
    from PIL import ImageDraw

SCALE = 5.0  # pixels per millimetre: 127 dpi of the map, 165 dpi at its 150 mm in the document
TOP, BOTTOM = 30.0, 214.0  # mm of the SVG page the map covers (its title and legend left out)
LEFT, RIGHT = 8.0, 202.0
WIDTHS = {"strong": 1.5, "normal": 0.55, "weak": 0.55}  # mm, as svg_ties.WIDTHS
BOX_H = 14.0
WHITE = "#ffffff"

Point = tuple[float, float]


def render_png(doc: Mapping[str, Any]) -> tuple[bytes, tuple[int, int]] | None:
    """The PNG of the document's ecomap and its size in pixels; None when it has no ties or no
    Japanese font is found."""
    ecomap = from_document(doc)
    entries = [(ecomap.node(tie.far), tie) for tie in ecomap.ties if tie.near == HOUSEHOLD]
    font_path = japanese_font()
    if not entries or font_path is None:
        return None
    from PIL import Image, ImageDraw

    previous = previous_ties(doc)
    changes = tie_changes(previous, ecomap.ties, ecomap.name) if previous is not None else ()
    changed = {change.node for change in changes if change.kind != "removed"}

    palette = Palette.of(print_colour(node.sector) for node, _tie_ in entries)
    image = Image.new("P", (_px(RIGHT - LEFT), _px(BOTTOM - TOP)), palette.white)
    image.putpalette(palette.rgb)
    draw = ImageDraw.Draw(image)
    draw.fontmode = "L"  # antialiased: Pillow blends the indexes, which the palette's order allows
    name_font, small_font = _fonts(font_path)
    box_w = 36.0 if len(entries) <= 12 else 30.0
    positions = ring_positions(len(entries))
    for (_node, tie), (x, y) in zip(entries, positions, strict=True):
        _tie(draw, tie, (x, y), box_w, palette)
    centre = ((CX - CENTRE_R, CY - CENTRE_R), (CX + CENTRE_R, CY + CENTRE_R))
    draw.ellipse([_at(centre[0]), _at(centre[1])], fill=palette.white, outline=palette.ink, width=_px(0.6))
    _text(draw, (CX, CY), _fit(ecomap.centre, name_font, 2 * CENTRE_R - 4), name_font, palette.ink)
    for (node, _tie_), (x, y) in zip(entries, positions, strict=True):
        fill = palette.fills[print_colour(node.sector)]
        corner = (x - box_w / 2, y - BOX_H / 2), (x + box_w / 2, y + BOX_H / 2)
        radius = _px(2 if node.formal else 7)
        outline = fill - palette.levels  # the sector's colour
        draw.rounded_rectangle(
            [_at(corner[0]), _at(corner[1])], radius, fill=fill, outline=outline, width=_px(0.4)
        )
        if node.resource:  # a 地域資源: the SVG's second frame
            inner = (corner[0][0] + 1, corner[0][1] + 1), (corner[1][0] - 1, corner[1][1] - 1)
            draw.rounded_rectangle([_at(inner[0]), _at(inner[1])], _px(1.2), outline=outline, width=_px(0.3))
        name = ("★" if node.key in changed else "") + node.name  # ★: changed since the last meeting
        _text(draw, (x, y - 2), _fit(name, name_font, box_w - 2), name_font, fill + palette.levels)
        label = _fit(f"〔{node.caption}〕", small_font, box_w - 2)
        _text(draw, (x, y + 3.6), label, small_font, outline)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1, compress_type=zlib.Z_RLE)  # fast; a line drawing stays small
    return out.getvalue(), image.size


@dataclass(frozen=True)
class Palette:
    """The colours of one map, laid out so that antialiased text can be drawn on a palette image.

    Pillow draws a glyph on an 8-bit image by blending the *index* under it towards the text's index
    by the glyph's grey. So each text colour sits `levels` entries away from its background with the
    mixes of the two in between, and a blend of indexes is a blend of colours. In order: white and
    the mixes up to ink (the household's name), the red of a stressful tie; then for each sector
    colour that colour and the mixes up to its tint (the box's fill, in `fills`), then on to ink.
    A box's label is drawn in its sector's colour, `levels` below the fill; its name in ink,
    `levels` above it."""

    rgb: list[int]
    levels: int
    fills: dict[str, int]
    white: int = 0

    @property
    def ink(self) -> int:
        return self.levels

    @property
    def stress(self) -> int:
        return self.levels + 1

    @classmethod
    def of(cls, colours: Iterable[str]) -> Palette:
        distinct = sorted(set(colours))
        # (white, levels up to ink, stress) + (2 × levels + 1) a colour ≤ 256 entries.
        levels = max(1, min(8, (254 - len(distinct)) // (2 * len(distinct) + 1)))
        entries = [*_ramp(WHITE, INK, levels), _rgb(STRESS)]
        fills = {}
        for colour in distinct:
            entries += _ramp(colour, _tint(colour), levels)
            fills[colour] = len(entries) - 1
            entries += _ramp(_tint(colour), INK, levels)[1:]
        return cls([value for entry in entries for value in entry], levels, fills)


@functools.cache
def _fonts(path: str) -> tuple[GlyphFont, GlyphFont]:
    """The fonts of the names and of the sector labels, loaded once a process."""
    from PIL import ImageFont

    return GlyphFont(ImageFont.truetype(path, _px(3.2))), GlyphFont(ImageFont.truetype(path, _px(2.5)))


def _tie(draw: ImageDraw.ImageDraw, tie: Tie, far: Point, box_w: float, palette: Palette) -> None:
    """Hartman's styles: thick strong, dashed weak, red zig-zag stressful, an arrowhead per flow."""
    length = math.dist((CX, CY), far)
    ux, uy = (far[0] - CX) / length, (far[1] - CY) / length
    # From the circle's edge to the box's edge (the box is wider than high: the nearer side counts).
    reach = min(box_w / 2 / max(abs(ux), 1e-6), BOX_H / 2 / max(abs(uy), 1e-6)) + 1
    start = (CX + ux * (CENTRE_R + 0.5), CY + uy * (CENTRE_R + 0.5))
    end = (far[0] - ux * reach, far[1] - uy * reach)
    colour = palette.stress if tie.stressful else palette.ink
    width = _px(WIDTHS.get(tie.strength, 0.55))
    if tie.stressful:
        _zigzag(draw, start, end, colour, width)
    elif tie.strength == "weak":
        _dashed(draw, start, end, colour, width)
    else:
        draw.line([_at(start), _at(end)], fill=colour, width=width)
    if tie.flow in ("to_household", "both"):
        _arrow(draw, end, start, colour)
    if tie.flow in ("from_household", "both"):
        _arrow(draw, start, end, colour)


def _dashed(draw: ImageDraw.ImageDraw, a: Point, b: Point, colour: int, width: int) -> None:
    steps = max(1, int(math.dist(a, b) / 2.4))
    for index in range(0, steps, 2):
        draw.line(
            [_at(_between(a, b, index / steps)), _at(_between(a, b, (index + 1) / steps))], colour, width
        )


def _zigzag(draw: ImageDraw.ImageDraw, a: Point, b: Point, colour: int, width: int) -> None:
    length = math.dist(a, b)
    nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length
    points = [a]
    steps = max(2, int(length / 2.6))
    for index in range(1, steps):
        x, y = _between(a, b, index / steps)
        swing = 1.3 if index % 2 else -1.3
        points.append((x + nx * swing, y + ny * swing))
    points.append(b)
    draw.line([_at(point) for point in points], fill=colour, width=width)


def _arrow(draw: ImageDraw.ImageDraw, tail: Point, tip: Point, colour: int) -> None:
    """An arrowhead 3.6 mm long at `tip`, pointing away from `tail`."""
    length = math.dist(tail, tip)
    ux, uy = (tip[0] - tail[0]) / length, (tip[1] - tail[1]) / length
    back = (tip[0] - ux * 3.6, tip[1] - uy * 3.6)
    left = (back[0] - uy * 1.6, back[1] + ux * 1.6)
    right = (back[0] + uy * 1.6, back[1] - ux * 1.6)
    draw.polygon([_at(tip), _at(left), _at(right)], fill=colour)


def _text(draw: ImageDraw.ImageDraw, at: Point, text: str, font: GlyphFont, fill: int) -> None:
    font.draw(draw, _at(at), text, fill)


def _fit(text: str, font: GlyphFont, width_mm: float) -> str:
    """The text, cut with … to `width_mm`."""
    if font.length(text) <= _px(width_mm):
        return text
    while text and font.length(text + "…") > _px(width_mm):
        text = text[:-1]
    return text + "…"


def _tint(colour: str) -> str:
    """The sector colour at 16 % on white, as the SVG's fill-opacity."""
    rgb = [int(colour[index : index + 2], 16) for index in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - value) * 0.16):02x}" for value in rgb)


@functools.cache
def _ramp(start: str, end: str, levels: int) -> tuple[tuple[int, int, int], ...]:
    """The colours from `start` to `end` in `levels` steps, both ends included (a property of the
    two colours alone: computed once a process)."""
    a, b = _rgb(start), _rgb(end)
    return tuple(
        (
            round(a[0] + (b[0] - a[0]) * step / levels),
            round(a[1] + (b[1] - a[1]) * step / levels),
            round(a[2] + (b[2] - a[2]) * step / levels),
        )
        for step in range(levels + 1)
    )


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _between(a: Point, b: Point, share: float) -> Point:
    return a[0] + (b[0] - a[0]) * share, a[1] + (b[1] - a[1]) * share


def _at(point: Point) -> tuple[int, int]:
    return round((point[0] - LEFT) * SCALE), round((point[1] - TOP) * SCALE)


def _px(mm: float) -> int:
    return max(1, round(mm * SCALE))
