"""The ecomap of one meeting as a stand-alone SVG on an A4 page (210×297 mm): title, the household's
genogram in the centre, nodes on one or two rings, Hartman line styles, legend, and the changes since
the previous meeting. Printable as is; no scripts, no external files, fonts from a fallback list.

Pure and deterministic (coordinates rounded to 0.01 mm), so golden files stay stable.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from rich.cells import cell_len

from welfare_tui.ecomap.changes import Change, describe, previous_ties, tie_changes
from welfare_tui.ecomap.model import (
    HOUSEHOLD,
    Ecomap,
    Node,
    Person,
    Tie,
    from_document,
    print_colour,
    sector_label,
)
from welfare_tui.i18n import t

FONT = "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', Meiryo, sans-serif"
PAGE_W, PAGE_H = 210, 297
CX, CY = 105.0, 122.0
CENTRE_R = 27.0
STRESS = "#d32f2f"
CHANGE = "#ffd54f"
INK = "#212121"
WIDTHS = {"strong": 1.5, "normal": 0.55, "weak": 0.55}
ARROW = 3.6  # mm, the length of an arrowhead
ZIGZAG = 1.3  # mm, how far a stress zig-zag swings either side of its line
STRAIGHT_END = ARROW + 1.0  # mm of straight line at each end of a zig-zag, under the arrowhead
CAPTION = 2.5  # font size of a tie's caption
CAPTION_MAX = 34.0  # mm: longer captions (or longer than their line) end with …


def render_svg(doc: Mapping[str, Any]) -> str:
    """The SVG text of a meeting document's ecomap (one final newline)."""
    ecomap = from_document(doc)
    previous = previous_ties(doc)
    changes = tie_changes(previous, ecomap.ties, ecomap.name) if previous is not None else None
    return draw_svg(ecomap, changes)


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    anchor: str = "middle",
    weight: str = "normal",
    fill: str = INK,
    halo: bool = False,
    extra: str = "",
) -> str:
    halo_attrs = ' stroke="#ffffff" stroke-width="0.9" paint-order="stroke"' if halo else ""
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}"{bold} '
        f'fill="{fill}"{halo_attrs}{extra}>{escape(text)}</text>'
    )


def _text_width(text: str, size: float) -> float:
    return cell_len(text) * size * 0.52


def _fit(text: str, size: float, width: float) -> str:
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def draw_svg(ecomap: Ecomap, changes: Sequence[Change] | None = None) -> str:
    """`changes` None: no change list at all (a first or a planned meeting), not "no change"."""
    changes = None if changes is None else list(changes)
    changed = {change.node for change in changes or () if change.kind != "removed"}
    removed = [
        change.before for change in changes or () if change.kind == "removed" and change.before is not None
    ]
    entries: list[tuple[Node, Tie, bool]] = [
        (ecomap.node(tie.far), tie, False)
        for tie in ecomap.ties
        if tie.near == HOUSEHOLD and tie.far != HOUSEHOLD
    ]
    entries += [(ecomap.node(tie.far), tie, True) for tie in removed]
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W}mm" height="{PAGE_H}mm" '
        f'viewBox="0 0 {PAGE_W} {PAGE_H}" font-family="{escape(FONT, {chr(34): "&quot;"})}">',
        f"<title>{escape(t('ecomap.svg.title', name=ecomap.centre))}</title>",
        "<defs>",
        # Arrowheads sized in millimetres (userSpaceOnUse), not in stroke widths: on a thin line those
        # were 2 mm, lost in a stress zig-zag.
        *(
            f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" '
            f'markerWidth="{size}" markerHeight="{size}" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
            for name, colour, size in (
                ("ink", INK, ARROW),
                ("stress", STRESS, ARROW),
                ("thick", INK, ARROW + 0.8),
                ("thickstress", STRESS, ARROW + 0.8),
            )
        ),
        "</defs>",
        f'<rect x="0" y="0" width="{PAGE_W}" height="{PAGE_H}" fill="#ffffff"/>',
        _text(15, 16, t("ecomap.svg.title", name=ecomap.centre), 6, anchor="start", weight="bold"),
    ]
    if ecomap.title:
        out.append(_text(15, 23, ecomap.title, 3.6, anchor="start", fill="#555555"))

    # Nodes on one ring, or two alternating rings when there are many.
    count = len(entries)
    rings = (74.0,) if count <= 12 else (62.0, 84.0)
    box_w = 36.0 if count <= 12 else 30.0
    positions = []
    for index in range(count):
        angle = -math.pi / 2 + 2 * math.pi * index / max(count, 1)
        radius = rings[index % len(rings)]
        positions.append((CX + radius * 1.02 * math.cos(angle), CY + radius * math.sin(angle)))

    lines: list[str] = []
    nodes: list[str] = []
    for (node, tie, gone), (x, y) in zip(entries, positions, strict=True):
        start, end = _clip_line((CX, CY), (x, y), CENTRE_R, box_w / 2 + 1, 7.5)
        lines.extend(_tie_svg(tie, start, end, node.key in changed, gone))
        nodes.append(_node_svg(node, tie, x, y, box_w, node.key in changed, gone))
    out += ['<g id="ties">', *lines, "</g>", '<g id="nodes">', *nodes, "</g>"]
    out += _centre_svg(ecomap)
    sectors = list(dict.fromkeys(node.sector for node, _, _ in entries))
    out += _legend_svg(changes, sectors, 222.0)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _clip_line(
    a: tuple[float, float], b: tuple[float, float], r: float, half_w: float, half_h: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    start = (a[0] + ux * (r + 0.8), a[1] + uy * (r + 0.8))
    # Where the line leaves the node's box (axis-aligned), plus a little air for the arrowhead.
    scale = min(half_w / abs(ux) if ux else math.inf, half_h / abs(uy) if uy else math.inf)
    end = (b[0] - ux * (scale + 0.8), b[1] - uy * (scale + 0.8))
    return start, end


def _tie_svg(
    tie: Tie, start: tuple[float, float], end: tuple[float, float], changed: bool, gone: bool
) -> list[str]:
    colour = "#9e9e9e" if gone else STRESS if tie.stressful else INK
    width = WIDTHS[tie.strength]
    parts: list[str] = []
    (x1, y1), (x2, y2) = start, end
    cls = (
        f"tie {tie.strength}"
        + (" stressful" if tie.stressful else "")
        + (" changed" if changed else "")
        + (" removed" if gone else "")
    )
    if changed:
        parts.append(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{CHANGE}" '
            f'stroke-width="{_n(width + 3)}" stroke-linecap="round" opacity="0.8"/>'
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
    if tie.stressful and not gone:
        points = _zigzag(start, end)
        parts.append(
            f'<polyline class="{cls}" points="{points}" fill="none" stroke="{colour}" '
            f'stroke-width="{_n(width)}"{dash} stroke-linejoin="miter"{ends}/>'
        )
    else:
        parts.append(
            f'<line class="{cls}" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
            f'stroke="{colour}" stroke-width="{_n(width)}"{dash}{ends}/>'
        )
    if tie.caption:
        length = math.hypot(x2 - x1, y2 - y1)
        caption = _fit(tie.caption, CAPTION, max(min(CAPTION_MAX, length - 2 * ARROW - 2), CAPTION * 2))
        half = (width + 3 if changed else width) / 2  # clear of the change highlight too
        x, y, angle = _caption_place(start, end, half + (ZIGZAG if tie.stressful and not gone else 0.0))
        parts.append(
            _text(
                x,
                y,
                caption,
                CAPTION,
                halo=True,
                fill=colour if not gone else "#757575",
                extra=f' transform="rotate({_n(angle)} {_n(x)} {_n(y)})"',
            )
        )
    return parts


def _caption_place(
    start: tuple[float, float], end: tuple[float, float], half_width: float
) -> tuple[float, float, float]:
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


def _zigzag(start: tuple[float, float], end: tuple[float, float]) -> str:
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
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _node_svg(node: Node, tie: Tie, x: float, y: float, width: float, changed: bool, gone: bool) -> str:
    colour = "#9e9e9e" if gone else print_colour(node.sector)
    stroke = f' stroke="{CHANGE}" stroke-width="1.6"' if changed else f' stroke="{colour}" stroke-width="0.5"'
    shape = (
        f'<rect x="{_n(x - width / 2)}" y="{_n(y - 7)}" width="{_n(width)}" height="14" '
        f'rx="{_n(7 if not node.formal else 2)}" fill="{colour}" fill-opacity="0.16"{stroke}'
        + (' stroke-dasharray="1.6 1.2"' if gone else "")
        + "/>"
    )
    name = ("★" if changed else "") + node.name + (t("ecomap.svg.removed") if gone else "")
    parts = [
        f'<g class="node" data-sector="{escape(node.sector)}">',
        shape,
        _text(x, y - 1.2, _fit(name, 3.2, width - 2), 3.2, weight="bold"),
        _text(x, y + 3.6, f"〔{sector_label(node.sector)}〕", 2.5, fill=colour if not gone else "#757575"),
        "</g>",
    ]
    return "".join(parts)


def _person_svg(person: Person, x: float, y: float) -> list[str]:
    size = 5.0
    fill = INK if person.deceased else "#ffffff"
    parts = []
    shape = {"male": "rect", "female": "circle"}.get(person.sex, "diamond")
    for inset in (0.0, 0.9) if person.index_person else (0.0,):
        s = size - 2 * inset
        if shape == "rect":
            parts.append(
                f'<rect x="{_n(x - s / 2)}" y="{_n(y - s / 2)}" width="{_n(s)}" height="{_n(s)}" '
                f'fill="{fill if inset == 0 else "none"}" stroke="{INK}" stroke-width="0.45"/>'
            )
        elif shape == "circle":
            parts.append(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(s / 2)}" fill="{fill if inset == 0 else "none"}" '
                f'stroke="{INK}" stroke-width="0.45"/>'
            )
        else:
            h = s / 2
            parts.append(
                f'<polygon points="{_n(x)},{_n(y - h)} {_n(x + h)},{_n(y)} {_n(x)},{_n(y + h)} '
                f'{_n(x - h)},{_n(y)}" fill="{fill if inset == 0 else "none"}" stroke="{INK}" '
                f'stroke-width="0.45"/>'
            )
    if person.age is not None and not person.deceased:
        parts.append(_text(x, y + 0.9, str(person.age), 2.3))
    if person.key_person:
        parts.append(_text(x + 3.4, y - 2.0, "☆", 2.6))
    parts.append(_text(x, y + 5.6, person.relation or person.name, 2.3))
    return parts


def _centre_svg(ecomap: Ecomap) -> list[str]:
    parts = [
        f'<g id="household"><circle cx="{_n(CX)}" cy="{_n(CY)}" r="{_n(CENTRE_R)}" fill="#ffffff" '
        f'stroke="{INK}" stroke-width="1.1"/>',
        _text(CX, CY - CENTRE_R + 8, _fit(ecomap.centre, 3.6, 40), 3.6, weight="bold"),
    ]
    together = [p for p in ecomap.members if p.cohabiting and not p.deceased]
    apart = [p for p in ecomap.members if not p.cohabiting or p.deceased]
    spacing = 9.0

    def row(people: list[Person], y: float) -> None:
        people = people[:5]
        x0 = CX - spacing * (len(people) - 1) / 2
        for index, person in enumerate(people):
            parts.extend(_person_svg(person, x0 + spacing * index, y))

    if together:
        width = spacing * min(len(together), 5)
        parts.append(
            f'<rect x="{_n(CX - width / 2)}" y="{_n(CY - 8.5)}" width="{_n(width)}" height="14" rx="2" '
            f'fill="none" stroke="#757575" stroke-width="0.35" stroke-dasharray="1 0.8"/>'
        )
        row(together, CY - 3)
    if apart:
        row(apart, CY + 13)
    parts.append("</g>")
    return parts


def _legend_svg(changes: list[Change] | None, sectors: Sequence[str], top: float) -> list[str]:
    """Line styles, every sector drawn on this map with its colour (rows as wide as the box), the
    genogram note, then the changes, as many as the page holds."""
    parts = [
        '<g id="legend">',
        f'<rect x="12" y="{_n(top)}" width="186" height="{_n(PAGE_H - top - 10)}" '
        'fill="none" stroke="#bdbdbd" stroke-width="0.3"/>',
        _text(16, top + 6, t("ecomap.legend.title"), 3.4, anchor="start", weight="bold"),
    ]
    samples = [
        (Tie(HOUSEHOLD, "a", "strong"), t("ecomap.legend.strong")),
        (Tie(HOUSEHOLD, "a", "normal"), t("ecomap.legend.normal")),
        (Tie(HOUSEHOLD, "a", "weak"), t("ecomap.legend.weak")),
        (Tie(HOUSEHOLD, "a", "normal", True), t("ecomap.legend.stressful")),
        (Tie(HOUSEHOLD, "a", "normal", False, "to_household"), t("ecomap.legend.flow")),
    ]
    for index, (tie, label) in enumerate(samples):
        x = 16 + index * 36
        y = top + 12
        parts += [
            p
            for p in _tie_svg(
                Tie(tie.near, tie.far, tie.strength, tie.stressful, tie.flow),
                (x, y),
                (x + 14, y),
                False,
                False,
            )
        ]
        parts.append(_text(x + 16, y + 1.1, label, 2.8, anchor="start"))
    x, y = 16.0, top + 19
    for sector in sectors:
        colour, label = print_colour(sector), sector_label(sector)
        width = 5 + _text_width(label, 2.6) + 4
        if x + width > 194 and x > 16:
            x, y = 16.0, y + 5.5
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y - 2.6)}" width="4" height="4" fill="{colour}" fill-opacity="0.5" '
            f'stroke="{colour}" stroke-width="0.4"/>'
        )
        parts.append(_text(x + 5, y + 0.8, label, 2.6, anchor="start"))
        x += width
    y += 7
    parts.append(
        _text(16, y, t("ecomap.legend.genogram") + "　" + t("ecomap.svg.household_note"), 2.6, anchor="start")
    )
    if changes is not None:
        y += 8
        parts.append(_text(16, y, t("ecomap.changes.title"), 3.2, anchor="start", weight="bold"))
        room = max(1, int((PAGE_H - 12 - y) / 4.6) - 1)  # lines left in the box, one kept for "+N more"
        shown = changes if len(changes) <= room + 1 else changes[:room]
        for change in shown or [None]:
            y += 4.6
            text = f"{change.mark} {change.text}" if change else t("ecomap.changes.none")
            parts.append(_text(18, y, _fit(text, 2.8, 176), 2.8, anchor="start"))
        if len(changes) > len(shown):
            parts.append(
                _text(18, y + 4.6, t("ecomap.grouped", count=len(changes) - len(shown)), 2.8, anchor="start")
            )
    parts.append("</g>")
    return parts


__all__ = ["FONT", "describe", "draw_svg", "render_svg"]
