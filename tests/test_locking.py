"""Optimistic locking: the later of two saves of the same record is refused, never silently applied."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from welfare_tui.agendas import get_agenda
from welfare_tui.errors import Conflict
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope


@pytest.fixture
def ids(engine):
    with session_scope(engine) as session:
        case = repo.create_case(session, label="山田世帯", summary="初回の概要")
        meeting = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date=dt.date(2026, 11, 20)
        )
    return case, meeting


def test_a_stale_save_of_a_changed_field_is_refused_with_both_values(engine, ids):
    case, _ = ids
    with session_scope(engine) as session:  # facilitator A saves first
        saved = repo.update_case(
            session,
            case_id=case.id,
            expected_version=case.version,
            original={"summary": "初回の概要"},
            summary="Aさんの概要",
        )
    assert saved.version == case.version + 1
    with pytest.raises(Conflict) as raised, session_scope(engine) as session:  # B read version 1 too
        repo.update_case(
            session,
            case_id=case.id,
            expected_version=case.version,
            original={"summary": "初回の概要"},
            summary="Bさんの概要",
        )
    assert raised.value.fields == {"summary": ("Bさんの概要", "Aさんの概要")}
    assert raised.value.version == saved.version
    with session_scope(engine) as session:
        assert repo.get_case(session, case_id=case.id).summary == "Aさんの概要"
        # "Keep mine": B saw A's value; passing it as the original overwrites knowingly.
        kept = repo.update_case(
            session,
            case_id=case.id,
            expected_version=case.version,
            original={"summary": "Aさんの概要"},
            summary="Bさんの概要",
        )
    assert kept.summary == "Bさんの概要"


def test_a_stale_save_of_an_untouched_field_merges(engine, ids):
    _case, meeting = ids
    with session_scope(engine) as session:
        repo.update_meeting(
            session,
            meeting_id=meeting.id,
            expected_version=meeting.version,
            original={"place": ""},
            place="市役所 第3会議室",
        )
        after = repo.update_meeting(
            session,
            meeting_id=meeting.id,
            expected_version=meeting.version,
            original={"chair": ""},
            chair="地域福祉課長 佐藤",
        )
    assert (after.place, after.chair) == ("市役所 第3会議室", "地域福祉課長 佐藤")
    with pytest.raises(Conflict) as raised, session_scope(engine) as session:
        repo.update_meeting(
            session,
            meeting_id=meeting.id,
            expected_version=meeting.version,
            original={"place": ""},
            place="オンライン",
        )
    assert raised.value.fields == {"place": ("オンライン", "市役所 第3会議室")}


@pytest.mark.parametrize("table", ["case", "meeting"])
def test_two_concurrent_writers_lose_no_update(engine, ids, table):
    """Two facilitators each append their own marks to one field, read-modify-write in separate
    transactions; a refused save re-reads and tries again. Every mark must survive."""
    case, meeting = ids
    rounds = 25
    field = "key_person" if table == "case" else "place"
    errors: list[BaseException] = []
    refused = [0]

    def read(session):
        row = (
            repo.get_case(session, case_id=case.id)
            if table == "case"
            else repo.get_meeting(session, meeting_id=meeting.id)
        )
        return row.version, getattr(row, field)

    def save(session, version, old, new):
        if table == "case":
            repo.update_case(
                session, case_id=case.id, expected_version=version, original={field: old}, **{field: new}
            )
        else:
            repo.update_meeting(
                session,
                meeting_id=meeting.id,
                expected_version=version,
                original={field: old},
                **{field: new},
            )

    def writer(name: str) -> None:
        try:
            for index in range(rounds):
                while True:
                    with session_scope(engine) as session:
                        version, value = read(session)
                    new = f"{value}|{name[-1]}{index}"
                    try:
                        with session_scope(engine, user=name, immediate=True) as session:
                            save(session, version, value, new)
                        break
                    except Conflict:
                        refused[0] += 1
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
    assert sorted(marks) == sorted(f"{w}{i}" for w in "AB" for i in range(rounds))  # zero lost updates


def test_a_race_between_read_and_write_is_a_conflict_too(db_url, ids):
    """Two sessions read the same version before either writes: the second flush is refused."""
    case, _ = ids
    engine = open_database(db_url)
    try:
        with session_scope(engine) as first, session_scope(engine) as second:
            one = repo.get_case(first, case_id=case.id)
            two = repo.get_case(second, case_id=case.id)
            assert one.version == two.version
            repo.update_case(first, case_id=case.id, expected_version=one.version, summary="一")
            first.commit()
            with pytest.raises(Conflict):
                repo.update_case(
                    second,
                    case_id=case.id,
                    expected_version=two.version,
                    original={"summary": "初回の概要"},
                    summary="二",
                )
    except Conflict:
        pass
    finally:
        engine.dispose()
    with session_scope(open_database(db_url)) as session:
        assert repo.get_case(session, case_id=case.id).summary == "一"


def test_the_screens_read_while_another_program_holds_the_write_lock(tmp_path):
    """An import, or an export stamping its batches, holds SQLite's write lock; the TUI's reads
    (`Gateway.query`) go on beside it instead of waiting for it (only saves, `Gateway.run`, wait)."""
    import sqlite3

    from welfare_tui.views.gateway import Gateway

    path = tmp_path / "市役所.db"
    engine = open_database(f"sqlite:///{path}")
    with session_scope(engine) as session:
        repo.create_case(session, code="C-2026-001", label="A氏世帯")
    engine.dispose()
    gateway = Gateway(f"sqlite:///{path}", user="佐藤")
    other = sqlite3.connect(path)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program in the middle of writing
        assert [case.label for case in gateway.query(repo.list_cases)] == ["A氏世帯"]
        assert gateway.query(repo.next_case_code, year=2026) == "C-2026-002"
    finally:
        other.rollback()
        other.close()
        gateway.close()
