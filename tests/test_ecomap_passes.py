"""The terminal ecomap's passes on their own (ecomap/layout.py runs them; test_ecomap.py checks the
whole picture): what degrades first when nodes do not fit, and the group node's words."""

from __future__ import annotations

import pytest

from welfare_tui.ecomap.degrade import GROUP, fit_nodes
from welfare_tui.ecomap.model import HOUSEHOLD, Node, Tie
from welfare_tui.ecomap.placement import side_rows


def _entries(count: int) -> list[tuple[Node, Tie, bool]]:
    sectors = ["医療", "介護", "医療"]
    return [
        (Node(f"n{i}", f"機関{i}", sectors[i % 3]), Tie(HOUSEHOLD, f"n{i}", label=f"週{i}回"), False)
        for i in range(count)
    ]


@pytest.mark.parametrize(
    ("body", "block", "gap"),
    [(8, 2, 1), (7, 2, 0), (6, 2, 0), (5, 1, 1), (4, 1, 0), (3, 1, 0)],
)
def test_gaps_go_first_then_captions(body: int, block: int, gap: int) -> None:
    fitted = fit_nodes(_entries(6), body)  # three nodes a side
    assert (fitted.block, fitted.gap, fitted.grouped) == (block, gap, 0)
    assert len(fitted.entries) == 6


def test_grouping_comes_last_and_names_what_it_stands_for() -> None:
    fitted = fit_nodes(_entries(6), 2)  # room for four one-row nodes
    assert (fitted.block, fitted.gap, fitted.grouped) == (1, 0, 3)
    kept = [node.key for node, _, _ in fitted.entries]
    assert kept == ["n0", "n1", "n2", GROUP]
    group, tie, removed = fitted.entries[-1]
    assert (group.name, removed) == ("ほか3件", False)
    assert group.sector == "医療2・介護1"  # the block's sector line sums them up by sector
    assert tie.label == "機関3、機関4、機関5"  # the caption names every grouped node


def test_rows_spread_over_the_body() -> None:
    assert side_rows(0, 10, 2) == []
    assert side_rows(1, 10, 2) == [4]  # centred
    assert side_rows(3, 10, 2) == [0, 4, 8]  # first at the top, last ending at the bottom
