"""How the terminal ecomap degrades when its nodes do not fit, most readable first: the gap between
node blocks goes, then each block's second line (the tie's caption), and at last the nodes beyond
what one row each can hold are grouped into one "ほか N件" node. (Before that, `layout` gives up the
rows under the map that list ties between two nodes when the map itself would have under 3 rows.)"""

from __future__ import annotations

from dataclasses import dataclass

from welfare_tui.ecomap.model import HOUSEHOLD, Node, Tie, sector_label
from welfare_tui.i18n import t

Entry = tuple[Node, Tie, bool]  # a node, its tie with the household, and whether that tie was removed

# How each node's block is drawn: (block height, gap between blocks), from the most readable down.
BLOCKS = ((2, 1), (2, 0), (1, 1), (1, 0))
GROUP = "__group__"  # the key of the "ほか N件" node


@dataclass(frozen=True)
class Fit:
    """The nodes that fit in `body` rows on two sides, and how each is drawn."""

    entries: list[Entry]
    block: int  # rows per node: 2 with the tie's caption, 1 without
    gap: int  # empty rows between two nodes
    grouped: int = 0  # how many nodes the group node stands for


def fit_nodes(entries: list[Entry], body: int) -> Fit:
    per_side = (len(entries) + 1) // 2
    fits = (pair for pair in BLOCKS if per_side * pair[0] + (per_side - 1) * pair[1] <= body)
    block, gap = next(fits, BLOCKS[-1])
    capacity = 2 * body
    if len(entries) <= capacity:
        return Fit(entries, block, gap)
    keep = capacity - 1  # even one row per node does not fit: group the rest into one node
    rest = entries[keep:]
    return Fit(entries[:keep] + [group_entry(rest)], 1, 0, len(rest))


def group_entry(rest: list[Entry]) -> Entry:
    """One node standing for `rest`: its name counts them, its sector line sums them up by sector and
    its tie's caption names them."""
    sectors: dict[str, int] = {}
    for node, _, _ in rest:
        sectors[node.sector] = sectors.get(node.sector, 0) + 1
    summary = "・".join(f"{sector_label(sector)}{n}" for sector, n in sectors.items())
    group = Node(GROUP, t("ecomap.grouped", count=len(rest)), summary)
    names = "、".join(node.name for node, _, _ in rest)
    return (group, Tie(HOUSEHOLD, GROUP, "normal", False, "none", names), False)
