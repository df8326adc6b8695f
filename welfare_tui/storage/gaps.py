"""Unmet needs (地域課題) across cases, for the 協議体 or the 地域づくり meeting (`welfare-tui gaps`).

Counted in the database: needs and distinct cases by category and sector, the stages those cases are
at now, and a few examples per category and sector (the latest recorded). Only the examples' texts
leave as text, and only masked: each through `minutes.masking.mask_document` with its case's household
and every personal value of the cases the examples come from (`storage.personal.personal_values`), so a
name in a need's text becomes A氏 or ○○ — the masker the minutes use, with the leak gate's finder.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Date, bindparam, text
from sqlmodel import Session

from welfare_tui import domain
from welfare_tui.figures.model import GapExample, GapReport, GapRow, fiscal_months
from welfare_tui.i18n import label, t

EXAMPLES = 3  # per category and sector
_SOURCE = 'unmet_need n JOIN meeting m ON m.id = n.meeting_id JOIN "case" c ON c.id = n.case_id'


def gap_report(session: Session, *, fiscal_year: int | None = None) -> GapReport:
    """The needs of meetings dated within `fiscal_year` (every need when None)."""
    period = None
    if fiscal_year is not None:
        months = fiscal_months(fiscal_year)
        period = (months[0][0], months[-1][1])
    where, params = _within(period)
    cells = {
        (category, sector): (needs, cases)
        for category, sector, needs, cases in session.execute(
            text(
                f"SELECT n.category, n.sector, COUNT(*), COUNT(DISTINCT n.case_id) FROM {_SOURCE}{where} "
                "GROUP BY n.category, n.sector"
            ).bindparams(*params)
        )
    }
    stages: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for category, sector, stage, count in session.execute(
        text(
            f"SELECT n.category, n.sector, c.status, COUNT(DISTINCT n.case_id) FROM {_SOURCE}{where} "
            "GROUP BY n.category, n.sector, c.status"
        ).bindparams(*params)
    ):
        stages[(category, sector)][stage] = count
    examples = _examples(session, where, params)
    rows = tuple(
        _row(category, sector, needs, cases, stages[(category, sector)], examples.get((category, sector), []))
        for (category, sector), (needs, cases) in sorted(cells.items(), key=_order)
    )
    return GapReport(fiscal_year, period, rows, _totals(rows, "category"), _totals(rows, "sector"))


def _within(period: tuple[dt.date, dt.date] | None) -> tuple[str, list[Any]]:
    if period is None:
        return "", []
    return " WHERE m.date BETWEEN :first AND :last", [
        bindparam("first", period[0], type_=Date),
        bindparam("last", period[1], type_=Date),
    ]


def _order(item: tuple[tuple[str, str], tuple[int, int]]) -> tuple[int, int, str, str]:
    (category, sector), (needs, _) = item
    return (_position(domain.NEED_CATEGORY, category), -needs, category, sector or "")


def _position(vocabulary: dict[str, str], key: str) -> int:
    keys = list(vocabulary)
    return keys.index(key) if key in keys else len(keys)


# The latest recording of each text (a need carried from one meeting to the next is one example),
# then the latest EXAMPLES texts of each category and sector.
_EXAMPLES_SQL = (
    "SELECT category, sector, text, member, case_id, status FROM (SELECT category, sector, text, member, "
    "case_id, status, ROW_NUMBER() OVER (PARTITION BY category, sector ORDER BY day DESC, id DESC) AS place "
    "FROM (SELECT n.id, n.category, n.sector, n.text, n.member, n.case_id, c.status, m.date AS day, "
    "ROW_NUMBER() OVER (PARTITION BY n.category, n.sector, n.text ORDER BY m.date DESC, n.id DESC) AS copy "
    "FROM {source}{where}) latest WHERE copy = 1) ranked WHERE place <= {examples} ORDER BY category, sector, place"
)


def _examples(session: Session, where: str, params: list[Any]) -> dict[tuple[str, str], list[GapExample]]:
    """The latest EXAMPLES distinct needs of each category and sector, masked with their case's values."""
    sql = _EXAMPLES_SQL.format(source=_SOURCE, where=where, examples=EXAMPLES)
    rows = session.execute(text(sql).bindparams(*params)).all()
    masked = _masked_texts(session, [(row.case_id, row.text) for row in rows])
    found: dict[tuple[str, str], list[GapExample]] = defaultdict(list)
    for row, shown in zip(rows, masked, strict=True):
        found[(row.category, row.sector)].append(GapExample(shown, row.status, row.member or ""))
    return found


def _masked_texts(session: Session, items: list[tuple[int, str]]) -> list[str]:
    """Each text masked by its case's household (names → A氏...) and the cases' every personal value."""
    from welfare_tui.storage.case_masking import known_values, mask_case_parts

    texts: dict[int, list[str]] = defaultdict(list)
    for case_id, need_text in items:
        texts[case_id].append(need_text)
    # The personal values of every case an example comes from, found once: another case's name in a
    # need's text becomes ○○, the case's own household A氏, B氏...
    known = known_values(session, case_ids=sorted(texts))
    masked = {
        case_id: list(part["examples"])
        for case_id, part in mask_case_parts(
            session, {case_id: {"examples": texts[case_id]} for case_id in sorted(texts)}, known
        ).items()
    }
    return [masked[case_id].pop(0) for case_id, _ in items]


def _row(
    category: str,
    sector: str,
    needs: int,
    cases: int,
    stages: dict[str, int],
    examples: list[GapExample],
) -> GapRow:
    ordered = sorted(stages.items(), key=lambda item: (_position(domain.CASE_STATUS, item[0]), item[0]))
    return GapRow(
        category,
        label("need_category", category),
        sector or "",
        label("resource_sector", sector) if sector else t("figures.gaps.no_sector"),
        needs,
        cases,
        tuple((stage, label("case_status", stage), count) for stage, count in ordered),
        tuple(examples),
    )


def _totals(rows: tuple[GapRow, ...], by: str) -> tuple[tuple[str, str, int], ...]:
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        key = (row.category, row.category_label) if by == "category" else (row.sector, row.sector_label)
        sums[key] += row.needs
    vocabulary = domain.NEED_CATEGORY if by == "category" else domain.RESOURCE_SECTOR
    return tuple(
        (key, name, count)
        for (key, name), count in sorted(
            sums.items(), key=lambda item: (_position(vocabulary, item[0][0]), item[0])
        )
    )
