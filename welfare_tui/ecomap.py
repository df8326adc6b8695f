"""The ecomap drawn as text: the household in the centre, one spoke per tie.

Line styles follow Hartman's notation (domain.md §5.2) and stay distinguishable without colour:
━ strong, ─ normal, ┄ weak, ╱╲ stressful; arrowheads show which way support flows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text

LINE = {"strong": "━", "normal": "─", "weak": "┄"}
STRESS = "╱╲"
SECTOR_STYLE = {
    "高齢": "green", "障害": "cyan", "子ども": "magenta", "困窮": "yellow", "医療": "red",
    "保健": "red", "教育": "blue", "地域": "bright_green", "地域福祉": "bright_green",
    "インフォーマル": "bright_black", "行政": "bright_blue", "重層": "bright_blue",
}
LEGEND = "凡例: ━ 強い  ─ 普通  ┄ 弱い  ╱╲ ストレス  ▶ 支援の向き"
SPOKE_CELLS = 8


def spoke(strength: str, stressful: bool, flow: str) -> str:
    """The connector from the household to one node, e.g. '━━━━━━━▶' or '◀╱╲╱╲╱╲─'."""
    body = (STRESS * SPOKE_CELLS)[: SPOKE_CELLS - 2] if stressful else LINE.get(strength, "─") * (SPOKE_CELLS - 2)
    edge = LINE.get(strength, "─")
    left = "◀" if flow in ("to_household", "both") else edge
    right = "▶" if flow in ("from_household", "both") else edge
    return left + body + right


def render_ecomap(centre: str, ties: Sequence[Mapping[str, Any]], agencies: Mapping[str, Any]) -> Group:
    """A Rich renderable: centre box, a spoke per tie with the node's name, sector and label, legend."""
    width = max(cell_len(centre) + 4, 10)
    lines = [Text("┏" + "━" * (width - 2) + "┓"),
             Text("┃ ") + Text(centre, style="bold") + Text(" " * (width - 4 - cell_len(centre)) + " ┃"),
             Text("┗" + "━" * (width - 2) + "┛")]
    if not ties:
        lines.append(Text("  （つながりはまだありません。a で追加）", style="dim"))
    for index, tie in enumerate(ties):
        last = index == len(ties) - 1
        joint = "┗" if last else "┣"
        node_id = str(tie.get("to_node") or "")
        agency = agencies.get(node_id)
        name = getattr(agency, "short", "") or getattr(agency, "name", "") or node_id
        sector = getattr(agency, "sector", "") or "インフォーマル"
        line = Text("  " + joint)
        line.append(spoke(str(tie.get("strength", "normal")), bool(tie.get("stressful")), str(tie.get("flow", "none"))),
                    style="bold" if tie.get("strength") == "strong" else "")
        line.append(" ")
        line.append(f"[{name}]", style=SECTOR_STYLE.get(sector, ""))
        line.append(f" {sector}", style="dim")
        if tie.get("label"):
            line.append(f"  {tie['label']}")
        if tie.get("stressful"):
            line.append("  ⚡ストレス", style="bold")
        lines.append(line)
    lines.append(Text(LEGEND, style="dim"))
    return Group(*lines)
