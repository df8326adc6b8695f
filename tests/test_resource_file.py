"""The resource register file (format welfare-tui-resources, storage/resource_file.py): the demo's
register reads, and a bad file is refused whole with every problem as FILE:LINE: FIELD: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from welfare_tui.demo import DEMO_RESOURCES, build_demo
from welfare_tui.errors import InvalidInput
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.storage.resource_file import read_resource_file, resources_from_text

GOOD = """\
format: welfare-tui-resources
version: 1
resources:
  - id: hotto_space
    name: 居場所「ほっとスペース」
    category: ibasho
    sector: cross
    area: 青葉地区
    capacity: 15
    contact: NPO法人あおばの会 0561-00-1101
    notes: 平日10時〜16時
  - id: kodomo_shokudo
    name: みんなの食堂
    category: kodomo_shokudo
    sector: kodomo
    capacity: null
    active: false
"""


def _problems(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        resources_from_text(text, "r.yaml")
    return str(caught.value).splitlines()


def test_a_register_reads_as_column_values_in_file_order() -> None:
    rows = resources_from_text(GOOD, "r.yaml")
    assert [row["id"] for row in rows] == ["hotto_space", "kodomo_shokudo"]
    assert rows[0]["capacity"] == 15 and rows[1]["capacity"] is None
    assert rows[1]["active"] is False and "active" not in rows[0]  # left out: the database's default


def test_the_demo_register_has_realistic_resources_of_every_category(tmp_path) -> None:
    rows = read_resource_file(DEMO_RESOURCES, limit=1 << 20)
    assert 12 <= len(rows) <= 20
    assert {row["category"] for row in rows} == {
        "ibasho",
        "salon",
        "kodomo_shokudo",
        "work_experience",
        "consultation",
        "volunteer",
        "other",
    }
    assert {row["sector"] for row in rows} == {"kaigo", "shogai", "kodomo", "konkyu", "cross"}
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)  # the demo build loads it first
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            held = {row["id"]: row for row in repo.list_resources(session)}
    finally:
        engine.dispose()
    assert set(held) == {row["id"] for row in rows}
    assert held["sukoyaka_taiso"]["active"] is False


def test_every_problem_is_reported_at_its_line_and_nothing_is_returned() -> None:
    bad = (
        GOOD.replace("category: ibasho", "category: cafe")
        .replace("id: kodomo_shokudo", "id: hotto_space")
        .replace("capacity: 15", "capacity: -3")
        .replace("    notes: 平日10時〜16時\n", "    notes: 平日10時〜16時\n    colour: red\n")
    )
    problems = _problems(bad)
    assert problems[0].startswith("r.yaml:6: resources[0].category: ") and "cafe" in problems[0]
    assert problems[1].startswith("r.yaml:9: resources[0].capacity: ")
    assert problems[2].startswith("r.yaml:12: resources[0].colour: ")
    assert problems[3].startswith("r.yaml:13: resources[1].id: ") and "resources[0]" in problems[3]
    assert len(problems) == 4


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            GOOD.replace("  - id: kodomo_shokudo\n", "  - id: kodomo_shokudo\n    id: again\n"),
            "r.yaml:13: resources[1].id: ",
        ),
        (GOOD.replace("    sector: cross\n", "    sector: &s cross\n"), "r.yaml:7: anchor: "),
        (GOOD.replace("welfare-tui-resources", "welfare-tui-minutes"), "r.yaml:1: format: "),
        (GOOD.replace("version: 1", "version: 2"), "r.yaml:2: version: "),
        (GOOD.replace("  - id: hotto_space\n", "  - id: Hotto Space\n"), "r.yaml:4: resources[0].id: "),
        (GOOD.replace("    name: みんなの食堂\n", ""), "r.yaml:12: resources[1].name: "),
    ],
)
def test_bounded_input_and_bad_headers_name_their_line(text: str, start: str) -> None:
    problems = _problems(text)
    assert problems[0].startswith(start), problems


def test_a_file_over_the_limit_or_not_a_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"r\.yaml: "):
        read_resource_file(path, limit=100)
    with pytest.raises(InvalidInput):
        read_resource_file(tmp_path, limit=1 << 20)
    assert len(read_resource_file(path, limit=1 << 20)) == 2
