"""Meeting notices (`welfare-tui notice`) and printing (`welfare-tui print`), run as a user runs them
against a real demo database; the notice's golden text and Word structure."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import icalendar
import pytest
import yaml
from typer.testing import CliRunner

from tests.test_docx_minutes import every_text, structure
from tests.test_masking import secrets
from tests.test_minutes import DATA, check_golden, load_fixture
from welfare_tui.cli import app
from welfare_tui.demo import build_demo
from welfare_tui.minutes.notice import build_notice, invited_agencies, notice_markdown, online_link
from welfare_tui.minutes.notice_files import notice_docx, notice_ics

runner = CliRunner()
PLANNED = "3"  # the demo's planned 重層的支援会議 (A氏世帯, 第3回)


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    return url


def run(url: str, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["--db", url, *args], env=env)


def the_event(ics: str | bytes) -> icalendar.Event:
    """The one VEVENT of an invitation."""
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    return event


def planned_fixture() -> dict:
    doc = load_fixture("meeting_juso")
    doc["meeting"]["status"] = "planned"
    return doc


# --- the notice itself -----------------------------------------------------------------------------


def test_the_notice_matches_its_golden_text() -> None:
    doc = planned_fixture()
    notice = build_notice(doc, "ssw", issued="2026-11-01", era=True)
    check_golden(DATA / "notice_juso.golden.md", notice_markdown(notice))


def test_the_word_notice_matches_its_golden_structure() -> None:
    notice = build_notice(planned_fixture(), "ssw", issued="2026-11-01")
    document = docx.Document(__import__("io").BytesIO(notice_docx(notice, "C-2026-014")))
    check_golden(DATA / "notice_juso.golden.docx.txt", structure(document))


@pytest.mark.parametrize(
    ("meeting_type", "law"),
    [("shien_kaigi", "社会福祉法第106条の6第5項"), ("yotaikyo_kobetsu", "児童福祉法第25条の5")],
)
def test_a_statutory_meetings_notice_states_its_own_secrecy_duty(meeting_type: str, law: str) -> None:
    """The secrecy rule and the boxed notice follow the meeting type's own law (domain.md §13.1), and
    bind everyone engaged in the meeting's business, not only its members."""
    doc = planned_fixture()
    doc["meeting"]["type"] = meeting_type
    text = notice_markdown(build_notice(doc, "ssw", issued="2026-11-01"))
    assert f"守秘義務があります（{law}）" in text
    assert "従事していた者を含む" in text
    assert ("第106条の6" in text) == (meeting_type == "shien_kaigi")


def test_the_invitation_is_one_event_outlook_imports() -> None:
    doc = planned_fixture()
    notice = build_notice(doc, "ssw", issued="2026-11-01")
    event = the_event(notice_ics(notice, doc))
    assert str(event["uid"]) == f"meeting-{doc['meeting']['uid']}@welfare-tui"
    assert event["dtstart"].dt == dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)  # 10:00 in Japan
    assert str(event["location"]).startswith("福祉センター 2階 相談室")
    assert event["organizer"].params["CN"] == "多機関協働事業者 森 恵子"
    description = str(event["description"])
    assert "議題（予定時間）" in description and "（" in description
    assert "スクールソーシャルワーカー 御中" in description
    assert str(event["organizer"]) == "mailto:noreply@welfare-tui.invalid"  # no office address set


def test_the_invitation_names_the_offices_address_so_replies_reach_it(demo_url: str, tmp_path: Path) -> None:
    office = {"WELFARE_TUI_NOTICE_EMAIL": " tagenkyodo@city.example.lg.jp "}
    result = run(demo_url, "notice", PLANNED, "--format", "ics", "--out", str(tmp_path), env=office)
    assert result.exit_code == 0, result.output
    for line in result.stdout.splitlines():
        assert str(the_event(Path(line).read_bytes())["organizer"]) == "mailto:tagenkyodo@city.example.lg.jp"


@pytest.mark.parametrize(
    "address", ["福祉課@city.example.jp", "a@b.jp\r\nATTENDEE:mailto:x@y.jp", "two@a.jp,three@b.jp", "nobody"]
)
def test_an_office_address_that_is_not_one_address_is_refused_before_anything_is_written(
    demo_url: str, tmp_path: Path, address: str
) -> None:
    """The address goes into a calendar line: one that could end the line or name another is refused."""
    out = tmp_path / "notices"
    result = run(demo_url, "notice", PLANNED, "--out", str(out), env={"WELFARE_TUI_NOTICE_EMAIL": address})
    assert result.exit_code == 1 and "notice_email" in result.stderr, result.output
    assert "Traceback" not in result.output and not out.exists()
    english = run(demo_url, "--lang", "en", "notice", PLANNED, env={"WELFARE_TUI_NOTICE_EMAIL": address})
    assert english.stderr.startswith("Error: notice_email: ") and "is not an e-mail address" in english.stderr


def test_the_online_link_is_the_url_written_in_the_place_of_an_online_meeting() -> None:
    meeting = {"mode": "hybrid", "place": "福祉センター 2階 / https://meet.example.jp/abc-123"}
    assert online_link(meeting) == "https://meet.example.jp/abc-123"
    assert online_link({**meeting, "mode": "in_person"}) == ""
    doc = planned_fixture()
    doc["meeting"].update(meeting)
    items = dict(build_notice(doc, "ssw", issued="2026-11-01").items)
    assert items["オンライン参加"] == ("https://meet.example.jp/abc-123",)
    assert items["場所"] == ("福祉センター 2階（ハイブリッド）",)


def test_what_to_bring_is_the_agencys_own_open_task() -> None:
    doc = planned_fixture()
    doc["review"] = {
        "round": 1,
        "roles": [
            {
                "task": "長女との面談",
                "agency": "ssw",
                "person": "松本",
                "due": "2026-11-10",
                "status": "open",
            },
            {
                "task": "祖母のケアプラン",
                "agency": "caremanager",
                "person": "中村",
                "due": "2026-11-10",
                "status": "open",
            },
            {"task": "済んだこと", "agency": "ssw", "person": "松本", "due": "", "status": "done"},
        ],
    }
    bring = dict(build_notice(doc, "ssw", issued="2026-11-01").items)["御持参いただくもの"]
    assert any("長女との面談" in line for line in bring)
    assert not any("祖母" in line or "済んだこと" in line for line in bring)


def test_the_agencies_invited_are_the_attendees_agencies_once_each() -> None:
    assert invited_agencies(planned_fixture()) == [
        "takikan",
        "kodomo_katei",
        "ssw",
        "houkatsu",
        "caremanager",
    ]


# --- the command ----------------------------------------------------------------------------------


def test_notice_writes_a_masked_notice_per_invited_agency_in_each_format(
    demo_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "notices"
    result = run(demo_url, "notice", PLANNED, "--era", "--out", str(out))
    assert result.exit_code == 0, result.output
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert len(paths) == 7 * 3 and {path.suffix for path in paths} == {".docx", ".md", ".ics"}
    assert all("_notice_" in path.name and path.stem.endswith("_masked") for path in paths)
    assert all(path.stat().st_mode & 0o077 == 0 for path in paths)  # owner-only
    known = secrets()
    for path in paths:
        if path.suffix == ".docx":
            text = "\n".join(every_text(path))
        else:
            text = re.sub(r"\r?\n[ \t]", "", path.read_text(encoding="utf-8")).replace("\\n", "\n")
        assert sorted(secret for secret in known if secret in text) == [], path.name
        assert "マスキング済み" in text and "令和9年1月21日(木)" in text


def test_no_mask_gives_names_to_one_agency(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "one"
    result = run(
        demo_url,
        "notice",
        PLANNED,
        "--no-mask",
        "--agency",
        "社会福祉協議会",
        "--format",
        "md",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    (path,) = [Path(line) for line in result.stdout.splitlines()]
    text = path.read_text(encoding="utf-8")
    assert path.name.endswith("_notice_shakyo.md")
    assert "社会福祉協議会 御中" in text and "加藤 由紀" in text and "問合せ先: 多機関協働事業" in text
    assert "サロン見学の日程調整" in text  # its own open task from round 2


def add_attendee_outside_consent(url: str, tmp_path: Path) -> None:
    exported = run(url, "export", PLANNED, "--format", "yaml")
    doc = yaml.safe_load(exported.stdout)
    doc["attendees"].append(
        {"agency": "hospital", "role": "医療ソーシャルワーカー", "name": "𠮷田 花子", "attendance": "present"}
    )
    path = tmp_path / "with_hospital.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    imported = run(url, "import", str(path))
    assert imported.exit_code == 0, imported.output


def test_no_mask_is_refused_for_an_agency_outside_the_consent(demo_url: str, tmp_path: Path) -> None:
    add_attendee_outside_consent(demo_url, tmp_path)
    out = tmp_path / "named"
    alone = run(demo_url, "notice", PLANNED, "--no-mask", "--agency", "医療機関", "--out", str(out))
    assert alone.exit_code == 1 and "同意の範囲外" in alone.stderr and alone.stdout == ""
    assert not out.exists() or list(out.iterdir()) == []
    everyone = run(demo_url, "notice", PLANNED, "--no-mask", "--format", "md", "--out", str(out))
    assert everyone.exit_code == 0 and "医療機関 は本人同意の範囲外" in everyone.stderr
    assert len(everyone.stdout.splitlines()) == 7 and "hospital" not in everyone.stdout
    masked = run(demo_url, "notice", PLANNED, "--agency", "医療機関", "--format", "md", "--out", str(out))
    assert masked.exit_code == 0  # masked, the hospital may be told when and where


def test_notice_refuses_a_meeting_that_is_not_planned_and_an_agency_not_invited(
    demo_url: str, tmp_path: Path
) -> None:
    finished = run(demo_url, "notice", "2", "--out", str(tmp_path))
    assert finished.exit_code == 1 and "予定の会議" in finished.stderr
    stranger = run(demo_url, "notice", PLANNED, "--agency", "医療機関", "--out", str(tmp_path))
    assert stranger.exit_code == 1 and "招集されていません" in stranger.stderr
    wrong = run(demo_url, "notice", PLANNED, "--format", "pdf", "--out", str(tmp_path))
    assert wrong.exit_code == 2 and "pdf" in wrong.stderr


# --- print ----------------------------------------------------------------------------------------


def test_print_writes_the_word_minutes(demo_url: str, tmp_path: Path) -> None:
    result = run(demo_url, "print", "2", "--out", str(tmp_path / "print"))
    assert result.exit_code == 0, result.output
    (path,) = [Path(line) for line in result.stdout.splitlines()]
    assert path.suffix == ".docx" and docx.Document(str(path)).sections[0].header.paragraphs[0].text == "秘"


def test_print_pdf_without_libreoffice_says_what_to_do(demo_url: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    result = run(demo_url, "print", "2", "--format", "pdf", "--out", str(tmp_path / "print"))
    assert result.exit_code == 1 and result.stdout == ""
    assert "LibreOffice（soffice）が必要です" in result.stderr and "--format docx" in result.stderr


@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_print_pdf_with_libreoffice(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "print"
    result = run(demo_url, "print", "2", "--format", "pdf", "--out", str(out))
    assert result.exit_code == 0, result.output
    (path,) = [Path(line) for line in result.stdout.splitlines()]
    assert path.suffix == ".pdf" and path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.iterdir()] == [path.name]  # the Word file it was made from is not left there
