"""The SVG ecomap's ties in Hartman's styles: a thick line for a strong tie, a dashed one for a weak
one, a zig-zag for a stressful one, arrowheads (sized in millimetres) for the flow of support, a
highlight under a changed tie, and the caption set along its line, clear of the stroke."""

from __future__ import annotations

import math

from welfare_tui.ecomap.model import Tie
from welfare_tui.ecomap.svg_text import CHANGE, INK, STRESS, fit_text, num, text_svg

WIDTHS = {"strong": 1.5, "normal": 0.55, "weak": 0.55}
ARROW = 3.6  # mm, the length of an arrowhead
ZIGZAG = 1.3  # mm, how far a stress zig-zag swings either side of its line
STRAIGHT_END = ARROW + 1.0  # mm of straight line at each end of a zig-zag, under the arrowhead
CAPTION = 2.5  # font size of a tie's caption
CAPTION_MAX = 34.0  # mm: longer captions (or longer than their line) end with …

Point = tuple[float, float]


def arrow_markers() -> list[str]:
    """The arrowheads' `<marker>`s, sized in millimetres (userSpaceOnUse), not in stroke widths: on a
    thin line those were 2 mm, lost in a stress zig-zag."""
    return [
        f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" '
        f'markerWidth="{size}" markerHeight="{size}" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for name, colour, size in (
            ("ink", INK, ARROW),
            ("stress", STRESS, ARROW),
            ("thick", INK, ARROW + 0.8),
            ("thickstress", STRESS, ARROW + 0.8),
        )
    ]


def clip_line(a: Point, b: Point, r: float, half_w: float, half_h: float) -> tuple[Point, Point]:
    """The line from the centre circle (radius `r`) at `a` to the edge of the node box around `b`."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    start = (a[0] + ux * (r + 0.8), a[1] + uy * (r + 0.8))
    # Where the line leaves the node's box (axis-aligned), plus a little air for the arrowhead.
    scale = min(half_w / abs(ux) if ux else math.inf, half_h / abs(uy) if uy else math.inf)
    end = (b[0] - ux * (scale + 0.8), b[1] - uy * (scale + 0.8))
    return start, end


def tie_svg(tie: Tie, start: Point, end: Point, changed: bool, gone: bool) -> list[str]:
    colour = "#9e9e9e" if gone else STRESS if tie.stressful else INK
    width = WIDTHS[tie.strength]
    parts: list[str] = []
    if changed:
        parts.append(
            f'<line x1="{num(start[0])}" y1="{num(start[1])}" x2="{num(end[0])}" y2="{num(end[1])}" '
            f'stroke="{CHANGE}" stroke-width="{num(width + 3)}" stroke-linecap="round" opacity="0.8"/>'
        )
    parts.append(_line_svg(tie, start, end, changed, gone, colour))
    if tie.caption:
        parts.append(_caption_svg(tie, start, end, changed, gone, colour))
    return parts


def _line_svg(tie: Tie, start: Point, end: Point, changed: bool, gone: bool, colour: str) -> str:
    cls = (
        f"tie {tie.strength}"
        + (" stressful" if tie.stressful else "")
        + (" changed" if changed else "")
        + (" removed" if gone else "")
    )
    dash = ' stroke-dasharray="1.6 1.2"' if tie.strength == "weak" or gone else ""
    marker = (
        ("thick" if tie.strength == "strong" else "ink")
        if not tie.stressful
        else ("thickstress" if tie.strength == "strong" else "stress")
    )
    ends = ""
    if not gone:
        if tie.flow in ("to_household", "both"):
            ends += f' marker-start="url(#arrow-{marker})"'
        if tie.flow in ("from_household", "both"):
            ends += f' marker-end="url(#arrow-{marker})"'
    stroke = f'stroke="{colour}" stroke-width="{num(WIDTHS[tie.strength])}"{dash}'
    if tie.stressful and not gone:
        points = _zigzag(start, end)
        return (
            f'<polyline class="{cls}" points="{points}" fill="none" {stroke} stroke-linejoin="miter"{ends}/>'
        )
    (x1, y1), (x2, y2) = start, end
    return f'<line class="{cls}" x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" {stroke}{ends}/>'


def _caption_svg(tie: Tie, start: Point, end: Point, changed: bool, gone: bool, colour: str) -> str:
    width = WIDTHS[tie.strength]
    length = math.hypot(end[0] - start[0], end[1] - start[1])
    caption = fit_text(tie.caption, CAPTION, max(min(CAPTION_MAX, length - 2 * ARROW - 2), CAPTION * 2))
    half = (width + 3 if changed else width) / 2  # clear of the change highlight too
    x, y, angle = caption_place(start, end, half + (ZIGZAG if tie.stressful and not gone else 0.0))
    return text_svg(
        x,
        y,
        caption,
        CAPTION,
        halo=True,
        fill=colour if not gone else "#757575",
        extra=f' transform="rotate({num(angle)} {num(x)} {num(y)})"',
    )


def caption_place(start: Point, end: Point, half_width: float) -> tuple[float, float, float]:
    """Where a tie's caption goes: along its line (turned to read left to right), its baseline
    beside the line, clear of the stroke and of the zig-zag's swing (`half_width`), so the line
    never crosses its own words. (x, y) is the middle of the baseline; the angle is in degrees."""
    (x1, y1), (x2, y2) = start, end
    if x2 < x1 or (x2 == x1 and y2 < y1):
        (x1, y1), (x2, y2) = (x2, y2), (x1, y1)
    angle = math.atan2(y2 - y1, x2 - x1)  # in (-90°, 90°]: the text never reads upside down
    up = (math.sin(angle), -math.cos(angle))  # the side above the text, in page coordinates
    gap = half_width + 0.8 + CAPTION * 0.2  # glyphs reach below the baseline; miter joins beyond the swing
    return (x1 + x2) / 2 + up[0] * gap, (y1 + y2) / 2 + up[1] * gap, math.degrees(angle)


def _zigzag(start: Point, end: Point) -> str:
    """A zigzag from start to end: straight under the arrowheads at either end."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx, ny = -uy, ux
    straight = min(STRAIGHT_END, length / 3)
    points = [(x1, y1), (x1 + ux * straight, y1 + uy * straight)]
    step = 2.0
    distance, sign = straight + step / 2, 1
    while distance < length - straight:
        points.append((x1 + ux * distance + nx * ZIGZAG * sign, y1 + uy * distance + ny * ZIGZAG * sign))
        distance += step
        sign = -sign
    points += [(x2 - ux * straight, y2 - uy * straight), (x2, y2)]
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)
