"""The work between meetings in the meeting document (version 3): the case's contacts and matches, the
meeting's unmet needs, roles and ties naming a resource, and the `resources` map travel with every
document; export → import into an empty database → export is byte-identical, re-importing writes
nothing, version 1 and 2 files still import, and bad input is refused as FILE:LINE: FIELD: message with
nothing written."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlmodel import func, select
from typer.testing import CliRunner

from tests.between_builders import RESOURCES, between_case
from welfare_tui.cli import app
from welfare_tui.minutes.yaml_format import dump_document, export_yaml, load_document, upgraded
from welfare_tui.storage import documents
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.storage.models import AuditEntry, ContactLog, ResourceMatch

runner = CliRunner()


def _texts(session) -> list[str]:
    ids = documents.select_meeting_ids(session, all=True)
    return [dump_document(doc) for doc in documents.iter_meeting_documents(session, meeting_ids=ids)]


def test_contacts_matches_needs_and_resources_are_in_the_documents(session):
    ids = between_case(session)
    doc = documents.meeting_document(session, meeting_id=ids["review"])
    assert doc["version"] == 3
    assert list(doc)[2:5] == ["agencies", "resources", "case"]
    case = doc["case"]
    shien_uid = documents.meeting_document(session, meeting_id=ids["shien"])["meeting"]["uid"]
    assert [(c["date"], c["mode"], c["whom"], c["agency"], c["meeting"]) for c in case["contacts"]] == [
        ("2026-09-28", "visit", "absent", "houkatsu", None),
        ("2026-10-01", "phone", "family", "jiritsu_soudan", shien_uid),
        ("2026-10-20", "visit", "person", None, None),
    ]
    assert all(len(c["uid"]) == 32 for c in case["contacts"])
    assert [(m["resource"], m["state"], m["started_date"], m["end_reason"]) for m in case["matches"]] == [
        ("hotto_space", "started", "2026-11-01", ""),
        ("work_aoba", "ended", None, "本人が通所を望まなかった"),
    ]
    assert [r["resource"] for r in doc["roles"]] == ["hotto_space"]
    assert [t["resource"] for t in doc["ecomap"]["ties"]] == ["hotto_space"]
    # The map holds what the document names, in the order named (tie, role, then the matches).
    assert list(doc["resources"]) == ["hotto_space", "work_aoba"]
    assert doc["resources"]["hotto_space"] == {k: v for k, v in RESOURCES[0].items() if k != "id"}
    assert "jiritsu_soudan" in doc["agencies"]  # named by a contact only
    juso = documents.meeting_document(session, meeting_id=ids["juso"])
    assert [(n["category"], n["sector"], n["member"]) for n in juso["needs"]] == [("ibasho", "cross", "長男")]
    assert [n["category"] for n in doc["needs"]] == ["mobility"]  # needs are the meeting's
    assert juso["case"]["contacts"] == case["contacts"]  # the case's work travels with every meeting
    assert list(juso["resources"]) == ["hotto_space", "work_aoba"]


@pytest.mark.parametrize("order", ["together", "one_by_one"])
def test_export_import_export_is_byte_identical_and_reimport_writes_nothing(session, tmp_path, order):
    between_case(session)
    texts = _texts(session)
    target = open_database(f"sqlite:///{tmp_path / 'target.db'}")
    try:
        with session_scope(target) as other:
            docs = [load_document(text) for text in texts]
            if order == "together":
                checked = [documents.check_document(other, doc=doc) for doc in docs]
                documents.insert_new_documents(other, checked)
            else:  # a contact names a meeting whose document comes later: linked on the second pass
                for doc in docs:
                    documents.apply_document(other, doc=doc)
                for doc in docs:
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


def test_an_edited_contact_is_updated_and_a_new_one_added_never_deleted(session):
    ids = between_case(session)
    doc = documents.meeting_document(session, meeting_id=ids["review"])
    edited = copy.deepcopy(doc)
    edited["case"]["contacts"][0]["note"] = "不在。二度目の手紙"
    added = {**edited["case"]["contacts"][2], "uid": "", "date": "2026-11-30", "next_date": None}
    edited["case"]["contacts"].append(added)
    del edited["case"]["contacts"][1]  # a file that lacks a contact never deletes it
    applied = documents.apply_document(session, doc=edited)
    again = documents.meeting_document(session, meeting_id=applied)["case"]["contacts"]
    assert [c["note"] for c in again][:2] == ["不在。二度目の手紙", "母と電話"]
    assert [c["date"] for c in again] == ["2026-09-28", "2026-10-01", "2026-10-20", "2026-11-30"]


def test_a_resource_the_database_holds_by_another_name_gets_a_fresh_id(session, tmp_path):
    ids = between_case(session)
    text = export_yaml(documents.meeting_document(session, meeting_id=ids["review"]))
    target = open_database(f"sqlite:///{tmp_path / 'target.db'}")
    try:
        with session_scope(target) as other:
            from welfare_tui.storage import repo

            repo.upsert_resources(other, [{"id": "hotto_space", "name": "別の居場所"}])
            documents.apply_document(other, doc=load_document(text))
            names = {row["id"]: row["name"] for row in repo.list_resources(other)}
            assert names["hotto_space"] == "別の居場所"  # the register's own entry is left alone
            assert names["hotto_space_2"] == "居場所「ほっとスペースあおば」"
            back = documents.iter_meeting_documents(
                other, meeting_ids=documents.select_meeting_ids(other, all=True)
            )
            doc = next(iter(back))
            assert [m["resource"] for m in doc["case"]["matches"]] == ["hotto_space_2", "work_aoba"]
            assert [r["resource"] for r in doc["roles"]] == ["hotto_space_2"]
    finally:
        target.dispose()


def test_older_versions_still_import_and_keep_the_case_work_stored(session):
    ids = between_case(session)
    doc = documents.meeting_document(session, meeting_id=ids["review"])
    for version in (2, 1):
        old = copy.deepcopy(doc)
        old["version"] = version
        del old["resources"], old["needs"], old["case"]["contacts"], old["case"]["matches"]
        for row in (*old["roles"], *old["ecomap"]["ties"]):
            del row["resource"]
        if version == 1:
            for key in ("intakes", "stages", "plan"):
                del old["case"][key]
            del old["meeting"]["decision"]
        assert list(upgraded(old)) == list(doc)  # the keys of the current version, in its order
        documents.apply_document(session, doc=old)
        again = documents.meeting_document(session, meeting_id=ids["review"])
        assert again["case"]["contacts"] == doc["case"]["contacts"]
        assert again["case"]["matches"] == doc["case"]["matches"]


# --- bad input, as `welfare-tui import` reports it ----------------------------------------------------


@pytest.fixture
def exported(tmp_path) -> tuple[str, str]:
    """A database holding the case, and the YAML text of its last meeting."""
    url = f"sqlite:///{tmp_path / 'source.db'}"
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            ids = between_case(session)
            text = export_yaml(documents.meeting_document(session, meeting_id=ids["review"]))
    finally:
        engine.dispose()
    return url, text


def _import(url: str, path: Path, *extra: str):
    return runner.invoke(app, ["--lang", "en", "--db", url, "import", str(path), *extra])


def _counts(url: str) -> tuple[int, int, int]:
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            return tuple(  # type: ignore[return-value]
                session.exec(select(func.count()).select_from(model)).one()
                for model in (AuditEntry, ContactLog, ResourceMatch)
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("resource: work_aoba", "resource: nowhere", "case.matches[1].resource", "resource 'nowhere'"),
        ("mode: phone", "mode: carrier_pigeon", "case.contacts[1].mode", "carrier_pigeon"),
        ('date: "2026-10-20"', 'date: "2026-02-30"', "case.contacts[2].date", "2026-02-30"),
        ('next_date: "2026-11-03"', 'next_date: "2026-10-01"', "case.contacts[2].next_date", "before"),
        ("end_reason: 本人が通所を望まなかった", 'end_reason: ""', "case.matches[1].end_reason", "reason"),
        (
            "category: ibasho\n    sector: cross\n    area: 青葉地区",
            "category: cafe\n    sector: cross\n    area: 青葉地区",
            "resources.hotto_space.category",
            "cafe",
        ),
    ],
)
def test_bad_input_is_refused_at_its_line_and_nothing_is_written(exported, tmp_path, old, new, field, words):
    url, text = exported
    assert old in text
    bad = text.replace(old, new, 1)
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    before = _counts(url)
    result = _import(url, path)
    assert result.exit_code == 1
    first = text[: text.index(old)].count("\n") + 1 + new[: new.index(":")].count("\n")
    line = next(line for line in result.stderr.splitlines() if f": {field}: " in line)
    assert line.startswith(f"Error: {path}:{first}: {field}: ") and words in line, result.stderr
    assert _counts(url) == before


def test_a_contact_of_another_case_is_refused(exported, tmp_path):
    url, text = exported
    doc = load_document(text)
    other = copy.deepcopy(doc)
    other["case"]["code"] = "C-2026-999"
    other["meeting"]["uid"] = "0" * 32
    for part in ("intakes", "stages", "plan"):
        other["case"][part] = []
    other["meeting"]["decision"] = None
    other["case"]["contacts"] = other["case"]["contacts"][:1]  # the first contact's uid: case C-2026-101's
    other["case"]["matches"] = []
    path = tmp_path / "other.yaml"
    written = dump_document(other)
    path.write_text(written, encoding="utf-8")
    before = _counts(url)
    result = _import(url, path)
    assert result.exit_code == 1, result.stdout
    line = written[: written.index("  contacts:")].count("\n") + 2  # its first row: the uid
    assert f"{path}:{line}: case.contacts[0].uid: " in result.stderr and "C-2026-101" in result.stderr
    assert _counts(url) == before


def test_reimport_of_an_imported_file_reports_unchanged_and_writes_nothing(exported, tmp_path):
    _, text = exported
    path = tmp_path / "same.yaml"
    path.write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'target.db'}"
    assert _import(url, path).exit_code == 0
    before = _counts(url)
    assert before[1:] == (3, 2)
    result = _import(url, path, "--json")
    assert result.exit_code == 0, result.stderr
    assert [(r["case_change"], r["meeting_change"]) for r in json.loads(result.stdout)] == [
        ("unchanged", "unchanged")
    ]
    assert _counts(url) == before
