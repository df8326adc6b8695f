"""Masking covers every free text of the case's life (version 2): intake concern and notes, stage
reasons, 意向, 方向性, links, goal texts, evaluation notes — each written with real names, the
address and the phone — and who recorded an intake or an event; the leak gate knows those recorders."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from tests.life_builders import ADDRESS, NAME, PERSONAL, lived_case
from welfare_tui.cli import app
from welfare_tui.minutes.masking import mask_document
from welfare_tui.storage import documents
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.storage.personal import personal_values

runner = CliRunner()

# Where the case's life keeps free text (each written with personal values by lived_case).
FREE_TEXTS = (
    ("intakes", 0, "concern"),
    ("intakes", 0, "notes"),
    ("stages", 2, "reason"),
    ("plan", 0, "intention"),
    ("plan", 0, "direction"),
    ("plan", 0, "links_note"),
    ("plan", 0, "goals", 0, "text"),
    ("plan", 0, "goals", 0, "evaluations", 0, "note"),
)


def _at(case: dict, path: tuple) -> str:
    value = case
    for key in path:
        value = value[key]
    return value


def test_every_free_text_of_the_life_is_masked(session) -> None:
    ids = lived_case(session, personal=True)
    doc = documents.meeting_document(session, meeting_id=ids["review"])
    for path in FREE_TEXTS:  # the fixture really wrote personal values there
        assert any(value in _at(doc["case"], path) for value in PERSONAL), path
    masked = mask_document(doc, known=personal_values(session))
    for path in FREE_TEXTS:
        text = _at(masked["case"], path)
        assert not [value for value in PERSONAL if value in text], (path, text)
        assert "氏" in text or "○○" in text or "さん" in text, (path, text)  # replaced, not dropped
    recorders = [row["recorded_by"] for part in ("intakes", "stages") for row in masked["case"][part]]
    assert recorders and all("髙﨑" not in name for name in recorders)
    assert masked["case"]["intakes"][0]["recorded_by"] == "地域福祉課 ○○"
    assert masked["case"]["stages"][2]["decision"] == "continue"  # keys stay as they are


def test_the_leak_gate_knows_who_recorded_the_life(session) -> None:
    lived_case(session, personal=True)
    found = {(value.text, value.field) for value in personal_values(session)}
    assert ("地域福祉課 髙﨑", "case.intakes[0].recorded_by of case C-2026-101") in found
    assert any(field.startswith("case.stages[0].recorded_by") for _, field in found)


@pytest.mark.parametrize("fmt", ["yaml", "md", "plan"])
def test_masked_exports_show_no_personal_value_of_the_life(sqlite_url, fmt) -> None:
    engine = open_database(sqlite_url)
    try:
        with session_scope(engine) as session:
            ids = lived_case(session, personal=True)
    finally:
        engine.dispose()
    for meeting_id in ids.values():
        result = runner.invoke(
            app, ["--db", sqlite_url, "export", str(meeting_id), "--format", fmt, "--mask"]
        )
        assert result.exit_code == 0, result.stderr
        assert not [value for value in (*PERSONAL, "髙﨑") if value in _read(result.stdout, fmt)]
    plain = runner.invoke(app, ["--db", sqlite_url, "export", str(ids["review"]), "--format", fmt])
    shown = _read(plain.stdout, fmt)
    assert NAME in shown and ADDRESS in shown  # unmasked, the record is whole


def _read(text: str, fmt: str) -> str:
    """The text as a reader sees it (YAML escapes characters beyond U+FFFF such as 𠮷)."""
    if fmt != "yaml":
        return text
    return json.dumps(yaml.safe_load(text), ensure_ascii=False)
