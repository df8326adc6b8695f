"""`welfare-tui contacts add/list` through the real Typer app on real databases (SQLite and
PostgreSQL), and the next attempts they leave in `welfare-tui due`. Errors are one line on stderr:
1 for what the database does not know, 2 for what cannot mean anything (a date that is no date)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from welfare_tui.agendas import get_agenda
from welfare_tui.cli import app
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope


def run(url: str, *args: str):
    return CliRunner().invoke(app, ["--db", url, *args])


def ok(url: str, *args: str):
    result = run(url, *args)
    assert result.exit_code == 0, result.stderr
    return result


def one_line_error(result, code: int, *texts: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.count("エラー: ") == 1 and "Traceback" not in result.stderr, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("エラー: "))
    for text in texts:
        assert text in line, line


def in_db(url: str, work):
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            return work(session)
    finally:
        engine.dispose()


@pytest.fixture
def cases(db_url):
    """Two cases: 山﨑世帯 (C-2026-050, lead 包括, two meetings) and 𠮷田世帯 (C-2026-051)."""

    def fill(session):
        case = repo.create_case(session, code="C-2026-050", label="山﨑世帯", lead_agency="houkatsu")
        other = repo.create_case(session, code="C-2026-051", label="𠮷田世帯")
        first = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-10-20"
        )
        second = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-11-20"
        )
        theirs = repo.create_meeting(
            session, case_id=other.id, agenda=get_agenda("shien_kaigi"), date="2026-11-01"
        )
        return first.id, second.id, theirs.id

    return db_url, in_db(db_url, fill)


def add(url: str, *args: str) -> dict:
    return json.loads(ok(url, "contacts", "add", *args, "--json").stdout)


def test_add_in_japanese_and_by_key_then_list_newest_first(cases):
    url, (_, second, _) = cases
    visit = add(
        url,
        "C-2026-050",
        "--date",
        "2026-10-22",
        "--mode",
        "訪問",
        "--whom",
        "不在",
        "--agency",
        "包括",
        "--note",
        "髙﨑さん宅、応答なし。\n郵便受けに手紙",
        "--next",
        "2026-10-29",
    )
    assert (visit["mode"], visit["whom"], visit["agency_id"], visit["next_date"]) == (
        "visit",
        "absent",
        "houkatsu",
        "2026-10-29",
    )
    assert (visit["case_code"], visit["meeting_id"]) == ("C-2026-050", None)
    letter = add(url, "C-2026-050", "--date", "2026-10-25", "--mode", "letter", "--whom", "person")
    at_meeting = add(
        url,
        "C-2026-050",
        "--date",
        "2026-11-20",
        "--mode",
        "Phone",
        "--whom",
        "family",
        "--meeting",
        str(second),
    )
    assert at_meeting["meeting_id"] == second and at_meeting["mode"] == "phone"
    rows = json.loads(ok(url, "contacts", "list", "C-2026-050", "--json").stdout)
    assert [row["id"] for row in rows] == [at_meeting["id"], letter["id"], visit["id"]]
    assert {
        "id",
        "case_code",
        "date",
        "agency_id",
        "agency_name",
        "mode",
        "whom",
        "note",
        "next_date",
    } <= set(rows[0])
    # The table: one line per entry, aligned by display width; a line break in a note shows as ／.
    lines = ok(url, "contacts", "list", "C-2026-050").stdout.splitlines()
    assert lines[0].split()[:3] == ["日付", "ケース", "機関"]
    assert len(lines) == 4 and "髙﨑さん宅、応答なし。／郵便受けに手紙" in lines[3]
    assert "地域包括支援センター" in lines[3] and "訪問" in lines[3] and "不在" in lines[3]
    from welfare_tui.cli.lists import display_width

    # The case column starts at the same display column on every line (日付 is 4 cells, a date 10).
    header_at = display_width(lines[0][: lines[0].index("ケース")])
    assert all(display_width(line[: line.index("C-2026-050")]) == header_at for line in lines[1:])
    # The entry as recorded, in words.
    text = ok(url, "contacts", "add", "C-2026-050", "--mode", "来所", "--whom", "本人").stdout
    assert "方法" in text and "来所" in text and "C-2026-050 山﨑世帯" in text


def test_since_until_and_every_case(cases):
    url, _ = cases
    for code, day in (
        ("C-2026-050", "2026-10-01"),
        ("C-2026-050", "2026-11-01"),
        ("C-2026-051", "2026-11-15"),
    ):
        add(url, code, "--date", day, "--mode", "visit", "--whom", "person")
    between = json.loads(
        ok(url, "contacts", "list", "--since", "2026-10-02", "--until", "2026-11-15", "--json").stdout
    )
    assert [(row["case_code"], row["date"]) for row in between] == [
        ("C-2026-051", "2026-11-15"),
        ("C-2026-050", "2026-11-01"),
    ]
    assert len(json.loads(ok(url, "contacts", "list", "--json").stdout)) == 3
    empty = ok(url, "contacts", "list", "C-2026-051", "--until", "2026-11-14")
    assert empty.stdout == "" and empty.stderr == "接触の記録はありません\n"


def test_csv_for_excel(cases):
    url, _ = cases
    add(
        url,
        "C-2026-050",
        "--date",
        "2026-10-22",
        "--mode",
        "訪問",
        "--whom",
        "不在",
        "--note",
        "=手紙を投函, 2通目",
    )
    result = CliRunner().invoke(app, ["--db", url, "contacts", "list", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    data = result.stdout_bytes
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["ケース番号", "世帯・ケース名", "日付", "機関"]
    assert rows[1][:3] == ["C-2026-050", "山﨑世帯", "2026-10-22"]
    assert "訪問" in rows[1] and "不在" in rows[1]
    assert "'=手紙を投函, 2通目" in rows[1]  # Excel would run it as a formula
    english = CliRunner().invoke(app, ["--db", url, "--lang", "en", "contacts", "list", "--format", "csv"])
    assert english.stdout_bytes.decode("utf-8-sig").startswith("Case code,Case,Date,Agency,Mode,Whom")


def test_mask_leaves_no_name_in_any_format_and_the_gate_refuses_what_the_masker_missed(cases, monkeypatch):
    """`contacts list --mask` masks as a masked export does: the household as A氏…, another case's
    member and who recorded as ○○; the unmasked list shows them; a name the masker let through stops
    the whole list at the leak gate (exit 1, the field named, nothing on stdout)."""
    url, _ = cases

    def household(session):
        ours, theirs = (
            repo.get_case_by_code(session, code="C-2026-050"),
            repo.get_case_by_code(session, code="C-2026-051"),
        )
        for case, name, relation in (
            (ours, "山﨑 トメ", "本人"),
            (ours, "山﨑 健一", "長男"),
            (theirs, "𠮷田 花子", "本人"),
        ):
            repo.add_item(
                session, kind="member", parent_id=case.id, values={"name": name, "relation": relation}
            )

    in_db(url, household)
    note = "健一さんと玄関先で面談。𠮷田花子さんの件は別途。"
    add(url, "C-2026-050", "--date", "2026-10-22", "--mode", "訪問", "--whom", "本人", "--note", note)
    in_db(
        url,
        lambda session: repo.update_contact(
            session, contact_id=1, values={"recorded_by": "地域包括 佐藤 誠"}
        ),
    )
    names = ("山﨑", "健一", "トメ", "𠮷田", "花子", "佐藤", "誠")
    plain = ok(url, "contacts", "list", "--json").stdout
    assert all(name in plain for name in ("健一", "𠮷田花子", "佐藤 誠"))
    for args in ((), ("--json",), ("--format", "csv"), ("C-2026-050",)):
        shown = ok(url, "contacts", "list", "--mask", *args).stdout
        assert [name for name in names if name in shown] == [], (args, shown)
        assert "玄関先で面談" in shown and "○○" in shown
    masked = json.loads(ok(url, "contacts", "list", "--mask", "--json").stdout)[0]
    assert masked["note"].startswith("Bさんと") and masked["recorded_by"].endswith("○○")
    assert masked["case_label"] != "山﨑世帯" and masked["date"] == "2026-10-22" and masked["mode"] == "visit"

    from welfare_tui.minutes import masking

    monkeypatch.setattr(masking, "mask_document", lambda doc, known=None: doc)  # a masker that misses all
    refused = run(url, "contacts", "list", "--mask")
    one_line_error(refused, 1, "C-2026-050")
    assert refused.stdout == ""


def test_errors_are_one_line_with_their_exit_code(cases):
    url, (_, _, theirs) = cases
    base = ("--mode", "visit", "--whom", "person")
    one_line_error(run(url, "contacts", "add", "C-1999-999", *base), 1, "C-1999-999")
    one_line_error(run(url, "contacts", "add", "C-2026-050", *base, "--date", "2026-02-30"), 2, "--date")
    one_line_error(run(url, "contacts", "add", "C-2026-050", *base, "--next", "来週"), 2, "--next")
    one_line_error(
        run(url, "contacts", "add", "C-2026-050", "--mode", "fax", "--whom", "person"), 2, "--mode", "fax"
    )
    one_line_error(
        run(url, "contacts", "add", "C-2026-050", "--mode", "visit", "--whom", "誰か"), 2, "--whom"
    )
    one_line_error(
        run(url, "contacts", "add", "C-2026-050", *base, "--agency", "どこにもない機関"),
        1,
        "どこにもない機関",
    )
    one_line_error(
        run(url, "contacts", "add", "C-2026-050", *base, "--meeting", str(theirs)), 1, "C-2026-050"
    )
    one_line_error(run(url, "contacts", "add", "C-2026-050", *base, "--meeting", "99999"), 1, "99999")
    one_line_error(run(url, "contacts", "list", "--since", "2026-13-01"), 2, "--since")
    one_line_error(run(url, "contacts", "list", "--since", "2026-12-01", "--until", "2026-11-01"), 2)
    one_line_error(run(url, "contacts", "list", "--format", "xlsx"), 2, "xlsx")
    one_line_error(run(url, "contacts", "list", "C-1999-999"), 1, "C-1999-999")
    # Nothing was written by any of them.
    assert json.loads(ok(url, "contacts", "list", "--json").stdout) == []


def test_next_attempts_are_due_under_the_contact_s_agency_else_the_lead(cases):
    url, _ = cases
    add(
        url,
        "C-2026-050",
        "--date",
        "2026-11-02",
        "--mode",
        "訪問",
        "--whom",
        "不在",
        "--agency",
        "社協",
        "--next",
        "2026-11-09",
    )
    add(url, "C-2026-051", "--date", "2026-11-03", "--mode", "手紙", "--whom", "本人", "--next", "2026-12-01")
    groups = json.loads(ok(url, "due", "--today", "2026-11-20", "--json").stdout)
    contacts = [
        (group["agency"], item["case"], item["due"], item["overdue"])
        for group in groups
        for item in group["items"]
        if item["kind"] == "contact"
    ]
    assert contacts == [
        ("shakyo", "C-2026-050", "2026-11-09", True),
        (None, "C-2026-051", "2026-12-01", False),
    ]
    text = ok(url, "due", "--today", "2026-11-20", "--agency", "社協").stdout
    assert "次回接触" in text and "超過" in text and "C-2026-050 山﨑世帯" in text
    # A later contact answers the planned attempt; one without an agency is the lead agency's.
    add(url, "C-2026-050", "--date", "2026-11-10", "--mode", "visit", "--whom", "person")
    later = json.loads(ok(url, "due", "--today", "2026-11-20", "--json").stdout)
    assert [item["case"] for group in later for item in group["items"] if item["kind"] == "contact"] == [
        "C-2026-051"
    ]
    add(
        url,
        "C-2026-050",
        "--date",
        "2026-11-12",
        "--mode",
        "phone",
        "--whom",
        "family",
        "--next",
        "2026-11-30",
    )
    lead = json.loads(ok(url, "due", "--today", "2026-11-20", "--agency", "houkatsu", "--json").stdout)
    assert [(item["kind"], item["due"], item["text"]) for group in lead for item in group["items"]] == [
        ("contact", "2026-11-30", "前回 2026-11-12 電話・家族のみ")
    ]
    assert json.loads(ok(url, "due", "--today", "2026-11-20", "--overdue", "--json").stdout) == []


def test_the_minutes_of_the_next_meeting_sum_up_the_demo_s_log(tmp_path):
    """The demo's 8050 household: its second meeting's Markdown minutes open the review with the
    contacts logged after the first meeting's day up to the second's, counted here from the rows."""
    from welfare_tui.demo import build_demo

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    meetings = json.loads(ok(url, "meetings", "list", "--case", "DEMO-2026-001", "--json").stdout)
    first, second = sorted(meetings, key=lambda m: m["round"])[:2]
    rows = json.loads(ok(url, "contacts", "list", "DEMO-2026-001", "--json").stdout)
    between = [row for row in rows if first["date"] < row["date"] <= second["date"]]
    assert between, "the demo logs contacts between the 8050 household's meetings"
    words = {
        "visit": "訪問",
        "phone": "電話",
        "letter": "手紙",
        "accompany": "同行",
        "office": "来所",
        "online": "オンライン",
    }
    counters = {"letter": "通"}
    parts = []
    for mode, word in words.items():
        count = sum(row["mode"] == mode for row in between)
        if count:
            met = sum(row["mode"] == mode and row["whom"] == "person" for row in between)
            extra = "" if mode == "letter" else f"（{'本人と通話' if mode == 'phone' else '面会'}{met}回）"
            parts.append(f"{word}{count}{counters.get(mode, '回')}{extra}")
    minutes = ok(url, "export", str(second["id"]), "--format", "md", "--out", "-").stdout
    review = minutes.split("## 前回の決定事項の確認", 1)[1]
    assert review.lstrip("\n").startswith("前回から：" + "・".join(parts) + "\n")
