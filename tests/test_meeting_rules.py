"""The one rule module (welfare_tui/meeting_rules.py) on every path: the repository, import, export.

Consent is a history of events that documents carry and import merges; a 重層的支援会議 needs consent on
its date whichever way it is created or changed; final minutes need the confidentiality confirmation on
import too; a handout goes only to an agency that attended or holds a role and, for a 重層的支援会議,
is within the consent scope on the meeting's date. Each test fails if its rule is taken out.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from welfare_tui import meeting_rules
from welfare_tui.agendas import get_agenda
from welfare_tui.cli import app
from welfare_tui.demo import demo_documents
from welfare_tui.errors import RuleRefused
from welfare_tui.minutes.yaml_format import dump_document, load_document
from welfare_tui.storage import consent, repo
from welfare_tui.storage.documents import apply_document, meeting_document
from welfare_tui.storage.engine import open_database, session_scope

runner = CliRunner()

OBTAINED = {
    "uid": "a" * 32,
    "event": "obtained",
    "date": "2026-10-01",
    "status": "written",
    "scope": "構成機関での共有",
    "agencies": ["houkatsu", "jiritsu_soudan"],
    "obtained_by": "高橋",
    "note": "",
}
WITHDRAWN = {
    "uid": "b" * 32,
    "event": "withdrawn",
    "date": "2026-12-10",
    "status": "none",
    "scope": "構成機関での共有",
    "agencies": ["houkatsu", "jiritsu_soudan"],
    "obtained_by": "高橋",
    "note": "電話で撤回",
}


def run(url: str, *args: str):
    return runner.invoke(app, ["--db", url, *args])


def demo_doc(code: str, meeting_type: str) -> dict:
    return copy.deepcopy(
        next(
            d for d in demo_documents() if d["case"]["code"] == code and d["meeting"]["type"] == meeting_type
        )
    )


# --- the history itself ---------------------------------------------------------------------------


def test_consent_on_a_day_is_the_last_event_up_to_that_day() -> None:
    history = [WITHDRAWN, OBTAINED]  # any order: events count by date
    assert not meeting_rules.consent_as_of(history, "2026-09-30").given
    on_the_day = meeting_rules.consent_as_of(history, "2026-11-05")
    assert (on_the_day.status, on_the_day.agencies) == ("written", ("houkatsu", "jiritsu_soudan"))
    now = meeting_rules.consent_as_of(history)
    assert (now.status, now.withdrawn_date, now.scope) == ("none", "2026-12-10", "構成機関での共有")
    assert meeting_rules.later_withdrawal(history, "2026-11-05") == WITHDRAWN


def test_merging_an_older_history_never_undoes_a_withdrawal() -> None:
    older = [dict(OBTAINED, uid="c" * 32)]  # the same facts under another uid: kept once
    merged = meeting_rules.merge_history([OBTAINED, WITHDRAWN], older)
    assert merged == [OBTAINED, WITHDRAWN]
    assert not meeting_rules.consent_as_of(merged).given


# --- the repository -------------------------------------------------------------------------------


def test_edits_of_the_consent_fields_become_events(session) -> None:
    case = repo.create_case(session, label="𠮷田氏世帯")
    assert consent.history(session, case.id) == []
    case = repo.update_case(session, case_id=case.id, consent_status="written")
    case = repo.update_case(
        session, case_id=case.id, consent_date="2026-10-01", consent_agencies=["houkatsu", "自立相談"]
    )
    [event] = consent.history(session, case.id)  # the same day's corrections amend the event
    assert (event["event"], event["date"], event["agencies"]) == (
        "obtained",
        "2026-10-01",
        ["houkatsu", "jiritsu_soudan"],
    )
    repo.withdraw_consent(session, case_id=case.id, date="2026-12-10", note="電話で撤回")
    assert [e["event"] for e in consent.history(session, case.id)] == ["obtained", "withdrawn"]
    with pytest.raises(Exception, match="consent_agencies"):
        repo.update_case(session, case_id=case.id, consent_agencies=["存在しない機関"])


def test_a_meeting_cannot_become_a_juso_shien_kaigi_without_consent(session) -> None:
    case = repo.create_case(session, label="髙﨑氏世帯")
    meeting = repo.create_meeting(
        session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-11-20"
    )
    with pytest.raises(RuleRefused, match="本人同意がありません"):
        repo.update_meeting(session, meeting_id=meeting.id, type="juso_shien_kaigi")
    repo.update_case(session, case_id=case.id, consent_status="oral", consent_date="2026-11-25")
    with pytest.raises(RuleRefused, match="2026-11-20 時点"):  # consent came after the meeting's day
        repo.update_meeting(session, meeting_id=meeting.id, type="juso_shien_kaigi")
    juso = repo.update_meeting(session, meeting_id=meeting.id, type="juso_shien_kaigi", date="2026-11-26")
    assert juso.type == "juso_shien_kaigi"
    with pytest.raises(RuleRefused):  # moving it back before the consent
        repo.update_meeting(session, meeting_id=meeting.id, date="2026-11-01")


# --- import ---------------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, doc: dict) -> str:
    path = tmp_path / name
    path.write_text(dump_document(doc), encoding="utf-8")
    return str(path)


def test_import_refuses_a_juso_shien_kaigi_without_consent(db_url, tmp_path) -> None:
    doc = demo_doc("DEMO-2026-005", "juso_shien_kaigi")
    doc["case"]["consent"] = {
        "status": "none",
        "date": None,
        "scope": "",
        "agencies": [],
        "obtained_by": "",
        "history": [],
    }
    result = run(db_url, "import", write(tmp_path, "juso.yaml", doc))
    assert result.exit_code == 1
    assert "meeting.type:" in result.stderr and "本人同意がありません" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(run(db_url, "cases", "list", "--json").stdout) == []


def test_import_refuses_final_minutes_without_the_confidentiality_confirmation(db_url, tmp_path) -> None:
    doc = demo_doc("DEMO-2026-004", "shien_kaigi")
    assert doc["meeting"]["status"] == "finished"
    doc["meeting"]["confidentiality"]["confirmed_at"] = ""
    result = run(db_url, "import", write(tmp_path, "final.yaml", doc))
    assert result.exit_code == 1
    assert "meeting.status:" in result.stderr and "守秘義務の確認" in result.stderr


def test_an_older_export_cannot_undo_a_later_withdrawal(db_url, tmp_path) -> None:
    doc = demo_doc("DEMO-2026-005", "juso_shien_kaigi")
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            meeting_id = apply_document(session, doc=copy.deepcopy(doc))
        with session_scope(engine) as session:
            older = meeting_document(session, meeting_id=meeting_id)  # exported before the withdrawal
            case_id = repo.get_case_by_code(session, code="DEMO-2026-005").id
            repo.withdraw_consent(session, case_id=case_id, date="2026-12-10", note="本人から撤回")
        assert run(db_url, "import", write(tmp_path, "older.yaml", older)).exit_code == 0
        with session_scope(engine) as session:
            case = repo.get_case(session, case_id=case_id)
            assert (case.consent_status, case.consent_withdrawn_date) == ("none", dt.date(2026, 12, 10))
            newer = meeting_document(session, meeting_id=meeting_id)
    finally:
        engine.dispose()
    # The export carries the withdrawal; the minutes show consent as it stood on the day, with a note.
    events = newer["case"]["consent"]["history"]
    assert [e["event"] for e in events] == ["obtained", "withdrawn"]
    assert load_document(dump_document(newer))["case"]["consent"]["history"] == events
    minutes = run(db_url, "export", newer["meeting"]["uid"], "--format", "md").stdout
    assert "書面（2026-10-16" in minutes and "（2026-12-10 に同意撤回）" in minutes


# --- handouts -------------------------------------------------------------------------------------


@pytest.fixture
def demo_db(db_url) -> str:
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            for doc in demo_documents():
                if doc["case"]["code"] == "DEMO-2026-005":
                    # 生活保護 (seiho) attended, but the person agreed to share with the others only.
                    for block in (doc["case"]["consent"], *doc["case"]["consent"]["history"]):
                        block["agencies"] = [a for a in block["agencies"] if a != "seiho"]
                apply_document(session, doc=doc)
    finally:
        engine.dispose()
    return db_url


def test_no_handout_for_an_agency_only_drawn_on_the_ecomap(demo_db) -> None:
    uid = next(d["meeting"]["uid"] for d in demo_documents() if d["meeting"]["uid"].startswith("b00b72ed"))
    result = run(demo_db, "export", uid, "--agency", "minsei_iin", "--format", "md")
    assert result.exit_code == 1
    assert "出席しておらず" in result.stderr and result.stdout == ""


def test_no_handout_of_a_juso_shien_kaigi_outside_the_consent_scope(demo_db) -> None:
    uid = next(d["meeting"]["uid"] for d in demo_documents() if d["case"]["code"] == "DEMO-2026-005")
    refused = run(demo_db, "export", uid, "--agency", "seiho", "--format", "md")
    assert refused.exit_code == 1
    assert "同意の範囲" in refused.stderr and refused.stdout == ""
    given = run(demo_db, "export", uid, "--agency", "hellowork", "--format", "md")
    assert given.exit_code == 0, given.stderr
    assert "ハローワーク" in given.stdout


def test_a_handout_needs_attendance_or_a_role_on_every_meeting(demo_db) -> None:
    """--all leaves out the meetings the agency is not entitled to and writes the others."""
    result = run(demo_db, "export", "--all", "--agency", "hoken_center", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    cases = [doc["case"]["code"] for doc in map(load_document, result.stdout.split("---\n")) if doc]
    assert cases and set(cases) <= {"DEMO-2026-001", "DEMO-2026-003"}


def test_a_masked_handout_of_a_juso_shien_kaigi_for_a_local_agency_within_the_scope(demo_db) -> None:
    """Entitlement is decided on the real document; the masked handout (local ids hashed) still holds."""
    uid = next(
        d["meeting"]["uid"]
        for d in demo_documents()
        if d["case"]["code"] == "DEMO-2026-001"
        and d["meeting"]["type"] == "juso_shien_kaigi"
        and d["meeting"]["status"] == "finished"
    )
    result = run(demo_db, "export", uid, "--agency", "nakayoshi_houkatsu", "--mask", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    handout = load_document(result.stdout)
    assert handout["masked"] is True and handout["handout"]["agency"].startswith("local_")
    refused = run(demo_db, "export", uid, "--agency", "minsei_iin", "--mask", "--format", "md")
    assert refused.exit_code == 1 and "出席しておらず" in refused.stderr


def test_a_refused_meeting_needing_consent_falls_back_to_a_shien_kaigi() -> None:
    """The home screen's offer after a refusal is decided here, without a screen: a type that needs
    consent falls back to the statutory 支援会議 beside it; any other refusal is shown as it is (no
    fallback)."""
    from welfare_tui import domain

    for key, kind in domain.MEETING_TYPES.items():
        expected = kind.without_consent if kind.needs_consent else None
        assert meeting_rules.fallback_after_refusal(key) == expected, key
    assert meeting_rules.fallback_after_refusal("juso_shien_kaigi") == "shien_kaigi"
    assert meeting_rules.fallback_after_refusal("shien_chosei") == "konkyu_shien_kaigi"
    assert meeting_rules.fallback_after_refusal("no_such_type") is None


def test_a_new_meetings_form_starts_from_the_shien_kaigi_agenda() -> None:
    assert meeting_rules.default_agenda(["juso_shien_kaigi", "shien_kaigi"]) == "shien_kaigi"
    assert meeting_rules.default_agenda(["hyoka_kaigi", "juso_shien_kaigi"]) == "hyoka_kaigi"
    assert meeting_rules.default_agenda([]) is None
