"""Optimistic locking of step notes and of every kind of row (attendees, roles, goals...), on both
backends: a stale save of a field someone else changed is refused with both values, a stale save of
an untouched field merges, and a stale delete is refused. Nothing is overwritten silently."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from welfare_tui.agendas import get_agenda
from welfare_tui.errors import Conflict, ExitCode, driver_error
from welfare_tui.storage import items, repo
from welfare_tui.storage.engine import session_scope

# kind → (a field both facilitators edit, a field only the second one edits, values for: first
# value, the other facilitator's value, mine, the second field's new value)
KINDS = {
    "member": ("note", "kana", ("要介護2", "要介護3", "要支援1", "やまだ とめ")),
    "attendee": ("name", "role", ("山﨑 明美", "髙﨑 明美", "𠮷田 明美", "社会福祉士")),
    "shared_info": ("content", "agency_id", ("月1回訪問", "月2回訪問", "週1回訪問", "houkatsu")),
    "tie": ("label", "strength", ("月2回訪問", "ﾏﾙﾏﾙ 訪問", "電話のみ", "strong")),
    "assessment": ("text", "urgency", ("本人の社会的孤立", "母の介護負担", "経済的困窮", "high")),
    "goal": ("text", "term", ("週1回は外出する", "月1回は外出する", "毎日散歩する", "long")),
    "role": ("due_date", "person", ("2026-11-10", "2026-11-30", "2026-12-01", "高橋")),
    "monitoring": ("what", "date", ("訪問の結果を確認", "３０１号室を訪問", "電話で確認", "2026-12-10")),
}
FIRST_VALUES = {"tie": {"to_node": "houkatsu"}}


@pytest.fixture
def meeting(engine):
    with session_scope(engine) as session:
        case = repo.create_case(session, label="山田世帯")
        return repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date=dt.date(2026, 11, 20)
        )


def add_row(engine, meeting, kind: str) -> dict:
    field, _, (first, *_) = KINDS[kind]
    parent = meeting.case_id if kind == "member" else meeting.id
    with session_scope(engine) as session:
        return repo.add_item(
            session, kind=kind, parent_id=parent, values={field: first, **FIRST_VALUES.get(kind, {})}
        )


def stored(engine, kind: str, row_id: int) -> dict:
    with session_scope(engine) as session:
        return repo.item_dict(kind, items._load_item(session, kind, row_id))


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_stale_row_edit_is_refused_with_both_values_and_an_untouched_field_merges(engine, meeting, kind):
    field, other_field, (first, theirs, mine, other_value) = KINDS[kind]
    row = add_row(engine, meeting, kind)  # both facilitators read this row at version 1
    assert row["version"] == 1
    with session_scope(engine, user="佐藤") as session:
        saved = repo.update_item(
            session,
            kind=kind,
            item_id=row["id"],
            values={field: theirs},
            expected_version=row["version"],
            original={field: first},
        )
    assert saved["version"] == 2

    with pytest.raises(Conflict) as raised, session_scope(engine, user="𠮷田") as session:
        repo.update_item(
            session,
            kind=kind,
            item_id=row["id"],
            values={field: mine},
            expected_version=row["version"],
            original={field: first},
        )
    assert raised.value.fields == {field: (mine, theirs)}
    assert raised.value.version == 2
    assert stored(engine, kind, row["id"])[field] == theirs
    # The stale dialog's whole row sent back (its version included) is refused the same way.
    with pytest.raises(Conflict), session_scope(engine) as session:
        repo.update_item(session, kind=kind, item_id=row["id"], values={**row, field: mine})

    # A field the other facilitator did not touch merges; theirs stays.
    with session_scope(engine) as session:
        merged = repo.update_item(
            session,
            kind=kind,
            item_id=row["id"],
            values={other_field: other_value},
            expected_version=row["version"],
            original={other_field: row[other_field]},
        )
    assert (merged[field], merged[other_field], merged["version"]) == (theirs, other_value, 3)
    # "Keep mine" after seeing theirs: their value as the original overwrites knowingly.
    with session_scope(engine) as session:
        kept = repo.update_item(
            session,
            kind=kind,
            item_id=row["id"],
            values={field: mine},
            expected_version=row["version"],
            original={field: theirs},
        )
    assert kept[field] == mine


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_row_changed_since_it_was_read_is_not_deleted(engine, meeting, kind):
    field, _, (first, theirs, *_) = KINDS[kind]
    row = add_row(engine, meeting, kind)
    with session_scope(engine) as session:
        repo.update_item(
            session,
            kind=kind,
            item_id=row["id"],
            values={field: theirs},
            expected_version=row["version"],
            original={field: first},
        )
    with pytest.raises(Conflict, match="削除"), session_scope(engine) as session:
        repo.delete_item(session, kind=kind, item_id=row["id"], expected_version=row["version"])
    assert stored(engine, kind, row["id"])[field] == theirs
    with session_scope(engine) as session:
        repo.delete_item(session, kind=kind, item_id=row["id"], expected_version=2)
        assert all(
            item["id"] != row["id"]
            for item in repo.list_items(
                session, kind=kind, parent_id=meeting.case_id if kind == "member" else meeting.id
            )
        )


def test_step_notes_are_versioned(engine, meeting):
    step = meeting.steps[0]
    assert step["version"] == 0  # nothing saved yet
    with session_scope(engine, user="佐藤") as session:
        theirs = repo.set_step_state(
            session,
            meeting_id=meeting.id,
            step_id=step["id"],
            notes="経緯を説明した",
            expected_version=0,
            original={"notes": ""},
        )
    assert theirs["version"] == 1
    with pytest.raises(Conflict) as raised, session_scope(engine, user="𠮷田") as session:
        repo.set_step_state(
            session,
            meeting_id=meeting.id,
            step_id=step["id"],
            notes="趣旨を説明した",
            expected_version=0,
            original={"notes": ""},
        )
    assert raised.value.fields == {"notes": ("趣旨を説明した", "経緯を説明した")}
    # Marking the step done (a field nobody else changed) merges; time spent never conflicts.
    with session_scope(engine) as session:
        done = repo.set_step_state(
            session,
            meeting_id=meeting.id,
            step_id=step["id"],
            done=True,
            add_seconds=30,
            expected_version=0,
            original={"done": False},
        )
        assert (done["notes"], done["done"], done["version"]) == ("経緯を説明した", True, 2)
        assert repo.get_meeting(session, meeting_id=meeting.id).steps[0]["version"] == 2
        # Saving notes does not touch the meeting row: its fields' version is not disturbed.
        assert repo.get_meeting(session, meeting_id=meeting.id).version == meeting.version


@pytest.mark.parametrize("record", ["notes", "role"])
def test_two_concurrent_writers_lose_no_update(engine, meeting, record):
    """Two facilitators append their own marks to one step's notes (or one role's task), each a
    read-modify-write in its own transaction; a refused save re-reads and tries again. Every mark
    must survive, and no driver error may escape (the PostgreSQL loser used to see "the database is
    unavailable: UPDATE statement on table 'meeting' expected to update 1 row(s)")."""
    rounds = 15
    role = add_row(engine, meeting, "role") if record == "role" else None
    errors: list[BaseException] = []

    def read(session):
        if role is None:
            step = repo.get_meeting(session, meeting_id=meeting.id).steps[0]
            return step["version"], step["notes"]
        row = repo.item_dict("role", items._load_item(session, "role", role["id"]))
        return row["version"], row["task"]

    def save(session, version, old, new):
        if role is None:
            repo.set_step_state(
                session,
                meeting_id=meeting.id,
                step_id="opening",
                notes=new,
                expected_version=version,
                original={"notes": old},
            )
        else:
            repo.update_item(
                session,
                kind="role",
                item_id=role["id"],
                values={"task": new},
                expected_version=version,
                original={"task": old},
            )

    def writer(name: str) -> None:
        try:
            for index in range(rounds):
                while True:
                    with session_scope(engine) as session:
                        version, value = read(session)
                    try:
                        with session_scope(engine, user=name, immediate=True) as session:
                            save(session, version, value, f"{value}|{name[-1]}{index}")
                        break
                    except Conflict:
                        pass
        except BaseException as error:  # noqa: BLE001 - a thread's failure, whatever it is, reported below
            errors.append(error)

    threads = [
        threading.Thread(target=writer, args=(name,)) for name in ("ファシリテーターA", "ファシリテーターB")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with session_scope(engine) as session:
        marks = read(session)[1].split("|")[1:]
    assert sorted(marks) == sorted(f"{w}{i}" for w in "AB" for i in range(rounds))


def test_a_duplicate_key_from_a_concurrent_insert_is_a_conflict_not_an_outage():
    """Two imports of the same file at once: the loser's duplicate key is a domain error (exit 1)
    whose message never quotes the driver."""
    import sqlite3

    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.orm.exc import StaleDataError

    duplicate = driver_error(
        IntegrityError(
            "INSERT INTO case ...", {}, sqlite3.IntegrityError("UNIQUE constraint failed: case.code")
        )
    )
    assert isinstance(duplicate, Conflict) and duplicate.exit_code == ExitCode.DOMAIN
    assert "UNIQUE" not in str(duplicate) and "同時に" in str(duplicate)
    parent_gone = driver_error(
        IntegrityError(
            "INSERT INTO attendee ...", {}, sqlite3.IntegrityError("FOREIGN KEY constraint failed")
        )
    )
    assert (
        isinstance(parent_gone, Conflict) and "FOREIGN" not in str(parent_gone) and "同時" in str(parent_gone)
    )
    stale = driver_error(
        StaleDataError("UPDATE statement on table 'meeting' expected to update 1 row(s); 0 were matched.")
    )
    assert isinstance(stale, Conflict) and "expected" not in str(stale) and "会議" in str(stale)
