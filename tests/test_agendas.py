"""Agenda loader: the bundled agendas load, and every broken file names its file, line and field."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from welfare_tui.agendas import (
    MAX_MINUTES,
    STEP_KINDS,
    Agenda,
    agenda_to_dict,
    bundled_agendas_dir,
    get_agenda,
    list_agendas,
    load_agenda_file,
    parse_agenda,
    step_to_dict,
)
from welfare_tui.domain import MEETING_TYPES

# These tests match the English problem texts.
pytestmark = pytest.mark.usefixtures("english")
from welfare_tui.errors import AgendaError, NotFound

# A statutory meeting that runs without consent gets a bundled agenda, so a new meeting of it (or the
# fallback from a refused 重層的支援会議 / 支援調整会議) can be started from the TUI.
BUNDLED_IDS = {"shien_kaigi", "juso_shien_kaigi", "hyoka_kaigi", "konkyu_shien_kaigi", "seiho_chosei_kaigi"}

GOOD = textwrap.dedent(
    """\
    id: test_agenda
    title: テスト会議
    meeting_type: shien_kaigi
    steps:
      - id: opening
        kind: opening
        title: 開会
        minutes: 5
        required: true
      - id: closing
        kind: closing
        title: 閉会
        minutes: 2
        required: false
    """
)


def problem(text: str, source: str = "bad.yaml") -> str:
    """The message of the AgendaError that `text` raises."""
    with pytest.raises(AgendaError) as raised:
        parse_agenda(text, source)
    return str(raised.value)


def with_line(text: str, line: int, new: str) -> str:
    """`text` with its 1-based `line` replaced (keeps the tests' line numbers obvious)."""
    lines = text.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


# --- bundled agendas ---------------------------------------------------------------------------


def test_bundled_agendas_live_at_the_top_of_the_checkout() -> None:
    directory = bundled_agendas_dir()
    assert directory.is_dir()
    assert {path.stem for path in directory.glob("*.yaml")} >= BUNDLED_IDS


@pytest.mark.parametrize("path", sorted(bundled_agendas_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_agenda_loads(path: Path) -> None:
    agenda = load_agenda_file(path)
    assert agenda.id == path.stem
    assert agenda.meeting_type in MEETING_TYPES
    assert agenda.legal_basis
    assert 60 <= agenda.total_minutes <= 90
    assert agenda.steps[0].kind == "opening" and agenda.steps[-1].kind == "closing"
    for step in agenda.steps:
        assert step.kind in STEP_KINDS
        assert step.title and step.title_en
        assert 2 <= len(step.guide) <= 4, step.id
        assert len(step.guide_en) == len(step.guide), step.id


def test_bundled_agendas_follow_the_canonical_steps() -> None:
    """domain.md §3.2 and its variants: the ✱ steps are required; 評価 replaces assessment by evaluation."""
    required = {
        "opening",
        "attendance",
        "confidentiality",
        "policy",
        "roles",
        "monitoring",
        "next_meeting",
        "wrap_up",
    }
    agendas = {agenda.id: agenda for agenda in list_agendas(user_dir=Path("/nonexistent"))}
    assert set(agendas) == BUNDLED_IDS
    for agenda in agendas.values():
        marked = {step.kind for step in agenda.steps if step.required}
        assert required <= marked, agenda.id
        assert not {"info_sharing", "resource_gaps", "closing"} & marked, agenda.id
    assert agendas["shien_kaigi"].legal_basis == "社会福祉法第106条の6"
    assert agendas["juso_shien_kaigi"].meeting_type == "juso_shien_kaigi"
    hyoka = agendas["hyoka_kaigi"]
    assert hyoka.meeting_type == "juso_shien_kaigi"
    kinds = [step.kind for step in hyoka.steps]
    assert "evaluation" in kinds and "assessment" not in kinds
    assert hyoka.step("evaluation").required
    assert "review_previous" in [step.kind for step in agendas["juso_shien_kaigi"].steps]
    for key in ("konkyu_shien_kaigi", "seiho_chosei_kaigi"):  # each under its own law
        assert agendas[key].meeting_type == key
        assert agendas[key].legal_basis == MEETING_TYPES[key].legal_basis


def test_agenda_helpers() -> None:
    agenda = parse_agenda(GOOD, "good.yaml")
    assert agenda.source == "good.yaml"
    assert agenda.total_minutes == 7
    assert agenda.legal_basis == MEETING_TYPES["shien_kaigi"].legal_basis  # default from the type
    assert agenda.step("closing").minutes == 2
    assert agenda.step("opening").title_for("en") == "開会"  # falls back to Japanese
    with pytest.raises(NotFound, match="has no step 'nope'"):
        agenda.step("nope")
    with pytest.raises(dataclasses.FrozenInstanceError):
        agenda.id = "x"


def test_to_dict_round_trips_through_yaml() -> None:
    for agenda in list_agendas(user_dir=Path("/nonexistent")):
        data = agenda_to_dict(agenda)
        assert data["steps"][0] == step_to_dict(agenda.steps[0])
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        assert parse_agenda(text, agenda.source) == agenda


# --- user agendas ------------------------------------------------------------------------------


def test_user_agenda_is_listed_after_the_bundled_ones(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(GOOD, encoding="utf-8")
    ids = [agenda.id for agenda in list_agendas(user_dir=tmp_path)]
    bundled = len(BUNDLED_IDS)
    assert set(ids[:bundled]) == BUNDLED_IDS and ids[bundled] == "test_agenda"
    assert get_agenda("test_agenda", user_dir=tmp_path).source == str(tmp_path / "mine.yaml")


def test_user_agenda_overrides_the_bundled_one_in_place(tmp_path: Path) -> None:
    (tmp_path / "local.yml").write_text(GOOD.replace("id: test_agenda", "id: shien_kaigi"), encoding="utf-8")
    agendas = list_agendas(user_dir=tmp_path)
    assert len(agendas) == len(BUNDLED_IDS)
    assert get_agenda("shien_kaigi", user_dir=tmp_path).title == "テスト会議"


def test_broken_user_agenda_raises(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(with_line(GOOD, 3, "meeting_type: nope"), encoding="utf-8")
    with pytest.raises(AgendaError, match=r"broken\.yaml:3: meeting_type: unknown meeting type 'nope'"):
        list_agendas(user_dir=tmp_path)


def test_two_user_agendas_with_one_id_raise(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(AgendaError, match="'test_agenda' is also used by"):
        list_agendas(user_dir=tmp_path)


def test_default_user_dir_comes_from_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("welfare_tui.locations.user_agendas_dir", lambda: tmp_path)
    (tmp_path / "mine.yaml").write_text(GOOD, encoding="utf-8")
    assert get_agenda("test_agenda").title == "テスト会議"


def test_get_agenda_unknown_id() -> None:
    with pytest.raises(NotFound) as raised:
        get_agenda("nope", user_dir=Path("/nonexistent"))
    assert str(raised.value) == "no agenda with id 'nope'; see 'welfare-tui agendas list'"


# --- error messages: file, line, field ---------------------------------------------------------


def test_good_text_parses() -> None:
    assert [step.id for step in parse_agenda(GOOD).steps] == ["opening", "closing"]


def test_unknown_kind_names_line_field_and_choices() -> None:
    message = problem(with_line(GOOD, 11, "    kind: foo"))
    assert message == (
        "bad.yaml:11: steps[1].kind: unknown kind 'foo' (expected one of: " + ", ".join(STEP_KINDS) + ")"
    )


def test_yaml_syntax_error() -> None:
    message = problem(with_line(GOOD, 7, "    title: [開会"))
    assert message.startswith("bad.yaml:")
    assert ": YAML syntax error: " in message
    assert message.split(":")[1] in {"7", "8"}  # libyaml notices the unclosed list on the next line


def test_tab_indentation_is_a_syntax_error() -> None:
    assert problem("id: x\n\ttitle: y\n").startswith("bad.yaml:2: YAML syntax error: ")


def test_missing_field_names_the_mapping_line() -> None:
    text = with_line(GOOD, 13, "        ")  # drop steps[1].minutes
    assert problem(text) == "bad.yaml:10: steps[1].minutes: missing required field"


def test_missing_top_level_field() -> None:
    text = GOOD.replace("title: テスト会議\n", "")
    assert problem(text) == "bad.yaml:1: title: missing required field"


def test_wrong_type() -> None:
    assert problem(with_line(GOOD, 9, "    required: maybe")) == (
        "bad.yaml:9: steps[0].required: expected true or false, got text 'maybe'"
    )
    assert problem(with_line(GOOD, 2, "title: 123")).startswith(
        "bad.yaml:2: title: expected text, got a whole number (123)"
    )
    assert problem(GOOD.split("steps:")[0] + "steps: {}\n") == (
        "bad.yaml:4: steps: expected a list of steps ('- id: ...' items), got a mapping"
    )


def test_guide_must_be_a_list_of_text() -> None:
    text = GOOD + "    guide:\n      - 目的を共有したか\n      - [1, 2]\n"
    assert problem(text) == "bad.yaml:17: steps[1].guide[1]: expected text, got a list"
    text = GOOD + "    guide: 目的を共有したか\n"
    assert problem(text).startswith("bad.yaml:15: steps[1].guide: expected a list of questions")


def test_duplicate_step_id() -> None:
    assert problem(with_line(GOOD, 10, "  - id: opening")) == (
        "bad.yaml:10: steps[1].id: duplicate step id 'opening' (first used on line 5)"
    )


def test_duplicate_key() -> None:
    text = with_line(GOOD, 7, "    title: 開会\n    title: もう一度")
    assert problem(text) == "bad.yaml:8: steps[0].title: duplicate field (first given on line 7)"


def test_duplicate_key_names_the_first_key_line_not_its_value() -> None:
    text = GOOD + "steps:\n  - id: again\n"
    assert problem(text) == "bad.yaml:15: steps: duplicate field (first given on line 4)"
    text = GOOD + "title: 二つ目\n"
    assert problem(text) == "bad.yaml:15: title: duplicate field (first given on line 2)"


def test_unknown_key_suggests_the_near_one() -> None:
    assert problem(with_line(GOOD, 7, "    titel: 開会")) == (
        "bad.yaml:5: steps[0].title: missing required field\n"
        "bad.yaml:7: steps[0].titel: unknown field 'titel' (did you mean 'title'?)"
    )
    assert "expected one of: id, title" in problem(GOOD + "colour: red\n")


@pytest.mark.parametrize("value", ["0", "-5", str(MAX_MINUTES + 1)])
def test_minutes_out_of_range(value: str) -> None:
    assert problem(with_line(GOOD, 13, f"    minutes: {value}")) == (
        f"bad.yaml:13: steps[1].minutes: {int(value)} is out of range (expected 1 to 240 minutes)"
    )


def test_minutes_must_be_whole() -> None:
    assert problem(with_line(GOOD, 13, "    minutes: 2.5")) == (
        "bad.yaml:13: steps[1].minutes: expected a whole number of minutes, got a decimal number (2.5)"
    )


def test_empty_steps() -> None:
    text = GOOD.split("steps:")[0] + "steps: []\n"
    assert problem(text) == "bad.yaml:4: steps: an agenda needs at least one step"


def test_unknown_meeting_type_lists_the_known_ones() -> None:
    assert problem(with_line(GOOD, 3, "meeting_type: kaigi")) == (
        "bad.yaml:3: meeting_type: unknown meeting type 'kaigi' (expected one of: "
        + ", ".join(MEETING_TYPES)
        + ")"
    )


def test_invalid_ids() -> None:
    assert problem(with_line(GOOD, 1, "id: Test Agenda")).startswith(
        "bad.yaml:1: id: 'Test Agenda' is not a valid id"
    )
    assert problem(with_line(GOOD, 10, "  - id: 閉会")).startswith(
        "bad.yaml:10: steps[1].id: '閉会' is not a valid id"
    )


def test_empty_file() -> None:
    assert problem("") == "bad.yaml:1: the file is empty (an agenda needs id, title, meeting_type and steps)"
    assert problem("# only a comment\n").startswith("bad.yaml:1: the file is empty")


def test_top_level_list() -> None:
    assert problem("- id: x\n- id: y\n") == (
        "bad.yaml:1: the top level must be a mapping of agenda fields (id, title, ...), got a list"
    )


def test_step_that_is_not_a_mapping() -> None:
    assert problem(GOOD + "  - opening\n") == (
        "bad.yaml:15: steps[2]: each step must be a mapping of fields (id, kind, ...), got text 'opening'"
    )


def test_several_problems_are_reported_in_line_order() -> None:
    text = with_line(with_line(GOOD, 13, "    minutes: 0"), 6, "    kind: foo")
    lines = problem(text).splitlines()
    assert [line.split(":")[1] for line in lines] == ["6", "13"]


def test_several_documents() -> None:
    assert problem(GOOD + "---\nid: other\n").startswith(
        "bad.yaml:15: YAML syntax error: expected a single document"
    )


def test_python_tags_are_never_constructed() -> None:
    message = problem(with_line(GOOD, 1, "id: !!python/object/apply:os.system [echo hacked]"))
    assert message.startswith("bad.yaml:1: id: expected text")


def test_merge_keys_are_refused() -> None:
    assert "merge keys ('<<') are not supported" in problem(GOOD + "<<: {title: x}\n")


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "sjis.yaml"
    path.write_bytes(with_line(GOOD, 7, "    title: 開会").encode("shift_jis"))
    with pytest.raises(AgendaError) as raised:
        load_agenda_file(path)
    assert str(raised.value).startswith(f"{path}:2: the file is not UTF-8 text")  # 'テスト会議' on line 2


def test_utf8_with_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(GOOD.encode("utf-8-sig"))
    assert load_agenda_file(path).id == "test_agenda"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    from welfare_tui.i18n import set_language

    set_language("en")
    with pytest.raises(AgendaError, match=r"missing\.yaml: cannot read: no such file"):
        load_agenda_file(tmp_path / "missing.yaml")
    with pytest.raises(AgendaError, match=r"not a regular file \(a directory\)"):
        load_agenda_file(tmp_path)


def test_file_errors_name_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("agendas").mkdir()
    Path("agendas/bad.yaml").write_text(with_line(GOOD, 11, "    kind: foo"), encoding="utf-8")
    with pytest.raises(AgendaError) as raised:
        load_agenda_file("agendas/bad.yaml")
    assert str(raised.value).startswith("agendas/bad.yaml:11: steps[1].kind: unknown kind 'foo'")


# --- property: nothing but AgendaError, ever ---------------------------------------------------

_SAMPLES = [GOOD] + [
    path.read_text(encoding="utf-8") for path in sorted(bundled_agendas_dir().glob("*.yaml"))
]
_FRAGMENTS = [
    "",
    ":",
    ": ",
    "- ",
    "-",
    "\t",
    "  ",
    "\n",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!int ",
    "!x ",
    "<<: ",
    "'",
    '"',
    "|",
    ">",
    "#",
    "---\n",
    "...\n",
    "? ",
    "%YAML 1.1\n",
    "\x00",
    "\ufeff",
    "null",
    "~",
    "true",
    "0x1F",
    "1e3",
    "2026-01-01",
    "minutes: ",
    "kind: ",
    "steps:",
    "テスト",
]


@st.composite
def mutated_agenda_text(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_SAMPLES))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "cut"]))
        piece = draw(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=8)))
        if action == "insert":
            text = text[:position] + piece + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 20)) :]
        elif action == "replace":
            text = text[:position] + piece + text[position + len(piece) :]
        else:
            text = text[:position]
    return text


def _only_agenda_errors(text: str) -> None:
    try:
        result = parse_agenda(text, "fuzz.yaml")
    except AgendaError as error:
        lines = str(error).splitlines()
        assert lines, "an AgendaError must have a message"
        assert all(line.startswith("fuzz.yaml:") for line in lines), lines
    else:
        assert isinstance(result, Agenda)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_agenda_text())
def test_mutated_yaml_raises_only_agenda_error(text: str) -> None:
    _only_agenda_errors(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_raises_only_agenda_error(text: str) -> None:
    _only_agenda_errors(text)


def test_deep_nesting_is_an_agenda_error() -> None:
    _only_agenda_errors("id: " + "[" * 50_000)
    _only_agenda_errors("steps:\n" + "- " * 20_000 + "x\n")
