"""`welfare-tui export` options beyond md/yaml: csv and ics, --mask, --era, --agency, -q, the progress bar,
streams of several meetings, and the error paths."""

from __future__ import annotations

import csv
import io

import icalendar
import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.demo import build_demo, demo_documents
from welfare_tui.minutes import FORMATS, render

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'demo.db'}"
    build_demo(url)
    return url


def export(url: str, *args: str):
    return runner.invoke(app, ["--db", url, "export", *args])


def test_single_meeting_in_each_format_is_the_rendered_document(demo_url) -> None:
    doc = demo_documents()[0]
    for fmt in ("csv", "ics"):
        result = export(demo_url, doc["meeting"]["uid"], "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert result.stdout_bytes == render(doc, fmt).encode("utf-8")


def test_csv_stream_of_all_meetings(demo_url) -> None:
    result = export(demo_url, "--all", "--format", "csv")
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf") and result.stdout_bytes.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert rows[0][0] == "種別"
    assert len(rows) == 1 + sum(len(d["roles"]) + len(d["monitoring"]) for d in demo_documents())


def test_ics_stream_is_one_calendar_with_a_todo_per_role(demo_url) -> None:
    result = export(demo_url, "--all", "--format", "ics")
    calendar = icalendar.Calendar.from_ical(result.stdout)
    assert len(calendar.walk("VTODO")) == sum(len(d["roles"]) for d in demo_documents())


def test_era_and_format_is_case_insensitive(demo_url) -> None:
    result = export(demo_url, "--case", "DEMO-2026-003", "--format", "MD", "--era")
    assert result.exit_code == 0, result.stderr
    assert "令和8年度" in result.stdout and "令和8年9月24日(木)" in result.stdout


def test_agency_handouts_and_file_names(demo_url, tmp_path) -> None:
    result = export(demo_url, "--all", "--format", "md", "--agency", "SSW", "--mask", "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    names = [line.rsplit("/", 1)[-1] for line in result.stdout.splitlines()]
    assert names == ["2026-09-24_DEMO-2026-003_第01回_11fad9f6_ssw_masked.md"]
    text = (tmp_path / names[0]).read_text(encoding="utf-8")
    assert text.startswith("# 支援会議 連絡票（スクールソーシャルワーカー）")


def test_agency_not_involved_is_exit_1_with_nothing_written(demo_url, tmp_path) -> None:
    result = export(
        demo_url,
        "--case",
        "DEMO-2026-003",
        "--format",
        "csv",
        "--agency",
        "ハローワーク",
        "--out",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 1
    assert result.stdout == "" and list((tmp_path / "out").iterdir()) == []
    assert (
        result.stderr
        == "エラー: ハローワーク は 2026-09-24 の会議に出席しておらず、役割分担もないため、配布資料を出力できません\n"
    )


def test_unknown_agency(demo_url) -> None:
    result = export(demo_url, "--all", "--format", "md", "--agency", "存在しない機関")
    assert result.exit_code == 1 and result.stderr.startswith(
        "エラー: '存在しない機関' という機関はありません"
    )


@pytest.mark.parametrize("args", [["--since", "2026-13-01"], ["--until", "yesterday"]])
def test_bad_date(demo_url, args) -> None:
    result = export(demo_url, "--all", "--format", "md", *args)
    assert result.exit_code == 1 and "は正しい日付ではありません" in result.stderr and result.stdout == ""


def test_since_until_narrow_the_choice(demo_url) -> None:
    result = export(demo_url, "--all", "--format", "csv", "--since", "2026-11-01", "--until", "2026-11-30")
    dates = {row[3] for row in csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline=""))}
    assert dates - {"会議日"} == {"2026-11-05", "2026-11-12", "2026-11-11"}


def test_unknown_format_lists_every_format(demo_url) -> None:
    result = export(demo_url, "--all", "--format", "pdf")
    assert result.exit_code == 2 and "--format" in result.stderr and all(f in result.stderr for f in FORMATS)


def test_no_progress_bar_unless_stderr_is_a_terminal(demo_url, monkeypatch) -> None:
    quiet = export(demo_url, "--all", "--format", "yaml", "-q")
    plain = export(demo_url, "--all", "--format", "yaml")
    assert quiet.stderr == plain.stderr == "" and quiet.stdout == plain.stdout


def test_progress_bar_on_a_terminal_and_q_silences_it(demo_url, monkeypatch) -> None:
    import sys

    from welfare_tui.cli import export as export_module

    shown = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    with export_module._Progress(quiet=False) as progress:
        progress.start(5)
        shown.append(progress.bar is not None)
        for _ in range(5):
            progress.advance()
    with export_module._Progress(quiet=True) as quiet:
        quiet.start(5)
        assert quiet.bar is None
    assert shown == [True]


def test_export_streams_documents(demo_url, monkeypatch) -> None:
    """Documents are rendered as they come from the database, a batch at a time (the audit stamps of
    a batch are appended together), never all collected first."""
    from welfare_tui.storage import documents, exporting

    monkeypatch.setattr(documents, "BATCH_SIZE", 2)

    seen: list[str] = []
    original = documents.iter_meeting_documents

    def spy(session, *, meeting_ids):
        for doc in original(session, meeting_ids=meeting_ids):
            seen.append("read")
            yield doc

    written = exporting._Writer.write

    def write(self, doc):
        seen.append("write")
        return written(self, doc)

    monkeypatch.setattr(documents, "iter_meeting_documents", spy)
    monkeypatch.setattr(exporting._Writer, "write", write)
    assert export(demo_url, "--all", "--format", "md").exit_code == 0
    assert seen[:6] == ["read", "read", "write", "write", "read", "read"]


def test_ics_never_writes_an_empty_calendar(tmp_path) -> None:
    """A meeting with no role, monitoring date or next meeting (and not planned) has nothing for a
    calendar: alone it is a one-line error (exit 1) and nothing is written; among others it is left
    out with a note, and every calendar written parses with at least one component."""
    from welfare_tui.agendas import get_agenda
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope

    url = f"sqlite:///{tmp_path / 'ics.db'}"
    with opened_database(url) as engine, session_scope(engine) as session:
        case = repo.create_case(session, code="C-2026-３０１", label="𠮷田 髙﨑ﾏﾙﾏﾙ世帯")
        held = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-11-20", start="10:00"
        )
        repo.update_meeting(session, meeting_id=held.id, status="in_progress")
        planned = repo.create_meeting(
            session,
            case_id=case.id,
            agenda=get_agenda("shien_kaigi"),
            date="2026-12-18",
            start="14:00",
            place="市役所 ３０１会議室",
        )
    alone = export(url, str(held.id), "--format", "ics")
    assert alone.exit_code == 1 and alone.stdout == ""
    assert alone.stderr.count("\n") == 1 and "カレンダーに載せるものがありません" in alone.stderr
    out = tmp_path / "out"
    to_dir = export(url, str(held.id), "--format", "ics", "--out", str(out))
    assert to_dir.exit_code == 1 and not list(out.glob("*.ics"))

    both = export(url, "--all", "--format", "ics")
    assert both.exit_code == 0, both.stderr
    assert "1 件は書き出しませんでした" in both.stderr
    calendar = icalendar.Calendar.from_ical(both.stdout)
    events = calendar.walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [f"meeting-{planned.uid}@welfare-tui"]
    assert str(events[0]["LOCATION"]) == "市役所 ３０１会議室" and "𠮷田 髙﨑ﾏﾙﾏﾙ世帯" in str(
        events[0]["SUMMARY"]
    )
    files = export(url, "--all", "--format", "ics", "--out", str(out))
    assert files.exit_code == 0, files.stderr
    written = list(out.glob("*.ics"))
    assert [path.name for path in written] == [files.stdout.strip().rsplit("/", 1)[1]]
    for path in written:
        assert icalendar.Calendar.from_ical(path.read_text(encoding="utf-8")).subcomponents
