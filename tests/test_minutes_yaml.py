"""YAML meeting documents: exact round trips, the same bytes from libyaml and pure PyYAML, and errors
that name the line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from welfare_tui.errors import InvalidInput
from welfare_tui.minutes.yaml_format import dump_document, load_document

DATA = Path(__file__).parent / "data"
FIXTURES = ("meeting_8050", "meeting_juso")
needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")

TRICKY = [
    "14:00",
    "9:05",
    "00:30",
    "2026-01-01",
    "2026-1-5",
    "2026-10-15 14:00",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "null",
    "Null",
    "~",
    "true",
    "False",
    "1e3",
    "8050",
    "0x1F",
    "0o17",
    "08",
    "1_000",
    ".5",
    "-1.5",
    ".inf",
    ".NaN",
    "=",
    "<<",
    "",
    " 先頭に空白",
    "末尾に空白 ",
    "1行目\n2行目",
    "\n",
    "末尾改行\n",
    "空行あり\n\n",
    "- リストではない",
    "? 問い",
    "# コメントではない",
    "a: b",
    "'引用'",
    '"二重"',
    "|",
    ">",
    "&anchor",
    "*alias",
    "!tag",
    "%",
    "@",
    "`",
    "---",
    "...",
    "\t",
    "\u3000全角空白",
    "𠮷野 家",
    "😀",
    "CR\r\nLF",
    "NEL\x85",
    "LS\u2028PS\u2029",
    "\ufeffBOM",
    "制御\x07文字",
]
japanese = st.text(
    st.characters(min_codepoint=0x3040, max_codepoint=0x30FF) | st.sampled_from("山田花子、。（）「」・ー〜"),
    max_size=20,
)
anything = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
strings = st.one_of(
    st.sampled_from(TRICKY),
    japanese,
    anything,
    st.lists(st.one_of(st.sampled_from(TRICKY), japanese), max_size=4).map("".join),
)
scalars = st.one_of(strings, st.integers(-(2**63), 2**63 - 1), st.booleans(), st.none())  # 64-bit, as stored
items = st.dictionaries(
    st.sampled_from(["agency", "content", "date", "what", "task", "due", "status", "name"]),
    scalars,
    max_size=5,
)


@st.composite
def documents(draw: st.DrawFn) -> dict:
    """Documents of the real shape (keys in order), with any value where a string goes."""
    return {
        "format": "welfare-tui-minutes",
        "version": 1,
        "agencies": draw(
            st.dictionaries(
                st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True),
                st.fixed_dictionaries({"name": strings, "short": strings, "sector": strings}),
                max_size=3,
            )
        ),
        "case": draw(
            st.fixed_dictionaries(
                {
                    "code": strings,
                    "label": strings,
                    "summary": strings,
                    "tags": st.lists(strings, max_size=3),
                    "consent": st.fixed_dictionaries({"status": strings, "date": st.none() | strings}),
                    "household": st.lists(items, max_size=3),
                }
            )
        ),
        "meeting": draw(
            st.fixed_dictionaries(
                {
                    "uid": strings,
                    "round": st.integers(1, 99),
                    "date": strings,
                    "start": strings,
                    "purpose": strings,
                }
            )
        ),
        "attendees": draw(st.lists(items, max_size=3)),
        "goals": draw(
            st.fixed_dictionaries(
                {"long": st.lists(strings, max_size=3), "short": st.lists(strings, max_size=3)}
            )
        ),
        "decisions": draw(strings),
        "next_meeting": draw(st.fixed_dictionaries({"date": strings, "note": strings})),
    }


@given(documents())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip_of_any_document(doc: dict) -> None:
    assert load_document(dump_document(doc)) == doc


@needs_libyaml
@given(documents())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_libyaml_and_pure_python_write_the_same_bytes(doc: dict) -> None:
    assert dump_document(doc, libyaml=True) == dump_document(doc, libyaml=False)


@pytest.mark.parametrize("libyaml", [pytest.param(True, marks=needs_libyaml), False])
def test_tricky_strings_round_trip_and_are_quoted(libyaml: bool) -> None:
    doc = {"format": "welfare-tui-minutes", "version": 1, "values": TRICKY}
    text = dump_document(doc, libyaml=libyaml)
    assert load_document(text) == doc
    # Every reader sees strings: check with PyYAML's own full YAML 1.1 loader as well.
    assert yaml.safe_load(text) == doc
    for value in ("14:00", "00:30", "2026-01-01", "yes", "null", "1e3", "8050", "=", ""):
        assert f'- "{value}"\n' in text


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_round_trips_and_both_emitters_agree(name: str) -> None:
    doc = load_document((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    text = dump_document(doc)
    assert load_document(text) == doc
    assert text == dump_document(doc, libyaml=False)
    assert text.startswith("format: welfare-tui-minutes\nversion: 1\n")
    assert '  date: "' in text and '  start: "' in text


def test_paragraphs_are_literal_blocks_and_nothing_folds() -> None:
    long_line = "本人は" + "長い文章" * 200
    doc = {"format": "welfare-tui-minutes", "version": 1, "summary": "1行目\n2行目\n", "long": long_line}
    text = dump_document(doc)
    assert "summary: |\n  1行目\n  2行目\n" in text
    assert f"long: {long_line}\n" in text


def test_shared_values_are_written_out_not_anchored() -> None:
    shared = ["同じリスト"]
    text = dump_document({"format": "welfare-tui-minutes", "version": 1, "a": shared, "b": shared})
    assert "&" not in text and "*" not in text


def test_hand_written_dates_and_times_stay_strings() -> None:
    doc = load_document("format: welfare-tui-minutes\nversion: 1\ndate: 2026-10-15\nstart: 14:00\nmark: =\n")
    assert doc == {
        "format": "welfare-tui-minutes",
        "version": 1,
        "date": "2026-10-15",
        "start": "14:00",
        "mark": "=",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "f.yaml:1: document: empty"),
        ("# only a comment\n", "f.yaml:1: document: empty"),
        ("- a\n- b\n", "f.yaml:1: document: expected a mapping (welfare-tui-minutes document), found a list"),
        (
            "just text\n",
            'f.yaml:1: document: expected a mapping (welfare-tui-minutes document), found the scalar "just text"',
        ),
        ("version: 1\ncase: {}\n", 'f.yaml:1: format: missing; expected "welfare-tui-minutes"'),
        (
            "# c\nformat: minutes\nversion: 1\n",
            'f.yaml:2: format: expected "welfare-tui-minutes", found "minutes"',
        ),
        ("format: welfare-tui-minutes\n", "f.yaml:1: version: missing; expected 3"),
        (
            "format: welfare-tui-minutes\ncase: {}\nversion: 4\n",
            'f.yaml:3: version: unsupported version "4"; this program reads version 1, 2, 3',
        ),
        ("format: welfare-tui-minutes\nversion: '1'\n", 'f.yaml:2: version: unsupported version "1"'),
        (
            "format: welfare-tui-minutes\nversion: 1\ncase:\n  label: [A氏世帯\n  code: C-1\n",
            "f.yaml:5: syntax: ",
        ),
        ("format: welfare-tui-minutes\nversion: 1\ncase:\n  label: a\n label: b\n", "f.yaml:5: syntax: "),
        ("format: welfare-tui-minutes\nversion: 1\nx: !!python/object:os.system echo\n", "f.yaml:3: x: "),
        (
            "---\nformat: welfare-tui-minutes\nversion: 1\n---\nformat: welfare-tui-minutes\nversion: 1\n",
            "f.yaml:4: syntax: expected a single document in the stream, but found another document",
        ),
    ],
)
@pytest.mark.usefixtures("english")  # the English messages
def test_load_errors_name_file_line_and_field(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_document(text, source="f.yaml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
