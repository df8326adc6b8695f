"""The load harness of `python -m bench` (bench/load.py), run for a few seconds as the suite's guard:
facilitator processes saving at once on one database lose no acknowledged save and meet no error but
conflicts. Timings are judged by the benchmark only, never here."""

from __future__ import annotations

import pytest

from bench import load


def test_facilitators_saving_at_once_lose_nothing(db_url):
    # Every save on the one meeting the three share, each read long before its save: a few seconds
    # then hold many clashes (without the version checks of storage/repo.py, lost updates show here).
    result = load.run_load(db_url, processes=3, seconds=4, period=0.3, think=0.3, shared_every=1)
    assert result.errors == []
    assert result.lost == []
    assert result.saves_done >= 12  # each process saved on most of its ticks (every 0.5 s)
    assert set(result.saves) == {"field", "note", "row"}
    assert len(result.latencies) >= result.saves_done


def test_a_later_run_starts_from_its_own_fresh_data(db_url):
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    load.prepare(db_url, 2)
    plans = load.prepare(db_url, 3)  # the earlier run's meetings are gone, not added to
    engine = open_database(db_url)
    with session_scope(engine) as session:
        codes = [case.code for case in repo.list_cases(session)]
    engine.dispose()
    assert codes == [f"LOAD-{number:03d}" for number in range(1, 5)]  # 3 own meetings, 1 shared
    assert [plan["shared"] for plan in plans] == [plans[0]["shared"]] * 3  # the odd one joins the last pair
    assert len({plan["own"]["meeting"] for plan in plans}) == 3


def test_a_database_with_other_data_is_refused(db_url):
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    engine = open_database(db_url)
    with session_scope(engine) as session:
        repo.create_case(session, code="C-2026-001", label="山田世帯")
    engine.dispose()
    with pytest.raises(SystemExit, match="holds data other than an earlier load run's"):
        load.run_load(db_url, processes=2, seconds=1)


# --- the verification itself: it must catch what it is there to catch ----------------------------------


def ack(value, original, version, key="field 1 purpose"):
    return {"kind": "field", "key": key, "value": value, "original": original, "version": version}


def test_a_chain_of_saves_each_seeing_the_one_before_is_not_lost():
    acks = [ack("𠮷田01-00002", "𠮷田00-00001", 3), ack("𠮷田00-00001", "初期値", 2)]
    assert load.verify(acks, {"field 1 purpose": "初期値"}, {"field 1 purpose": "𠮷田01-00002"}) == []


def test_a_save_that_overwrote_one_it_never_saw_is_a_lost_update():
    acks = [ack("𠮷田00-00001", "初期値", 2), ack("𠮷田01-00001", "初期値", 3)]
    lost = load.verify(acks, {"field 1 purpose": "初期値"}, {"field 1 purpose": "𠮷田01-00001"})
    assert lost == [
        "field 1 purpose: '𠮷田00-00001' was overwritten by '𠮷田01-00001', which had seen '初期値'"
    ]


def test_an_acknowledged_save_missing_from_the_database_is_a_lost_update():
    acks = [ack("髙﨑02-00003", "初期値", 2)]
    lost = load.verify(acks, {"field 1 purpose": "初期値"}, {"field 1 purpose": "ﾏﾙﾏﾙ"})
    assert lost == [
        (
            "field 1 purpose: the last acknowledged save '髙﨑02-00003' is not in the database "
            "(it holds 'ﾏﾙﾏﾙ')"
        )
    ]


def test_two_saves_acknowledged_as_the_same_version_are_a_lost_update():
    acks = [ack("a", "初期値", 2), ack("b", "a", 2)]
    assert len(load.verify(acks, {"field 1 purpose": "初期値"}, {"field 1 purpose": "b"})) == 1


# --- the report: `--only load` rewrites the load's part and keeps the rest ---------------------------------


def test_a_load_run_alone_rewrites_only_the_load_part_of_the_report(tmp_path, monkeypatch):
    import bench.__main__ as bench_main

    report = tmp_path / "performance.md"
    monkeypatch.setattr(bench_main, "REPORT", report)
    earlier = [bench_main.Figure("export md, 1,000 meetings: time / floor", 1.5, 2.0)]
    bench_main.write_report(
        earlier,
        [bench_main.Figure("load, SQLite, 5 facilitators × 60 s: lost updates", 3, 0, unit="")],
        ["- CPU: test"],
        "full",
        10,
        5,
    )
    bench_main.write_load_section(
        [bench_main.Figure("load, SQLite, 5 facilitators × 15 s: lost updates", 0, 0, unit="")], "quick", 20
    )
    text = report.read_text(encoding="utf-8")
    assert "export md, 1,000 meetings: time / floor | 1.50×" in text
    assert "## What is measured" in text
    assert text.count(bench_main.LOAD_HEADING) == 1
    assert "× 60 s: lost updates" not in text
    assert "load, SQLite, 5 facilitators × 15 s: lost updates | 0 " in text
