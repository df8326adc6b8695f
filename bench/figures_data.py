"""The database of the figures benchmark (issue 15, item 6): 10,000 cases, 20,000 meetings and 100,000
contacts, with proportional intakes, stage events, plans, consents, needs, matches and roles, over two
fiscal years — generated inside SQLite by `INSERT ... SELECT` over a recursive sequence, so the rows
never pass through Python (a few seconds). The schema is the real migrations'; columns this generator
does not name get the model's default (`data._required_defaults`). Cached under bench/.cache/."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench import data

GENERATOR_VERSION = 1
DAY = "date('2025-04-01', '+' || ({n} * 7919 % 730) || ' days')"  # a pseudo-random day of two years


def database_path(cases: int, contacts: int, meetings: int) -> Path:
    from welfare_tui.storage.engine import HEAD_REVISION

    name = f"figures_c{cases}_k{contacts}_m{meetings}_v{GENERATOR_VERSION}_r{HEAD_REVISION}.db"
    return data.CACHE_DIR / name


def ensure_database(cases: int = 10_000, contacts: int = 100_000, meetings: int = 20_000) -> Path:
    path = database_path(cases, contacts, meetings)
    if not path.exists():
        data.CACHE_DIR.mkdir(exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        generate(partial, cases=cases, contacts=contacts, meetings=meetings)
        partial.rename(path)
    return path


def generate(path: Path, *, cases: int, contacts: int, meetings: int) -> None:
    from welfare_tui.storage.engine import open_database

    open_database("sqlite:///" + str(path)).dispose()
    connection = sqlite3.connect(path)
    try:
        for table, count, columns in _tables(cases, contacts, meetings):
            _fill(connection, table, count, columns)
        connection.commit()
        connection.execute("ANALYZE")
    finally:
        connection.close()


def _tables(cases: int, contacts: int, meetings: int) -> list[tuple[str, int, dict[str, str]]]:
    ids = ("houkatsu", "shakyo", "jiritsu_soudan", "kikan_soudan", "city_welfare", "minsei_iin")
    pick = "CASE {n} % 6 " + " ".join(f"WHEN {i} THEN '{a}'" for i, a in enumerate(ids)) + " END"
    case_of = f"(({{n}} - 1) % {cases} + 1)"
    return [
        (
            "case",
            cases,
            {
                "id": "{n}",
                "code": "'C-' || printf('%06d', {n})",
                "label": "'世帯' || {n}",
                "status": "CASE {n} % 3 WHEN 0 THEN 'shien_kaigi' WHEN 1 THEN 'support' ELSE 'closed' END",
                "tags": 'CASE {n} % 4 WHEN 0 THEN \'["8050","ひきこもり"]\' WHEN 1 THEN \'["ダブルケア"]\' '
                "WHEN 2 THEN '[\"生活困窮\",\"債務\"]' ELSE '[]' END",
                "created_at": "'2025-04-01 09:00:00.000000'",
                "updated_at": "'2025-04-01 09:00:00.000000'",
            },
        ),
        (
            "household_member",
            cases * 2,
            {"case_id": case_of, "position": "{n} % 2", "name": "'山田 太郎' || {n}", "relation": "'本人'"},
        ),
        (
            "meeting",
            meetings,
            {
                "id": "{n}",
                "uid": "lower(hex(randomblob(16)))",
                "case_id": case_of,
                "type": "CASE {n} % 3 WHEN 0 THEN 'juso_shien_kaigi' ELSE 'shien_kaigi' END",
                "date": DAY,
                "status": "CASE {n} % 10 WHEN 0 THEN 'planned' ELSE 'finished' END",
                "created_at": "'2025-04-01 09:00:00.000000'",
                "updated_at": "'2025-04-01 09:00:00.000000'",
            },
        ),
        (
            "case_event",
            cases * 3,
            {
                "case_id": case_of,
                "uid": "lower(hex(randomblob(16)))",
                "kind": f"CASE WHEN {{n}} <= {cases} THEN 'opened' ELSE 'decision' END",
                "to_stage": "CASE {n} * 13 % 8 WHEN 0 THEN 'intake' WHEN 1 THEN 'shien_kaigi' WHEN 2 THEN 'planning' "
                "WHEN 3 THEN 'decided' WHEN 4 THEN 'support' WHEN 5 THEN 'handed_over' WHEN 6 THEN 'closed' "
                "ELSE 'suspended' END",
                "closure_reason": "CASE {n} % 3 WHEN 0 THEN 'moved' WHEN 1 THEN 'goal_achieved' ELSE '' END",
                "date": DAY,
            },
        ),
        (
            "intake",
            cases + cases // 5,
            {
                "uid": "lower(hex(randomblob(16)))",
                "date": DAY,
                "route": "CASE {n} % 4 WHEN 0 THEN 'self_family' WHEN 1 THEN 'agency' WHEN 2 THEN 'resident' ELSE 'outreach' END",
                "outcome": "CASE {n} % 5 WHEN 0 THEN 'referred' WHEN 1 THEN 'closed' ELSE 'accepted' END",
                "label": "'受付' || {n}",
            },
        ),
        (
            "support_plan",
            cases * 3 // 5,
            {
                "case_id": f"(({{n}} - 1) % {cases // 2} + 1)",
                "number": f"(({{n}} - 1) / {cases // 2} + 1)",
                "status": "'approved'",
                "outreach": "{n} % 2",
                "participation": "{n} % 3 = 0",
                "approved_date": DAY,
            },
        ),
        (
            "consent_event",
            cases * 4 // 5,
            {
                "case_id": case_of,
                "uid": "lower(hex(randomblob(16)))",
                "event": "CASE {n} % 7 WHEN 0 THEN 'withdrawn' ELSE 'obtained' END",
                "date": DAY,
            },
        ),
        (
            "contact_log",
            contacts,
            {
                "uid": "lower(hex(randomblob(16)))",
                "case_id": case_of,
                "date": DAY,
                "agency_id": pick,
                "mode": "CASE {n} % 6 WHEN 0 THEN 'visit' WHEN 1 THEN 'phone' WHEN 2 THEN 'letter' "
                "WHEN 3 THEN 'accompany' WHEN 4 THEN 'office' ELSE 'online' END",
                "whom": "CASE {n} % 4 WHEN 0 THEN 'person' WHEN 1 THEN 'family' WHEN 2 THEN 'absent' ELSE 'refused' END",
                "note": "'訪問したが不在。手紙を置いた。'",
            },
        ),
        ("resource", 50, {"id": "'resource_' || {n}", "name": "'地域資源' || {n}"}),
        (
            "resource_match",
            cases // 2,
            {
                "uid": "lower(hex(randomblob(16)))",
                "case_id": case_of,
                "resource_id": "'resource_' || ({n} % 50 + 1)",
                "state": "'started'",
                "proposed_date": DAY,
                "started_date": DAY.replace("{n}", "({n} + 3)"),
                "ended_date": "CASE {n} % 3 WHEN 0 THEN " + DAY.replace("{n}", "({n} + 9)") + " END",
            },
        ),
        (
            "unmet_need",
            cases * 4 // 5,
            {
                "meeting_id": f"(({{n}} - 1) % {meetings} + 1)",
                "case_id": f"(SELECT case_id FROM meeting WHERE id = (({{n}} - 1) % {meetings} + 1))",
                "category": "CASE {n} % 5 WHEN 0 THEN 'ibasho' WHEN 1 THEN 'work' WHEN 2 THEN 'mobility' "
                "WHEN 3 THEN 'income' ELSE 'care' END",
                "sector": "CASE {n} % 4 WHEN 0 THEN 'kodomo' WHEN 1 THEN 'kaigo' WHEN 2 THEN 'konkyu' ELSE 'cross' END",
                "text": "'山田 太郎' || (({n} - 1) % 10000 + 1) || 'さんの昼間の居場所がない'",
            },
        ),
        (
            "role_assignment",
            meetings * 3,
            {
                "meeting_id": f"(({{n}} - 1) % {meetings} + 1)",
                "case_id": f"(SELECT case_id FROM meeting WHERE id = (({{n}} - 1) % {meetings} + 1))",
                "agency_id": pick,
                "task": "'訪問'",
            },
        ),
    ]


def _fill(connection: sqlite3.Connection, table: str, count: int, columns: dict[str, str]) -> None:
    extra = data._required_defaults(connection, table, list(columns))
    names = [*columns, *extra]
    values = [expression.format(n="seq.n") for expression in columns.values()] + ["?"] * len(extra)
    connection.execute(
        f"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {count}) "
        f'INSERT INTO "{table}" ({", ".join(names)}) SELECT {", ".join(values)} FROM seq',
        list(extra.values()),
    )
