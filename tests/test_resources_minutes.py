"""A role or an ecomap tie that names a 地域資源, in what leaves the program: the Markdown minutes (the
role's agency with the resource beside it; the ecomap table and its Mermaid hexagon), the CSV, the Word
minutes, the SVG (the resource's name as its node, the double frame, the legend line) and the terminal
ecomap. Documents carry the resource's name in their top-level `resources` map (docs/resources.md)."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from welfare_tui.ecomap import from_document, from_items, render_ecomap, tie_changes
from welfare_tui.ecomap.mermaid import mermaid_flowchart
from welfare_tui.ecomap.render import to_text
from welfare_tui.ecomap.svg import render_svg
from welfare_tui.minutes import render, render_file
from welfare_tui.minutes.docx_text import docx_text
from welfare_tui.minutes.yaml_format import load_document

DATA = Path(__file__).parent / "data"
SVG = "{http://www.w3.org/2000/svg}"
AOBA = {
    "name": "ほっとスペース𠮷田あおば",
    "category": "ibasho",
    "sector": "kodomo",
    "area": "青葉地区",
    "capacity": 15,
    "contact": "青葉地区社協",
    "notes": "",
}


@pytest.fixture
def doc() -> dict:
    """meeting_8050 with a role taken on at a resource and a tie to that resource."""
    path = DATA / "meeting_8050.yaml"
    document = copy.deepcopy(load_document(path.read_text(encoding="utf-8"), source=str(path)))
    document["resources"] = {"hotto_aoba": AOBA}
    document["roles"][0]["resource"] = "hotto_aoba"
    document["roles"].append(
        {
            "task": "居場所の見学に同行",
            "agency": None,
            "person": "",
            "due": None,
            "status": "open",
            "resource": "hotto_aoba",
        }
    )
    document["ecomap"]["ties"].append(
        {
            "from": "household",
            "to": "hotto_aoba",
            "strength": "weak",
            "stressful": False,
            "flow": "to_household",
            "label": "見学1回",
            "member": "長男",
            "resource": "hotto_aoba",
        }
    )
    return document


def table_rows(text: str) -> list[list[str]]:
    """The cells of every Markdown table row (padding stripped)."""
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def test_the_minutes_print_the_resource_next_to_the_roles_agency(doc) -> None:
    rows = table_rows(render(doc, "md"))
    assert ["母への訪問時に本人への声かけを行う", "地域包括支援センター（ほっとスペース𠮷田あおば）"] in [
        r[:2] for r in rows
    ]
    assert ["居場所の見学に同行", "ほっとスペース𠮷田あおば"] in [r[:2] for r in rows]
    # A role without a resource is printed as before.
    assert ["家計相談の継続と滞納の分納相談への同行", "生活困窮者自立相談支援機関"] in [r[:2] for r in rows]


def test_the_ecomap_table_and_mermaid_name_the_resource(doc) -> None:
    text = render(doc, "md")
    assert ["ほっとスペース𠮷田あおば", "地域資源・こども", "弱い"] in [r[:3] for r in table_rows(text)]
    assert "hotto_aoba" not in text.split("## エコマップ")[1].split("## ")[0]
    mermaid = mermaid_flowchart(from_document(doc))
    assert '{{"ほっとスペース𠮷田あおば<br/>〔地域資源・こども〕"}}' in mermaid


def test_the_csv_and_the_word_minutes_say_the_same(doc) -> None:
    csv_text = render(doc, "csv")
    assert "地域包括支援センター（ほっとスペース𠮷田あおば）" in csv_text
    assert "居場所の見学に同行" in csv_text and ",ほっとスペース𠮷田あおば," in csv_text
    word = docx_text(render_file(doc, "docx"))
    assert "地域包括支援センター（ほっとスペース𠮷田あおば）" in word


def test_the_svg_draws_the_resource_as_a_named_node_with_its_legend(doc) -> None:
    root = ET.fromstring(render_svg(doc).encode("utf-8"))
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    resource = next(g for g in nodes if any("ほっとスペース" in (x.text or "") for x in g.iter(f"{SVG}text")))
    assert len(list(resource.iter(f"{SVG}rect"))) == 2  # the double frame
    assert any(x.text == "〔地域資源・こども〕" for x in resource.iter(f"{SVG}text"))
    others = [g for g in nodes if g is not resource]
    assert all(len(list(g.iter(f"{SVG}rect"))) == 1 for g in others)
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "legend")
    assert "二重枠＝地域資源（参加支援の場）" in [x.text for x in legend.iter(f"{SVG}text")]
    # Without a resource on the map, the legend has no such line.
    plain = copy.deepcopy(doc)
    plain["ecomap"]["ties"].pop()
    plain_legend = next(
        g for g in ET.fromstring(render_svg(plain).encode("utf-8")).iter(f"{SVG}g") if g.get("id") == "legend"
    )
    assert "二重枠＝地域資源（参加支援の場）" not in [x.text for x in plain_legend.iter(f"{SVG}text")]


def test_a_tie_naming_a_resource_is_drawn_to_it_whatever_its_to_says(doc) -> None:
    doc["ecomap"]["ties"][-1]["to"] = "近隣の居場所"  # an older file, or a hand edit
    model = from_document(doc)
    node = model.node("hotto_aoba")
    assert node.name == "ほっとスペース𠮷田あおば" and node.resource == "kodomo"
    assert "近隣の居場所" not in [n.key for n in model.nodes]


def test_the_terminal_ecomap_shows_the_resource_by_name() -> None:
    ties = [
        {"from_node": "household", "to_node": "hotto_aoba", "resource_id": "hotto_aoba", "strength": "normal"}
    ]
    model = from_items("A氏世帯", ties, resources=[{"id": "hotto_aoba", **AOBA}])
    text = to_text(render_ecomap(model), 80, 24)
    assert "ほっとスペース" in text


def test_a_removed_tie_to_a_resource_is_named_in_the_change_list(doc) -> None:
    before = copy.deepcopy(doc["ecomap"]["ties"])
    doc["ecomap"]["ties"].pop()
    model = from_document(doc)
    changes = tie_changes(before, model.ties, model.name)
    assert any(c.kind == "removed" and "ほっとスペース𠮷田あおば" in c.text for c in changes), changes
