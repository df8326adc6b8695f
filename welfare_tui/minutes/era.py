"""和暦 (Japanese era) dates for minutes, as municipal documents write them (domain.md §8.1).

* a day: 令和8年11月20日(金); the first year of an era is 元年 (令和元年5月1日(水)); the day an era
  starts belongs to the new era (2019-05-01 is 令和元年, 2019-04-30 is 平成31年);
* a fiscal year (年度, April to March): 令和8年度 for 2026-04-01..2027-03-31. A 年度 is named after the
  era of its first day, so 2019-04-01..2020-03-31 is 平成31年度 (the name municipalities used), and
  2020-04-01 starts 令和2年度;
* a year alone (masked birth dates keep only the year): 昭和19年;
* times: 14:00〜15:10 (unchanged 24-hour clock, the form minutes use).

Dates before 明治 (1868) print in 西暦: no minutes need them and the lunar calendar was in force.

English minutes (`--lang en`) with `--era` print the Western date first and the era romanised after
it, through the messages of welfare_tui.i18n: Fri 20 Nov 2026 (Reiwa 8), FY2026 (Reiwa 8), 1944 (Showa 19).
A reader abroad needs the Western year; a Japanese office reading the English minutes still finds
the era it files by. (CSV keeps ISO dates in English: an English Excel reads no era date.)
Pure and dependency-free: the eras are a short table, not a locale lookup that differs by platform.
"""

from __future__ import annotations

import datetime as dt

# (first day, name), newest first; ERA_KEYS name their romanised message (export.era.<key>).
ERAS: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
    (dt.date(1912, 7, 30), "大正"),
    (dt.date(1868, 1, 1), "明治"),  # retro-dated to 1 January (domain.md §8.1)
)
WEEKDAYS = "月火水木金土日"
ERA_KEYS = {"令和": "reiwa", "平成": "heisei", "昭和": "showa", "大正": "taisho", "明治": "meiji"}


def era_year(day: dt.date) -> tuple[str, int] | None:
    """(era name, year of the era) for `day`, or None before 明治."""
    for start, name in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    return None


def year_text(name: str, year: int) -> str:
    return f"{name}{'元' if year == 1 else year}年"


def wareki(day: dt.date, *, weekday: bool = True) -> str:
    """令和8年11月20日(金) — or without the day of the week (a CSV cell Excel reads as a date)."""
    era = era_year(day)
    text = f"{year_text(*era)}{day.month}月{day.day}日" if era else f"{day.year}年{day.month}月{day.day}日"
    return f"{text}({WEEKDAYS[day.weekday()]})" if weekday else text


def fiscal_year(day: dt.date) -> str:
    """令和8年度: the 年度 (April to March) `day` falls in, named after the era of its 1 April."""
    first = dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    era = era_year(first)
    return f"{year_text(*era)[:-1]}年度" if era else f"{first.year}年度"


def birth_year(year: int) -> str:
    """A year alone (masked birth dates): 昭和19年. A year two eras share is named by its last era
    (1989 → 平成元年, 2019 → 令和元年), as a person born in it would most likely write."""
    era = era_year(dt.date(year, 12, 31))
    return year_text(*era) if era else f"{year}年"


def english(day: dt.date, *, weekday: bool = True) -> str:
    """Fri 20 Nov 2026 (Reiwa 8): the English form of `wareki`, texts from i18n."""
    from welfare_tui.i18n import t

    text = t("export.era.date", year=day.year, month=t(f"export.month.{day.month}"), day=day.day)
    era = era_year(day)
    if era:
        text = t("export.era.with_era", date=text, era=t(f"export.era.{ERA_KEYS[era[0]]}"), era_year=era[1])
    return (
        t("export.era.weekday", date=text, weekday=t(f"export.weekday.{day.weekday() + 1}"))
        if weekday
        else text
    )


def english_fiscal_year(day: dt.date) -> str:
    """FY2026 (Reiwa 8): the English form of `fiscal_year` (named after the era of its 1 April)."""
    from welfare_tui.i18n import t

    first = dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    era = era_year(first)
    if era is None:
        return f"FY{first.year}"
    return t(
        "export.era.fiscal_year", year=first.year, era=t(f"export.era.{ERA_KEYS[era[0]]}"), era_year=era[1]
    )


def english_birth_year(year: int) -> str:
    """1944 (Showa 19): the English form of `birth_year`."""
    from welfare_tui.i18n import t

    era = era_year(dt.date(year, 12, 31))
    if era is None:
        return str(year)
    return t("export.era.birth_year", year=year, era=t(f"export.era.{ERA_KEYS[era[0]]}"), era_year=era[1])


def parse_date(text: object) -> dt.date | None:
    """An ISO date string (YYYY-MM-DD) as a date, or None for anything else (left for the caller to
    print as it stands: minutes never fail on content)."""
    if not isinstance(text, str) or len(text.strip()) != 10:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def format_date(text: object, *, era: bool, weekday: bool = True) -> str:
    """A document date for people: ISO as it is by default (西暦), 和暦 with `era` (in English, the
    Western date with the era romanised: `english`); text that is not an ISO date is returned
    unchanged (a masked birth year, a hand-edited value)."""
    value = "" if text is None else str(text).strip()
    day = parse_date(value)
    if day is None or not era:
        return value
    from welfare_tui.i18n import language

    if language() == "en":
        return english(day, weekday=weekday)
    return wareki(day, weekday=weekday)
