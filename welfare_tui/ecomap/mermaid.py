"""The ecomap as a Mermaid flowchart for Markdown minutes (GitHub, GitLab, VS Code, Obsidian...).

Mermaid has no zigzag line, so stress is shown by the label (⚡ストレス) and a red line; strength by
the link type (==> thick, --> normal, -.-> dotted); nodes are coloured by sector with classDef, and the
sector is written in the node's text. Ties that changed since the previous meeting are marked ★.
"""

from __future__ import annotations

from collections.abc import Iterable

from welfare_tui.ecomap.model import HOUSEHOLD, Ecomap, sector_colour
from welfare_tui.i18n import t

STRESS_STYLE = "stroke:#d32f2f,color:#d32f2f"
CHANGED_STYLE = "stroke-width:4px"
LINKS = {
    ("strong", True): "==>",
    ("strong", False): "===",
    ("normal", True): "-->",
    ("normal", False): "---",
    ("weak", True): "-.->",
    ("weak", False): "-.-",
}


def mermaid_flowchart(ecomap: Ecomap, changed: Iterable[str] = ()) -> str:
    """The ```mermaid block (fences included)."""
    changed = set(changed)
    ids: dict[str, str] = {}
    sectors: dict[str, str] = {}
    lines = ["```mermaid", "flowchart LR", f'  H(("{text(ecomap.centre)}"))']
    for node in ecomap.nodes:
        ids[node.key] = f"N{len(ids) + 1}"
        mark = "★" if node.key in changed else ""
        label = f"{mark}{text(node.name)}<br/>〔{text(node.caption)}〕"
        # A 地域資源 is a hexagon; an agency a box; an informal tie a rounded box.
        shape = '{{{{"{}"}}}}' if node.resource else '["{}"]' if node.formal else '("{}")'
        cls = sectors.setdefault(node.sector, f"s{len(sectors) + 1}")
        lines.append(f"  {ids[node.key]}{shape.format(label)}:::{cls}")
    stressful: list[str] = []
    thick: list[str] = []
    for index, tie in enumerate(ecomap.ties):
        near = "H" if tie.near == HOUSEHOLD else ids[tie.near]
        far = "H" if tie.far == HOUSEHOLD else ids[tie.far]
        label = " ".join(
            part for part in (t("ecomap.stress_mark") if tie.stressful else "", tie.caption) if part
        )
        link = LINKS[(tie.strength, tie.flow != "none")]
        if tie.flow == "to_household":
            near, far = far, near
        elif tie.flow == "both":
            link = "<" + link
        label_text = f'|"{text(label)}"|' if label else ""
        lines.append(f"  {near} {link}{label_text} {far}")
        if tie.stressful:
            stressful.append(str(index))
        if tie.far in changed:
            thick.append(str(index))
    for sector, cls in sectors.items():
        colour = sector_colour(sector)
        lines.append(f"  classDef {cls} fill:{colour}33,stroke:{colour},color:#212121")
    if stressful:
        lines.append(f"  linkStyle {','.join(stressful)} {STRESS_STYLE}")
    if thick:
        lines.append(f"  linkStyle {','.join(thick)} {CHANGED_STYLE}")
    lines.append("```")
    return "\n".join(lines)


def text(value: str) -> str:
    """Text safe inside a quoted Mermaid label: quotes, angle brackets, pipes and backticks become
    Mermaid entity codes, so a label can never close the string or inject HTML."""
    value = " ".join(str(value).split()).replace("#", "#35;")
    for char, code in (('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;"), ("`", "#96;")):
        value = value.replace(char, code)
    return value
