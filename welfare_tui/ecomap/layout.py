"""Placing the ecomap in a grid of terminal cells: the household box in the middle, nodes on both
sides of it (clockwise from the top right), every tie drawn with Hartman's line styles.

`layout` runs the passes in order: sizing and degradation (`degrade.py`: drop gaps, then captions, then
group), placement of the box and the node blocks (`placement.py`), routing of the lines that never cross
(`routing.py`), then the ties between two nodes under the map and the legend. The cells, line styles
and Japanese text widths are in `canvas.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len

from welfare_tui.ecomap.canvas import CHANGE_COLOUR, STRESS_COLOUR, Canvas, Cell, clip, line_run
from welfare_tui.ecomap.degrade import GROUP, Entry, fit_nodes
from welfare_tui.ecomap.model import HOUSEHOLD, Ecomap, Tie
from welfare_tui.ecomap.placement import (
    Placed,
    centre_lines,
    draw_box,
    inner_width,
    place_frame,
    place_nodes,
    split_sides,
    widest_label,
)
from welfare_tui.ecomap.routing import route_ties
from welfare_tui.i18n import t

MIN_WIDTH = 40
MIN_HEIGHT = 8


@dataclass
class Layout:
    width: int
    height: int
    grid: list[list[Cell]]
    placed: list[Placed] = field(default_factory=list)
    box: tuple[int, int, int, int] = (0, 0, 0, 0)  # x, y, width, height
    drawn_ties: list[Tie] = field(default_factory=list)
    grouped: int = 0
    collisions: int = 0

    def rows(self) -> list[list[Cell]]:
        return self.grid


def legend_segments() -> list[tuple[str, str]]:
    return [
        (t("ecomap.legend.title") + ":", "bold"),
        ("━━" + t("ecomap.legend.strong"), ""),
        ("──" + t("ecomap.legend.normal"), ""),
        ("┄┄" + t("ecomap.legend.weak"), ""),
        ("─╱╲─" + t("ecomap.legend.stressful"), STRESS_COLOUR),
        ("◀ ▶" + t("ecomap.legend.flow"), ""),
        (t("ecomap.legend.changed"), CHANGE_COLOUR),
        (t("ecomap.legend.genogram"), "dim"),
    ]


def legend_lines(width: int) -> list[list[tuple[str, str]]]:
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0
    for text, style in legend_segments():
        text = clip(text, width)
        need = cell_len(text) + (1 if used else 0)
        if used and used + need > width:
            lines.append([])
            used, need = 0, cell_len(text)
        if used:
            lines[-1].append((" ", ""))
        lines[-1].append((text, style))
        used += need
    return lines


def layout(
    ecomap: Ecomap,
    width: int,
    height: int | None = None,
    *,
    changes: dict[str, str] | None = None,
    removed: tuple[Tie, ...] = (),
) -> Layout:
    """Place `ecomap` in width×height cells (height None: as tall as it reads best).

    `changes` maps node keys to change marks (highlighted); `removed` are ties of the previous meeting
    that no longer exist, drawn as ghosts so the room sees what was lost.
    """
    width = max(width, MIN_WIDTH)
    changes = changes or {}
    legend = legend_lines(width)
    entries: list[Entry] = [
        (ecomap.node(tie.far), tie, False)
        for tie in ecomap.ties
        if tie.near == HOUSEHOLD and tie.far != HOUSEHOLD
    ]
    entries += [(ecomap.node(tie.far), tie, True) for tie in removed]
    others = [tie for tie in ecomap.ties if tie.near != HOUSEHOLD]
    inner = inner_width(ecomap, width)
    centre = centre_lines(ecomap, inner)
    per_side = (len(entries) + 1) // 2
    natural = max(len(centre) + 2, per_side * 3 - 1, 3)  # the genogram, or each node with a gap
    height = max(natural + len(legend) + len(others) if height is None else height, MIN_HEIGHT)
    body = height - len(legend) - len(others)
    if body < 3:  # the rows under the map go first
        others, body = [], height - len(legend)

    fitted = fit_nodes(entries, body)
    two_lines = fitted.block == 2
    sides = split_sides(fitted.entries, body, fitted.block)
    labels = widest_label(fitted.entries, changes, two_lines)
    frame = place_frame(sides, len(centre), inner, body, width, labels)
    canvas = Canvas(frame.width, height)
    draw_box(canvas, frame, centre)
    placed = place_nodes(canvas, frame, sides, changes, two_lines)
    route_ties(canvas, placed, frame)
    _write_other_ties(canvas, ecomap, others, body)

    box_x = frame.box_x
    if width > canvas.width:
        pad = canvas.widen(width)
        for item in placed:
            item.x += pad
        box_x += pad
    _write_legend(canvas, legend, height)
    return Layout(
        width=canvas.width,
        height=height,
        grid=canvas.grid,
        placed=placed,
        box=(box_x, frame.box_y, frame.box_width, frame.box_height),
        drawn_ties=[p.tie for p in placed if not p.removed and p.node.key != GROUP] + others,
        grouped=fitted.grouped,
        collisions=canvas.collisions,
    )


def _write_other_ties(canvas: Canvas, ecomap: Ecomap, others: list[Tie], top: int) -> None:
    """Ties between two nodes (rare): written under the map, one per row."""
    for row, tie in enumerate(others, start=top):
        text = f"{ecomap.name(tie.near)} {line_run(tie, 'h', 4)} {ecomap.name(tie.far)}"
        if tie.caption:
            text += f"  {tie.caption}"
        canvas.text(0, row, clip(text, canvas.width), STRESS_COLOUR if tie.stressful else "", "label")


def _write_legend(canvas: Canvas, legend: list[list[tuple[str, str]]], height: int) -> None:
    for index, segments in enumerate(legend):
        x = 0
        for text, style in segments:
            x = canvas.text(x, height - len(legend) + index, text, style, "legend")
