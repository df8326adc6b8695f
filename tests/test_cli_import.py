"""`welfare-tui import`: all or nothing, every problem as FILE:LINE: FIELD, --dry-run, stable ids, and
export → import into an empty database → export giving the same bytes (demo data and generated meetings)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from welfare_tui.catalogue import CATALOGUE
from welfare_tui.cli import app
from welfare_tui.demo import build_demo, demo_documents

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def run(url: str, *args: str):
    return runner.invoke(app, ["--lang", "en", "--db", url, *args])  # matches English messages


def count_meetings(url: str) -> int:
    result = run(url, "meetings", "list", "--json")
    import json

    return len(json.loads(result.stdout)) if result.stdout.strip() else 0


def test_demo_export_import_export_is_byte_identical(tmp_path) -> None:
    source = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(source)
    first = run(source, "export", "--all", "--format", "yaml", "--out", str(tmp_path / "a"))
    assert first.exit_code == 0, first.stderr
    files = first.stdout.splitlines()
    target = f"sqlite:///{tmp_path / 'empty.db'}"
    imported = run(target, "import", *files)
    assert imported.exit_code == 0, imported.stderr
    second = run(target, "export", "--all", "--format", "yaml", "--out", str(tmp_path / "b"))
    assert second.exit_code == 0, second.stderr
    assert len(files) == len(demo_documents())
    for path in files:
        assert (tmp_path / "b" / Path(path).name).read_bytes() == Path(path).read_bytes(), Path(path).name


def test_reimport_changes_nothing_and_dry_run_writes_nothing(tmp_path, sqlite_url) -> None:
    files = [str(DATA / "meeting_8050.yaml"), str(DATA / "meeting_juso.yaml")]
    dry = run(sqlite_url, "--lang", "en", "import", *files, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout.splitlines()[0].startswith(f"{files[0]}: new case C-2026-001, new meeting 5f0c1a2b")
    assert "dry run: nothing was written" in dry.stderr
    assert count_meetings(sqlite_url) == 0
    assert run(sqlite_url, "import", *files).exit_code == 0
    again = run(sqlite_url, "import", *files, "--json")
    assert again.exit_code == 0
    import json

    rows = json.loads(again.stdout)
    assert {(row["case_change"], row["meeting_change"]) for row in rows} == {("unchanged", "unchanged")}
    assert count_meetings(sqlite_url) == 2


def test_a_file_without_uid_gets_a_stable_one(tmp_path, sqlite_url) -> None:
    text = (DATA / "meeting_8050.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.strip().startswith("uid:")]
    path = tmp_path / "no-uid.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(sqlite_url, "import", str(path)).exit_code == 0
    assert run(sqlite_url, "import", str(path)).exit_code == 0
    assert count_meetings(sqlite_url) == 1


def test_every_problem_of_every_file_is_reported_and_nothing_is_written(tmp_path, sqlite_url) -> None:
    good = DATA / "meeting_juso.yaml"
    bad = tmp_path / "bad.yaml"
    text = (DATA / "meeting_8050.yaml").read_text(encoding="utf-8")
    text = text.replace('date: "2026-10-15"', 'date: "2026-02-30"', 1).replace(
        "mode: in_person", "mode: zoom", 1
    )
    bad.write_text(text, encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: welfare-tui-minutes\nversion: 1\ncase: [\n", encoding="utf-8")
    result = run(sqlite_url, "import", str(good), str(bad), str(broken))
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    lines = text.splitlines()
    date_line = next(i for i, line in enumerate(lines, 1) if "2026-02-30" in line)
    mode_line = next(i for i, line in enumerate(lines, 1) if "mode: zoom" in line)
    assert any(e.startswith(f"Error: {bad}:{date_line}: meeting.date: ") for e in errors), errors
    assert any(e.startswith(f"Error: {bad}:{mode_line}: meeting.mode: ") for e in errors), errors
    assert any(e.startswith(f"Error: {broken}:") and ": syntax: " in e for e in errors), errors
    assert errors[-1] == "Error: 3 problem(s) in 3 file(s); nothing was imported"
    assert result.stdout == ""
    assert count_meetings(sqlite_url) == 0


def test_unknown_agency_is_reported_with_its_line(tmp_path, sqlite_url) -> None:
    text = (
        (DATA / "meeting_8050.yaml")
        .read_text(encoding="utf-8")
        .replace("agency: minsei_iin", "agency: nowhere", 1)
    )
    path = tmp_path / "agency.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "nowhere" in l)
    result = run(sqlite_url, "import", str(path))
    assert result.exit_code == 1
    assert f"{path}:{line}: " in result.stderr and "unknown agency 'nowhere'" in result.stderr


def test_missing_file_and_two_files_for_one_meeting(tmp_path, sqlite_url) -> None:
    copy_path = tmp_path / "copy.yaml"
    shutil.copy(DATA / "meeting_8050.yaml", copy_path)
    result = run(
        sqlite_url,
        "--lang",
        "en",
        "import",
        str(DATA / "meeting_8050.yaml"),
        str(copy_path),
        str(tmp_path / "none.yaml"),
    )
    assert result.exit_code == 1
    assert f"{copy_path}:" in result.stderr and "the same meeting as" in result.stderr
    assert f"{tmp_path / 'none.yaml'}: cannot read" in result.stderr


# --- property: any generated meeting round-trips through an empty database ---------------------------

CATALOGUE_IDS = [agency.id for agency in CATALOGUE[:12]]
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
dates = st.dates(
    min_value=__import__("datetime").date(1930, 1, 1), max_value=__import__("datetime").date(2035, 12, 31)
).map(lambda d: d.isoformat())
times = st.sampled_from(["", "09:00", "14:30", "23:59"])


@st.composite
def meetings(draw: st.DrawFn) -> dict:
    from tests.document_builders import attendee, check, next_meeting, person, role, tie
    from welfare_tui import domain

    agenda = draw(st.sampled_from(["shien_kaigi", "juso_shien_kaigi"]))
    agency = st.sampled_from(CATALOGUE_IDS)
    status = st.sampled_from(list(domain.ROLE_STATUS))
    meeting_status = draw(st.sampled_from(["planned", "finished"]))
    # Final minutes carry every present attendee's acknowledgement (meeting_rules), or import refuses them.
    acknowledged = st.booleans() if meeting_status == "planned" else st.just(True)
    attendees = draw(
        st.lists(
            st.builds(
                attendee, agency, text, text, text, st.sampled_from(list(domain.ATTENDANCE)), acknowledged
            ),
            max_size=3,
        )
    )
    roles = draw(st.lists(st.builds(role, text, agency, text, dates, status), max_size=3))
    ties = draw(
        st.lists(
            st.builds(
                tie,
                agency,
                st.sampled_from(list(domain.TIE_STRENGTH)),
                st.sampled_from(list(domain.TIE_FLOW)),
                text,
            ),
            max_size=2,
        )
    )
    household = draw(
        st.lists(st.builds(person, text, text, text, st.sampled_from(list(domain.SEX)), dates), max_size=2)
    )
    from tests.document_builders import case, consent, document

    doc = document(
        case=case(
            code="C-" + draw(st.from_regex(r"[0-9]{4}", fullmatch=True)),
            label=draw(text) or "A氏世帯",
            summary=draw(text),
            tags=draw(st.lists(st.sampled_from(list(domain.ISSUE_TAGS)), max_size=2, unique=True)),
            referral_route=draw(text),
            status="support",
            consent=consent("written", "1930-01-01", draw(text)),
            lead_agency=draw(st.none() | agency),
            key_person=draw(text),
            household=household,
        ),
        uid=draw(st.uuids()).hex,
        agenda=agenda,
        round=draw(st.integers(1, 9)),
        date=draw(dates),
        start=draw(times),
        end=draw(times),
        place=draw(text),
        chair=draw(text),
        recorder=draw(text),
        purpose=draw(text),
        status=meeting_status,
        confirmed_at="10:00",
        attendees=attendees,
        ties=ties,
        roles=roles,
        monitoring=draw(st.lists(st.builds(check, dates, text, status), max_size=2)),
        policy=draw(text),
        long_goals=draw(st.lists(text, max_size=2)),
        decisions=draw(text),
        next=next_meeting(draw(st.none() | dates), draw(times), draw(text)),
    )
    return _with_between(draw, _with_life(draw, doc, agency), agency)


def _with_between(draw: st.DrawFn, doc: dict, agency) -> dict:
    """The work between meetings (version 3): resources, contacts (recorded from this meeting or not),
    matches at any state, unmet needs of the meeting, a role naming a resource."""
    from welfare_tui import domain

    uid = doc["meeting"]["uid"]
    uids = st.uuids().map(lambda u: u.hex)
    ids = draw(
        st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), min_size=1, max_size=2, unique=True)
    )
    doc["version"] = 3
    doc["resources"] = {
        resource_id: {
            "name": f"資源{index}",
            "category": draw(st.sampled_from(list(domain.RESOURCE_CATEGORY))),
            "sector": draw(st.sampled_from(list(domain.RESOURCE_SECTOR))),
            "area": draw(text),
            "capacity": draw(st.none() | st.integers(0, 100)),
            "contact": draw(text),
            "notes": draw(text),
        }
        for index, resource_id in enumerate(ids)
    }
    contacts = []
    for contact_uid in draw(st.lists(uids, max_size=3, unique=True)):
        day = draw(dates)
        contacts.append(
            {
                "uid": contact_uid,
                "date": day,
                "agency": draw(st.none() | agency),
                "mode": draw(st.sampled_from(list(domain.CONTACT_MODE))),
                "whom": draw(st.sampled_from(list(domain.CONTACT_WHOM))),
                "note": draw(text),
                "next_date": draw(st.sampled_from([None, day])),
                "recorded_by": draw(text),
                "meeting": draw(st.sampled_from([uid, None])),
            }
        )
    doc["case"]["contacts"] = contacts
    doc["case"]["matches"] = []
    for match_uid in draw(st.lists(uids, max_size=2, unique=True)):
        state = draw(st.sampled_from(list(domain.MATCH_STATE)))
        doc["case"]["matches"].append(
            {
                "uid": match_uid,
                "resource": draw(st.sampled_from(ids)),
                "member": draw(text),
                "state": state,
                "proposed_date": draw(st.none() | dates),
                "ended_date": draw(dates) if state == "ended" else None,
                "end_reason": (draw(text).strip() or "終了") if state == "ended" else "",
                "note": draw(text),
            }
        )
    doc["needs"] = [
        {
            "category": draw(st.sampled_from(list(domain.NEED_CATEGORY))),
            "sector": draw(st.sampled_from(list(domain.RESOURCE_SECTOR))),
            "text": draw(text).strip() or "居場所がない",
            "member": draw(text),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    for role in doc["roles"]:
        role["resource"] = draw(st.sampled_from([None, *ids]))
    return doc


def _with_life(draw: st.DrawFn, doc: dict, agency) -> dict:
    """The case's life (version 2): intakes, stage events (decisions any meeting may record, at this
    meeting or none) and plan versions with goals and their evaluations at this meeting."""
    from welfare_tui import domain

    uid = doc["meeting"]["uid"]
    uids = st.uuids().map(lambda u: u.hex)
    stages = st.sampled_from(list(domain.CASE_STATUS))
    doc["version"] = 2
    doc["case"]["intakes"] = [
        {
            "uid": draw(uids),
            "date": draw(dates),
            "window": draw(st.none() | agency),
            "label": draw(text) or "F氏",
            "concern": draw(text),
            "tags": draw(st.lists(text, max_size=2)),
            "notes": draw(text),
            "recorded_by": draw(text),
            "outcome": draw(st.sampled_from(list(domain.INTAKE_OUTCOME))),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    doc["case"]["stages"] = [
        {
            "uid": uid_,
            "kind": "decision",
            "decision": draw(st.sampled_from(["continue", "suspend"])),
            "from": draw(stages),
            "to": draw(stages),
            "date": draw(dates),
            "meeting": draw(st.sampled_from([uid, None])),
            "recorded_by": draw(text),
            "reason": draw(text),
            "closure_reason": "",
            "to_agency": draw(st.none() | agency),
        }
        for uid_ in draw(st.lists(uids, max_size=3, unique=True))
    ]
    doc["case"]["plan"] = [
        {
            "number": number,
            "status": draw(st.sampled_from(["draft", "superseded"])),
            "intention": draw(text),
            "direction": draw(text),
            "participation": draw(st.booleans()),
            "outreach": draw(st.booleans()),
            "links_note": draw(text),
            "approved_date": draw(st.none() | dates),
            "approved_meeting": None,
            "goals": [
                {
                    "uid": goal_uid,
                    "term": draw(st.sampled_from(["long", "short"])),
                    "text": draw(text),
                    "agency": draw(st.none() | agency),
                    "period": draw(text),
                    "review_date": draw(st.none() | dates),
                    "evaluations": draw(
                        st.lists(
                            st.builds(
                                lambda result, note: {"meeting": uid, "result": result, "note": note},
                                st.sampled_from(list(domain.GOAL_RESULT)),
                                text,
                            ),
                            max_size=1,
                        )
                    ),
                }
                for goal_uid in draw(st.lists(uids, max_size=2, unique=True))
            ],
        }
        for number in range(1, draw(st.integers(0, 2)) + 1)
    ]
    return doc


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory) -> Path:
    from welfare_tui.storage.engine import open_database

    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


@given(doc=meetings())
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_import_into_an_empty_database_then_export_gives_the_same_bytes(
    doc, empty_template, tmp_path
) -> None:
    import uuid

    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    database = folder / "db.sqlite"
    shutil.copy(empty_template, database)
    database.chmod(0o600)
    url = f"sqlite:///{database}"
    # What an export of this meeting looks like (the form the database gives back), then the file.
    from welfare_tui.storage.documents import apply_document
    from welfare_tui.storage.engine import open_database, session_scope

    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            apply_document(session, doc=copy.deepcopy(doc))
    finally:
        engine.dispose()
    exported = run(url, "export", "--all", "--format", "yaml")
    assert exported.exit_code == 0, exported.stderr
    back = __import__("yaml").safe_load(exported.stdout)
    life = back["case"]
    assert [len(life[key]) for key in ("intakes", "stages", "plan", "contacts", "matches")] == [
        len(doc["case"][key]) for key in ("intakes", "stages", "plan", "contacts", "matches")
    ]
    assert len(back["needs"]) == len(doc["needs"])
    named = {m["resource"] for m in life["matches"]} | {r["resource"] for r in back["roles"]} - {None}
    assert set(back["resources"]) == named
    path = folder / "meeting.yaml"
    path.write_text(exported.stdout, encoding="utf-8")
    fresh_path = folder / "fresh.sqlite"
    shutil.copy(empty_template, fresh_path)
    fresh_path.chmod(0o600)
    fresh = f"sqlite:///{fresh_path}"
    imported = run(fresh, "import", str(path))
    assert imported.exit_code == 0, imported.stderr
    again = run(fresh, "export", "--all", "--format", "yaml")
    assert again.stdout == exported.stdout
