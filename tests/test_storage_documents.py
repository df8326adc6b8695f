"""Meeting documents: the exact shape of architecture.md, batching, and the round trip through a database."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pytest
from sqlalchemy import event

from welfare_tui.errors import InvalidInput, NotFound
from welfare_tui.storage import documents, repo
from welfare_tui.storage.engine import open_database, session_scope

# These tests match the English messages.
pytestmark = pytest.mark.usefixtures("english")


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    title: str
    title_en: str = ""
    minutes: int = 5
    required: bool = True


@dataclass(frozen=True)
class Agenda:
    """Stands in for agendas.Agenda: create_meeting takes any object with these attributes."""

    id: str
    meeting_type: str
    legal_basis: str
    steps: tuple[Step, ...]


SHIEN = Agenda(
    "shien_kaigi",
    "shien_kaigi",
    "",
    (
        Step("opening", "opening", "開会・趣旨説明", "Opening"),
        Step("ecomap", "ecomap", "エコマップ"),
        Step("wrap_up", "wrap_up", "まとめ"),
    ),
)


def new_case(session, **fields):
    return repo.create_case(session, **({"label": "A氏世帯", "tags": ["8050", "ひきこもり"]} | fields))


def full_meeting(session) -> int:
    """A finished 支援会議 with every kind of row, a local agency and a free-label ecomap node."""
    local = repo.add_agency(session, name="なかよし地域包括支援センター", sector="高齢", short="なかよし包括")
    case = new_case(
        session,
        summary="母（要介護2）と長男（52歳）の二人暮らし。長男は10年以上ひきこもり。",
        referral_route="民生委員",
        key_person="母",
        lead_agency=local.id,
    )
    repo.add_item(
        session,
        kind="member",
        parent_id=case.id,
        values={
            "name": "山田 トメ",
            "kana": "やまだ とめ",
            "relation": "母",
            "sex": "female",
            "birth_date": "1944-05-02",
            "key_person": True,
            "note": "要介護2",
        },
    )
    repo.add_item(
        session,
        kind="member",
        parent_id=case.id,
        values={"name": "山田 太郎", "relation": "長男", "sex": "male", "index_person": True},
    )
    meeting = repo.create_meeting(
        session,
        case_id=case.id,
        agenda=SHIEN,
        date="2026-10-15",
        start="14:00",
        place="市役所 第3会議室",
        chair="地域福祉課長 佐藤",
        recorder="地域福祉課 田中",
    )
    repo.update_meeting(
        session,
        meeting_id=meeting.id,
        end_time="15:10",
        status="finished",
        current_step="wrap_up",
        incomplete_reason="本人の意向確認が次回に持ち越しとなったため",
        purpose="支援の方向性の共有",
        confidentiality_confirmed_at="14:03",
        statement_version="106-6-5_v1",
        materials="collected",
        policy="見守りと関係づくり",
        resource_gaps="夜間の相談先",
        decisions="包括と自立相談が同行訪問",
        remaining_issues="本人の意向",
        next_meeting_date="2026-12-10",
        next_meeting_time="14:00",
        next_meeting_place="市役所",
    )
    repo.set_step_state(session, meeting_id=meeting.id, step_id="opening", done=True, notes="経緯を説明")

    def add(item_kind: str, **values):
        repo.add_item(session, kind=item_kind, parent_id=meeting.id, values=values)

    add("attendee", agency_id=local.id, role="社会福祉士", name="山﨑 明美", acknowledged=True)
    add("attendee", agency_id="minsei_iin", role="民生委員", name="鈴木 一郎", attendance="written")
    add("shared_info", agency_id=local.id, content="母は要介護2。月1回訪問、本人とは未接触。")
    add("tie", to_node=local.id, strength="strong", flow="to_household", label="月2回訪問")
    add(
        "tie",
        to_node="近隣住民",
        strength="weak",
        stressful=True,
        flow="both",
        label="ごみの苦情",
        member="山田 太郎",
    )
    add("assessment", kind="issue", text="本人の社会的孤立", priority=1, urgency="high")
    add("assessment", kind="strength", text="母との関係は良好", priority=2, urgency="low")
    add("goal", term="short", text="本人と支援者が顔を合わせる")
    add("goal", term="long", text="本人が週1回は外出できる")
    add("role", task="自宅訪問", agency_id="jiritsu_soudan", person="高橋", due_date="2026-11-10")
    add("monitoring", date="2026-11-30", what="訪問の結果を確認")
    return meeting.id


def test_document_shape(session):
    meeting_id = full_meeting(session)
    doc = documents.meeting_document(session, meeting_id=meeting_id)
    assert list(doc) == [
        "format",
        "version",
        "agencies",
        "resources",
        "case",
        "meeting",
        "steps",
        "review",
        "attendees",
        "shared_info",
        "ecomap",
        "assessment",
        "needs",
        "policy",
        "goals",
        "roles",
        "monitoring",
        "resource_gaps",
        "decisions",
        "remaining_issues",
        "next_meeting",
    ]
    assert (doc["format"], doc["version"]) == ("welfare-tui-minutes", 3)
    assert list(doc["agencies"]) == ["local-1", "minsei_iin", "jiritsu_soudan"]
    assert doc["agencies"]["local-1"] == {
        "name": "なかよし地域包括支援センター",
        "short": "なかよし包括",
        "sector": "高齢",
    }
    assert list(doc["case"]) == [
        "code",
        "label",
        "summary",
        "tags",
        "referral_route",
        "status",
        "consent",
        "lead_agency",
        "key_person",
        "address",
        "phone",
        "household",
        "intakes",
        "stages",
        "plan",
        "contacts",
        "matches",
    ]
    # The work between meetings (version 3): none yet, nor resources or unmet needs.
    assert (doc["case"]["contacts"], doc["case"]["matches"], doc["resources"], doc["needs"]) == (
        [],
        [],
        {},
        [],
    )
    # The case's life (version 2): a case created here starts with its `opened` event.
    assert [(e["kind"], e["to"], e["meeting"]) for e in doc["case"]["stages"]] == [
        ("opened", doc["case"]["status"], None)
    ]
    assert (doc["case"]["intakes"], doc["case"]["plan"], doc["meeting"]["decision"]) == ([], [], None)
    assert doc["case"]["consent"] == {
        "status": "none",
        "date": None,
        "scope": "",
        "agencies": [],
        "obtained_by": "",
        "history": [],
    }
    assert doc["case"]["household"][0]["birth_date"] == "1944-05-02"
    assert list(doc["meeting"]) == [
        "uid",
        "type",
        "type_label",
        "legal_basis",
        "agenda",
        "round",
        "date",
        "start",
        "end",
        "place",
        "mode",
        "chair",
        "recorder",
        "purpose",
        "status",
        "current_step",
        "confidentiality",
        "incomplete_reason",
        "decision",
    ]
    assert doc["meeting"]["confidentiality"] == {
        "confirmed_at": "14:03",
        "statement_version": "106-6-5_v1",
        "materials": "collected",
    }
    assert doc["steps"][0] == {
        "id": "opening",
        "kind": "opening",
        "title": "開会・趣旨説明",
        "title_en": "Opening",
        "minutes": 5,
        "required": True,
        "done": True,
        "notes": "経緯を説明",
        "seconds": 0,
    }
    assert doc["attendees"][1] == {
        "agency": "minsei_iin",
        "department": "",
        "role": "民生委員",
        "name": "鈴木 一郎",
        "attendance": "written",
        "acknowledged": False,
    }
    assert doc["ecomap"]["ties"][1] == {
        "from": "household",
        "to": "近隣住民",
        "strength": "weak",
        "stressful": True,
        "flow": "both",
        "label": "ごみの苦情",
        "member": "山田 太郎",
        "resource": None,
    }
    assert doc["goals"] == {"long": ["本人が週1回は外出できる"], "short": ["本人と支援者が顔を合わせる"]}
    assert doc["roles"] == [
        {
            "task": "自宅訪問",
            "agency": "jiritsu_soudan",
            "person": "高橋",
            "due": "2026-11-10",
            "status": "open",
            "resource": None,
        }
    ]
    assert doc["monitoring"] == [{"date": "2026-11-30", "what": "訪問の結果を確認", "status": "open"}]
    assert doc["next_meeting"] == {"date": "2026-12-10", "time": "14:00", "place": "市役所", "note": ""}


def test_round_trip_into_an_empty_database(session, tmp_path):
    doc = documents.meeting_document(session, meeting_id=full_meeting(session))
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        with session_scope(other) as target:
            meeting_id = documents.apply_document(target, doc=copy.deepcopy(doc))
        with session_scope(other) as target:
            assert documents.meeting_document(target, meeting_id=meeting_id) == doc
            # Applying again updates in place: same meeting, same rows, no duplicates.
            assert documents.apply_document(target, doc=copy.deepcopy(doc)) == meeting_id
            assert documents.meeting_document(target, meeting_id=meeting_id) == doc
            assert len(repo.list_meetings(target)) == 1
    finally:
        other.dispose()


def test_round_trip_on_the_same_backend(db_url, tmp_path):
    """The document written from one database applies to a fresh database of the same backend."""
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            doc = documents.meeting_document(session, meeting_id=full_meeting(session))
        with session_scope(engine) as session:
            from sqlalchemy import delete

            from welfare_tui.storage.models import Agency, Case

            session.execute(delete(Case))
            session.execute(delete(Agency).where(Agency.local))
        with session_scope(engine) as session:
            meeting_id = documents.apply_document(session, doc=copy.deepcopy(doc))
            assert documents.meeting_document(session, meeting_id=meeting_id) == doc
    finally:
        engine.dispose()


def test_local_agency_id_clash_gets_a_new_id(session):
    doc = documents.meeting_document(session, meeting_id=full_meeting(session))
    doc["case"]["code"] = "C-2026-900"
    doc["meeting"]["uid"] = "f" * 32
    doc["agencies"]["local-1"]["name"] = "ひまわり地域包括支援センター"
    meeting_id = documents.apply_document(session, doc=doc)
    written = documents.meeting_document(session, meeting_id=meeting_id)
    assert written["case"]["lead_agency"] == "local-2"
    assert written["agencies"]["local-2"]["name"] == "ひまわり地域包括支援センター"
    assert written["ecomap"]["ties"][0]["to"] == "local-2"


def test_apply_names_the_field_path(session):
    doc = documents.meeting_document(session, meeting_id=full_meeting(session))
    broken = [
        (
            ("roles", 0, "due"),
            "2026-02-30",
            r"roles\[0\]\.due: 2026-02-30 is not a valid date \(expected YYYY-MM-DD\)",
        ),
        (
            ("ecomap", "ties", 1, "strength"),
            "huge",
            r"ecomap\.ties\[1\]\.strength: 'huge' is not one of strong, normal, weak",
        ),
        (
            ("meeting", "start"),
            840,
            r'meeting\.start: 840 is not a time \(expected "HH:MM", quoted in YAML\)',
        ),
        (("attendees", 0, "agency"), "nowhere", r"attendees\[0\]\.agency: unknown agency 'nowhere'"),
        (("meeting", "type"), "party", r"meeting\.type: 'party' is not one of shien_kaigi"),
        (("case", "label"), "", r"case\.label: must not be empty"),
        (("version",), 4, r"version: 4 is not supported"),
        (("case", "household", 0, "colour"), "red", r"case\.household\[0\]\.colour: unknown field"),
        (("steps", 0, "done"), "yes", r"steps\[0\]\.done: expected true or false"),
    ]
    for path, value, message in broken:
        bad = copy.deepcopy(doc)
        target = bad
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises(InvalidInput, match=message):
            documents.apply_document(session, doc=bad)


def test_select_meeting_ids(session):
    a = new_case(session)
    b = new_case(session, label="B氏世帯")
    late = repo.create_meeting(session, case_id=a.id, agenda=SHIEN, date="2026-12-01")
    early = repo.create_meeting(session, case_id=b.id, agenda=SHIEN, date="2026-04-01")
    middle = repo.create_meeting(session, case_id=a.id, agenda=SHIEN, date="2026-06-01")
    assert documents.select_meeting_ids(session, all=True) == [early.id, middle.id, late.id]
    assert documents.select_meeting_ids(session, case_code=a.code) == [middle.id, late.id]
    assert documents.select_meeting_ids(session, ids=[str(late.id), early.uid]) == [early.id, late.id]
    assert documents.select_meeting_ids(session) == []
    with pytest.raises(NotFound, match="no meeting with id 999"):
        documents.select_meeting_ids(session, ids=["999"])
    with pytest.raises(NotFound, match="no meeting with id deadbeef"):
        documents.select_meeting_ids(session, ids=["deadbeef"])
    with pytest.raises(NotFound, match="no case with code C-1999-001"):
        documents.select_meeting_ids(session, case_code="C-1999-001")


def test_documents_load_in_batches_without_n_plus_one(engine, session, monkeypatch):
    ids = [full_meeting(session)]
    case_id = repo.get_meeting(session, meeting_id=ids[0]).case_id
    for day in range(1, 6):
        ids.append(repo.create_meeting(session, case_id=case_id, agenda=SHIEN, date=f"2026-11-0{day}").id)
    session.commit()
    monkeypatch.setattr(documents, "BATCH_SIZE", 4)
    statements: list[str] = []

    def count(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        with session_scope(engine) as fresh:
            docs = list(documents.iter_meeting_documents(fresh, meeting_ids=ids))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert [d["meeting"]["round"] for d in docs] == [1, 2, 3, 4, 5, 6]
    # 1 for the agencies and 1 for the resources, then per batch: meetings, their cases, members, step
    # states, 8 child tables, the cases' meetings + their ties, roles and monitoring for
    # `ecomap.previous` and `review`, and the cases' consent histories, the cases' life: intakes, stage
    # events, plans (their goals and evaluations only when there are plans), and their contacts and matches.
    assert len(statements) == 2 + 2 * 22
    with session_scope(engine) as fresh, pytest.raises(NotFound, match="no meeting with id 4242"):
        documents.meeting_document(fresh, meeting_id=4242)


def test_new_documents_written_together_equal_one_by_one(db_url, tmp_path):
    """`insert_new_documents` (one INSERT per table for many meetings, as `import` writes into an empty
    database) leaves the same documents as applying them one by one, and logs every row it wrote."""
    from sqlalchemy import text

    from welfare_tui.demo import demo_documents
    from welfare_tui.storage import audit

    docs = demo_documents()  # households with several meetings: later ones restate the case
    one_by_one = open_database(f"sqlite:///{tmp_path / 'one_by_one.db'}")
    together = open_database(db_url)
    try:
        with session_scope(one_by_one) as session:
            for doc in docs:
                documents.apply_document(session, doc=copy.deepcopy(doc))
        with session_scope(together) as session:
            checked = [documents.check_document(session, doc=copy.deepcopy(doc)) for doc in docs]
            meeting_ids = documents.insert_new_documents(session, checked)
        assert len(meeting_ids) == len(docs)

        def every_document(engine) -> dict[str, dict]:
            with session_scope(engine) as session:
                ids = documents.select_meeting_ids(session, all=True)
                return {
                    doc["meeting"]["uid"]: doc
                    for doc in documents.iter_meeting_documents(session, meeting_ids=ids)
                }

        assert every_document(together) == every_document(one_by_one)
        with session_scope(together) as session:
            assert audit.verify_chain(audit.chain_rows(session)).first_bad is None
            logged = {
                (entry["table_name"], entry["row_id"])
                for entry in audit.entries(session)
                if entry["action"] == "create"
            }
            for table, key in (
                ("case", "id"),
                ("meeting", "id"),
                ("attendee", "id"),
                ("ecomap_tie", "id"),
                ("role_assignment", "id"),
                ("household_member", "id"),
                ("step_state", "meeting_id || '/' || step_id"),
            ):
                rows = {
                    str(row[0]) for row in session.connection().execute(text(f'SELECT {key} FROM "{table}"'))
                }
                assert rows and rows <= {row_id for name, row_id in logged if name == table}, table
    finally:
        one_by_one.dispose()
        together.dispose()
