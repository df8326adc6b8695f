"""Bad input: thousands of malformed agenda and minutes files. Never a traceback, every rejection names
the file (and where it can, the line), and a rejected import leaves the database exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import MetaData, func, select
from typer.testing import CliRunner

from welfare_tui.agendas import bundled_agendas_dir
from welfare_tui.cli import app
from welfare_tui.storage.engine import open_database

ROOT = Path(__file__).resolve().parent.parent
# The installed copy of the bundled agenda: CI runs these tests outside the source tree.
AGENDA = (bundled_agendas_dir() / "shien_kaigi.yaml").read_text(encoding="utf-8").splitlines()
MINUTES = (ROOT / "tests" / "data" / "meeting_8050.yaml").read_text(encoding="utf-8").splitlines()
FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))

printable = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
tokens = st.sampled_from(
    [
        "[",
        "]",
        "{",
        "}",
        "- ",
        ": ",
        "*anchor",
        "&anchor x",
        "!!python/object/apply:os.system ['true']",
        "null",
        "~",
        "true",
        "1e999",
        "-1",
        "0x1F",
        "2026-02-30",
        "25:61",
        "'",
        '"',
        "\t",
        "\x00",
        "\x1b[31m",
        "\u202e",
        "\u200f",
        "---",
        "...",
        "? ",
        "|",
        ">",
        "%YAML 1.1",
        "'; DROP TABLE case; --",
        "A" * 5000,
    ]
)
junk = st.one_of(printable, tokens, st.lists(tokens, min_size=1, max_size=5).map("".join))


@st.composite
def mutated(draw, base: list[str]) -> bytes:
    lines = list(base)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "value", "insert", "truncate", "indent", "bytes"]))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if op == "delete" and lines:
            del lines[at]
        elif op == "value" and lines:
            key, colon, _ = lines[at].partition(":")
            lines[at] = f"{key}{colon} {draw(junk)}" if colon else draw(junk)
        elif op == "insert":
            lines.insert(at, draw(junk))
        elif op == "truncate":
            lines = lines[:at]
        elif op == "indent" and lines:
            lines[at] = " " * draw(st.integers(0, 7)) + lines[at].lstrip()
        elif op == "bytes":
            return "\n".join(lines).encode("utf-8")[: draw(st.integers(0, 4000))] + draw(
                st.binary(max_size=8)
            )
    return "\n".join(lines).encode("utf-8")


def no_traceback(result, path: Path) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "WELFARE_TUI_DEBUG" not in output, output
    assert result.exit_code in (0, 1, 2), output
    if result.exit_code:
        errors = [line for line in result.stderr.splitlines() if line]
        assert errors and all(line.startswith("エラー: ") for line in errors[:1]), (
            result.stderr
        )  # Japanese by default
        assert path.name in result.stderr, result.stderr  # the rejection names the place


@FUZZ
@given(data=st.one_of(mutated(AGENDA), st.binary(max_size=200)))
def test_agendas_validate_rejects_malformed_files_cleanly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("agenda") / "my_agenda.yaml"
    path.write_bytes(data)
    no_traceback(CliRunner().invoke(app, ["agendas", "validate", str(path)]), path)


def snapshot(url: str) -> dict[str, object]:
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            metadata = MetaData()
            metadata.reflect(connection)
            return {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar()
                for table in metadata.sorted_tables
            } | {
                "updated": connection.exec_driver_sql("SELECT max(updated_at) FROM meeting").scalar(),
                "head": connection.exec_driver_sql("SELECT max(hash) FROM audit_log").scalar(),
            }
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def import_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('import') / 'welfare.db'}"
    result = CliRunner().invoke(
        app, ["--db", url, "import", str(ROOT / "tests" / "data" / "meeting_juso.yaml")]
    )
    assert result.exit_code == 0, result.stderr
    return url


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=mutated(MINUTES))
def test_import_rejects_malformed_minutes_and_changes_nothing(import_db, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("minutes") / "minutes.yaml"
    path.write_bytes(data)
    before = snapshot(import_db)
    result = CliRunner().invoke(app, ["--db", import_db, "import", str(path)])
    no_traceback(result, path)
    if result.exit_code:
        assert snapshot(import_db) == before


@pytest.mark.parametrize(
    "text",
    [
        '\'; DROP TABLE "case"; --',
        "Robert'); DELETE FROM audit_log;--",
        "改行\nと\tタブ\rと\x0b制御\x07文字",
        "\u202e右から左\u202c と \u200f記号\u200e",
        "🧑‍🧑‍🧒 家族",
        "長い" * 50_000,
        "",
    ],
    ids=["sql-drop", "sql-delete", "control-chars", "bidi-marks", "emoji-zwj", "100k-chars", "empty"],
)
def test_sql_looking_and_odd_text_is_stored_and_exported_faithfully(session, text):
    from welfare_tui.minutes.yaml_format import dump_document, load_document
    from welfare_tui.storage import repo
    from welfare_tui.storage.documents import meeting_document

    case = repo.create_case(session, label="山田世帯", summary=text)
    from welfare_tui.agendas import get_agenda

    meeting = repo.create_meeting(
        session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-11-20"
    )
    repo.update_meeting(session, meeting_id=meeting.id, decisions=text)
    assert repo.get_case(session, case_id=case.id).summary == text
    doc = meeting_document(session, meeting_id=meeting.id)
    back = load_document(dump_document(doc))
    assert back["case"]["summary"] == text and back["decisions"] == text


def test_nul_characters_are_refused_with_a_message(session):
    """PostgreSQL cannot store U+0000 in text: it is refused on both backends, naming the field."""
    from welfare_tui.errors import InvalidInput
    from welfare_tui.storage import repo

    with pytest.raises(InvalidInput, match="summary"):
        repo.create_case(session, label="山田世帯", summary="前\x00後")
