"""The ecomap: layout properties for 1-30 nodes, the demo households' pictures, goldens, change list."""

from __future__ import annotations

import copy
import itertools
import math
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.cells import cell_len

from welfare_tui.ecomap import from_document, render_ecomap, tie_changes
from welfare_tui.ecomap.layout import layout
from welfare_tui.ecomap.mermaid import mermaid_flowchart
from welfare_tui.ecomap.model import build, sector_label
from welfare_tui.ecomap.render import to_text
from welfare_tui.ecomap.svg import render_svg

DATA = Path(__file__).parent / "data" / "ecomap"
SIZES = [(80, 24), (120, 40), (160, 48)]
NAMES = ["地域包括支援センター", "民生委員", "妹（県外）", "近隣住民", "ひきこもりC", "SSW", "社協", "病院"]


def generated(count: int):
    ties = [
        {
            "from": "household",
            "to": f"{NAMES[i % len(NAMES)]}{i}",
            "strength": ("strong", "normal", "weak")[i % 3],
            "stressful": i % 4 == 0,
            "flow": ("to_household", "from_household", "both", "none")[i % 4],
            "label": f"週{i}回訪問・長いラベルの例",
        }
        for i in range(count)
    ]
    members = [{"relation": "本人", "sex": "male", "index_person": True}, {"relation": "母", "sex": "female"}]
    return build("B氏世帯", members, ties, {})


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("count", range(1, 31))
def test_layout_properties(count, size) -> None:
    width, height = size
    result = layout(generated(count), width, height)
    assert (result.width, result.height) == (width, height) and len(result.grid) == height
    assert all(len(row) == width for row in result.grid)
    assert result.collisions == 0  # no line or label was written over a label or the legend
    assert len(result.drawn_ties) == count and result.grouped == 0  # every tie drawn
    # Labels: no two node blocks share a cell, none enters the household box.
    taken: set[tuple[int, int]] = set()
    bx, by, bw, bh = result.box
    for item in result.placed:
        for row, (text, _) in enumerate(item.lines):
            x = item.x if item.side == "right" else item.x + item.width - cell_len(text)
            cells = {(x + dx, item.y + row) for dx in range(cell_len(text))}
            assert not cells & taken
            assert all(not (bx <= cx < bx + bw and by <= cy < by + bh) for cx, cy in cells)
            assert all(0 <= cx < width for cx, _ in cells)
            taken |= cells
    text = "\n".join("".join(cell.char for cell in row) for row in result.grid)
    assert "凡例" in text and "━━" in text


def test_grouping_when_nothing_else_fits() -> None:
    result = layout(generated(30), 80, 10)
    assert result.grouped > 0 and result.collisions == 0
    text = "\n".join("".join(cell.char for cell in row) for row in result.grid)
    assert "ほか" in text and "凡例" in text


@pytest.fixture(scope="module")
def demo_docs(tmp_path_factory):
    from welfare_tui.demo import build_demo
    from welfare_tui.storage.documents import iter_meeting_documents, select_meeting_ids
    from welfare_tui.storage.engine import open_database, session_scope

    url = f"sqlite:///{tmp_path_factory.mktemp('ecomap') / 'demo.db'}"
    build_demo(url)
    engine = open_database(url)
    with session_scope(engine) as session:
        docs = list(iter_meeting_documents(session, meeting_ids=select_meeting_ids(session, all=True)))
    engine.dispose()
    return [doc for doc in docs if doc["ecomap"]["ties"]]


def household_8050(docs):
    return [doc for doc in docs if doc["case"]["code"] == "DEMO-2026-001"]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_8050_is_readable(demo_docs, size) -> None:
    doc = household_8050(demo_docs)[1]
    model = from_document(doc)
    text = to_text(render_ecomap(model), *size)
    lines = text.splitlines()
    assert len(lines) <= size[1] and all(cell_len(line) <= size[0] for line in lines)
    for node in model.nodes:
        assert node.name[:4] in text, node.name
    assert "A氏世帯" in text and "▣本人" in text and "凡例" in text


def test_sectors_are_printed_in_the_language_of_the_screen(demo_docs) -> None:
    from welfare_tui.i18n import set_language

    model = from_document(household_8050(demo_docs)[1])
    japanese = to_text(render_ecomap(model), 160, 48)
    set_language("en")
    try:
        english = to_text(render_ecomap(model), 160, 48)
    finally:
        set_language("ja")
    assert "〔医療〕" in japanese and "〔Medical〕" in english
    assert "〔医療〕" not in english


def test_second_meeting_lists_the_weakened_and_the_added_tie(demo_docs) -> None:
    first, second = household_8050(demo_docs)[:2]
    model = from_document(second)
    changes = tie_changes(first["ecomap"]["ties"], second["ecomap"]["ties"], model.name)
    texts = [change.text for change in changes]
    assert "「民生委員」とのつながりが弱まった（普通→弱い）" in texts
    assert any(change.kind == "added" and change.node == "hikikomori_center" for change in changes)
    from welfare_tui.minutes.markdown import render_markdown

    minutes = render_markdown(second)
    changes_section = minutes.split("からの変化", 1)[1].split("##", 1)[0]
    assert "- ↓ 「民生委員・児童委員」とのつながりが弱まった（普通→弱い）" in changes_section
    assert "- ＋ 「ひきこもり地域支援センター」とのつながりが加わった" in changes_section
    assert "★ ひきこもり地域支援センター" in minutes  # highlighted in the tie table


def test_a_planned_meeting_starts_from_the_previous_ecomap_and_lists_no_change(demo_docs) -> None:
    """The demo's planned 3rd meeting of the 8050 household: its ecomap is the 2nd meeting's (as
    `repo.create_meeting` gives a new meeting), and its minutes list no change: nothing has moved yet,
    and every tie must not read as "gone"."""
    from welfare_tui.ecomap.svg import render_svg
    from welfare_tui.minutes.markdown import render_markdown

    first, second, planned = household_8050(demo_docs)
    assert planned["meeting"]["status"] == "planned"
    assert planned["ecomap"]["ties"] and planned["ecomap"]["ties"] == second["ecomap"]["ties"]
    minutes = render_markdown(planned)
    assert "つながりがなくなった" not in minutes and "からの変化" not in minutes.split("## エコマップ", 1)[1]
    svg = render_svg(planned)
    assert "前回からの変化" not in svg and "なくなった" not in svg
    # A first meeting has no previous one: no change list either (not "no change").
    assert "前回からの変化" not in render_svg(first)
    # Held meetings still list their changes.
    assert "前回からの変化" in render_svg(second)


def test_turning_stressful_and_calm_and_removed() -> None:
    before = [
        {"from": "household", "to": "a", "strength": "normal", "stressful": False, "flow": "none"},
        {"from": "household", "to": "b", "strength": "weak", "stressful": True, "flow": "none"},
    ]
    after = [{"from": "household", "to": "a", "strength": "strong", "stressful": True, "flow": "both"}]
    kinds = [change.kind for change in tie_changes(before, after)]
    assert kinds == ["strengthened", "stressful", "flow", "removed"]


def check_golden(path: Path, text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"output differs from {path.name}"


def test_goldens_for_the_demo_households(demo_docs) -> None:
    for doc in demo_docs:
        name = f"{doc['case']['code']}_{doc['meeting']['round']:02d}"
        svg = render_svg(doc)
        root = ET.fromstring(svg.encode("utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("width") == "210mm"
        ids = {element.get("id") for element in root.iter()}
        assert {"legend", "household", "ties", "nodes"} <= ids
        group = next(e for e in root.iter() if e.get("id") == "ties")
        drawn = [
            e
            for e in group.iter()
            if "tie" in (e.get("class") or "").split() and "removed" not in (e.get("class") or "")
        ]
        assert len(drawn) == len(doc["ecomap"]["ties"])
        check_golden(DATA / f"{name}.svg", svg)
        previous = doc["ecomap"]["previous"]
        changed = [c.node for c in tie_changes(previous["ties"], doc["ecomap"]["ties"])] if previous else []
        check_golden(DATA / f"{name}.mmd", mermaid_flowchart(from_document(doc), changed) + "\n")


SVG = "{http://www.w3.org/2000/svg}"


def _svg_tree(doc) -> ET.Element:
    return ET.fromstring(render_svg(doc).encode("utf-8"))


def _foreign_household_with_stress_arrows(demo_docs) -> dict:
    doc = copy.deepcopy(next(d for d in demo_docs if d["case"]["code"] == "DEMO-2026-005"))
    for tie in doc["ecomap"]["ties"]:
        if tie["stressful"]:
            tie["flow"] = "both"
            tie["label"] = "𠮷田さん経由で管理会社から家賃の督促（３０１号室）"
    return doc


def test_svg_every_sector_has_its_own_colour_and_a_legend_entry(demo_docs) -> None:
    """生活環境 and 外国人 no longer share the 地域 green; every sector drawn is in the legend."""
    for doc in demo_docs:
        root = _svg_tree(doc)
        nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
        colour_of = {}
        for node in nodes:
            rect = next(node.iter(f"{SVG}rect"))
            colour_of.setdefault(node.get("data-sector"), set()).add(rect.get("fill"))
        assert all(len(colours) == 1 for colours in colour_of.values()), colour_of
        colours = [next(iter(c)) for c in colour_of.values()]
        assert len(set(colours)) == len(colours), colour_of  # distinct per sector
        legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "legend")
        texts = [text.text for text in legend.iter(f"{SVG}text")]
        swatches = [rect.get("fill") for rect in legend.iter(f"{SVG}rect")][1:]  # after the frame
        for sector, fills in colour_of.items():
            assert sector_label(sector) in texts, sector
            assert next(iter(fills)) in swatches, sector
    foreign = _svg_tree(next(d for d in demo_docs if d["case"]["code"] == "DEMO-2026-005"))
    sectors = {g.get("data-sector") for g in foreign.iter(f"{SVG}g") if g.get("class") == "node"}
    assert {"外国人", "生活環境"} <= sectors


def test_svg_arrowheads_are_millimetres_not_stroke_widths(demo_docs) -> None:
    root = _svg_tree(_foreign_household_with_stress_arrows(demo_docs))
    markers = {m.get("id"): m for m in root.iter(f"{SVG}marker")}
    for name in ("arrow-stress", "arrow-ink", "arrow-thick", "arrow-thickstress"):
        assert markers[name].get("markerUnits") == "userSpaceOnUse"
        assert float(markers[name].get("markerWidth")) >= 3.0
    ties = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "ties")
    stressful = [e for e in ties if "stressful" in (e.get("class") or "").split()]
    assert stressful and all(
        e.get("marker-start") in ("url(#arrow-stress)", "url(#arrow-thickstress)") for e in stressful
    )


def _distance_to_segment(px: float, py: float, points: list[tuple[float, float]]) -> float:
    best = math.inf
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        dx, dy = x2 - x1, y2 - y1
        share = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / ((dx * dx + dy * dy) or 1.0)))
        best = min(best, math.hypot(px - x1 - share * dx, py - y1 - share * dy))
    return best


def test_svg_captions_run_beside_their_line_never_across_it(demo_docs) -> None:
    """A caption is turned along its tie and set beside it: the baseline (and the glyphs above it)
    stay clear of the stroke and of the stress zig-zag's swing."""
    from welfare_tui.ecomap.svg_ties import ZIGZAG

    for doc in [*demo_docs, _foreign_household_with_stress_arrows(demo_docs)]:
        group = next(g for g in _svg_tree(doc).iter(f"{SVG}g") if g.get("id") == "ties")
        elements = list(group)
        captions = 0
        for line, text in itertools.pairwise(elements):
            if text.tag != f"{SVG}text" or "tie" not in (line.get("class") or "").split():
                continue
            captions += 1
            if line.tag == f"{SVG}line":
                points = [
                    (float(line.get("x1")), float(line.get("y1"))),
                    (float(line.get("x2")), float(line.get("y2"))),
                ]
            else:
                # A zig-zag swings ZIGZAG either side of the straight line between its ends.
                drawn = [tuple(map(float, pair.split(","))) for pair in line.get("points").split()]
                points = [drawn[0], drawn[-1]]
            x, y = float(text.get("x")), float(text.get("y"))
            clearance = float(line.get("stroke-width")) / 2 + ("stressful" in line.get("class")) * ZIGZAG
            assert _distance_to_segment(x, y, points) >= clearance + 0.5, (doc["case"]["code"], text.text)
            angle = float(re.match(r"rotate\(([-\d.]+) ", text.get("transform")).group(1))
            direction = math.degrees(math.atan2(points[-1][1] - points[0][1], points[-1][0] - points[0][0]))
            turn = (angle - direction) % 180
            assert -90 < angle <= 90 and min(turn, 180 - turn) < 0.1  # coordinates rounded to 0.01 mm
        assert captions >= sum(bool(t["label"]) for t in doc["ecomap"]["ties"])
