"""The year's figures as SVG: one monthly bar chart per group, Japanese labels, for printing or pasting.

A group whose figures are parts of a whole (intakes by route, cases by stage, contacts by mode) is
drawn as stacked bars, its total on top; distinct-case counts, which overlap (a case with two tags),
and groups of separate measures (plans created / revised) side by side. Figures that are zero all year
are left out of a chart; beyond `MAX_SERIES` the smallest are drawn together as その他 (stacked) or
dropped (side by side; the tables have them all). Fonts are named as the ecomap's SVG names them
(`ecomap.svg.FONT`); every text is escaped, so the file is valid XML whatever a label holds.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from welfare_tui.ecomap.svg import FONT
from welfare_tui.ecomap.svg_text import fit_text, num, text_svg
from welfare_tui.figures.catalogue import GROUPS_BY_KEY
from welfare_tui.figures.model import Group, Series, YearFigures
from welfare_tui.figures.text_formats import month_label, title_lines
from welfare_tui.i18n import t

WIDTH = 800
HEADER = 80
CHART = 230  # height of one chart, its title and month labels included
PLOT_LEFT, PLOT_RIGHT, PLOT_HEIGHT = 50, 590, 150
LEGEND_X = 610
MAX_SERIES = 7
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")


def stats_svg(figures: YearFigures, *, era: bool = False) -> str:
    title, period = title_lines(figures, era=era)
    height = HEADER + CHART * len(figures.groups)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" font-family="{escape(FONT, {chr(34): "&quot;"})}">'
        ),
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        text_svg(20, 34, title, 20, anchor="start", weight="bold"),
        text_svg(20, 58, f"{period}　{t('figures.no_personal')}", 12, anchor="start"),
    ]
    for index, group in enumerate(figures.groups):
        parts.append(_chart(figures, group, HEADER + CHART * index))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def drawn_series(group: Group) -> tuple[list[Series], bool]:
    """(the series a chart draws, stacked or side by side): a group's members (the parts of its
    total) stacked, unless they are distinct cases; a group without members, its own figures."""
    spec = GROUPS_BY_KEY.get(group.key)
    fixed = set(spec.fixed) if spec is not None else set()
    members = [s for s in group.series if s.key not in fixed]
    stacked = bool(members) and group.kind != "cases"
    candidates = members or list(group.series)
    shown = sorted((s for s in candidates if any(s.months)), key=lambda s: -sum(s.months))
    if len(shown) <= MAX_SERIES:
        return [s for s in candidates if s in shown], stacked
    kept, rest = shown[: MAX_SERIES - 1], shown[MAX_SERIES - 1 :]
    if not stacked:
        return kept, stacked
    others = Series(
        "others",
        t("figures.svg.others"),
        tuple(sum(s.months[i] for s in rest) for i in range(12)),
        sum(s.total for s in rest),
    )
    return [*kept, others], stacked


def _chart(figures: YearFigures, group: Group, top: int) -> str:
    series, stacked = drawn_series(group)
    base = top + 40 + PLOT_HEIGHT
    heights = [
        sum(s.months[i] for s in series) if stacked else max((s.months[i] for s in series), default=0)
        for i in range(12)
    ]
    peak = max(heights, default=0) or 1
    slot = (PLOT_RIGHT - PLOT_LEFT) / 12
    parts = [
        f'<g id="{escape(group.key)}">',
        text_svg(20, top + 24, group.title, 14, anchor="start", weight="bold"),
        f'<line x1="{PLOT_LEFT}" y1="{base}" x2="{PLOT_RIGHT}" y2="{base}" stroke="#212121" stroke-width="1"/>',
        text_svg(
            PLOT_LEFT - 6, top + 44, t("figures.svg.max", value=max(heights, default=0)), 10, anchor="end"
        ),
    ]
    for month in range(12):
        x = PLOT_LEFT + slot * month
        parts.append(text_svg(x + slot / 2, base + 16, month_label(figures.months[month]), 11))
        parts += _bars(series, stacked, month, x + slot * 0.15, slot * 0.7, base, PLOT_HEIGHT / peak)
        if stacked and heights[month]:
            y = base - heights[month] * PLOT_HEIGHT / peak - 3
            parts.append(text_svg(x + slot / 2, y, str(heights[month]), 10))
    if not series:
        parts.append(
            text_svg((PLOT_LEFT + PLOT_RIGHT) / 2, base - PLOT_HEIGHT / 2, t("figures.svg.none"), 12)
        )
    for index, item in enumerate(series):
        y = top + 44 + index * 18
        parts.append(f'<rect x="{LEGEND_X}" y="{y - 10}" width="12" height="12" fill="{_colour(index)}"/>')
        parts.append(
            text_svg(LEGEND_X + 18, y, fit_text(item.label, 11, WIDTH - LEGEND_X - 26), 11, anchor="start")
        )
    parts.append("</g>")
    return "\n".join(parts)


def _bars(
    series: list[Series], stacked: bool, month: int, x: float, width: float, base: float, scale: float
) -> list[str]:
    bars = []
    y = base
    each = width / max(len(series), 1)
    for index, item in enumerate(series):
        value = item.months[month]
        if not value:
            continue
        height = value * scale
        if stacked:
            y -= height
            left, bar_width, bar_top = x, width, y
        else:
            left, bar_width, bar_top = x + each * index, each, base - height
        bars.append(
            f'<rect x="{num(left)}" y="{num(bar_top)}" width="{num(bar_width)}" height="{num(height)}" '
            f'fill="{_colour(index)}"><title>{escape(item.label)} {value}</title></rect>'
        )
    return bars


def _colour(index: int) -> str:
    return COLOURS[index % len(COLOURS)]
