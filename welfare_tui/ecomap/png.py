"""The ecomap as a PNG picture, for documents that embed a picture (the Word minutes, docx_format.py).

Drawn with Pillow from the same layout as the SVG page (`svg.ring_positions`, the centre circle of
`svg_genogram`), cropped to the map itself: the legend is the document's own text and table. Pillow
is a wheel with FreeType inside on Windows, macOS and Linux, so no browser and no system library is
needed; only a Japanese font, looked up among the fonts every Japanese Windows has and the usual
Linux and macOS ones (`fonts.japanese_font`). Without one, `render_png` returns None and the
document says so instead of printing boxes (□) for every name.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from welfare_tui.ecomap.changes import previous_ties, tie_changes
from welfare_tui.ecomap.fonts import japanese_font
from welfare_tui.ecomap.model import HOUSEHOLD, Tie, from_document, print_colour
from welfare_tui.ecomap.svg import ring_positions
from welfare_tui.ecomap.svg_genogram import CENTRE_R, CX, CY
from welfare_tui.ecomap.svg_text import INK, STRESS

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

SCALE = 6.0  # pixels per millimetre: 152 dpi, sharp on paper and small in the file
TOP, BOTTOM = 30.0, 214.0  # mm of the SVG page the map covers (its title and legend left out)
LEFT, RIGHT = 8.0, 202.0
WIDTHS = {"strong": 1.5, "normal": 0.55, "weak": 0.55}  # mm, as svg_ties.WIDTHS
BOX_H = 14.0

Point = tuple[float, float]


def render_png(doc: Mapping[str, Any]) -> bytes | None:
    """The PNG of the document's ecomap; None when it has no ties or no Japanese font is found."""
    ecomap = from_document(doc)
    entries = [(ecomap.node(tie.far), tie) for tie in ecomap.ties if tie.near == HOUSEHOLD]
    font_path = japanese_font()
    if not entries or font_path is None:
        return None
    from PIL import Image, ImageDraw, ImageFont

    previous = previous_ties(doc)
    changes = tie_changes(previous, ecomap.ties, ecomap.name) if previous is not None else ()
    changed = {change.node for change in changes if change.kind != "removed"}

    image = Image.new("RGB", (_px(RIGHT - LEFT), _px(BOTTOM - TOP)), "white")
    draw = ImageDraw.Draw(image)
    name_font = ImageFont.truetype(font_path, _px(3.2))
    small_font = ImageFont.truetype(font_path, _px(2.5))
    box_w = 36.0 if len(entries) <= 12 else 30.0
    positions = ring_positions(len(entries))
    for (_node, tie), (x, y) in zip(entries, positions, strict=True):
        _tie(draw, tie, (x, y), box_w)
    centre = ((CX - CENTRE_R, CY - CENTRE_R), (CX + CENTRE_R, CY + CENTRE_R))
    draw.ellipse([_at(centre[0]), _at(centre[1])], fill="white", outline=INK, width=_px(0.6))
    _text(draw, (CX, CY), _fit(ecomap.centre, name_font, 2 * CENTRE_R - 4), name_font)
    for (node, _tie_), (x, y) in zip(entries, positions, strict=True):
        colour = print_colour(node.sector)
        corner = (x - box_w / 2, y - BOX_H / 2), (x + box_w / 2, y + BOX_H / 2)
        radius = _px(2 if node.formal else 7)
        draw.rounded_rectangle(
            [_at(corner[0]), _at(corner[1])], radius, fill=_tint(colour), outline=colour, width=_px(0.4)
        )
        if node.resource:  # a 地域資源: the SVG's second frame
            inner = (corner[0][0] + 1, corner[0][1] + 1), (corner[1][0] - 1, corner[1][1] - 1)
            draw.rounded_rectangle([_at(inner[0]), _at(inner[1])], _px(1.2), outline=colour, width=_px(0.3))
        name = ("★" if node.key in changed else "") + node.name  # ★: changed since the last meeting
        _text(draw, (x, y - 2), _fit(name, name_font, box_w - 2), name_font)
        _text(draw, (x, y + 3.6), f"〔{node.caption}〕", small_font, fill=colour)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)  # fast; a line drawing stays small
    return out.getvalue()


def _tie(draw: ImageDraw.ImageDraw, tie: Tie, far: Point, box_w: float) -> None:
    """Hartman's styles: thick strong, dashed weak, red zig-zag stressful, an arrowhead per flow."""
    length = math.dist((CX, CY), far)
    ux, uy = (far[0] - CX) / length, (far[1] - CY) / length
    # From the circle's edge to the box's edge (the box is wider than high: the nearer side counts).
    reach = min(box_w / 2 / max(abs(ux), 1e-6), BOX_H / 2 / max(abs(uy), 1e-6)) + 1
    start = (CX + ux * (CENTRE_R + 0.5), CY + uy * (CENTRE_R + 0.5))
    end = (far[0] - ux * reach, far[1] - uy * reach)
    colour = STRESS if tie.stressful else INK
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


def _dashed(draw: ImageDraw.ImageDraw, a: Point, b: Point, colour: str, width: int) -> None:
    steps = max(1, int(math.dist(a, b) / 2.4))
    for index in range(0, steps, 2):
        draw.line(
            [_at(_between(a, b, index / steps)), _at(_between(a, b, (index + 1) / steps))], colour, width
        )


def _zigzag(draw: ImageDraw.ImageDraw, a: Point, b: Point, colour: str, width: int) -> None:
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


def _arrow(draw: ImageDraw.ImageDraw, tail: Point, tip: Point, colour: str) -> None:
    """An arrowhead 3.6 mm long at `tip`, pointing away from `tail`."""
    length = math.dist(tail, tip)
    ux, uy = (tip[0] - tail[0]) / length, (tip[1] - tail[1]) / length
    back = (tip[0] - ux * 3.6, tip[1] - uy * 3.6)
    left = (back[0] - uy * 1.6, back[1] + ux * 1.6)
    right = (back[0] + uy * 1.6, back[1] - ux * 1.6)
    draw.polygon([_at(tip), _at(left), _at(right)], fill=colour)


def _text(
    draw: ImageDraw.ImageDraw, at: Point, text: str, font: ImageFont.FreeTypeFont, fill: str = INK
) -> None:
    draw.text(_at(at), text, fill=fill, font=font, anchor="mm")


def _fit(text: str, font: ImageFont.FreeTypeFont, width_mm: float) -> str:
    """The text, cut with … to `width_mm`."""
    if font.getlength(text) <= _px(width_mm):
        return text
    while text and font.getlength(text + "…") > _px(width_mm):
        text = text[:-1]
    return text + "…"


def _tint(colour: str) -> str:
    """The sector colour at 16 % on white, as the SVG's fill-opacity."""
    rgb = [int(colour[index : index + 2], 16) for index in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - value) * 0.16):02x}" for value in rgb)


def _between(a: Point, b: Point, share: float) -> Point:
    return a[0] + (b[0] - a[0]) * share, a[1] + (b[1] - a[1]) * share


def _at(point: Point) -> tuple[int, int]:
    return round((point[0] - LEFT) * SCALE), round((point[1] - TOP) * SCALE)


def _px(mm: float) -> int:
    return max(1, round(mm * SCALE))
