"""The demo households: YAML files that `import` accepts, complete documents, a real database,
idempotent, never mixed with real cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from welfare_tui import domain
from welfare_tui.catalogue import CATALOGUE_BY_ID
from welfare_tui.cli import app
from welfare_tui.demo import (
    DEMO_CASE_PREFIX,
    build_demo,
    demo_agency_ids,
    demo_documents,
    demo_files,
    is_demo_case,
)
from welfare_tui.errors import InvalidInput, RuleRefused
from welfare_tui.minutes.yaml_format import dump_document, load_document

SECTION_7_TAGS = (
    "8050",
    "ひきこもり",
    "ダブルケア",
    "ヤングケアラー",
    "ごみ屋敷",
    "セルフネグレクト",
    "外国人世帯",
)
STRENGTH_RANK = {"weak": 0, "normal": 1, "strong": 2}


@pytest.fixture(scope="module")
def documents() -> list[dict]:
    return demo_documents()


def finished(documents: list[dict]) -> list[dict]:
    return [d for d in documents if d["meeting"]["status"] == "finished"]


def by_case(documents: list[dict]) -> dict[str, list[dict]]:
    cases: dict[str, list[dict]] = {}
    for document in documents:
        cases.setdefault(document["case"]["code"], []).append(document)
    return cases


def sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


# --- the files --------------------------------------------------------------------------------------


def test_one_file_per_meeting_in_case_then_round_order():
    names = [path.name for path in demo_files()]
    assert names == [
        "01_8050_1.yaml",
        "01_8050_2.yaml",
        "01_8050_3.yaml",
        "02_double_care_1.yaml",
        "03_young_carer_1.yaml",
        "04_gomiyashiki_1.yaml",
        "05_foreign_1.yaml",
        "05_foreign_2.yaml",
    ]
    for path, doc in zip(demo_files(), demo_documents(), strict=True):
        number, *_, round_ = path.stem.split("_")
        assert doc["case"]["code"] == f"DEMO-2026-{int(number):03d}" and doc["meeting"]["round"] == int(
            round_
        )


@pytest.mark.parametrize("path", demo_files(), ids=lambda path: path.name)
def test_each_file_is_written_as_export_writes_yaml(path: Path):
    # Hand edits keep the exported form (key order, quoting), so `export` of the demo gives them back.
    text = path.read_text(encoding="utf-8")
    assert dump_document(load_document(text)) == text


@pytest.mark.parametrize("path", demo_files(), ids=lambda path: path.name)
def test_each_file_passes_welfare_tui_import_as_a_user_runs_it(tmp_path, path: Path):
    database = str(tmp_path / "mine.db")
    result = CliRunner().invoke(app, ["--lang", "en", "--db", database, "import", str(path)])
    assert result.exit_code == 0, result.stderr
    doc = load_document(path.read_text(encoding="utf-8"))
    assert result.stdout.startswith(
        f"{path}: new case {doc['case']['code']}, new meeting {doc['meeting']['uid'][:8]}"
    )


def test_a_broken_file_in_the_package_is_reported_as_import_reports_it(sqlite_url, tmp_path, monkeypatch):
    broken = tmp_path / "01_8050_1.yaml"
    broken.write_text(
        demo_files()[0].read_text(encoding="utf-8").replace("  round: 1\n", "  round: many\n"),
        encoding="utf-8",
    )
    monkeypatch.setattr("welfare_tui.demo.demo_files", lambda: [broken])
    with pytest.raises(InvalidInput, match=rf"^{re.escape(str(broken))}:\d+: meeting.round: "):
        build_demo(sqlite_url)
    assert read_back(sqlite_url) == ([], {})


def test_demo_agencies_are_the_local_agencies_of_the_files(documents):
    local = {key for doc in documents for key in doc["agencies"] if key not in CATALOGUE_BY_ID}
    assert demo_agency_ids() == local and "nakayoshi_houkatsu" in local


# --- the documents ----------------------------------------------------------------------------------


def test_at_least_five_households_covering_every_issue_tag_of_section_7(documents):
    cases = by_case(documents)
    assert len(cases) >= 5
    assert all(is_demo_case(code) and code.startswith(DEMO_CASE_PREFIX) for code in cases)
    tags = {tag for d in documents for tag in d["case"]["tags"]}
    assert set(SECTION_7_TAGS) <= tags
    assert tags <= set(domain.ISSUE_TAGS)


def test_documents_have_every_key_in_the_documented_order(documents):
    from welfare_tui.storage.documents import CASE_KEYS, MEETING_KEYS, STEP_KEYS, TOP_KEYS

    for document in documents:
        assert tuple(document) == TOP_KEYS
        assert tuple(document["case"]) == CASE_KEYS
        assert tuple(document["meeting"]) == MEETING_KEYS
        assert all(tuple(step) == STEP_KEYS for step in document["steps"])


def test_every_case_has_a_finished_meeting_with_every_section_filled(documents):
    for code, meetings in by_case(documents).items():
        done = finished(meetings)
        assert done, code
        for document in done:
            where = f"{code} round {document['meeting']['round']}"
            meeting = document["meeting"]
            assert meeting["purpose"] and meeting["chair"] and meeting["recorder"], where
            assert meeting["confidentiality"]["confirmed_at"], where
            assert meeting["current_step"] == document["steps"][-1]["id"], where
            assert all(step["done"] for step in document["steps"]), where
            assert any(step["notes"] for step in document["steps"]), where
            assert 5 <= len(document["attendees"]) <= 8, where
            assert all(a["name"] and a["role"] for a in document["attendees"]), where
            assert len(document["shared_info"]) >= 4, where
            ties = document["ecomap"]["ties"]
            assert 6 <= len(ties) <= 12, where
            assert len({t["strength"] for t in ties}) >= 2 and any(t["label"] for t in ties), where
            assert {item["kind"] for item in document["assessment"]} == set(domain.ASSESSMENT_KIND), where
            assert document["policy"], where
            assert document["goals"]["long"] and document["goals"]["short"], where
            assert 4 <= len(document["roles"]) <= 6, where
            assert all(r["agency"] and r["person"] and r["due"] for r in document["roles"]), where
            assert document["monitoring"], where
            assert document["resource_gaps"] and document["decisions"] and document["remaining_issues"], where
            assert document["next_meeting"]["date"] > meeting["date"], where


def test_household_genograms_have_an_index_person_and_a_key_person(documents):
    for code, meetings in by_case(documents).items():
        household = meetings[-1]["case"]["household"]
        assert sum(p["index_person"] for p in household) == 1, code
        assert any(p["key_person"] for p in household), code
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", p["birth_date"]) for p in household), code


def test_consent_rules_hold(documents):
    for document in documents:
        kind = domain.MEETING_TYPES[document["meeting"]["type"]]
        if kind.needs_consent:
            consent = document["case"]["consent"]
            assert consent["status"] != "none" and consent["date"] <= document["meeting"]["date"]


def test_dates_are_fixed_in_autumn_2026_and_uids_are_stable(documents):
    for document in finished(documents):
        assert "2026-09-01" <= document["meeting"]["date"] <= "2026-11-30"
        assert document["meeting"]["date"] < document["next_meeting"]["date"] <= "2027-01-31"
    for meetings in by_case(documents).values():
        latest = finished(meetings)[-1]
        assert latest["next_meeting"]["date"] >= "2026-12-01"
    uids = [d["meeting"]["uid"] for d in documents]
    assert len(set(uids)) == len(uids)
    assert all(re.fullmatch(r"[0-9a-f]{32}", uid) for uid in uids)
    assert [d["meeting"]["uid"] for d in demo_documents()] == uids


def test_agencies_are_catalogue_ids_or_local_agencies_of_the_map(documents):
    local = set()
    for document in documents:
        known = set(CATALOGUE_BY_ID) | set(document["agencies"])
        local |= set(document["agencies"]) - set(CATALOGUE_BY_ID)
        referred = [
            document["case"]["lead_agency"],
            *(a["agency"] for a in document["attendees"]),
            *(s["agency"] for s in document["shared_info"]),
            *(r["agency"] for r in document["roles"]),
        ]
        assert set(referred) <= known
        for agency_id, entry in document["agencies"].items():
            assert entry["sector"] in domain.SECTORS, agency_id
    assert "nakayoshi_houkatsu" in local and len(local) >= 3


def test_8050_has_two_finished_meetings_and_a_planned_one(documents):
    meetings = by_case(documents)["DEMO-2026-001"]
    assert "8050" in meetings[0]["case"]["tags"]
    first, second = finished(meetings)
    assert (first["meeting"]["type"], second["meeting"]["type"]) == ("shien_kaigi", "juso_shien_kaigi")
    planned = [d for d in meetings if d["meeting"]["status"] == "planned"]
    assert len(planned) == 1
    assert planned[0]["meeting"]["date"] == second["next_meeting"]["date"]
    assert not any(step["done"] for step in planned[0]["steps"])

    before = {t["to"]: t for t in first["ecomap"]["ties"]}
    after = {t["to"]: t for t in second["ecomap"]["ties"]}
    weakened = [
        node
        for node in before.keys() & after.keys()
        if STRENGTH_RANK[after[node]["strength"]] < STRENGTH_RANK[before[node]["strength"]]
    ]
    added = after.keys() - before.keys()
    assert weakened == ["minsei_iin"]
    assert added == {"hikikomori_center"}


# --- the database -----------------------------------------------------------------------------------


def read_back(url: str) -> tuple[list[str], dict[str, dict]]:
    from welfare_tui.storage.documents import meeting_document, select_meeting_ids
    from welfare_tui.storage.engine import open_database, session_scope
    from welfare_tui.storage.repo import list_cases

    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            codes = [row.code for row in list_cases(session)]
            meetings = {}
            for meeting_id in select_meeting_ids(session, all=True):
                document = meeting_document(session, meeting_id=meeting_id)
                meetings[document["meeting"]["uid"]] = document
    finally:
        engine.dispose()
    return codes, meetings


def test_build_demo_writes_documents_that_read_back_unchanged(sqlite_url, documents):
    summary = build_demo(sqlite_url)
    assert (summary.cases, summary.meetings) == (len(by_case(documents)), len(documents))
    codes, meetings = read_back(sqlite_url)
    assert codes == sorted(by_case(documents))
    assert len(meetings) == len(documents)
    for document in documents:
        back = meetings[document["meeting"]["uid"]]
        # Derived at export time from the case's previous meeting (with the agencies its ties name).
        back["ecomap"].pop("previous")
        back["review"] = None
        back["agencies"] = {
            key: value for key, value in back["agencies"].items() if key in document["agencies"]
        }
        assert back == document


def test_build_demo_twice_gives_the_same_database(sqlite_url):
    build_demo(sqlite_url)
    first = read_back(sqlite_url)
    summary = build_demo(sqlite_url)
    assert read_back(sqlite_url) == first
    assert summary.meetings == len(first[1])


def add_real_case(url: str) -> None:
    from welfare_tui.storage.engine import open_database, session_scope
    from welfare_tui.storage.repo import create_case

    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            create_case(session, code="C-2026-001", label="実ケース世帯")
    finally:
        engine.dispose()


def test_build_demo_refuses_a_database_with_real_cases(sqlite_url):
    add_real_case(sqlite_url)
    with pytest.raises(RuleRefused, match="--db demo.db"):
        build_demo(sqlite_url)
    codes, meetings = read_back(sqlite_url)
    assert codes == ["C-2026-001"] and meetings == {}


# --- the command ------------------------------------------------------------------------------------


def test_cli_demo_no_open_builds_the_configured_database(tmp_path):
    path = str(tmp_path / "demo.db")
    result = CliRunner().invoke(app, ["--db", path, "demo", "--no-open"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"デモデータを作成しました: 5 世帯, 8 会議 → {path}\n"
    codes, meetings = read_back(f"sqlite:///{path}")
    assert len(codes) == 5 and len(meetings) == 8


def test_cli_demo_opens_the_tui_with_the_same_settings(tmp_path, monkeypatch):
    import welfare_tui.views.app as views_app

    opened = []
    monkeypatch.setattr(views_app, "run_app", opened.append)
    monkeypatch.setattr("welfare_tui.startup.has_terminal", lambda: True)  # CliRunner's streams are not one
    path = str(tmp_path / "demo.db")
    result = CliRunner().invoke(app, ["--db", path, "demo"])
    assert result.exit_code == 0, result.output
    assert len(opened) == 1 and opened[0].db_url == f"sqlite:///{path}"


def test_cli_demo_refuses_a_database_with_real_cases(tmp_path):
    path = tmp_path / "city.db"
    add_real_case(f"sqlite:///{path}")
    result = CliRunner().invoke(app, ["--db", str(path), "demo", "--no-open"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("エラー: ") and "--db demo.db" in lines[0]


def test_cli_demo_help_has_an_example():
    result = CliRunner().invoke(app, ["demo", "--help"])
    assert result.exit_code == 0
    assert "Example: welfare-tui --db demo.db demo" in result.stdout
    assert "--no-open" in result.stdout


def test_the_demo_shows_each_stage_of_a_case(sqlite_url):
    """domain.md §13: an open intake, a case at 支援会議段階, an approved plan under monitoring, a case
    handed over and one closed with a reason; each stage history ends where the case stands."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    build_demo(sqlite_url)
    build_demo(sqlite_url)  # twice: the open intake is not added again
    engine = open_database(sqlite_url)
    try:
        with session_scope(engine) as session:
            open_intakes = repo.list_intakes(session, open_only=True)
            assert [(i["label"], i["outcome"], i["case_id"]) for i in open_intakes] == [
                ("F氏世帯", "open", None)
            ]
            cases = {row.code: row for row in repo.list_cases(session)}
            stages = {code: row.status for code, row in cases.items()}
            assert stages == {
                "DEMO-2026-001": "support",
                "DEMO-2026-002": "handed_over",
                "DEMO-2026-003": "shien_kaigi",
                "DEMO-2026-004": "shien_kaigi",
                "DEMO-2026-005": "closed",
            }
            for code, row in cases.items():
                history = repo.stage_history(session, case_id=row.id)
                assert history[-1]["to_stage"] == row.status, code
            closing = repo.stage_history(session, case_id=cases["DEMO-2026-005"].id)[-1]
            assert (closing["decision"], closing["closure_reason"]) == ("close", "other_system")
            plan = repo.current_plan(session, case_id=cases["DEMO-2026-001"].id)
            assert plan is not None and plan["approved_date"] == "2026-11-12" and plan["goals"]
            handed = repo.stage_history(session, case_id=cases["DEMO-2026-002"].id)[-1]
            assert (handed["decision"], handed["to_agency_id"]) == ("hand_over", "kodomo_katei")
    finally:
        engine.dispose()
