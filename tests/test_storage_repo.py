"""Repository functions against real databases (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import event

from welfare_tui import domain
from welfare_tui.catalogue import CATALOGUE
from welfare_tui.errors import InvalidInput, NotFound, RuleRefused
from welfare_tui.storage import repo
from welfare_tui.storage.engine import session_scope

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
    guide: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agenda:
    id: str
    meeting_type: str
    legal_basis: str
    steps: tuple[Step, ...]


SHIEN = Agenda(
    "shien_kaigi",
    "shien_kaigi",
    "",
    (
        Step("opening", "opening", "開会・趣旨説明", "Opening", guide=("経緯を説明したか",)),
        Step("ecomap", "ecomap", "エコマップ"),
        Step("wrap_up", "wrap_up", "まとめ"),
    ),
)
JUSO = Agenda("juso_shien_kaigi", "juso_shien_kaigi", "", (Step("opening", "opening", "開会"),))


def new_case(session, **fields):
    values = {"label": "A氏世帯", "tags": ["8050", "ひきこもり"], "lead_agency": "houkatsu"} | fields
    return repo.create_case(session, **values)


# --- agencies ---------------------------------------------------------------------------------------


def test_catalogue_is_seeded_in_catalogue_order(session):
    agencies = repo.list_agencies(session)
    assert [a.id for a in agencies] == [a.id for a in CATALOGUE]
    assert repo.get_agency(session, agency_id="minsei_iin").name == "民生委員・児童委員"
    assert all(a.sector in domain.SECTORS for a in agencies)


def test_add_local_agency_generates_ids_and_refuses_duplicate_names(session):
    first = repo.add_agency(session, name="なかよし地域包括支援センター", sector="高齢", short="なかよし")
    second = repo.add_agency(session, name="ひまわり相談室", sector="障害")
    assert (first.id, first.local, second.id) == ("local-1", True, "local-2")
    assert [a.id for a in repo.list_agencies(session)][-2:] == ["local-1", "local-2"]  # after the catalogue
    with pytest.raises(InvalidInput, match="already exists"):
        repo.add_agency(session, name="なかよし地域包括支援センター", sector="高齢")
    with pytest.raises(InvalidInput, match="sector: '宇宙' is not one of"):
        repo.add_agency(session, name="宇宙センター", sector="宇宙")


def test_find_agency_by_id_name_or_short(session):
    assert repo.find_agency(session, text="houkatsu").id == "houkatsu"
    assert repo.find_agency(session, text="社会福祉協議会").id == "shakyo"
    assert repo.find_agency(session, text="社協").id == "shakyo"
    assert repo.find_agency(session, text="どこにもない") is None
    with pytest.raises(NotFound, match="no agency with id 'nowhere'"):
        repo.get_agency(session, agency_id="nowhere")


# --- cases ------------------------------------------------------------------------------------------


def test_case_codes_count_up_per_year(session):
    year = dt.date.today().year
    assert new_case(session).code == f"C-{year}-001"
    assert new_case(session, label="B氏世帯").code == f"C-{year}-002"
    new_case(session, code="C-2025-017", label="C氏世帯")
    assert repo.next_case_code(session, year=2025) == "C-2025-018"
    with pytest.raises(InvalidInput, match="code: a case with code C-2025-017 already exists"):
        new_case(session, code="C-2025-017")


def test_create_get_and_update_case(session):
    case = new_case(
        session,
        summary="母（要介護2）と長男（52歳）の二人暮らし。",
        key_person="母",
        referral_route="民生委員",
    )
    assert case.tags == ["8050", "ひきこもり"]
    assert repo.get_case_by_code(session, code=case.code) == repo.get_case(session, case_id=case.id)
    updated = repo.update_case(
        session,
        case_id=case.id,
        consent_status="written",
        consent_date="2026-10-01",
        consent_scope="包括・自立相談・社協",
        tags=["8050", "ごみ屋敷", "8050", " "],
        lead_agency=None,
    )
    assert updated.consent_date == dt.date(2026, 10, 1)
    assert updated.tags == ["8050", "ごみ屋敷"]
    assert updated.lead_agency_id is None
    with pytest.raises(InvalidInput, match="status: 'done' is not one of intake, shien_kaigi"):
        repo.update_case(session, case_id=case.id, status="done")
    with pytest.raises(InvalidInput, match="colour: unknown field"):
        repo.update_case(session, case_id=case.id, colour="red")
    with pytest.raises(InvalidInput, match="lead_agency: no agency with id 'nowhere'"):
        repo.update_case(session, case_id=case.id, lead_agency="nowhere")
    with pytest.raises(InvalidInput, match="consent_date: 2026-02-30 is not a valid date"):
        repo.update_case(session, case_id=case.id, consent_date="2026-02-30")
    with pytest.raises(NotFound, match="no case with code C-1999-001"):
        repo.get_case_by_code(session, code="C-1999-001")


def test_list_cases_summarises_meetings_and_searches(session):
    a = new_case(session, summary="長男がひきこもり")
    b = new_case(session, label="B氏世帯", tags=["ヤングケアラー"], lead_agency="kodomo_katei")
    first = repo.create_meeting(session, case_id=a.id, agenda=SHIEN, date="2026-10-15")
    repo.update_meeting(session, meeting_id=first.id, next_meeting_date="2026-12-10", status="in_progress")
    second = repo.create_meeting(session, case_id=a.id, agenda=SHIEN, date="2026-12-10")
    repo.update_meeting(session, meeting_id=second.id, next_meeting_date="2027-02-01", status="in_progress")

    rows = {row.code: row for row in repo.list_cases(session)}
    assert rows[a.code].meeting_count == 2
    assert rows[a.code].last_meeting_date == dt.date(2026, 12, 10)
    assert rows[a.code].next_meeting_date == dt.date(2027, 2, 1)
    # A planned meeting is the next one, never the last.
    repo.create_meeting(session, case_id=a.id, agenda=SHIEN, date="2027-01-28")
    row = next(row for row in repo.list_cases(session) if row.code == a.code)
    assert (row.meeting_count, row.last_meeting_date, row.next_meeting_date) == (
        3,
        dt.date(2026, 12, 10),
        dt.date(2027, 1, 28),
    )
    assert rows[a.code].lead_agency == "地域包括支援センター"
    assert (rows[b.code].meeting_count, rows[b.code].last_meeting_date) == (0, None)
    assert [r.code for r in repo.list_cases(session, search="ヤングケアラー")] == [b.code]
    assert [r.code for r in repo.list_cases(session, search="ひきこもり")] == [a.code]
    assert [r.code for r in repo.list_cases(session, search=b.code.lower())] == [b.code]
    assert repo.list_cases(session, search="100%") == []
    assert len(repo.list_cases(session, limit=1)) == 1


def test_list_cases_is_one_query(engine, session):
    for index in range(5):
        case = new_case(session, label=f"{index}氏世帯")
        repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-10-15")
    session.commit()
    statements: list[str] = []

    def count(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        with session_scope(engine) as fresh:
            assert len(repo.list_cases(fresh)) == 5
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1


# --- meetings ---------------------------------------------------------------------------------------


def test_create_meeting_snapshots_the_agenda(session):
    case = new_case(session)
    meeting = repo.create_meeting(
        session,
        case_id=case.id,
        agenda=SHIEN,
        date=dt.date(2026, 10, 15),
        start="14:00",
        place="市役所 第3会議室",
        chair="地域福祉課長 佐藤",
        recorder="地域福祉課 田中",
    )
    assert (meeting.type, meeting.type_label, meeting.legal_basis) == (
        "shien_kaigi",
        "支援会議",
        "社会福祉法第106条の6",
    )
    assert (meeting.round, meeting.status, meeting.current_step) == (1, "planned", "opening")
    assert (meeting.case_code, meeting.case_label) == (case.code, "A氏世帯")
    assert len(meeting.uid) == 32
    assert meeting.steps[0] == {
        "id": "opening",
        "kind": "opening",
        "title": "開会・趣旨説明",
        "title_en": "Opening",
        "minutes": 5,
        "required": True,
        "guide": ["経緯を説明したか"],
        "guide_en": [],
        "done": False,
        "notes": "",
        "seconds": 0,
        "version": 0,
    }
    custom = Agenda("mine", "other", "市要綱第3条", (Step("only", "free", "協議"),))
    other = repo.create_meeting(session, case_id=case.id, agenda=custom, date="2026-10-20")
    assert (other.legal_basis, other.round) == ("市要綱第3条", 2)


def test_create_meeting_refuses_juso_without_consent(session):
    from welfare_tui.i18n import set_language

    set_language("ja")  # the refusal in the default language
    case = new_case(session)
    with pytest.raises(RuleRefused, match="重層的支援会議は本人の同意が必要です"):
        repo.create_meeting(session, case_id=case.id, agenda=JUSO, date="2026-10-15")
    repo.update_case(session, case_id=case.id, consent_status="written")
    assert (
        repo.create_meeting(session, case_id=case.id, agenda=JUSO, date="2026-10-15").type
        == "juso_shien_kaigi"
    )


def test_create_meeting_validates(session):
    case = new_case(session)
    with pytest.raises(InvalidInput, match="date: 2026-13-01 is not a valid date"):
        repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-13-01")
    with pytest.raises(InvalidInput, match="start: '2pm' is not a time"):
        repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-10-01", start="2pm")
    with pytest.raises(InvalidInput, match="mode: 'phone' is not one of in_person, online, hybrid"):
        repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-10-01", mode="phone")
    with pytest.raises(NotFound, match="no case with id 999"):
        repo.create_meeting(session, case_id=999, agenda=SHIEN, date="2026-10-01")


def test_new_meeting_copies_the_latest_ecomap(session):
    case = new_case(session)
    first = repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-10-15")
    repo.add_item(
        session,
        kind="tie",
        parent_id=first.id,
        values={"to_node": "houkatsu", "strength": "strong", "flow": "to_household", "label": "月2回訪問"},
    )
    repo.add_item(
        session,
        kind="tie",
        parent_id=first.id,
        values={"to_node": "近隣住民", "strength": "weak", "stressful": True, "label": "ごみの苦情"},
    )
    second = repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-12-10")
    copied = repo.list_items(session, kind="tie", parent_id=second.id)
    assert [(t["to_node"], t["strength"], t["stressful"], t["label"]) for t in copied] == [
        ("houkatsu", "strong", False, "月2回訪問"),
        ("近隣住民", "weak", True, "ごみの苦情"),
    ]
    repo.update_item(session, kind="tie", item_id=copied[0]["id"], values={"strength": "weak"})
    assert repo.list_items(session, kind="tie", parent_id=first.id)[0]["strength"] == "strong"
    assert second.round == 2


def test_update_meeting_and_step_state(session):
    case = new_case(session)
    meeting = repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-10-15")
    updated = repo.update_meeting(
        session,
        meeting_id=meeting.id,
        status="in_progress",
        current_step="ecomap",
        confidentiality_confirmed_at="14:03",
        statement_version="106-6-5_v1",
        materials="collected",
        decisions="包括が次回までに訪問する。",
        next_meeting_date="2026-12-10",
        next_meeting_time="14:00",
    )
    assert (updated.status, updated.current_step, updated.next_meeting_date) == (
        "in_progress",
        "ecomap",
        dt.date(2026, 12, 10),
    )
    step = repo.set_step_state(
        session, meeting_id=meeting.id, step_id="opening", done=True, notes="趣旨を説明した"
    )
    assert (step["done"], step["notes"], step["title"]) == (True, "趣旨を説明した", "開会・趣旨説明")
    repo.set_step_state(session, meeting_id=meeting.id, step_id="opening", notes="追記")
    steps = repo.get_meeting(session, meeting_id=meeting.id).steps
    assert (steps[0]["done"], steps[0]["notes"], steps[1]["done"]) == (True, "追記", False)
    with pytest.raises(InvalidInput, match="step: 'closing' is not a step of meeting"):
        repo.set_step_state(session, meeting_id=meeting.id, step_id="closing", done=True)
    with pytest.raises(InvalidInput, match="current_step: 'closing' is not one of opening, ecomap, wrap_up"):
        repo.update_meeting(session, meeting_id=meeting.id, current_step="closing")
    with pytest.raises(InvalidInput, match="uid: unknown field"):
        repo.update_meeting(session, meeting_id=meeting.id, uid="x")
    with pytest.raises(InvalidInput, match="end_time: 840 is not a time"):
        repo.update_meeting(session, meeting_id=meeting.id, end_time=840)
    with pytest.raises(NotFound, match="no meeting with id 42"):
        repo.get_meeting(session, meeting_id=42)


def test_list_meetings_newest_first(session):
    a, b = new_case(session), new_case(session, label="B氏世帯")
    old = repo.create_meeting(session, case_id=a.id, agenda=SHIEN, date="2026-04-01")
    new = repo.create_meeting(session, case_id=a.id, agenda=SHIEN, date="2026-06-01", start="10:00")
    other = repo.create_meeting(session, case_id=b.id, agenda=SHIEN, date="2026-05-01")
    assert [m.id for m in repo.list_meetings(session)] == [new.id, other.id, old.id]
    rows = repo.list_meetings(session, case_code=a.code)
    assert [m.id for m in rows] == [new.id, old.id]
    assert (rows[0].start, rows[0].case_label, rows[0].type_label) == ("10:00", "A氏世帯", "支援会議")
    assert [m.id for m in repo.list_meetings(session, case_id=b.id)] == [other.id]
    with pytest.raises(NotFound, match="no case with code C-1999-999"):
        repo.list_meetings(session, case_code="C-1999-999")


# --- child rows -------------------------------------------------------------------------------------


def test_items_add_list_update_move_delete(session):
    case = new_case(session)
    meeting = repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-10-15")
    hanako = repo.add_item(
        session,
        kind="attendee",
        parent_id=meeting.id,
        values={"agency_id": "houkatsu", "role": "社会福祉士", "name": "山田 花子"},
    )
    assert hanako == {
        "id": hanako["id"],
        "meeting_id": meeting.id,
        "position": 0,
        "version": 1,
        "agency_id": "houkatsu",
        "department": "",
        "role": "社会福祉士",
        "name": "山田 花子",
        "attendance": "present",
        "acknowledged": False,
    }
    repo.add_item(
        session,
        kind="attendee",
        parent_id=meeting.id,
        values={"agency_id": "minsei_iin", "name": "鈴木 一郎"},
    )
    repo.add_item(
        session,
        kind="attendee",
        parent_id=meeting.id,
        values={"agency_id": "jiritsu_soudan", "name": "高橋 誠", "attendance": "online"},
    )
    assert [a["name"] for a in repo.list_items(session, kind="attendee", parent_id=meeting.id)] == [
        "山田 花子",
        "鈴木 一郎",
        "高橋 誠",
    ]

    repo.move_item(session, kind="attendee", item_id=hanako["id"], offset=1)
    assert [a["name"] for a in repo.list_items(session, kind="attendee", parent_id=meeting.id)] == [
        "鈴木 一郎",
        "山田 花子",
        "高橋 誠",
    ]
    repo.move_item(session, kind="attendee", item_id=hanako["id"], offset=10)
    repo.move_item(session, kind="attendee", item_id=hanako["id"], offset=-1)
    names = [a["name"] for a in repo.list_items(session, kind="attendee", parent_id=meeting.id)]
    assert names == ["鈴木 一郎", "山田 花子", "高橋 誠"]

    whole = repo.list_items(session, kind="attendee", parent_id=meeting.id)[1]
    changed = repo.update_item(
        session, kind="attendee", item_id=whole["id"], values={**whole, "acknowledged": True}
    )
    assert changed["acknowledged"] is True
    with pytest.raises(InvalidInput, match="position: cannot be changed; use move_item"):
        repo.update_item(session, kind="attendee", item_id=whole["id"], values={**whole, "position": 0})

    repo.delete_item(session, kind="attendee", item_id=hanako["id"])
    assert len(repo.list_items(session, kind="attendee", parent_id=meeting.id)) == 2
    with pytest.raises(NotFound, match=f"no attendee with id {hanako['id']}"):
        repo.delete_item(session, kind="attendee", item_id=hanako["id"])


def test_item_validation(session):
    case = new_case(session)
    meeting = repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-10-15")
    cases = [
        (
            "tie",
            {"to_node": "houkatsu", "strength": "huge"},
            "strength: 'huge' is not one of strong, normal, weak",
        ),
        (
            "role",
            {"task": "訪問", "due_date": "2026-02-30"},
            r"due_date: 2026-02-30 is not a valid date \(expected YYYY-MM-DD\)",
        ),
        ("attendee", {"agency_id": "nowhere"}, "agency_id: no agency with id 'nowhere'"),
        ("attendee", {"colour": "red"}, "colour: unknown field"),
        ("assessment", {"priority": "1"}, "priority: expected a whole number"),
        ("goal", {"term": "mid"}, "term: 'mid' is not one of long, short"),
        ("tie", {"stressful": "yes", "to_node": "x"}, "stressful: expected true or false"),
    ]
    for kind, values, message in cases:
        with pytest.raises(InvalidInput, match=message):
            repo.add_item(session, kind=kind, parent_id=meeting.id, values=values)
    with pytest.raises(InvalidInput, match="kind: 'minutes' is not one of member, attendee"):
        repo.list_items(session, kind="minutes", parent_id=meeting.id)
    with pytest.raises(NotFound, match="no meeting with id 999"):
        repo.add_item(session, kind="goal", parent_id=999, values={})


def test_roles_and_monitoring_belong_to_the_case_and_members_to_the_case(session):
    case = new_case(session)
    meeting = repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-10-15")
    role = repo.add_item(
        session,
        kind="role",
        parent_id=meeting.id,
        values={
            "task": "自宅訪問",
            "agency_id": "jiritsu_soudan",
            "person": "高橋",
            "due_date": "2026-11-10",
        },
    )
    assert (role["case_id"], role["meeting_id"], role["due_date"], role["status"]) == (
        case.id,
        meeting.id,
        "2026-11-10",
        "open",
    )
    check = repo.add_item(
        session,
        kind="monitoring",
        parent_id=meeting.id,
        values={"date": dt.date(2026, 11, 30), "what": "訪問の結果を確認"},
    )
    assert (check["case_id"], check["date"]) == (case.id, "2026-11-30")
    cleared = repo.update_item(session, kind="role", item_id=role["id"], values={"due_date": ""})
    assert cleared["due_date"] is None

    mother = repo.add_item(
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
    assert (mother["case_id"], mother["birth_date"], mother["cohabiting"]) == (case.id, "1944-05-02", True)
    with pytest.raises(InvalidInput, match="sex: 'f' is not one of male, female, unknown"):
        repo.add_item(session, kind="member", parent_id=case.id, values={"sex": "f"})


def test_deleting_a_case_cascades(engine, session):
    from welfare_tui.storage.models import Case

    case = new_case(session)
    meeting = repo.create_meeting(session, case_id=case.id, agenda=SHIEN, date="2026-10-15")
    repo.add_item(session, kind="role", parent_id=meeting.id, values={"task": "訪問"})
    repo.add_item(session, kind="member", parent_id=case.id, values={"name": "山田 太郎"})
    repo.set_step_state(session, meeting_id=meeting.id, step_id="opening", done=True)
    session.commit()
    with session_scope(engine) as fresh:
        from sqlalchemy import delete

        fresh.execute(delete(Case).where(Case.id == case.id))
    with session_scope(engine) as fresh:
        assert repo.list_meetings(fresh) == []
        from sqlalchemy import text

        for table in ("role_assignment", "household_member", "step_state", "meeting"):
            assert fresh.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
