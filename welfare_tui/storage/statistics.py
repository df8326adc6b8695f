"""The year in figures (`welfare-tui stats`, the statistics screen): every count aggregated in the
database with GROUP BY (fourteen statements: one per measure of things that happen in a month, one
for the stages at each month's end, one for every distinct-case figure), the same SQL on SQLite and
PostgreSQL but for two spellings (`statistics_sql.Dialect`). Python only adds up the few grouped rows
that come back.

`year_figures(session, fiscal_year=2026)` returns `figures.model.YearFigures`; what each figure counts
is stated in docs/statistics.md, and each query here says it again in its docstring.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import text
from sqlmodel import Session

from welfare_tui import domain
from welfare_tui.figures.catalogue import assemble
from welfare_tui.figures.model import YearFigures, fiscal_months
from welfare_tui.storage import statistics_sql as q

Counts = dict[str, list[int]]


def year_figures(session: Session, *, fiscal_year: int, as_of: dt.date | None = None) -> YearFigures:
    """Every figure of the fiscal year `fiscal_year` (April `fiscal_year` to March the year after), as
    known on `as_of` (today): nothing dated after it is counted, nor the stages and distinct cases of
    months not yet begun; the month it falls in is counted up to it."""
    as_of = as_of or dt.date.today()
    dialect = q.Dialect(session.get_bind().dialect.name)
    months = fiscal_months(fiscal_year)
    counts: Counts = defaultdict(lambda: [0] * 13)
    labels: dict[str, str] = {}
    flow = q.FlowQuery(session, dialect, months, as_of)
    _intakes(flow, counts)
    _meetings(flow, counts)
    _plans(flow, counts)
    _consents(flow, counts)
    _stage_ends(flow, counts)
    _contacts(flow, counts)
    _matches(flow, counts)
    _needs(flow, counts)
    _roles(flow, counts, labels)
    periods = q.Periods(months, as_of)
    if periods:
        _stages_at_month_end(session, periods, counts)
        _distinct_cases(session, dialect, periods, counts)
    in_progress = as_of < months[-1][1]
    return assemble(fiscal_year, dict(counts), labels, as_of=as_of if in_progress else None)


def _add(counts: Counts, key: str, month: int, count: int) -> None:
    counts[key][month] += count


def _intakes(flow: q.FlowQuery, counts: Counts) -> None:
    """New intakes by the date received: all, by route, by outcome (the outcome they have now)."""
    for month, route, outcome, count in flow.rows("intake", "date", "route", "outcome"):
        _add(counts, "intakes.total", month, count)
        _add(counts, f"intakes.route.{route}", month, count)
        _add(counts, f"intakes.outcome.{outcome}", month, count)


def _meetings(flow: q.FlowQuery, counts: Counts) -> None:
    """Meetings held (not those still planned) by their date and type."""
    for month, kind, count in flow.rows("meeting", "date", "type", where="status <> 'planned'"):
        _add(counts, "meetings.total", month, count)
        _add(counts, f"meetings.type.{kind}", month, count)


def _plans(flow: q.FlowQuery, counts: Counts) -> None:
    """Plan versions approved in the month: the case's first approved version is a plan created, a
    later one a plan revised."""
    for month, created, count in flow.rows(
        "support_plan p", "p.approved_date", q.PLAN_IS_FIRST, where="p.approved_date IS NOT NULL"
    ):
        _add(counts, "plans.created" if created else "plans.revised", month, count)


def _consents(flow: q.FlowQuery, counts: Counts) -> None:
    """Consent events: obtained, withdrawn."""
    for month, event, count in flow.rows(
        "consent_event", "date", "event", where="event IN ('obtained', 'withdrawn')"
    ):
        _add(counts, f"consents.{event}", month, count)


def _stage_ends(flow: q.FlowQuery, counts: Counts) -> None:
    """Stage events that closed (by reason), suspended or handed over a case (not a case opened at
    such a stage: it did not end in the month)."""
    for month, stage, reason, count in flow.rows(
        "case_event",
        "date",
        "to_stage",
        "closure_reason",
        where="kind <> 'opened' AND to_stage IN ('closed', 'suspended', 'handed_over')",
    ):
        if stage == "closed":
            _add(counts, "closures.total", month, count)
            _add(counts, f"closures.reason.{reason or 'other'}", month, count)
        else:
            _add(counts, "suspensions.total" if stage == "suspended" else "handovers.total", month, count)


def _contacts(flow: q.FlowQuery, counts: Counts) -> None:
    """Contacts of the 支援経過 log by mode; 面会 when the person was met."""
    for month, mode, whom, count in flow.rows("contact_log", "date", "mode", "whom"):
        _add(counts, "contacts.total", month, count)
        _add(counts, f"contacts.mode.{mode}", month, count)
        if whom == "person":
            _add(counts, "contacts.met", month, count)


def _matches(flow: q.FlowQuery, counts: Counts) -> None:
    """参加支援 matches by what happened in the month: proposed, started, settled, ended (its dates)."""
    for state in domain.MATCH_STATE:
        for month, count in flow.rows("resource_match", f"{state}_date"):
            _add(counts, f"matches.{state}", month, count)


def _needs(flow: q.FlowQuery, counts: Counts) -> None:
    """Unmet needs recorded at a meeting held in the month, by sector."""
    for month, sector, count in flow.rows(
        "unmet_need n JOIN meeting m ON m.id = n.meeting_id",
        "m.date",
        "n.sector",
        where="m.status <> 'planned'",
    ):
        _add(counts, "needs.total", month, count)
        if sector:
            _add(counts, f"needs.sector.{sector}", month, count)


def _roles(flow: q.FlowQuery, counts: Counts, labels: dict[str, str]) -> None:
    """Role assignments agreed at a meeting held in the month, by agency (named by the agency table)."""
    for month, agency_id, name, count in flow.rows(
        "role_assignment r JOIN meeting m ON m.id = r.meeting_id LEFT JOIN agency a ON a.id = r.agency_id",
        "m.date",
        "r.agency_id",
        "a.name",
        where="m.status <> 'planned'",
    ):
        _add(counts, "roles.total", month, count)
        if agency_id:
            _add(counts, f"roles.agency.{agency_id}", month, count)
            labels[f"roles.agency.{agency_id}"] = name or agency_id


def _stages_at_month_end(session: Session, periods: q.Periods, counts: Counts) -> None:
    """Cases by the stage their history left them at on the last day of each month (of the current
    month: on `as_of`); the year's figure is the last month's."""
    sql = text(f"WITH {periods.cte()}, {q.STAGES_CTE} {q.STAGE_AT_MONTH_END}")
    for period, stage, count in session.execute(sql.bindparams(*periods.params())):
        _add(counts, f"cases.stage.{stage}", period, count)
        if period == periods.last_month:
            _add(counts, f"cases.stage.{stage}", 12, count)


def _distinct_cases(session: Session, dialect: q.Dialect, periods: q.Periods, counts: Counts) -> None:
    """Distinct cases per month and for the year: active, linked to アウトリーチ and to 参加支援, with
    each issue tag (docs/statistics.md)."""
    sql = text(q.distinct_cases(periods, dialect)).bindparams(*periods.params())
    for key, period, count in session.execute(sql):
        _add(counts, key, period, count)
