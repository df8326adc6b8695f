"""The work between meetings in the database, on both backends (revision 0009): the contact log with
its summary since a meeting and the next attempts, the 地域資源 register (loaded from a file's rows,
edited one by one), 参加支援 matches and their states, unmet needs as rows of a meeting, a role or an
ecomap tie naming a resource, and who recorded a contact or hosts a resource as personal values."""

from __future__ import annotations

import pytest
from sqlmodel import select

from welfare_tui.agendas import get_agenda
from welfare_tui.errors import Conflict, InvalidInput, NotFound, RuleRefused
from welfare_tui.storage import repo
from welfare_tui.storage.engine import session_scope
from welfare_tui.storage.models import AuditEntry, Resource
from welfare_tui.storage.personal import personal_values

SHOKUDO = {
    "id": "kodomo_shokudo_aoba",
    "name": "青葉こども食堂",
    "category": "kodomo_shokudo",
    "sector": "kodomo",
    "area": "青葉地区",
    "capacity": 30,
    "contact": "青葉町内会 𠮷田",
    "notes": "毎月第2・第4土曜",
}
SALON = {"id": "salon_midori", "name": "みどりサロン", "category": "salon", "sector": "kaigo"}


def case_of(session, label="山﨑世帯", code=None):
    return repo.create_case(session, label=label, code=code)


def meeting(session, case_id, date="2026-10-15"):
    return repo.create_meeting(session, case_id=case_id, agenda=get_agenda("shien_kaigi"), date=date)


# --- contacts ---------------------------------------------------------------------------------------


def test_a_contact_is_recorded_listed_newest_first_with_its_case_and_agency(session):
    case = case_of(session, code="C-2026-101")
    first = repo.add_contact(
        session,
        case_id=case.id,
        date="2026-10-20",
        mode="visit",
        whom="absent",
        agency_id="houkatsu",
        note="不在。手紙を投函",
        next_date="2026-10-27",
        recorded_by="包括 髙﨑",
    )
    second = repo.add_contact(session, case_id=case.id, date="2026-10-27", mode="visit", whom="person")
    assert first["uid"] and len(first["uid"]) == 32 and first["version"] == 1
    assert (first["case_code"], first["agency_name"], first["recorded_by"]) == (
        "C-2026-101",
        "地域包括支援センター",
        "包括 髙﨑",
    )
    assert [row["id"] for row in repo.list_contacts(session, case_id=case.id)] == [second["id"], first["id"]]
    assert [row["id"] for row in repo.list_contacts(session, since="2026-10-21")] == [second["id"]]
    assert [row["id"] for row in repo.list_contacts(session, until="2026-10-20")] == [first["id"]]
    assert second["recorded_by"]  # the author of this run's edits when not given


def test_a_contact_is_checked_before_anything_is_written(session):
    case = case_of(session)
    with pytest.raises(InvalidInput, match="mode"):
        repo.add_contact(session, case_id=case.id, date="2026-10-20", mode="fax")
    with pytest.raises(InvalidInput, match="whom"):
        repo.add_contact(session, case_id=case.id, date="2026-10-20", whom="neighbour")
    with pytest.raises(InvalidInput, match="agency_id"):
        repo.add_contact(session, case_id=case.id, date="2026-10-20", agency_id="nowhere")
    with pytest.raises(InvalidInput, match="2026-02-30"):
        repo.add_contact(session, case_id=case.id, date="2026-02-30")
    with pytest.raises(InvalidInput, match="次回予定日 2026-10-19 が支援の日付 2026-10-20 より前"):
        repo.add_contact(session, case_id=case.id, date="2026-10-20", next_date="2026-10-19")
    with pytest.raises(NotFound):
        repo.add_contact(session, case_id=case.id + 1000, date="2026-10-20")
    assert repo.list_contacts(session, case_id=case.id) == []


def test_a_contact_names_a_meeting_of_its_own_case_only(session):
    case, other = case_of(session), case_of(session, label="𠮷田世帯")
    held = meeting(session, case.id)
    contact = repo.add_contact(session, case_id=case.id, date="2026-10-15", meeting_id=held.id)
    assert contact["meeting_id"] == held.id
    with pytest.raises(InvalidInput, match="このケースの会議ではありません"):
        repo.add_contact(session, case_id=other.id, date="2026-10-15", meeting_id=held.id)


def test_a_contact_is_edited_with_its_version_and_deleted(session, engine):
    case = case_of(session)
    contact = repo.add_contact(session, case_id=case.id, date="2026-10-20", note="訪問")
    session.commit()
    # Another session changes the note meanwhile.
    with session_scope(engine) as other:
        repo.update_contact(other, contact_id=contact["id"], values={"note": "訪問。本人と会えた"})
    with pytest.raises(Conflict):
        repo.update_contact(
            session,
            contact_id=contact["id"],
            values={"note": "訪問。不在"},
            expected_version=contact["version"],
            original={"note": "訪問"},
        )
    # A field only this save changes is merged.
    merged = repo.update_contact(
        session,
        contact_id=contact["id"],
        values={"whom": "family"},
        expected_version=contact["version"],
        original={"whom": "person"},
    )
    assert (merged["note"], merged["whom"], merged["version"]) == ("訪問。本人と会えた", "family", 3)
    with pytest.raises(InvalidInput, match="case_id"):
        repo.update_contact(session, contact_id=contact["id"], values={"case_id": case.id + 1})
    with pytest.raises(InvalidInput, match="より前"):
        repo.update_contact(session, contact_id=contact["id"], values={"next_date": "2026-10-01"})
    with pytest.raises(InvalidInput, match="date"):  # a contact keeps its date
        repo.update_contact(session, contact_id=contact["id"], values={"date": ""})
    # A whole dict from the list goes back as it is.
    row = repo.list_contacts(session, case_id=case.id)[0]
    assert (
        repo.update_contact(session, contact_id=row["id"], values={**row, "mode": "phone"})["mode"] == "phone"
    )
    with pytest.raises(Conflict):
        repo.delete_contact(session, contact_id=contact["id"], expected_version=1)
    repo.delete_contact(session, contact_id=contact["id"])
    assert repo.list_contacts(session, case_id=case.id) == []
    with pytest.raises(NotFound):
        repo.delete_contact(session, contact_id=contact["id"])


def test_what_happened_since_the_last_meeting_is_summed_up(session):
    case = case_of(session)
    for date, mode, whom in (
        ("2026-09-30", "visit", "person"),  # before: not counted
        ("2026-10-15", "visit", "absent"),
        ("2026-10-20", "visit", "person"),
        ("2026-10-22", "letter", "absent"),
        ("2026-10-25", "visit", "refused"),
        ("2026-10-29", "letter", "absent"),
        ("2026-11-02", "visit", "person"),
        ("2026-11-05", "visit", "family"),
        ("2026-11-06", "phone", "person"),
    ):
        repo.add_contact(session, case_id=case.id, date=date, mode=mode, whom=whom)
    summary = repo.contacts_since(session, case.id, "2026-10-15")
    assert summary["total"] == 8
    assert summary["by_mode"] == {"visit": 5, "phone": 1, "letter": 2}
    assert list(summary["by_mode"]) == ["visit", "phone", "letter"]  # the vocabulary's order
    assert summary["met"] == 3
    assert summary["met_by_mode"] == {"visit": 2, "phone": 1}
    assert summary["by_whom"] == {"person": 3, "family": 1, "absent": 3, "refused": 1}
    assert (summary["since"], summary["last_date"]) == ("2026-10-15", "2026-11-06")
    assert repo.contacts_since(session, case.id, None)["total"] == 9
    assert repo.contacts_since(session, case.id, "2026-10-16", until="2026-10-31")["by_mode"] == {
        "visit": 2,
        "letter": 2,
    }
    assert repo.contacts_since(session, case.id, "2026-12-01")["total"] == 0


def test_the_next_attempt_is_the_latest_contacts_of_each_open_case(session):
    planned, reached, ended, later = (case_of(session, code=f"C-2026-20{i}") for i in range(4))
    repo.add_contact(session, case_id=planned.id, date="2026-10-01", next_date="2026-10-08")
    repo.add_contact(session, case_id=planned.id, date="2026-10-08", whom="absent", next_date="2026-10-15")
    # A later contact without a next date: nothing planned.
    repo.add_contact(session, case_id=reached.id, date="2026-10-01", next_date="2026-10-05")
    repo.add_contact(session, case_id=reached.id, date="2026-10-05", whom="person")
    # A closed case plans nothing.
    repo.add_contact(session, case_id=ended.id, date="2026-10-01", next_date="2026-10-09")
    repo.update_case(session, case_id=ended.id, status="suspended")
    # Two contacts on one day: the one recorded last counts.
    repo.add_contact(session, case_id=later.id, date="2026-10-02", next_date="2026-12-01")
    repo.add_contact(
        session, case_id=later.id, date="2026-10-02", next_date="2026-11-01", agency_id="houkatsu"
    )
    rows = repo.next_attempts(session)
    assert [(row["case_code"], row["next_date"]) for row in rows] == [
        ("C-2026-200", "2026-10-15"),
        ("C-2026-203", "2026-11-01"),
    ]
    assert rows[1]["agency_name"] == "地域包括支援センター"
    assert [row["case_code"] for row in repo.next_attempts(session, until="2026-10-31")] == ["C-2026-200"]


# --- the resource register ---------------------------------------------------------------------------


def test_the_register_is_loaded_from_rows_and_reloading_them_writes_nothing(session):
    assert repo.upsert_resources(session, [SHOKUDO, SALON]) == {"created": 2, "updated": 0, "unchanged": 0}
    session.commit()
    entries = len(session.exec(select(AuditEntry)).all())
    assert repo.upsert_resources(session, [SHOKUDO, SALON]) == {"created": 0, "updated": 0, "unchanged": 2}
    session.commit()
    assert len(session.exec(select(AuditEntry)).all()) == entries
    changed = repo.upsert_resources(session, [{**SHOKUDO, "capacity": 40}, SALON])
    assert changed == {"created": 0, "updated": 1, "unchanged": 1}
    shokudo = repo.get_resource(session, resource_id="kodomo_shokudo_aoba")
    assert (shokudo["capacity"], shokudo["version"], shokudo["active"]) == (40, 2, True)
    salon = repo.get_resource(session, resource_id="salon_midori")
    assert (salon["capacity"], salon["contact"], salon["area"]) == (None, "", "")


def test_a_bad_row_of_the_register_names_its_place_and_writes_nothing(session):
    repo.upsert_resources(session, [SALON])
    cases = (
        ([{**SHOKUDO, "category": "cafe"}], "resources.kodomo_shokudo_aoba.category"),
        ([{**SHOKUDO, "capacity": -1}], "resources.kodomo_shokudo_aoba.capacity"),
        ([{**SHOKUDO, "colour": "red"}], "resources.kodomo_shokudo_aoba.colour"),
        ([{**SHOKUDO, "id": "Aoba Shokudo"}], "resources\\[0\\].id"),
        ([{**SHOKUDO, "name": " "}], "resources.kodomo_shokudo_aoba.name"),
        ([{"id": "new_place"}], "resources.new_place.name"),
        ([SHOKUDO, {**SHOKUDO, "name": "別の名前"}], "kodomo_shokudo_aoba.*2回"),
        ([SHOKUDO, {**SALON, "id": "salon_2", "name": SHOKUDO["name"]}], "青葉こども食堂.*2回"),
        ([{**SHOKUDO, "name": "みどりサロン"}], "salon_midori"),
    )
    for rows, message in cases:
        with pytest.raises(InvalidInput, match=message):
            repo.upsert_resources(session, rows)
    assert [row["id"] for row in repo.list_resources(session)] == ["salon_midori"]
    # A known resource may leave out its name (only the fields given change).
    assert repo.upsert_resources(session, [{"id": "salon_midori", "active": False}])["updated"] == 1


def test_resources_are_added_edited_with_their_version_and_listed_active_first(session, engine):
    repo.add_resource(session, resource_id="salon_midori", name="みどりサロン", category="salon")
    shokudo = repo.add_resource(
        session, **{"resource_id": SHOKUDO["id"], **{k: SHOKUDO[k] for k in SHOKUDO if k != "id"}}
    )
    with pytest.raises(InvalidInput, match="すでにあります"):
        repo.add_resource(session, resource_id="salon_midori", name="別のサロン")
    with pytest.raises(InvalidInput, match="すでにあります"):
        repo.add_resource(session, resource_id="salon_2", name="みどりサロン")
    with pytest.raises(InvalidInput, match="英小文字"):
        repo.add_resource(session, resource_id="サロン", name="サロン")
    repo.update_resource(session, resource_id="salon_midori", values={"active": False})
    assert [row["id"] for row in repo.list_resources(session)] == ["kodomo_shokudo_aoba", "salon_midori"]
    assert [row["id"] for row in repo.list_resources(session, active_only=True)] == ["kodomo_shokudo_aoba"]
    session.commit()
    with session_scope(engine) as other:
        repo.update_resource(other, resource_id=SHOKUDO["id"], values={"capacity": 25})
    with pytest.raises(Conflict):
        repo.update_resource(
            session,
            resource_id=SHOKUDO["id"],
            values={"capacity": 35},
            expected_version=shokudo["version"],
            original={"capacity": 30},
        )
    with pytest.raises(InvalidInput, match="id"):
        repo.update_resource(session, resource_id=SHOKUDO["id"], values={"id": "other"})
    with pytest.raises(InvalidInput, match="すでにあります"):
        repo.update_resource(session, resource_id=SHOKUDO["id"], values={"name": "みどりサロン"})
    with pytest.raises(NotFound):
        repo.get_resource(session, resource_id="nowhere")


# --- matches -----------------------------------------------------------------------------------------


def test_a_match_goes_forward_with_the_date_of_each_state(session):
    case = case_of(session, code="C-2026-301")
    repo.upsert_resources(session, [SHOKUDO])
    match = repo.add_match(
        session, case_id=case.id, resource_id=SHOKUDO["id"], member="長男", date="2026-10-20", note="見学から"
    )
    assert (match["state"], match["proposed_date"], match["date"], match["resource_name"]) == (
        "proposed",
        "2026-10-20",
        "2026-10-20",
        "青葉こども食堂",
    )
    started = repo.set_match_state(session, match_id=match["id"], state="started", date="2026-11-01")
    settled = repo.set_match_state(
        session, match_id=match["id"], state="settled", date="2026-12-01", expected_version=started["version"]
    )
    assert (settled["proposed_date"], settled["started_date"], settled["settled_date"]) == (
        "2026-10-20",
        "2026-11-01",
        "2026-12-01",
    )
    with pytest.raises(RuleRefused, match="戻せません"):
        repo.set_match_state(session, match_id=match["id"], state="started", date="2026-12-02")
    with pytest.raises(RuleRefused, match="すでに「定着」"):
        repo.set_match_state(session, match_id=match["id"], state="settled", date="2026-12-02")
    with pytest.raises(RuleRefused, match="理由"):
        repo.set_match_state(session, match_id=match["id"], state="ended", date="2026-12-20")
    with pytest.raises(RuleRefused, match="2026-11-30 はこのマッチングの記録済みの日付 2026-12-01 より前"):
        repo.set_match_state(session, match_id=match["id"], state="ended", date="2026-11-30", reason="転居")
    with pytest.raises(Conflict):
        repo.set_match_state(
            session, match_id=match["id"], state="ended", date="2026-12-20", reason="転居", expected_version=1
        )
    ended = repo.set_match_state(
        session, match_id=match["id"], state="ended", date="2026-12-20", reason="転居"
    )
    assert (ended["state"], ended["ended_date"], ended["end_reason"]) == ("ended", "2026-12-20", "転居")
    with pytest.raises(RuleRefused, match="終了しています"):
        repo.set_match_state(session, match_id=match["id"], state="proposed", date="2026-12-21")
    with pytest.raises(InvalidInput, match="state"):
        repo.set_match_state(session, match_id=match["id"], state="paused", date="2026-12-21")


def test_a_match_may_skip_a_step_or_end_at_once_but_not_start_ended_without_a_reason(session):
    case = case_of(session)
    repo.upsert_resources(session, [SHOKUDO, SALON])
    skipped = repo.add_match(
        session, case_id=case.id, resource_id=SALON["id"], member="母", date="2026-10-01"
    )
    assert repo.set_match_state(session, match_id=skipped["id"], state="settled", date="2026-10-02")[
        "state"
    ] == ("settled")
    with pytest.raises(RuleRefused, match="理由"):
        repo.add_match(session, case_id=case.id, resource_id=SALON["id"], state="ended", date="2026-10-01")
    ended = repo.add_match(
        session,
        case_id=case.id,
        resource_id=SHOKUDO["id"],
        state="ended",
        date="2026-10-01",
        end_reason="本人辞退",
    )
    assert (ended["ended_date"], ended["proposed_date"]) == ("2026-10-01", None)
    with pytest.raises(InvalidInput, match="resource_id"):
        repo.add_match(session, case_id=case.id, resource_id="nowhere")
    with pytest.raises(InvalidInput, match="resource_id"):
        repo.add_match(session, case_id=case.id, resource_id="")
    repo.update_resource(session, resource_id=SALON["id"], values={"active": False})
    with pytest.raises(RuleRefused, match="みどりサロン.*利用できません"):
        repo.add_match(session, case_id=case.id, resource_id=SALON["id"])


def test_matches_are_listed_per_resource_and_per_case_and_edited(session):
    first, second = case_of(session, code="C-2026-401"), case_of(session, code="C-2026-402")
    repo.upsert_resources(session, [SHOKUDO, SALON])
    repo.add_match(session, case_id=second.id, resource_id=SHOKUDO["id"], member="長女")
    repo.add_match(session, case_id=first.id, resource_id=SHOKUDO["id"], member="本人")
    salon = repo.add_match(session, case_id=first.id, resource_id=SALON["id"], member="母")
    shokudo = repo.list_matches(session, resource_id=SHOKUDO["id"])
    assert [(row["case_code"], row["member"]) for row in shokudo] == [
        ("C-2026-401", "本人"),
        ("C-2026-402", "長女"),
    ]
    assert [row["resource_name"] for row in repo.list_matches(session, case_id=first.id)] == [
        "みどりサロン",
        "青葉こども食堂",
    ]
    assert len(repo.list_matches(session)) == 3
    with pytest.raises(NotFound):
        repo.list_matches(session, resource_id="nowhere")
    edited = repo.update_match(session, match_id=salon["id"], values={"note": "送迎が必要"})
    assert (edited["note"], edited["version"]) == ("送迎が必要", 2)
    with pytest.raises(InvalidInput, match="state"):
        repo.update_match(session, match_id=salon["id"], values={"state": "settled"})


# --- unmet needs, roles and ties naming a resource ---------------------------------------------------


def test_an_unmet_need_is_a_row_of_the_meeting_with_its_case(session):
    case = case_of(session)
    held = meeting(session, case.id)
    need = repo.add_item(
        session,
        kind="need",
        parent_id=held.id,
        values={"category": "mobility", "sector": "kaigo", "text": "通院の移動手段がない", "member": "母"},
    )
    assert (need["case_id"], need["meeting_id"], need["position"]) == (case.id, held.id, 0)
    assert [row["text"] for row in repo.list_items(session, kind="need", parent_id=held.id)] == [
        "通院の移動手段がない"
    ]
    with pytest.raises(InvalidInput, match="category"):
        repo.add_item(session, kind="need", parent_id=held.id, values={"category": "food", "text": "x"})


def test_a_role_or_a_tie_names_a_resource_of_the_register(session):
    case = case_of(session)
    held = meeting(session, case.id)
    repo.upsert_resources(session, [SHOKUDO])
    role = repo.add_item(
        session, kind="role", parent_id=held.id, values={"task": "見学に同行", "resource_id": SHOKUDO["id"]}
    )
    tie = repo.add_item(
        session, kind="tie", parent_id=held.id, values={"to_node": "こども食堂", "resource_id": SHOKUDO["id"]}
    )
    assert (role["resource_id"], tie["resource_id"]) == (SHOKUDO["id"], SHOKUDO["id"])
    for kind, values in (
        ("role", {"task": "x", "resource_id": "nowhere"}),
        ("tie", {"resource_id": "nowhere"}),
    ):
        with pytest.raises(InvalidInput, match="nowhere"):
            repo.add_item(session, kind=kind, parent_id=held.id, values=values)
    assert (
        repo.update_item(session, kind="role", item_id=role["id"], values={"resource_id": None})[
            "resource_id"
        ]
        is None
    )


def test_who_recorded_a_contact_and_a_resources_contact_are_personal_values(session):
    case = case_of(session, code="C-2026-501")
    repo.add_contact(session, case_id=case.id, date="2026-10-20", recorded_by="自立相談 髙橋")
    repo.upsert_resources(session, [SHOKUDO])
    found = {(value.text, value.kind, value.field) for value in personal_values(session)}
    assert ("自立相談 髙橋", "staff", "case.contacts[0].recorded_by of case C-2026-501") in found
    assert ("青葉町内会 𠮷田", "staff", "resources.kodomo_shokudo_aoba.contact") in found
    assert ("自立相談 髙橋", "staff", "case.contacts[0].recorded_by of case C-2026-501") in {
        (value.text, value.kind, value.field) for value in personal_values(session, [case.id])
    }


def test_a_resource_named_by_a_match_is_not_deleted_with_it(session):
    """The register keeps a resource a case names: the database refuses to delete it."""
    case = case_of(session)
    repo.upsert_resources(session, [SHOKUDO])
    repo.add_match(session, case_id=case.id, resource_id=SHOKUDO["id"])
    session.flush()
    session.delete(session.get(Resource, SHOKUDO["id"]))
    with pytest.raises(Exception, match="(?i)foreign key"):
        session.flush()
    session.rollback()


def test_a_contacts_note_and_recorder_in_a_document_are_masked(session):
    """What a document (version 3, h21) will carry under `case.contacts`: the note is free text like
    any other, and who recorded the contact is a staff name the masker knows from the document."""
    from welfare_tui.minutes.masking import mask_document, own_values

    case = case_of(session, code="C-2026-601")
    repo.add_item(session, kind="member", parent_id=case.id, values={"name": "𠮷田 太郎", "relation": "本人"})
    repo.add_contact(session, case_id=case.id, date="2026-10-20", recorded_by="自立相談 髙橋")
    doc = {
        "format": "welfare-tui-minutes",
        "version": 3,
        "agencies": {},
        "case": {
            "code": "C-2026-601",
            "household": [{"name": "𠮷田 太郎", "relation": "本人"}],
            "contacts": [
                {
                    "date": "2026-10-20",
                    "note": "𠮷田 太郎さんと玄関先で面会。髙橋が同行",
                    "recorded_by": "自立相談 髙橋",
                }
            ],
        },
    }
    assert ("自立相談 髙橋", "staff") in {(value.text, value.kind) for value in own_values(doc)}
    masked = mask_document(doc, known=personal_values(session))
    contact = masked["case"]["contacts"][0]
    assert "𠮷田" not in contact["note"] and "髙橋" not in contact["note"], contact["note"]
    assert "髙橋" not in contact["recorded_by"]
    assert contact["date"] == "2026-10-20"
