"""The ecomap of one meeting as a stand-alone SVG on an A4 page (210×297 mm): title, the household's
genogram in the centre (`svg_genogram.py`), nodes on one or two rings, Hartman line styles
(`svg_ties.py`), legend, and the changes since the previous meeting. Printable as is; no scripts, no
external files, fonts from a fallback list.

Pure and deterministic (coordinates rounded to 0.01 mm), so golden files stay stable.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from welfare_tui.ecomap.changes import Change, describe, previous_ties, tie_changes
from welfare_tui.ecomap.model import HOUSEHOLD, Ecomap, Node, Tie, from_document, print_colour, sector_label
from welfare_tui.ecomap.svg_genogram import CENTRE_R, CX, CY, centre_svg
from welfare_tui.ecomap.svg_text import CHANGE, fit_text, num, text_svg, text_width
from welfare_tui.ecomap.svg_ties import arrow_markers, clip_line, tie_svg
from welfare_tui.i18n import t

FONT = "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', Meiryo, sans-serif"
PAGE_W, PAGE_H = 210, 297
LEGEND_TOP = 222.0
CHANGE_LINE = 4.6  # mm between two lines of the change list

Entry = tuple[Node, Tie, bool]  # a node, its tie with the household, and whether that tie was removed


def render_svg(doc: Mapping[str, Any]) -> str:
    """The SVG text of a meeting document's ecomap (one final newline)."""
    ecomap = from_document(doc)
    previous = previous_ties(doc)
    changes = tie_changes(previous, ecomap.ties, ecomap.name) if previous is not None else None
    return draw_svg(ecomap, changes)


def draw_svg(ecomap: Ecomap, changes: Sequence[Change] | None = None) -> str:
    """`changes` None: no change list at all (a first or a planned meeting), not "no change"."""
    changes = None if changes is None else list(changes)
    changed = {change.node for change in changes or () if change.kind != "removed"}
    removed = [
        change.before for change in changes or () if change.kind == "removed" and change.before is not None
    ]
    entries: list[Entry] = [
        (ecomap.node(tie.far), tie, False)
        for tie in ecomap.ties
        if tie.near == HOUSEHOLD and tie.far != HOUSEHOLD
    ]
    entries += [(ecomap.node(tie.far), tie, True) for tie in removed]
    out = _page_head(ecomap)
    # Nodes on one ring, or two alternating rings when there are many.
    box_w = 36.0 if len(entries) <= 12 else 30.0
    lines: list[str] = []
    nodes: list[str] = []
    for (node, tie, gone), (x, y) in zip(entries, ring_positions(len(entries)), strict=True):
        start, end = clip_line((CX, CY), (x, y), CENTRE_R, box_w / 2 + 1, 7.5)
        lines.extend(tie_svg(tie, start, end, node.key in changed, gone))
        nodes.append(_node_svg(node, tie, x, y, box_w, node.key in changed, gone))
    out += ['<g id="ties">', *lines, "</g>", '<g id="nodes">', *nodes, "</g>"]
    out += centre_svg(ecomap)
    sectors = list(dict.fromkeys(node.sector for node, _, _ in entries))
    has_resource = any(node.resource for node, _, _ in entries)
    out += _legend_svg(changes, sectors, LEGEND_TOP, resources=has_resource)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _page_head(ecomap: Ecomap) -> list[str]:
    """The XML declaration, the page, the arrowheads and the title (with the meeting under it)."""
    title = t("ecomap.svg.title", name=ecomap.centre)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W}mm" height="{PAGE_H}mm" '
            f'viewBox="0 0 {PAGE_W} {PAGE_H}" font-family="{escape(FONT, {chr(34): "&quot;"})}">'
        ),
        f"<title>{escape(title)}</title>",
        "<defs>",
        *arrow_markers(),
        "</defs>",
        f'<rect x="0" y="0" width="{PAGE_W}" height="{PAGE_H}" fill="#ffffff"/>',
        text_svg(15, 16, title, 6, anchor="start", weight="bold"),
    ]
    if ecomap.title:
        out.append(text_svg(15, 23, ecomap.title, 3.6, anchor="start", fill="#555555"))
    return out


def ring_positions(count: int) -> list[tuple[float, float]]:
    """Clockwise from the top, on one ring, or on two alternating rings when there are over 12."""
    rings = (74.0,) if count <= 12 else (62.0, 84.0)
    positions = []
    for index in range(count):
        angle = -math.pi / 2 + 2 * math.pi * index / max(count, 1)
        radius = rings[index % len(rings)]
        positions.append((CX + radius * 1.02 * math.cos(angle), CY + radius * math.sin(angle)))
    return positions


def _node_svg(node: Node, tie: Tie, x: float, y: float, width: float, changed: bool, gone: bool) -> str:
    colour = "#9e9e9e" if gone else print_colour(node.sector)
    stroke = f' stroke="{CHANGE}" stroke-width="1.6"' if changed else f' stroke="{colour}" stroke-width="0.5"'
    shape = (
        f'<rect x="{num(x - width / 2)}" y="{num(y - 7)}" width="{num(width)}" height="14" '
        f'rx="{num(7 if not node.formal else 2)}" fill="{colour}" fill-opacity="0.16"{stroke}'
        + (' stroke-dasharray="1.6 1.2"' if gone else "")
        + "/>"
    )
    if node.resource:  # a 地域資源: a second frame inside the box (the legend says so)
        shape += (
            f'<rect x="{num(x - width / 2 + 1)}" y="{num(y - 6)}" width="{num(width - 2)}" height="12" '
            f'rx="1.2" fill="none" stroke="{colour}" stroke-width="0.4"/>'
        )
    name = ("★" if changed else "") + node.name + (t("ecomap.svg.removed") if gone else "")
    parts = [
        f'<g class="node" data-sector="{escape(node.sector)}">',
        shape,
        text_svg(x, y - 1.2, fit_text(name, 3.2, width - 2), 3.2, weight="bold"),
        text_svg(x, y + 3.6, f"〔{node.caption}〕", 2.5, fill=colour if not gone else "#757575"),
        "</g>",
    ]
    return "".join(parts)


def _legend_svg(
    changes: list[Change] | None, sectors: Sequence[str], top: float, *, resources: bool = False
) -> list[str]:
    """Line styles, every sector drawn on this map with its colour (rows as wide as the box), the
    地域資源's double frame when the map has one, the genogram note, then the changes, as many as the
    page holds."""
    parts = [
        '<g id="legend">',
        (
            f'<rect x="12" y="{num(top)}" width="186" height="{num(PAGE_H - top - 10)}" '
            'fill="none" stroke="#bdbdbd" stroke-width="0.3"/>'
        ),
        text_svg(16, top + 6, t("ecomap.legend.title"), 3.4, anchor="start", weight="bold"),
        *_line_samples(top + 12),
    ]
    swatches, y = _sector_swatches(sectors, top + 19)
    parts += swatches
    if resources:
        y += 6
        parts += [
            (
                f'<rect x="16" y="{num(y - 2.8)}" width="9" height="5" rx="1" fill="none" '
                'stroke="#616161" stroke-width="0.4"/>'
            ),
            (
                f'<rect x="16.8" y="{num(y - 2)}" width="7.4" height="3.4" rx="0.6" fill="none" '
                'stroke="#616161" stroke-width="0.3"/>'
            ),
            text_svg(27, y + 0.8, t("ecomap.legend.resource"), 2.6, anchor="start"),
        ]
    y += 7
    note = t("ecomap.legend.genogram") + "　" + t("ecomap.svg.household_note")
    parts.append(text_svg(16, y, note, 2.6, anchor="start"))
    if changes is not None:
        parts += _change_list(changes, y + 8)
    parts.append("</g>")
    return parts


def _line_samples(y: float) -> list[str]:
    """One short tie of each style with its name, in a row."""
    samples = [
        (Tie(HOUSEHOLD, "a", "strong"), t("ecomap.legend.strong")),
        (Tie(HOUSEHOLD, "a", "normal"), t("ecomap.legend.normal")),
        (Tie(HOUSEHOLD, "a", "weak"), t("ecomap.legend.weak")),
        (Tie(HOUSEHOLD, "a", "normal", True), t("ecomap.legend.stressful")),
        (Tie(HOUSEHOLD, "a", "normal", False, "to_household"), t("ecomap.legend.flow")),
    ]
    parts: list[str] = []
    for index, (tie, label) in enumerate(samples):
        x = 16 + index * 36
        parts += tie_svg(tie, (x, y), (x + 14, y), False, False)
        parts.append(text_svg(x + 16, y + 1.1, label, 2.8, anchor="start"))
    return parts


def _sector_swatches(sectors: Sequence[str], y: float) -> tuple[list[str], float]:
    """A colour swatch and name per sector, wrapped to the legend box; also the last row's y."""
    parts: list[str] = []
    x = 16.0
    for sector in sectors:
        colour, label = print_colour(sector), sector_label(sector)
        width = 5 + text_width(label, 2.6) + 4
        if x + width > 194 and x > 16:
            x, y = 16.0, y + 5.5
        parts.append(
            f'<rect x="{num(x)}" y="{num(y - 2.6)}" width="4" height="4" fill="{colour}" fill-opacity="0.5" '
            f'stroke="{colour}" stroke-width="0.4"/>'
        )
        parts.append(text_svg(x + 5, y + 0.8, label, 2.6, anchor="start"))
        x += width
    return parts, y


def _change_list(changes: list[Change], y: float) -> list[str]:
    """The changes since the previous meeting from `y` down, "no change" when there are none, and
    "ほか N件" for those the page cannot hold."""
    parts = [text_svg(16, y, t("ecomap.changes.title"), 3.2, anchor="start", weight="bold")]
    room = max(1, int((PAGE_H - 12 - y) / CHANGE_LINE) - 1)  # lines left in the box, one kept for "+N more"
    shown = changes if len(changes) <= room + 1 else changes[:room]
    lines = [f"{change.mark} {change.text}" for change in shown] or [t("ecomap.changes.none")]
    for text in lines:
        y += CHANGE_LINE
        parts.append(text_svg(18, y, fit_text(text, 2.8, 176), 2.8, anchor="start"))
    if len(changes) > len(shown):
        more = t("ecomap.grouped", count=len(changes) - len(shown))
        parts.append(text_svg(18, y + CHANGE_LINE, more, 2.8, anchor="start"))
    return parts


__all__ = ["FONT", "describe", "draw_svg", "render_svg"]
