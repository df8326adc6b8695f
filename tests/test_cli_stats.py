"""`welfare-tui stats` on the demo database, as a user runs it: the JSON equals the demo's raw rows
counted again in plain Python, every format holds no personal value of the demo, the SVG parses and
renders, the report form (bundled or given) adds up the figures, and bad input exits with one line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from tests.figures_oracle import expected_figures
from welfare_tui.cli import app
from welfare_tui.demo import build_demo
from welfare_tui.storage.engine import open_database

YEAR = "2026"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('stats') / 'demo.db'}"
    build_demo(url)
    return url


def run(url: str, *args: str):
    return CliRunner().invoke(app, ["--db", url, *args])


def ok(url: str, *args: str) -> str:
    result = run(url, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def one_line_error(result, code: int, *texts: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("エラー: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for part in texts:
        assert part in result.stderr


def raw(url: str, sql: str) -> list[str]:
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            return [str(value) for (value,) in connection.execute(text(sql)) if value and str(value).strip()]
    finally:
        engine.dispose()


def test_the_demo_year_equals_its_raw_rows_counted_again(demo_url):
    data = json.loads(ok(demo_url, "stats", "--fiscal-year", YEAR, "--format", "json"))
    as_of = dt.date.fromisoformat(data["as_of"]) if data["as_of"] else dt.date(int(YEAR) + 1, 3, 31)
    engine = open_database(demo_url)
    try:
        with engine.connect() as connection:
            expected = expected_figures(connection, int(YEAR), as_of)
    finally:
        engine.dispose()
    shown = set()
    for group in data["groups"]:
        for series in group["series"]:
            shown.add(series["key"])
            want = expected.get(series["key"], [0] * 13)
            assert series["months"] == want[:12], series["key"]
            assert series["total"] == want[12], series["key"]
    assert not {key for key, values in expected.items() if any(values)} - shown
    assert sum(s["total"] for g in data["groups"] for s in g["series"] if s["key"] == "meetings.total") > 0
    form = data["report_form"]
    assert form["name"] and form["rows"][0]["label"] == "新規相談受付件数"
    by_key = {s["key"]: s for g in data["groups"] for s in g["series"]}
    for row in form["rows"]:
        assert row["total"] == sum(by_key[key]["total"] for key in row["keys"] if key in by_key), row["label"]


def personal_names(url: str) -> list[str]:
    """Names of the demo: household names and kana (whole and in parts), staff."""
    values = raw(url, "SELECT name FROM household_member") + raw(url, "SELECT kana FROM household_member")
    # parts of names: a family or given name in kanji (山田), or any part of three characters or more
    # (a two-kana given name such as ラン is also a word of the labels: プラン)
    parts = [
        part
        for value in raw(url, "SELECT name FROM household_member")
        for part in value.split()
        if len(part) >= 3 or (len(part) == 2 and any("\u4e00" <= char <= "\u9fff" for char in part))
    ]
    staff = (
        raw(url, "SELECT name FROM attendee")
        + raw(url, "SELECT chair FROM meeting")
        + raw(url, "SELECT recorder FROM meeting")
        + raw(url, "SELECT person FROM role_assignment")
        + raw(url, "SELECT recorded_by FROM contact_log")
    )
    return sorted({value for value in values + parts + staff if len(value) >= 2})


def personal_texts(url: str) -> list[str]:
    """Names, case labels and every note of the demo."""
    notes = (
        raw(url, 'SELECT label FROM "case"')
        + raw(url, 'SELECT summary FROM "case"')
        + raw(url, "SELECT note FROM contact_log")
        + raw(url, "SELECT concern FROM intake")
        + raw(url, "SELECT content FROM shared_info")
    )
    return sorted({*personal_names(url), *(value for value in notes if len(value) >= 2)})


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "svg"])
def test_no_personal_value_of_the_demo_in_any_format(demo_url, fmt):
    output = ok(demo_url, "stats", "--fiscal-year", YEAR, "--format", fmt, "--era")
    private = personal_texts(demo_url) + raw(demo_url, "SELECT text FROM unmet_need")
    assert len(private) > 20
    assert [value for value in private if value in output] == []


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_gaps_of_the_demo_hold_no_name(demo_url, fmt):
    """Examples are need texts, masked: no name, kana or staff name of the demo survives (a note may share
    words with a need, and a masked example may read A氏世帯, so notes and labels are not searched)."""
    output = ok(demo_url, "gaps", "--fiscal-year", YEAR, "--format", fmt)
    names = personal_names(demo_url)
    assert len(names) > 10
    assert [value for value in names if value in output] == []


def test_markdown_heading_in_era_and_western_years(demo_url):
    assert "# 令和8年度 重層的支援体制整備事業 実績" in ok(demo_url, "stats", "--fiscal-year", YEAR, "--era")
    western = ok(demo_url, "stats", "--fiscal-year", YEAR, "--as-of", "2027-04-01")
    assert western.startswith("# 2026年度") and "2026-04-01〜2027-03-31" in western
    assert "| 年度末" in western
    # A year in progress says so, and the stock's last column is the value on the day counted.
    so_far = ok(demo_url, "stats", "--fiscal-year", YEAR, "--as-of", "2026-10-15")
    assert "2026-04-01〜2026-10-15（年度途中：2026-10-15現在）" in so_far and "| 現在" in so_far
    ahead = ok(demo_url, "stats", "--fiscal-year", "2027", "--as-of", "2026-12-01", "--format", "json")
    assert json.loads(ahead)["as_of"] == "2026-12-01"
    ahead = ok(demo_url, "stats", "--fiscal-year", "2027", "--as-of", "2026-12-01")
    assert "2027-04-01〜2028-03-31（2026-12-01現在、年度開始前）" in ahead
    assert "| 項目" in western and "4月" in western and "3月" in western and "## 報告様式：" in western


def test_csv_opens_in_excel(demo_url, tmp_path):
    target = tmp_path / "stats.csv"
    ok(demo_url, "stats", "--fiscal-year", YEAR, "--format", "csv", "--out", str(target))
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode()) and data.count(b"\r\n") == data.count(b"\n")
    output = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(output.lstrip("\ufeff"))))
    assert rows[0][:4] == ["区分", "キー", "項目", "種類"] and len(rows[0]) == 17
    assert any(row[1] == "intakes.total" for row in rows)


def test_svg_parses_and_renders(demo_url, tmp_path):
    output = ok(demo_url, "stats", "--fiscal-year", YEAR, "--format", "svg", "--era")
    root = ET.fromstring(output.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    charts = root.findall("{http://www.w3.org/2000/svg}g")
    assert len(charts) == 15 and "Noto Sans CJK JP" in root.get("font-family", "")
    texts = "".join(element.text or "" for element in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "令和8年度" in texts and "4月" in texts and "新規相談受付（経路別）" in texts
    assert root.findall(".//{http://www.w3.org/2000/svg}rect[@fill='#1f77b4']"), "some bar is drawn"
    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed: the SVG was parsed, not rendered")
    source = tmp_path / "stats.svg"
    source.write_text(output, encoding="utf-8")
    png = tmp_path / "stats.png"
    subprocess.run(["rsvg-convert", "-o", str(png), str(source)], check=True, timeout=60)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


def test_out_writes_an_owner_only_file(demo_url, tmp_path):
    target = tmp_path / "令和8年度.json"
    result = run(demo_url, "stats", "--fiscal-year", YEAR, "--format", "json", "--out", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["fiscal_year"] == 2026
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


FORM = """\
format: welfare-tui-report-form
version: 1
name: みよし市 実績報告
rows:
  - label: 受付とつなぎ
    sum: [intakes.total, intakes.outcome.referred]
  - label: 訪問
    sum: [contacts.mode.visit]
"""


def test_a_report_form_of_ones_own(demo_url, tmp_path):
    form = tmp_path / "form.yaml"
    form.write_text(FORM, encoding="utf-8")
    data = json.loads(
        ok(demo_url, "stats", "--fiscal-year", YEAR, "--format", "json", "--report-form", str(form))
    )
    by_key = {s["key"]: s for g in data["groups"] for s in g["series"]}
    rows = data["report_form"]["rows"]
    assert data["report_form"]["name"] == "みよし市 実績報告" and [r["label"] for r in rows] == [
        "受付とつなぎ",
        "訪問",
    ]
    both = [
        a + b
        for a, b in zip(
            by_key["intakes.total"]["months"], by_key["intakes.outcome.referred"]["months"], strict=True
        )
    ]
    assert rows[0]["months"] == both
    markdown = ok(demo_url, "stats", "--fiscal-year", YEAR, "--report-form", str(form))
    assert "## 報告様式：みよし市 実績報告" in markdown and "| 受付とつなぎ" in markdown


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (
            FORM.replace("contacts.mode.visit", "contacts.mode.teleport"),
            ":8: rows[1].sum[0]: 集計キー「contacts.mode.teleport」",
        ),
        (
            FORM.replace("[contacts.mode.visit]", "[contacts.mode.visit, cases.stage.support]"),
            ":8: rows[1].sum: 種類の違う",
        ),
        (FORM.replace("  - label: 訪問\n", "  - label: [訪問\n"), ":8: "),
        (FORM.replace("format: welfare-tui-report-form", "format: something"), ":1: format: "),
        (
            FORM.replace("sum: [contacts.mode.visit]", "sum: contacts.mode.visit"),
            ":8: rows[1].sum: リストが必要",
        ),
    ],
)
def test_a_broken_report_form_is_refused_at_its_line(demo_url, tmp_path, content, where):
    form = tmp_path / "broken.yaml"
    form.write_text(content, encoding="utf-8")
    result = run(demo_url, "stats", "--fiscal-year", YEAR, "--report-form", str(form))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"エラー: {form}") and where in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_exit_codes_and_messages(demo_url, tmp_path):
    one_line_error(run(demo_url, "stats", "--fiscal-year", "1800"), 2, "2000〜2100", "1800")
    one_line_error(
        run(demo_url, "stats", "--fiscal-year", YEAR, "--format", "xml"), 2, "md|csv|json|svg", "xml"
    )
    one_line_error(run(demo_url, "gaps", "--format", "svg"), 2, "md|csv|json")
    one_line_error(run(demo_url, "stats", "--fiscal-year", YEAR, "--as-of", "2026-13-01"), 1, "--as-of")
    missing = run(demo_url, "stats", "--fiscal-year", YEAR, "--report-form", str(tmp_path / "none.yaml"))
    one_line_error(missing, 1, "none.yaml")
    no_year = run(demo_url, "stats")
    assert no_year.exit_code == 2 and "--fiscal-year" in no_year.stderr and "Traceback" not in no_year.stderr
    not_a_year = run(demo_url, "stats", "--fiscal-year", "令和8")
    assert not_a_year.exit_code == 2 and "Traceback" not in not_a_year.stderr


def test_english(demo_url):
    output = ok(demo_url, "--lang", "en", "stats", "--fiscal-year", YEAR, "--era")
    assert output.startswith("# FY2026 (Reiwa 8)") and "New intakes by route" in output and "| Apr" in output
