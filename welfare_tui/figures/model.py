"""The figures of a fiscal year and the unmet-needs report, as plain frozen values.

A fiscal year (年度) runs from April to March: `months` are the first days of its twelve months. Every
figure is a `Series` of twelve monthly counts and a count for the year; a `Group` holds the series of one
measure (new intakes by route, cases by stage...) and says what kind of count they are:

* `flow` — things that happened in the month (an intake, a meeting, a closure): the year is the sum;
* `stock` — cases at the month's end (cases by stage): the year is the value at the end of March (of a
  year in progress: on the day it was counted, `as_of`, as is the current month's; later months are 0);
* `cases` — distinct cases that something applied to during the month (active cases with a tag, cases
  linked to アウトリーチ): the year counts each case once, so it is not the sum of the months.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = ("flow", "stock", "cases")


@dataclass(frozen=True)
class Series:
    key: str  # "intakes.route.agency": what a report form names
    label: str  # 関係機関 (current language)
    months: tuple[int, ...]  # twelve counts, April .. March
    total: int  # the year (see the module docstring for each kind)


@dataclass(frozen=True)
class Group:
    key: str  # "intakes_route"
    title: str  # 新規相談受付（経路別）
    kind: str  # one of KINDS
    series: tuple[Series, ...]


@dataclass(frozen=True)
class FormRow:
    """One row of a report form as applied to a year: its label and the sum of its figures."""

    label: str
    keys: tuple[str, ...]
    kind: str
    months: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class FormTable:
    name: str
    rows: tuple[FormRow, ...]


@dataclass(frozen=True)
class YearFigures:
    fiscal_year: int  # 2026 for 2026-04-01 .. 2027-03-31
    months: tuple[dt.date, ...]
    groups: tuple[Group, ...]
    form: FormTable | None = None
    as_of: dt.date | None = None  # the day a year still in progress was counted on; None: a year ended

    @property
    def last_day(self) -> dt.date:
        """The last day counted: `as_of`, or 31 March of a year ended."""
        return self.as_of or dt.date(self.fiscal_year + 1, 3, 31)

    def series(self, key: str) -> Series | None:
        for group in self.groups:
            for series in group.series:
                if series.key == key:
                    return series
        return None

    def kind_of(self, key: str) -> str | None:
        for group in self.groups:
            if any(series.key == key for series in group.series):
                return group.kind
        return None


@dataclass(frozen=True)
class GapExample:
    """One need's text, masked: the case's household names (and every personal value of the case)
    replaced; `stage` is the case's stage now."""

    text: str
    stage: str
    member: str  # a relation (本人, 長男), never a name


@dataclass(frozen=True)
class GapRow:
    category: str  # NEED_CATEGORY key
    category_label: str
    sector: str  # RESOURCE_SECTOR key ("" when none was given)
    sector_label: str
    needs: int  # rows recorded
    cases: int  # distinct cases they come from
    stages: tuple[tuple[str, str, int], ...]  # (stage key, label, cases at that stage now)
    examples: tuple[GapExample, ...] = field(default=())


@dataclass(frozen=True)
class GapReport:
    fiscal_year: int | None  # None: every need recorded
    period: tuple[dt.date, dt.date] | None
    rows: tuple[GapRow, ...]
    by_category: tuple[tuple[str, str, int], ...]  # (key, label, needs)
    by_sector: tuple[tuple[str, str, int], ...]

    @property
    def total(self) -> int:
        return sum(row.needs for row in self.rows)


def fiscal_months(fiscal_year: int) -> tuple[tuple[dt.date, dt.date], ...]:
    """(first day, last day) of each month of the fiscal year, April .. March."""
    months = []
    for index in range(12):
        year, month = (fiscal_year, 4 + index) if index < 9 else (fiscal_year + 1, index - 8)
        first = dt.date(year, month, 1)
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        months.append((first, following - dt.timedelta(days=1)))
    return tuple(months)


def fiscal_year_of(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1
