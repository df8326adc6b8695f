"""The year's figures and the unmet-needs report as Markdown, CSV and JSON (`stats`, `gaps`).

Every rendering starts from the same values (`figures.model`); none counts anything. Markdown tables
line up as plain text too (`minutes.markdown_text.table`); CSV is what Japanese Excel opens (UTF-8 with
a byte-order mark, CRLF, a cell that would start a formula defused); JSON has the keys a script reads
(`key`, `months`, `total`) beside the labels, and the same figures whatever the language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from welfare_tui.figures.model import GapReport, Group, YearFigures
from welfare_tui.i18n import language, t
from welfare_tui.minutes import era as wareki
from welfare_tui.minutes.markdown_text import table

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def year_label(fiscal_year: int, *, era: bool) -> str:
    """令和8年度 with `era` (FY2026 (Reiwa 8) in English), else 2026年度 / FY2026."""
    first = dt.date(fiscal_year, 4, 1)
    if not era:
        return t("figures.fiscal_year", year=fiscal_year)
    return wareki.english_fiscal_year(first) if language() == "en" else wareki.fiscal_year(first)


def month_label(day: dt.date) -> str:
    return t(f"export.month.{day.month}")  # 4月 / Apr


def _day(day: dt.date, *, era: bool) -> str:
    return wareki.format_date(day.isoformat(), era=era, weekday=False)


def title_lines(figures: YearFigures, *, era: bool) -> tuple[str, str]:
    """The title and the period counted (up to the day counted, for a year in progress; none at all,
    for a year not yet begun)."""
    first, as_of = figures.months[0], figures.as_of
    if as_of is None:
        period = t("figures.period", first=_day(first, era=era), last=_day(figures.last_day, era=era))
    elif as_of < first:
        year_end = dt.date(figures.fiscal_year + 1, 3, 31)
        period = t(
            "figures.period_not_begun",
            first=_day(first, era=era),
            last=_day(year_end, era=era),
            day=_day(as_of, era=era),
        )
    else:
        period = t("figures.period_so_far", first=_day(first, era=era), last=_day(as_of, era=era))
    return t("figures.title", year=year_label(figures.fiscal_year, era=era)), period


def total_heading(figures: YearFigures, kind: str) -> str:
    """What the year's column of a group of `kind` holds: 計, 年度末 (現在 in a year in progress), 年度実数."""
    so_far = kind == "stock" and figures.as_of is not None
    return t("figures.total.stock_so_far" if so_far else f"figures.total.{kind}")


def _header(figures: YearFigures, kind: str) -> list[str]:
    return [t("figures.item"), *map(month_label, figures.months), total_heading(figures, kind)]


def _group_table(figures: YearFigures, group: Group) -> str:
    rows = [[series.label, *map(str, series.months), str(series.total)] for series in group.series]
    return table(_header(figures, group.kind), rows)


def stats_markdown(figures: YearFigures, *, era: bool = False) -> str:
    title, period = title_lines(figures, era=era)
    parts = [f"# {title}", "", period, "", t("figures.no_personal")]
    if figures.form is not None:
        rows = [[row.label, *map(str, row.months), str(row.total)] for row in figures.form.rows]
        parts += [
            "",
            f"## {t('figures.form', name=figures.form.name)}",
            "",
            table(_header(figures, "flow"), rows),
        ]
    for group in figures.groups:
        parts += ["", f"## {group.title}", "", _group_table(figures, group)]
    return "\n".join(parts) + "\n"


def stats_csv(figures: YearFigures, *, era: bool = False) -> str:
    """One header row, then a row per figure: group, key, label, kind, twelve months, the year; the
    report form's rows first (group: the form's name, key: the keys it adds up joined by +)."""
    header = [t("figures.group"), t("figures.key"), t("figures.item"), t("figures.kind")]
    header += [*map(month_label, figures.months), t("figures.total.flow")]
    rows: list[Sequence[str]] = [header]
    if figures.form is not None:
        for row in figures.form.rows:
            rows.append(
                [
                    figures.form.name,
                    "+".join(row.keys),
                    row.label,
                    row.kind,
                    *map(str, row.months),
                    str(row.total),
                ]
            )
    for group in figures.groups:
        for series in group.series:
            rows.append(
                [
                    group.title,
                    series.key,
                    series.label,
                    group.kind,
                    *map(str, series.months),
                    str(series.total),
                ]
            )
    return BOM + _csv(rows)


def stats_json(figures: YearFigures, *, era: bool = False) -> str:
    data: dict[str, Any] = {
        "fiscal_year": figures.fiscal_year,
        "label": year_label(figures.fiscal_year, era=era),
        "months": [f"{day:%Y-%m}" for day in figures.months],
        "as_of": None if figures.as_of is None else figures.as_of.isoformat(),
        "groups": [
            {
                "key": group.key,
                "title": group.title,
                "kind": group.kind,
                "series": [
                    {"key": s.key, "label": s.label, "months": list(s.months), "total": s.total}
                    for s in group.series
                ],
            }
            for group in figures.groups
        ],
        "report_form": None
        if figures.form is None
        else {
            "name": figures.form.name,
            "rows": [
                {
                    "label": r.label,
                    "keys": list(r.keys),
                    "kind": r.kind,
                    "months": list(r.months),
                    "total": r.total,
                }
                for r in figures.form.rows
            ],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _csv(rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows([[_defuse(cell) for cell in row] for row in rows])
    return buffer.getvalue()


def _defuse(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


# --- gaps ------------------------------------------------------------------------------------------


def gaps_title(report: GapReport, *, era: bool) -> str:
    scope = (
        t("figures.gaps.all_years") if report.fiscal_year is None else year_label(report.fiscal_year, era=era)
    )
    return (
        f"{t('figures.gaps.title')}（{scope}）"
        if language() == "ja"
        else f"{t('figures.gaps.title')} ({scope})"
    )


def _stages_text(stages: Iterable[tuple[str, str, int]]) -> str:
    return "、".join(f"{name} {count}" for _, name, count in stages)


def gaps_markdown(report: GapReport, *, era: bool = False) -> str:
    parts = [f"# {gaps_title(report, era=era)}", "", t("figures.no_personal")]
    if not report.rows:
        return "\n".join([*parts, "", t("figures.gaps.none")]) + "\n"
    for heading, totals, column in (
        ("figures.gaps.by_category", report.by_category, "figures.gaps.category"),
        ("figures.gaps.by_sector", report.by_sector, "figures.gaps.sector"),
    ):
        rows = [[name, str(count)] for _, name, count in totals]
        parts += ["", f"## {t(heading)}", "", table([t(column), t("figures.gaps.needs")], rows)]
    header = [
        t("figures.gaps.category"),
        t("figures.gaps.sector"),
        t("figures.gaps.needs"),
        t("figures.gaps.cases"),
        t("figures.gaps.stages"),
    ]
    detail = [
        [row.category_label, row.sector_label, str(row.needs), str(row.cases), _stages_text(row.stages)]
        for row in report.rows
    ]
    parts += ["", f"## {t('figures.gaps.detail')}", "", table(header, detail)]
    parts += ["", f"## {t('figures.gaps.examples')}"]
    for row in report.rows:
        parts += [
            "",
            f"### {t('figures.gaps.cell', category=row.category_label, sector=row.sector_label)}",
            "",
        ]
        parts += [f"- {_example(example.member, example.text)}" for example in row.examples]
    return "\n".join(parts) + "\n"


def _example(member: str, text: str) -> str:
    flat = " ".join(text.split())
    return t("figures.gaps.member", member=member, text=flat) if member else flat


def gaps_csv(report: GapReport, *, era: bool = False) -> str:
    header = [
        t("figures.gaps.category"),
        t("figures.gaps.sector"),
        t("figures.gaps.needs"),
        t("figures.gaps.cases"),
        t("figures.gaps.stages"),
        t("figures.gaps.examples"),
    ]
    rows: list[Sequence[str]] = [header]
    for row in report.rows:
        examples = "\n".join(_example(example.member, example.text) for example in row.examples)
        rows.append(
            [
                row.category_label,
                row.sector_label,
                str(row.needs),
                str(row.cases),
                _stages_text(row.stages),
                examples,
            ]
        )
    return BOM + _csv(rows)


def gaps_json(report: GapReport, *, era: bool = False) -> str:
    data = {
        "fiscal_year": report.fiscal_year,
        "label": gaps_title(report, era=era),
        "period": None if report.period is None else [day.isoformat() for day in report.period],
        "total": report.total,
        "by_category": [{"key": k, "label": n, "needs": c} for k, n, c in report.by_category],
        "by_sector": [{"key": k, "label": n, "needs": c} for k, n, c in report.by_sector],
        "rows": [
            {
                "category": row.category,
                "category_label": row.category_label,
                "sector": row.sector,
                "sector_label": row.sector_label,
                "needs": row.needs,
                "cases": row.cases,
                "stages": [{"stage": s, "label": n, "cases": c} for s, n, c in row.stages],
                "examples": [{"text": e.text, "member": e.member, "stage": e.stage} for e in row.examples],
            }
            for row in report.rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
