"""English minutes (`--lang en`): every fixed word of every export format comes from the messages (i18n), so
nothing Japanese is left but what people typed; Japanese minutes are unchanged (their golden files).

Regenerate the English golden file on purpose, after reading the diff:
UPDATE_GOLDEN=1 pytest tests/test_minutes_english.py
"""

from __future__ import annotations

import copy
import html
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.demo import demo_documents
from welfare_tui.i18n import set_language
from welfare_tui.minutes import export_filename, render
from welfare_tui.minutes.handout import agency_handout
from welfare_tui.minutes.masking import mask_document
from welfare_tui.minutes.yaml_format import load_document

DATA = Path(__file__).parent / "data"
# Kana and ideographs, but not the middle dot ・ (U+30FB), which English text may use as a bullet.
JAPANESE_TEXT = re.compile(r"[\u3041-\u30fa\u30fc-\u30ff\u4e00-\u9fff]")
FORMATS = ("md", "csv", "ics", "svg")


def data_strings(value: Any) -> Iterator[str]:
    """Every text the document holds (what people typed, agency names, ...), whole and line by line,
    also as a Markdown table cell escapes it."""
    if isinstance(value, str):
        for text in (value, *(line.strip() for line in re.split(r"[\r\n]+", value))):
            if text:
                yield text
                yield text.replace("|", "\\|")
    elif isinstance(value, dict):
        for item in value.values():
            yield from data_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from data_strings(item)


def leftover(doc: dict, text: str, fmt: str) -> list[str]:
    """Lines of `text` still holding Japanese once the document's own texts are taken out."""
    if fmt == "ics":  # unfold and unescape (RFC 5545 §3.1, §3.3.11)
        text = text.replace("\r\n ", "")
        for escaped, plain in (("\\,", ","), ("\\;", ";"), ("\\n", "\n"), ("\\N", "\n"), ("\\\\", "\\")):
            text = text.replace(escaped, plain)
    if fmt == "svg":
        # data-sector is a machine hook holding the stored (Japanese) sector key, never shown.
        text = html.unescape(re.sub(r'data-sector="[^"]*"', "", text))
        # A name too long for its node (or a caption for its line) is cut and ends in …: a prefix of a
        # data string, or of a tie's caption (its label and the member it concerns, from the data).
        from welfare_tui.ecomap import from_document

        texts = set(data_strings(doc)) | {tie.caption for tie in from_document(doc).ties}
        text = re.sub(r">([^<]*)…<", lambda m: "><" if any(d.startswith(m[1]) for d in texts) else m[0], text)
    for data in sorted(set(data_strings(doc)), key=len, reverse=True):
        text = text.replace(data, "")
    return [line for line in text.splitlines() if JAPANESE_TEXT.search(line)]


def fixture(name: str) -> dict:
    path = DATA / f"{name}.yaml"
    return load_document(path.read_text(encoding="utf-8"), source=str(path))


def documents() -> list[tuple[str, dict]]:
    docs = [(f"demo{index}", doc) for index, doc in enumerate(demo_documents())]
    docs += [(name, fixture(name)) for name in ("meeting_8050", "meeting_juso")]
    variants = []
    for name, doc in docs:
        variants += [(name, doc), (f"{name}-masked", mask_document(copy.deepcopy(doc)))]
        lead = (doc.get("case") or {}).get("lead_agency")
        if lead and agency_handout(doc, lead) is not None:
            variants.append((f"{name}-handout", agency_handout(doc, lead)))
    return variants


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("ja")


@pytest.mark.parametrize("era", [False, True], ids=["iso", "era"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_english_exports_hold_no_japanese_but_the_data(english, fmt: str, era: bool) -> None:
    found = []
    for name, doc in documents():
        found += [f"{name}: {line[:160]}" for line in leftover(doc, render(doc, fmt, era=era), fmt)]
    assert found == []


def test_english_markdown_golden(english) -> None:
    text = render(demo_documents()[0], "md")
    path = DATA / "demo_8050_plain_en.golden.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"{path.name} is missing: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert text.encode("utf-8") == path.read_bytes(), f"output differs from {path.name}"


def test_english_wording(english) -> None:
    doc = demo_documents()[0]
    text = render(doc, "md", era=True)
    assert text.startswith("# Minutes of the Support Meeting\n")
    assert "> These minutes record a Support Meeting under Article 106-6" in text
    assert "| Date " in text and "Thu 17 Sep 2026 (Reiwa 8)" in text and "FY2026 (Reiwa 8)" in text
    assert text.rstrip().endswith("End of minutes")
    csv_text = render(doc, "csv", era=True)
    assert csv_text.splitlines()[0].startswith("\ufeffkind,case,household")
    assert "2026-09-17" in csv_text  # English CSV keeps ISO dates, which an English Excel reads


def test_file_names_do_not_depend_on_the_language() -> None:
    doc = demo_documents()[0]
    names = {fmt: export_filename(doc, fmt) for fmt in FORMATS}
    set_language("en")
    try:
        assert {fmt: export_filename(doc, fmt) for fmt in FORMATS} == names
        assert render(doc, "yaml") == (set_language("ja"), render(doc, "yaml"))[1]
    finally:
        set_language("ja")


def test_cli_exports_english_minutes(sqlite_url) -> None:
    from welfare_tui.demo import build_demo
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    build_demo(sqlite_url)
    engine = open_database(sqlite_url)
    try:
        with session_scope(engine) as session:
            meeting_id = repo.list_meetings(session)[-1].id
    finally:
        engine.dispose()
    runner = CliRunner()
    english_run = runner.invoke(
        app, ["--db", sqlite_url, "--lang", "en", "export", str(meeting_id), "--format", "md", "-q"]
    )
    assert english_run.exit_code == 0, english_run.stderr
    assert english_run.stdout.startswith("# Minutes of the ")
    assert "## Attendees" in english_run.stdout and "End of minutes" in english_run.stdout
    japanese_run = runner.invoke(app, ["--db", sqlite_url, "export", str(meeting_id), "--format", "md", "-q"])
    assert japanese_run.exit_code == 0, japanese_run.stderr
    assert "## 出席者" in japanese_run.stdout and "\n以上\n" in japanese_run.stdout


def test_cli_lists_cases_in_english(sqlite_url) -> None:
    from welfare_tui.demo import build_demo

    build_demo(sqlite_url)
    result = CliRunner().invoke(app, ["--db", sqlite_url, "--lang", "en", "cases", "list"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "CODE",
        "CASE",
        "STATUS",
        "LEAD",
        "AGENCY",
        "MEETINGS",
        "LAST",
        "NEXT",
        "TAGS",
    ]
    assert "Support & monitoring" in result.stdout
    japanese = CliRunner().invoke(app, ["--db", sqlite_url, "cases", "list"])
    assert japanese.stdout.splitlines()[0].split()[:3] == ["コード", "ケース", "段階"]
