"""Masking covers the work between meetings (version 3): contact notes, match notes and end reasons,
unmet needs and the resources map, each written with real names, the address and the phone; who
recorded a contact is masked like the chair; a masked export in any format never shows them; an
agency's handout carries this meeting's needs but never the case's contacts or matches."""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml
from typer.testing import CliRunner

from tests.between_builders import between_case
from tests.life_builders import ADDRESS, CODE, NAME, PERSONAL, PHONE
from welfare_tui.cli import app
from welfare_tui.minutes import formats
from welfare_tui.minutes.masking import mask_document
from welfare_tui.storage import documents
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.storage.personal import personal_values

runner = CliRunner()

# Where the work between meetings keeps free text (each written with personal values by between_case).
FREE_TEXTS = (
    ("case", "contacts", 0, "note"),
    ("case", "contacts", 1, "note"),
    ("case", "contacts", 2, "note"),
    ("case", "matches", 0, "note"),
    ("case", "matches", 1, "end_reason"),
)


def _at(doc: dict, path: tuple) -> str:
    value = doc
    for key in path:
        value = value[key]
    return value


def test_every_free_text_between_meetings_is_masked(session) -> None:
    ids = between_case(session, personal=True)
    docs = {name: documents.meeting_document(session, meeting_id=ids[name]) for name in ("juso", "review")}
    docs["review"]["resources"]["hotto_space"]["contact"] = f"{NAME} {PHONE}"  # a contact naming a person
    paths = [("review", path) for path in FREE_TEXTS] + [("juso", ("needs", 0, "text"))]
    for name, path in paths:  # the fixture really wrote personal values there
        assert any(value in _at(docs[name], path) for value in PERSONAL), path
    known = personal_values(session)
    masked = {name: mask_document(doc, known=known) for name, doc in docs.items()}
    for name, path in paths:
        text = _at(masked[name], path)
        assert not [value for value in PERSONAL if value in text], (path, text)
        assert "氏" in text or "○○" in text or "さん" in text, (path, text)  # replaced, not dropped
    review = masked["review"]
    contact = review["resources"]["hotto_space"]["contact"]
    assert NAME not in contact and PHONE not in contact and "○○" in contact
    assert [c["recorded_by"] for c in review["case"]["contacts"]] == [
        "地域包括支援センター ○○",
        "地域福祉課 ○○",
        "地域福祉課 ○○",
    ]
    # Keys, vocabulary, dates and resource ids stay as they are.
    first = review["case"]["contacts"][0]
    assert (first["mode"], first["whom"], first["date"]) == ("visit", "absent", "2026-09-28")
    assert [m["resource"] for m in review["case"]["matches"]] == ["hotto_space", "work_aoba"]
    assert list(review["resources"]) == ["hotto_space", "work_aoba"]


def test_the_leak_gate_knows_who_recorded_a_contact_and_a_resource_contact(session) -> None:
    between_case(session)
    found = {(value.text, value.field) for value in personal_values(session)}
    assert ("地域包括支援センター 山﨑", f"case.contacts[0].recorded_by of case {CODE}") in found
    assert any(text == "NPO法人あおばの会 今井 0561-00-1101" for text, _ in found)


@pytest.fixture
def lived_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'between.db'}"
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            between_case(session, personal=True)
    finally:
        engine.dispose()
    return url


def _leaks(text: str) -> list[str]:
    """The household's names, address and phone found in `text` (compared after NFKC, with and without
    the space inside a name)."""
    plain = unicodedata.normalize("NFKC", text)
    secrets = {unicodedata.normalize("NFKC", value) for value in (*PERSONAL, "𠮷田太郎", "𠮷田")}
    return sorted(secret for secret in secrets if secret in plain)


@pytest.mark.parametrize("fmt", [spec.name for spec in formats.REGISTRY])
def test_a_masked_export_in_any_format_never_shows_a_name_written_between_meetings(lived_url, tmp_path, fmt):
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["--db", lived_url, "export", "--all", "--mask", "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    texts = [formats.plain_text(formats.get(fmt), path.read_bytes()) for path in sorted(out.iterdir())]
    assert texts
    for text in texts:
        assert _leaks(text) == [], fmt


def test_the_minutes_print_the_meetings_unmet_needs(lived_url):
    result = runner.invoke(app, ["--db", lived_url, "export", "--all", "--format", "md", "--mask"])
    assert result.exit_code == 0, result.stderr
    rows = [re.sub(r" +", " ", line) for line in result.stdout.splitlines()]
    assert "地域課題（この世帯の必要に応える資源がないもの）：" in rows
    assert "| 居場所 | 横断 | 長男 | 中高年が日中に通える居場所がない（Aさん） |" in rows


def test_a_handout_carries_this_meetings_needs_and_never_the_case_work(lived_url):
    result = runner.invoke(
        app,
        ["--db", lived_url, "export", "--all", "--format", "yaml", "--agency", "houkatsu", "--mask"],
    )
    assert result.exit_code == 0, result.stderr
    handouts = list(yaml.safe_load_all(result.stdout))
    [review] = handouts  # houkatsu holds a role at the last meeting only
    assert [(n["category"], n["member"]) for n in review["needs"]] == [("mobility", "母")]
    assert "contacts" not in review["case"] and "matches" not in review["case"]
    assert [r["resource"] for r in review["roles"]] == ["hotto_space"]
    assert list(review["resources"]) == ["hotto_space"]  # only what its own roles name
    assert ADDRESS not in result.stdout and NAME not in result.stdout
