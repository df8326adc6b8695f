"""The case's life in the meeting document (version 2): intakes, stage history with decisions, plan
versions with goals and evaluations travel with every meeting of the case; export → import → export
is byte-identical, re-importing writes nothing, version 1 files still import, and import enforces
that only a 重層的支援会議 records 支援決定, 終結 or a plan's approval."""

from __future__ import annotations

import copy

import pytest
from sqlmodel import func, select

from tests.life_builders import lived_case
from welfare_tui.errors import InvalidInput
from welfare_tui.minutes.yaml_format import dump_document, load_document
from welfare_tui.storage import documents
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.storage.models import AuditEntry


def _texts(session) -> list[str]:
    ids = documents.select_meeting_ids(session, all=True)
    return [dump_document(doc) for doc in documents.iter_meeting_documents(session, meeting_ids=ids)]


def test_the_case_life_is_in_every_document_of_the_case(session):
    ids = lived_case(session)
    doc = documents.meeting_document(session, meeting_id=ids["review"])
    case = doc["case"]
    assert [(i["label"], i["outcome"], i["window"], i["tags"]) for i in case["intakes"]] == [
        ("𠮷田世帯", "accepted", "houkatsu", ["8050"])
    ]
    assert [(e["kind"], e["decision"], e["to"]) for e in case["stages"]] == [
        ("opened", "", "intake"),
        ("consent", "", "planning"),
        ("decision", "continue", "planning"),
        ("decision", "approve", "decided"),
        ("decision", "close", "handed_over"),
    ]
    uids = {
        name: documents.meeting_document(session, meeting_id=i)["meeting"]["uid"] for name, i in ids.items()
    }
    assert [e["meeting"] for e in case["stages"]] == [None, None, uids["shien"], uids["juso"], uids["review"]]
    [plan] = case["plan"]
    assert (plan["number"], plan["status"], plan["approved_meeting"], plan["approved_date"]) == (
        1,
        "approved",
        uids["juso"],
        "2026-10-15",
    )
    assert [(g["term"], g["text"], g["agency"]) for g in plan["goals"]] == [
        ("long", "長男が週1回外出できる", "houkatsu"),
        ("short", "面談を月2回", None),
    ]
    assert plan["goals"][0]["evaluations"] == [
        {"meeting": uids["review"], "date": "2026-12-10", "result": "partial", "note": "月2回外出"}
    ]
    assert doc["meeting"]["decision"] == {
        "decision": "close",
        "reason": "",
        "closure_reason": "handover",
        "to_agency": "houkatsu",
    }
    juso = documents.meeting_document(session, meeting_id=ids["juso"])
    assert juso["meeting"]["decision"]["decision"] == "approve"
    assert juso["case"] == case  # the whole life travels with every meeting of the case
    assert "houkatsu" in doc["agencies"]


@pytest.mark.parametrize("order", ["together", "one_by_one"])
def test_export_import_export_is_byte_identical_and_reimport_writes_nothing(session, tmp_path, order):
    lived_case(session)
    texts = _texts(session)
    target = open_database(f"sqlite:///{tmp_path / 'target.db'}")
    try:
        with session_scope(target) as other:
            docs = [load_document(text) for text in texts]
            if order == "together":
                checked = [documents.check_document(other, doc=doc) for doc in docs]
                documents.insert_new_documents(other, checked)
            else:  # a meeting's document arrives before the later meetings its case's life names
                for doc in docs:
                    documents.apply_document(other, doc=doc)
                for doc in docs:  # the second pass links what named a meeting not there yet
                    documents.apply_document(other, doc=load_document(dump_document(doc)))
        with session_scope(target) as other:
            assert _texts(other) == texts
            logged = other.exec(select(func.count()).select_from(AuditEntry)).one()
            for text in texts:
                applied = documents.sync_checked(
                    other, documents.check_document(other, doc=load_document(text))
                )
                assert (applied.case_change, applied.meeting_change) == ("unchanged", "unchanged")
            other.flush()
            assert other.exec(select(func.count()).select_from(AuditEntry)).one() == logged
    finally:
        target.dispose()


def test_a_version_1_file_still_imports_and_keeps_the_life_stored(session):
    ids = lived_case(session)
    doc = documents.meeting_document(session, meeting_id=ids["review"])
    old = copy.deepcopy(doc)
    old["version"] = 1
    for key in ("intakes", "stages", "plan"):
        del old["case"][key]
    del old["meeting"]["decision"]
    old["policy"] = "版1のファイルで更新"
    documents.apply_document(session, doc=old)
    again = documents.meeting_document(session, meeting_id=ids["review"])
    assert again["policy"] == "版1のファイルで更新"
    assert again["case"]["stages"] == doc["case"]["stages"]
    assert again["case"]["plan"] == doc["case"]["plan"]


@pytest.mark.usefixtures("english")
def test_import_refuses_a_decision_the_meeting_type_may_not_record(session):
    ids = lived_case(session)
    shien = documents.meeting_document(session, meeting_id=ids["shien"])
    shien_uid = shien["meeting"]["uid"]
    closing = copy.deepcopy(shien)
    closing["case"]["stages"][2]["decision"] = "close"  # the 支援会議's event, now 終結
    with pytest.raises(InvalidInput, match=r"^case\.stages\[2\]\.decision: .*"):
        documents.apply_document(session, doc=closing)
    claimed = copy.deepcopy(shien)
    claimed["meeting"]["decision"] = {
        "decision": "approve",
        "reason": "",
        "closure_reason": "",
        "to_agency": None,
    }
    with pytest.raises(InvalidInput, match=r"^meeting\.decision\.decision: "):
        documents.apply_document(session, doc=claimed)
    approving = copy.deepcopy(shien)
    approving["case"]["plan"][0]["approved_meeting"] = shien_uid
    with pytest.raises(InvalidInput, match=r"^case\.plan\[0\]\.approved_meeting: "):
        documents.apply_document(session, doc=approving)
    # another document of the case naming the 支援会議 (known to this database) is refused the same way
    review = documents.meeting_document(session, meeting_id=ids["review"])
    review["case"]["stages"][2]["decision"] = "approve"
    with pytest.raises(InvalidInput, match=r"^case\.stages\[2\]\.decision: "):
        documents.apply_document(session, doc=review)
    # a 支援会議 may record 中断
    suspended = copy.deepcopy(shien)
    suspended["case"]["stages"][2]["decision"] = "suspend"
    documents.check_document(session, doc=suspended)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("case", "intakes", 0, "route"), "mail", r"case\.intakes\[0\]\.route: 'mail' is not one of"),
        (("case", "intakes", 0, "window"), "nowhere", r"case\.intakes\[0\]\.window: unknown agency"),
        (("case", "stages", 2, "to"), "limbo", r"case\.stages\[2\]\.to: 'limbo' is not one of"),
        (("case", "stages", 1, "meeting"), "x", r"case\.stages\[1\]\.meeting: "),
        (
            ("case", "plan", 0, "goals", 0, "review_date"),
            "2026-13-01",
            r"case\.plan\[0\]\.goals\[0\]\.review_date",
        ),
        (
            ("case", "plan", 0, "goals", 0, "evaluations", 0, "result"),
            "great",
            r"case\.plan\[0\]\.goals\[0\]\.evaluations\[0\]\.result: 'great' is not one of",
        ),
        (("case", "plan", 0, "colour"), "red", r"case\.plan\[0\]\.colour: unknown field"),
    ],
)
def test_a_bad_value_of_the_life_names_its_field(session, path, value, message):
    ids = lived_case(session)
    doc = documents.meeting_document(session, meeting_id=ids["review"])
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(InvalidInput, match=message):
        documents.apply_document(session, doc=doc)


def test_the_minutes_state_the_decision_in_one_line(session):
    from welfare_tui.i18n import set_language
    from welfare_tui.minutes.handout import agency_handout
    from welfare_tui.minutes.markdown import render_handout, render_markdown

    ids = lived_case(session)
    review = documents.meeting_document(session, meeting_id=ids["review"])
    name = review["agencies"]["houkatsu"]["name"]
    text = render_markdown(review)
    assert text.count("決定：") == 1
    assert f"決定：終結（理由：主担当機関へ引継ぎ — {name}）" in text
    shien = render_markdown(documents.meeting_document(session, meeting_id=ids["shien"]))
    assert "決定：継続（理由：情報共有を続ける）" in shien
    assert "決定：支援決定" in render_markdown(documents.meeting_document(session, meeting_id=ids["juso"]))
    # the handout of an agency taking part carries the same line in its shared summary
    attending = copy.deepcopy(review)
    attending["attendees"].append(
        {
            "agency": "houkatsu",
            "department": "",
            "role": "社会福祉士",
            "name": "山﨑 明美",
            "attendance": "present",
            "acknowledged": True,
        }
    )
    handout = render_handout(agency_handout(attending, "houkatsu"))
    assert f"決定：終結（理由：主担当機関へ引継ぎ — {name}）" in handout
    set_language("en")
    try:
        english = render_markdown(review)
    finally:
        set_language("ja")
    assert f"Decision: Close (reason: Handed over to the lead agency — {name})" in english
    assert "決定：" not in english
    # a meeting that decided nothing prints no line
    review["meeting"]["decision"] = None
    assert "決定：" not in render_markdown(review)


def test_cli_import_refuses_a_closure_at_a_support_meeting_naming_file_and_line(sqlite_url, tmp_path):
    from typer.testing import CliRunner

    from welfare_tui.cli import app

    engine = open_database(sqlite_url)
    try:
        with session_scope(engine) as session:
            ids = lived_case(session)
            text = dump_document(documents.meeting_document(session, meeting_id=ids["shien"]))
    finally:
        engine.dispose()
    assert "  decision:\n    decision: continue\n" in text
    edited = text.replace("  decision:\n    decision: continue\n", "  decision:\n    decision: close\n")
    path = tmp_path / "shien.yaml"
    path.write_text(edited, encoding="utf-8")
    lines = edited.splitlines()
    line = lines.index("    decision: close", lines.index("meeting:")) + 1
    result = CliRunner().invoke(app, ["--lang", "en", "--db", sqlite_url, "import", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:{line}: meeting.decision.decision: ")
    assert "Traceback" not in result.stderr and "nothing was imported" in result.stderr
    engine = open_database(sqlite_url)
    try:
        with session_scope(engine) as session:
            doc = documents.meeting_document(session, meeting_id=ids["shien"])
            assert doc["meeting"]["decision"]["decision"] == "continue"
    finally:
        engine.dispose()
