"""`stats` and `gaps` over 10,000 cases, 100,000 contacts and 20,000 meetings (issue 15, item 6).

Each is timed in this process against its floor: the same aggregates written as plain SQL and run with
the stdlib `sqlite3` driver alone (below, written apart from storage/statistics.py), alternating, the
medians compared. Ours is what the command does once the database is open: the storage function on a
session of an engine opened beforehand, and the rendering (Markdown). The floor of gaps also masks the
same examples from memory, as the export floor renders the same documents. Peak memory is the real command's
(`welfare-tui stats` / `gaps` as a child process, its own ru_maxrss).
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

YEAR = 2025
FIRST, LAST = "2025-04-01", "2026-03-31"
MONTH = "strftime('%Y-%m', {})"

FLOORS = (
    f"SELECT {MONTH.format('date')}, route, outcome, COUNT(*) FROM intake WHERE date BETWEEN ? AND ? GROUP BY 1, 2, 3",
    (
        f"SELECT {MONTH.format('date')}, type, COUNT(*) FROM meeting WHERE date BETWEEN ? AND ? AND status <> 'planned' "
        "GROUP BY 1, 2"
    ),
    (
        f"SELECT {MONTH.format('p.approved_date')}, p.number = (SELECT MIN(number) FROM support_plan e "
        "WHERE e.case_id = p.case_id AND e.approved_date IS NOT NULL), COUNT(*) FROM support_plan p "
        "WHERE p.approved_date BETWEEN ? AND ? GROUP BY 1, 2"
    ),
    f"SELECT {MONTH.format('date')}, event, COUNT(*) FROM consent_event WHERE date BETWEEN ? AND ? GROUP BY 1, 2",
    (
        f"SELECT {MONTH.format('date')}, to_stage, closure_reason, COUNT(*) FROM case_event WHERE date BETWEEN ? AND ? "
        "AND kind <> 'opened' AND to_stage IN ('closed', 'suspended', 'handed_over') GROUP BY 1, 2, 3"
    ),
    f"SELECT {MONTH.format('date')}, mode, whom, COUNT(*) FROM contact_log WHERE date BETWEEN ? AND ? GROUP BY 1, 2, 3",
    *(
        f"SELECT {MONTH.format(f'{state}_date')}, COUNT(*) FROM resource_match WHERE {state}_date BETWEEN ? AND ? "
        "GROUP BY 1"
        for state in ("proposed", "started", "settled", "ended")
    ),
    (
        f"SELECT {MONTH.format('m.date')}, n.sector, COUNT(*) FROM unmet_need n JOIN meeting m ON m.id = n.meeting_id "
        "WHERE m.date BETWEEN ? AND ? AND m.status <> 'planned' GROUP BY 1, 2"
    ),
    (
        f"SELECT {MONTH.format('m.date')}, r.agency_id, a.name, COUNT(*) FROM role_assignment r JOIN meeting m "
        "ON m.id = r.meeting_id LEFT JOIN agency a ON a.id = r.agency_id WHERE m.date BETWEEN ? AND ? "
        "AND m.status <> 'planned' GROUP BY 1, 2, 3"
    ),
)


def _months() -> str:
    """The twelve months and the year as a VALUES table, literal dates."""
    rows = []
    for index in range(12):
        year, month = (YEAR, 4 + index) if index < 9 else (YEAR + 1, index - 8)
        rows.append(
            f"({index}, '{year}-{month:02d}-01', date('{year}-{month:02d}-01', '+1 month', '-1 day'))"
        )
    rows.append(f"(12, '{FIRST}', '{LAST}')")
    return "months(n, a, b) AS (VALUES " + ", ".join(rows) + ")"


SPANS = (
    "spans AS (SELECT case_id, to_stage, date AS a, LEAD(date) OVER (PARTITION BY case_id ORDER BY date, id) AS b "
    "FROM case_event WHERE date IS NOT NULL)"
)
LIVE = (
    "live AS (SELECT DISTINCT m.n, s.case_id FROM months m JOIN spans s ON s.a <= m.b AND (s.b IS NULL OR s.b >= m.a) "
    "WHERE s.to_stage NOT IN ('closed', 'suspended'))"
)
PLANS = (
    "plan_spans AS (SELECT case_id, outreach, participation, approved_date AS a, LEAD(approved_date) OVER "
    "(PARTITION BY case_id ORDER BY approved_date, number) AS b FROM support_plan WHERE approved_date IS NOT NULL)"
)
PLAN_LINK = (
    "SELECT l.n, l.case_id FROM live l JOIN months m ON m.n = l.n JOIN plan_spans p ON p.case_id = l.case_id "
    "AND p.a <= m.b AND (p.b IS NULL OR p.b >= m.a) WHERE p.{}"
)
PERIOD_FLOORS = (
    (
        f"WITH {_months()}, {SPANS} SELECT m.n, s.to_stage, COUNT(*) FROM months m JOIN spans s ON s.a <= m.b "
        "AND (s.b IS NULL OR s.b > m.b) WHERE m.n < 12 GROUP BY 1, 2"
    ),
    # the distinct-case figures in one statement, the active cases computed once (as ours does)
    (
        f"WITH {_months()}, {SPANS}, {LIVE}, {PLANS} "
        "SELECT 'active', n, COUNT(*) FROM live GROUP BY 2 "
        "UNION ALL SELECT 'outreach', n, COUNT(*) FROM (SELECT m.n, c.case_id FROM months m "
        "JOIN contact_log c ON c.date BETWEEN m.a AND m.b WHERE c.mode IN ('visit', 'accompany') UNION "
        f"{PLAN_LINK.format('outreach')}) GROUP BY 2 "
        "UNION ALL SELECT 'participation', n, COUNT(*) FROM (SELECT m.n, r.case_id FROM months m "
        "JOIN resource_match r ON COALESCE(r.started_date, r.settled_date) <= m.b AND (r.ended_date IS NULL "
        f"OR r.ended_date >= m.a) UNION {PLAN_LINK.format('participation')}) GROUP BY 2 "
        'UNION ALL SELECT j.value, l.n, COUNT(*) FROM live l JOIN "case" c ON c.id = l.case_id, '
        "json_each(c.tags) j GROUP BY 1, 2"
    ),
)
GAP_FLOORS = (
    (
        "SELECT n.category, n.sector, COUNT(*), COUNT(DISTINCT n.case_id) FROM unmet_need n JOIN meeting m "
        "ON m.id = n.meeting_id WHERE m.date BETWEEN ? AND ? GROUP BY 1, 2"
    ),
    (
        "SELECT n.category, n.sector, c.status, COUNT(DISTINCT n.case_id) FROM unmet_need n JOIN meeting m "
        'ON m.id = n.meeting_id JOIN "case" c ON c.id = n.case_id WHERE m.date BETWEEN ? AND ? GROUP BY 1, 2, 3'
    ),
    (  # the latest recording of each text, then the latest three texts of each category and sector
        "SELECT category, sector, text, member, case_id, k FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
        "category, sector ORDER BY day DESC, id DESC) AS k FROM (SELECT n.id, n.category, n.sector, n.text, "
        "n.member, n.case_id, m.date AS day, ROW_NUMBER() OVER (PARTITION BY n.category, n.sector, n.text "
        "ORDER BY m.date DESC, n.id DESC) AS copy FROM unmet_need n JOIN meeting m ON m.id = n.meeting_id "
        "WHERE m.date BETWEEN ? AND ?) WHERE copy = 1) WHERE k <= 3"
    ),
)


def floor_stats(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        rows = sum(len(connection.execute(sql, (FIRST, LAST)).fetchall()) for sql in FLOORS)
        return rows + sum(len(connection.execute(sql).fetchall()) for sql in PERIOD_FLOORS)
    finally:
        connection.close()


def floor_gaps(path: Path) -> int:
    """The aggregates of gaps with sqlite3 alone, plus masking the same examples from memory (as the
    export floor adds rendering the same documents): the households read with sqlite3, each case's
    examples through `mask_document`."""
    from welfare_tui.minutes.masking import mask_document

    connection = sqlite3.connect(path)
    try:
        results = [connection.execute(sql, (FIRST, LAST)).fetchall() for sql in GAP_FLOORS]
        texts: dict[int, list[str]] = defaultdict(list)
        for _category, _sector, need, _member, case_id, _place in results[2]:
            texts[case_id].append(need)
        marks = ",".join("?" * len(texts))
        households: dict[int, list[dict[str, str]]] = defaultdict(list)
        for case_id, name, kana in connection.execute(
            f"SELECT case_id, name, kana FROM household_member WHERE case_id IN ({marks}) "
            "ORDER BY case_id, position, id",
            list(texts),
        ):
            households[case_id].append({"name": name, "kana": kana})
        masked = [
            mask_document({"case": {"household": households[case_id]}, "examples": needs})["examples"]
            for case_id, needs in texts.items()
        ]
        return sum(map(len, results)) + len(masked)
    finally:
        connection.close()


def ours(path: Path) -> tuple[Callable[[], object], Callable[[], object], Callable[[], None]]:
    """(stats, gaps, close): each what the command does with the database open."""
    from welfare_tui.figures.text_formats import gaps_markdown, stats_markdown
    from welfare_tui.storage.engine import open_database, session_scope
    from welfare_tui.storage.gaps import gap_report
    from welfare_tui.storage.statistics import year_figures

    engine = open_database("sqlite:///" + str(path), create=False)

    def stats() -> object:
        with session_scope(engine) as session:
            return stats_markdown(year_figures(session, fiscal_year=YEAR))

    def gaps() -> object:
        with session_scope(engine) as session:
            return gaps_markdown(gap_report(session, fiscal_year=YEAR))

    return stats, gaps, engine.dispose


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started
