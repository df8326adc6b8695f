"""The SQL of the year in figures (storage/statistics.py): the monthly GROUP BY of a table's rows by a
date, the periods of a fiscal year as a VALUES table (twelve months, then the whole year as period 12),
the stage history as intervals, and the distinct-case counts built on them.

The same text runs on SQLite and PostgreSQL; `Dialect` holds the two spellings that differ (the month
of a date, a case's JSON tags as rows). Dates are bound as `Date` parameters, so each driver compares
them as it stores them (SQLite: ISO text; PostgreSQL: date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Date, bindparam, text
from sqlalchemy.sql.elements import BindParameter
from sqlmodel import Session


class Dialect:
    def __init__(self, name: str) -> None:
        self.postgres = name == "postgresql"

    def month(self, column: str) -> str:
        """'2026-04' for a date column."""
        return f"to_char({column}, 'YYYY-MM')" if self.postgres else f"substr({column}, 1, 7)"

    def case_tags_cte(self) -> str:
        """case_tags(case_id, tag): one row per tag of each case (tags are a JSON list in text)."""
        if self.postgres:
            source = (
                'FROM "case" c CROSS JOIN LATERAL json_array_elements_text(CAST(c.tags AS json)) AS j(value)'
            )
        else:
            source = 'FROM "case" c, json_each(c.tags) AS j'
        return f"case_tags AS (SELECT c.id AS case_id, j.value AS tag {source})"


class FlowQuery:
    """Rows of a table counted by the month of one of their dates, within the fiscal year up to `as_of`."""

    def __init__(
        self, session: Session, dialect: Dialect, months: Sequence[tuple[dt.date, dt.date]], as_of: dt.date
    ) -> None:
        self.session, self.dialect = session, dialect
        self.first, self.last = months[0][0], min(months[-1][1], as_of)
        self.index = {f"{first:%Y-%m}": number for number, (first, _) in enumerate(months)}

    def rows(self, source: str, date: str, *columns: str, where: str = "") -> Iterator[tuple[Any, ...]]:
        """(month number 0..11, *columns, count) for every group of the rows of `source` whose `date`
        falls within the year (and `where`)."""
        selected = ", ".join((self.dialect.month(date), *columns, "COUNT(*)"))
        positions = ", ".join(str(number) for number in range(1, len(columns) + 2))
        condition = f" AND {where}" if where else ""
        sql = text(
            f"SELECT {selected} FROM {source} WHERE {date} BETWEEN :first AND :last{condition} GROUP BY {positions}"
        ).bindparams(bindparam("first", self.first, type_=Date), bindparam("last", self.last, type_=Date))
        for row in self.session.execute(sql):
            yield (self.index[row[0]], *row[1:])


class Periods:
    """The months of the year begun by `as_of` as periods 0..11, the last of them ending on `as_of`,
    and the year so far as period 12: what stood at a month's end, or who was active in it, is not
    known before the month has come (a year not yet begun has no period)."""

    def __init__(self, months: Sequence[tuple[dt.date, dt.date]], as_of: dt.date) -> None:
        begun = [(n, first, min(last, as_of)) for n, (first, last) in enumerate(months) if first <= as_of]
        self.items = [*begun, (12, months[0][0], begun[-1][2])] if begun else []
        self.last_month = begun[-1][0] if begun else None

    def __bool__(self) -> bool:
        return bool(self.items)

    def cte(self) -> str:
        values = ", ".join(f"({number}, :first{number}, :last{number})" for number, _, _ in self.items)
        return f"periods(n, first_day, last_day) AS (VALUES {values})"

    def params(self) -> list[BindParameter[dt.date]]:
        params = []
        for number, first, last in self.items:
            params.append(bindparam(f"first{number}", first, type_=Date))
            params.append(bindparam(f"last{number}", last, type_=Date))
        return params


# A plan version approved in a case with no earlier approved version: a plan created (1), else revised (0).
PLAN_IS_FIRST = (
    "CASE WHEN EXISTS (SELECT 1 FROM support_plan e WHERE e.case_id = p.case_id "
    "AND e.approved_date IS NOT NULL AND e.number < p.number) THEN 0 ELSE 1 END"
)

# The stage history as intervals: each event's stage holds from its date until the next event's.
STAGES_CTE = (
    "stages AS (SELECT case_id, to_stage, date AS start_day, "
    "LEAD(date) OVER (PARTITION BY case_id ORDER BY date, id) AS end_day "
    "FROM case_event WHERE date IS NOT NULL)"
)
STAGE_AT_MONTH_END = (
    "SELECT p.n, s.to_stage, COUNT(*) FROM periods p JOIN stages s ON s.start_day <= p.last_day "
    "AND (s.end_day IS NULL OR s.end_day > p.last_day) WHERE p.n < 12 GROUP BY p.n, s.to_stage"
)
# A case is active in a period when it spent some of it at a stage other than 終結 or 中断.
ACTIVE_CTE = (
    "active AS (SELECT DISTINCT p.n, s.case_id FROM periods p JOIN stages s ON s.start_day <= p.last_day "
    "AND (s.end_day IS NULL OR s.end_day >= p.first_day) WHERE s.to_stage NOT IN ('closed', 'suspended'))"
)
# Approved plan versions as intervals: each is in force from its approval until the next one's.
PLANS_CTE = (
    "plans AS (SELECT case_id, outreach, participation, approved_date AS start_day, "
    "LEAD(approved_date) OVER (PARTITION BY case_id ORDER BY approved_date, number) AS end_day "
    "FROM support_plan WHERE approved_date IS NOT NULL)"
)


def _plan_linked(flag: str) -> str:
    """(period, case) of active cases whose plan in force during the period ticks `flag`."""
    return (
        "SELECT a.n, a.case_id FROM active a JOIN periods p ON p.n = a.n JOIN plans pl "
        "ON pl.case_id = a.case_id AND pl.start_day <= p.last_day "
        f"AND (pl.end_day IS NULL OR pl.end_day >= p.first_day) WHERE pl.{flag}"
    )


# A contact of mode 訪問 or 同行 links a case to アウトリーチ; a match, from its start (or, a step
# skipped, its settling) until it ended, to 参加支援; so does an active case's plan in force ticking it.
OUTREACH_CASES = (
    "SELECT p.n, c.case_id FROM periods p JOIN contact_log c ON c.date BETWEEN p.first_day AND p.last_day "
    f"WHERE c.mode IN ('visit', 'accompany') UNION {_plan_linked('outreach')}"
)
PARTICIPATION_CASES = (
    "SELECT p.n, m.case_id FROM periods p JOIN resource_match m "
    "ON COALESCE(m.started_date, m.settled_date) <= p.last_day "
    "AND (m.ended_date IS NULL OR m.ended_date >= p.first_day) "
    f"UNION {_plan_linked('participation')}"
)


def distinct_cases(periods: Periods, dialect: Dialect) -> str:
    """(figure key, period, distinct cases) of every `cases` figure, in one query, so that the stage
    intervals and the active cases are computed once (a CTE used more than once is materialized)."""
    return (
        f"WITH {periods.cte()}, {STAGES_CTE}, {ACTIVE_CTE}, {PLANS_CTE}, {dialect.case_tags_cte()} "
        "SELECT 'cases.active', n, COUNT(*) FROM active GROUP BY n "
        f"UNION ALL SELECT 'links.outreach', n, COUNT(*) FROM ({OUTREACH_CASES}) linked GROUP BY n "
        f"UNION ALL SELECT 'links.participation', n, COUNT(*) FROM ({PARTICIPATION_CASES}) linked GROUP BY n "
        "UNION ALL SELECT 'tags.' || t.tag, a.n, COUNT(*) FROM active a JOIN case_tags t "
        "ON t.case_id = a.case_id GROUP BY t.tag, a.n"
    )
