"""和暦, CSV, iCalendar, handouts and the JSON Schema: golden files from the demo data plus the rules the
programs that read these files rely on.

Regenerate the golden files on purpose, after reading the diff:
UPDATE_GOLDEN=1 pytest tests/test_minutes_formats.py
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest

from welfare_tui.demo import demo_documents
from welfare_tui.errors import InvalidInput, RuleRefused
from welfare_tui.minutes import (
    FORMATS,
    body,
    era,
    export_filename,
    head,
    render,
    render_file,
    separator,
    tail,
)
from welfare_tui.minutes.handout import agency_handout
from welfare_tui.minutes.ics_format import TODO_STATUS
from welfare_tui.minutes.masking import mask_document
from welfare_tui.minutes.schema import problems, schema_text

DATA = Path(__file__).parent / "data"


ROOT = Path(__file__).parent.parent
OPEN = ("open", "continue", "revise")


def check_golden(path: Path, data: bytes) -> None:
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert path.exists(), f"{path.name} is missing: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert data == path.read_bytes(), f"output differs from {path.name}"


def demo(index: int = 0) -> dict:
    """A demo document that a test may change (demo documents share their case block)."""
    return copy.deepcopy(demo_documents()[index])


# --- 和暦 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "text"),
    [
        ("2026-11-20", "令和8年11月20日(金)"),
        ("2019-05-01", "令和元年5月1日(水)"),
        ("2019-04-30", "平成31年4月30日(火)"),
        ("2020-01-01", "令和2年1月1日(水)"),
        ("1989-01-07", "昭和64年1月7日(土)"),
        ("1989-01-08", "平成元年1月8日(日)"),
        ("1926-12-24", "大正15年12月24日(金)"),
        ("1926-12-25", "昭和元年12月25日(土)"),
        ("1912-07-29", "明治45年7月29日(月)"),
        ("1912-07-30", "大正元年7月30日(火)"),
    ],
)
def test_wareki_dates_and_era_boundaries(day: str, text: str) -> None:
    assert era.wareki(dt.date.fromisoformat(day)) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        ("2026-04-01", "令和8年度"),
        ("2027-03-31", "令和8年度"),
        ("2026-03-31", "令和7年度"),
        ("2019-04-01", "平成31年度"),
        ("2020-03-31", "平成31年度"),
        ("2020-04-01", "令和2年度"),
        ("1989-04-01", "平成元年度"),
    ],
)
def test_fiscal_year_runs_april_to_march(day: str, text: str) -> None:
    assert era.fiscal_year(dt.date.fromisoformat(day)) == text


def test_birth_year_and_non_dates() -> None:
    assert era.birth_year(1944) == "昭和19年" and era.birth_year(2019) == "令和元年"
    assert era.format_date("2026-11-20", era=False) == "2026-11-20"
    assert era.format_date("1944", era=True) == "1944" and era.format_date(None, era=True) == ""


def test_markdown_with_era() -> None:
    text = render(demo(), "md", era=True)
    assert "| 年度 " in text and "令和8年度" in text
    assert "令和8年9月17日(木)" in text and "2026-09-17" not in text
    assert "14:00〜15:20" in text


# --- golden files of every format, from the demo data ----------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "yaml", "csv", "ics"])
@pytest.mark.parametrize("variant", ["plain", "era", "masked", "handout"])
def test_demo_golden_files(fmt: str, variant: str) -> None:
    doc = demo(0)
    if variant == "masked":
        doc = mask_document(doc)
    if variant == "handout":
        doc = agency_handout(doc, "hoken_center")
    text = render(doc, fmt, era=variant == "era")
    check_golden(DATA / f"demo_8050_{variant}.golden.{fmt}", text.encode("utf-8"))


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_is_excel_friendly() -> None:
    doc = demo(0)
    data = render(doc, "csv").encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][0] == "種別" and len(rows) == 1 + len(doc["roles"]) + len(doc["monitoring"])
    assert {len(row) for row in rows} == {len(rows[0])}


def test_csv_quotes_and_defuses_formulas() -> None:
    doc = demo(0)
    doc["roles"][0]["task"] = '=HYPERLINK("x"),\n二行目'
    rows = list(csv.reader(io.StringIO(render(doc, "csv").encode().decode("utf-8-sig"), newline="")))
    assert rows[1][6] == '\'=HYPERLINK("x"),\n二行目'


def test_csv_stream_has_one_header_row() -> None:
    docs = demo_documents()
    stream = head("csv") + separator("csv").join(body(doc, "csv") for doc in docs) + tail("csv")
    assert stream.count("\ufeff") == 1
    rows = list(csv.reader(io.StringIO(stream[1:], newline="")))
    assert [row[0] for row in rows].count("種別") == 1
    assert len(rows) == 1 + sum(len(d["roles"]) + len(d["monitoring"]) for d in docs)


def _calc_installed() -> bool:
    """LibreOffice with its spreadsheet (Calc's library beside soffice): Writer alone cannot read a CSV."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return False
    program = Path(os.path.realpath(soffice)).parent
    return any(program.glob("libsclo.*")) or shutil.which("localc") is not None


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc is not installed")
def test_csv_opens_in_libreoffice_with_japanese_intact(tmp_path) -> None:
    import zipfile

    source = tmp_path / "roles.csv"
    doc = demo(0)
    source.write_bytes(render(doc, "csv").encode("utf-8"))
    # Headless LibreOffice has no import dialog: without filter options it reads a CSV in the system
    # charset whatever the BOM says, so the character set is given (76 = UTF-8), as a user picks it
    # in the dialog. The BOM is then consumed, not shown in the first cell.
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    with zipfile.ZipFile(tmp_path / "roles.xlsx") as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    # A cell mixing scripts is stored as rich-text runs: join each string's runs back together.
    cells = {
        "".join(re.findall(r"<t[^>]*>([^<]*)</t>", item)) for item in re.findall(r"<si>(.*?)</si>", strings)
    }
    for text in ("種別", "役割分担", doc["case"]["label"], doc["roles"][0]["task"], "完了"):
        assert text in cells, text


# --- iCalendar -------------------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(demo_documents())))
def test_ics_parses_with_one_open_todo_per_open_role(index: int) -> None:
    doc = demo(index)
    calendar = icalendar.Calendar.from_ical(render(doc, "ics"))
    todos = calendar.walk("VTODO")
    assert len(todos) == len(doc["roles"])
    open_todos = [todo for todo in todos if str(todo["STATUS"]) in ("NEEDS-ACTION", "IN-PROCESS")]
    assert len(open_todos) == sum(role["status"] in OPEN for role in doc["roles"])
    events = calendar.walk("VEVENT")
    planned = doc["meeting"]["status"] == "planned"  # the meeting itself is an event (an invitation)
    expected = sum(bool(m["date"]) for m in doc["monitoring"]) + bool(doc["next_meeting"]["date"]) + planned
    assert len(events) == expected
    uids = [str(component["UID"]) for component in todos + events]
    assert len(set(uids)) == len(uids)
    for todo, role in zip(todos, doc["roles"], strict=True):
        assert str(todo["STATUS"]) == TODO_STATUS[role["status"]]
        if role["due"]:
            assert todo.decoded("DUE") == dt.date.fromisoformat(role["due"])
        description = str(todo["DESCRIPTION"])
        assert role["person"] in description and doc["case"]["label"] in description


def test_ics_is_rfc5545_shaped_and_stable() -> None:
    text = render(demo(0), "ics")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert "VERSION:2.0" in text and "PRODID:" in text
    assert text == render(demo(0), "ics")  # same meeting, same bytes: UIDs and DTSTAMP do not move


def test_ics_stream_is_one_calendar() -> None:
    docs = demo_documents()
    stream = head("ics") + "".join(body(doc, "ics") for doc in docs) + tail("ics")
    calendar = icalendar.Calendar.from_ical(stream)
    assert len(calendar.walk("VTODO")) == sum(len(d["roles"]) for d in docs)


def test_a_planned_meeting_is_an_event_at_its_time_and_place() -> None:
    doc = copy.deepcopy(next(d for d in demo_documents() if d["meeting"]["status"] == "planned"))
    doc["case"]["label"] = "𠮷田 髙﨑ﾏﾙﾏﾙ世帯"
    doc["meeting"]["place"] = "市役所 ３０１会議室"
    calendar = icalendar.Calendar.from_ical(render(doc, "ics"))
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("meeting-"))
    assert str(event["UID"]) == f"meeting-{doc['meeting']['uid']}@welfare-tui"
    jst = dt.timezone(dt.timedelta(hours=9))
    start = dt.datetime.combine(
        dt.date.fromisoformat(doc["meeting"]["date"]), dt.time.fromisoformat(doc["meeting"]["start"]), jst
    )
    end = dt.datetime.combine(start.date(), dt.time.fromisoformat(doc["meeting"]["end"]), jst)
    assert event.decoded("DTSTART") == start and event.decoded("DTEND") == end
    assert str(event["LOCATION"]) == "市役所 ３０１会議室"
    assert "𠮷田 髙﨑ﾏﾙﾏﾙ世帯" in str(event["SUMMARY"]) and "𠮷田 髙﨑ﾏﾙﾏﾙ世帯" in str(event["DESCRIPTION"])
    # A held meeting is not an invitation.
    held = demo(0)
    assert not [
        e
        for e in icalendar.Calendar.from_ical(render(held, "ics")).walk("VEVENT")
        if str(e["UID"]).startswith("meeting-")
    ]


def test_a_meeting_with_nothing_for_a_calendar_gives_no_empty_vcalendar() -> None:
    doc = demo(0)
    doc["roles"], doc["monitoring"] = [], []
    doc["next_meeting"] = {key: "" if key != "date" else None for key in doc["next_meeting"]}
    assert body(doc, "ics") == ""
    with pytest.raises(InvalidInput, match="カレンダーに載せるものがありません"):
        render(doc, "ics")


# --- handouts --------------------------------------------------------------------------------------


def test_handout_holds_only_the_agencys_part() -> None:
    doc = demo(0)
    handout = agency_handout(doc, "hoken_center")
    assert handout is not None
    assert {role["agency"] for role in handout["roles"]} == {"hoken_center"}
    assert handout["monitoring"] == doc["monitoring"]
    assert handout["next_meeting"] == doc["next_meeting"]
    assert "household" not in handout["case"] and "attendees" not in handout
    for person in doc["case"]["household"]:
        assert person["name"] not in render(handout, "md")
    with pytest.raises(RuleRefused, match="出席しておらず"):
        agency_handout(doc, "hellowork")
    assert export_filename(handout, "md").endswith("_hoken_center.md")


# --- the JSON Schema --------------------------------------------------------------------------------


def test_committed_schema_is_the_generated_one() -> None:
    assert (ROOT / "docs" / "minutes-schema.json").read_text(encoding="utf-8") == schema_text(), (
        "run: python -m welfare_tui.minutes.schema > docs/minutes-schema.json"
    )


@pytest.mark.parametrize("index", range(len(demo_documents())))
def test_demo_documents_satisfy_the_schema(index: int) -> None:
    assert problems(demo(index)) == []


def test_schema_reports_every_problem_with_its_path() -> None:
    doc = demo(0)
    doc["roles"][1]["due"] = "2026-13-01"
    doc["meeting"]["mode"] = "zoom"
    doc["attendees"][0]["extra"] = 1
    found = dict(problems(doc))
    assert set(found) == {"roles[1].due", "meeting.mode", "attendees[0].extra"}
    assert found["attendees[0].extra"] == "不明な項目です"


def test_formats_are_all_rendered() -> None:
    for fmt in FORMATS:
        assert render_file(demo(0), fmt)
