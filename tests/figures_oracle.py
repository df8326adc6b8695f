"""The figures of `stats`, counted again in plain Python over every raw row (`SELECT * FROM table`), as
docs/statistics.md defines them — no code of storage/statistics.py, no GROUP BY — so a test can compare
the two. Returns key → twelve monthly counts and the year ([m0..m11, year]), as known on `as_of`:
nothing dated after it, no month-end stage or distinct case of a month not begun by then, and those of
the month it falls in counted on it."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from sqlalchemy import text

ENDED = ("closed", "suspended")


def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _months(year: int) -> list[tuple[dt.date, dt.date]]:
    result = []
    for index in range(12):
        y, m = (year, 4 + index) if index < 9 else (year + 1, index - 8)
        first = dt.date(y, m, 1)
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        result.append((first, nxt - dt.timedelta(days=1)))
    return result


def _rows(connection, table: str) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in connection.execute(text(f'SELECT * FROM "{table}"'))]


class Oracle:
    def __init__(self, connection, year: int, as_of: dt.date) -> None:
        self.months, self.as_of = _months(year), as_of
        # (period, first, last) of the months begun by as_of, the last ending on it, and the year so far.
        self.begun = [
            (n, first, min(last, as_of)) for n, (first, last) in enumerate(self.months) if first <= as_of
        ]
        if self.begun:
            self.begun.append((12, self.months[0][0], self.begun[-1][2]))
        self.counts: dict[str, list[int]] = defaultdict(lambda: [0] * 13)
        self.tables = {
            name: _rows(connection, name)
            for name in (
                "intake",
                "meeting",
                "support_plan",
                "consent_event",
                "case_event",
                "contact_log",
                "resource_match",
                "unmet_need",
                "role_assignment",
                "case",
            )
        }

    def month_of(self, day: Any) -> int | None:
        value = _day(day)
        for index, (first, last) in enumerate(self.months):
            if value is not None and first <= value <= last:
                return index
        return None

    def add(self, key: str, day: Any) -> None:
        month = self.month_of(day)
        if month is not None and _day(day) <= self.as_of:
            self.counts[key][month] += 1
            self.counts[key][12] += 1

    def compute(self) -> dict[str, list[int]]:
        t = self.tables
        for row in t["intake"]:
            for key in (
                "intakes.total",
                f"intakes.route.{row['route']}",
                f"intakes.outcome.{row['outcome']}",
            ):
                self.add(key, row["date"])
        held = {row["id"]: row for row in t["meeting"] if row["status"] != "planned"}
        for row in held.values():
            self.add("meetings.total", row["date"])
            self.add(f"meetings.type.{row['type']}", row["date"])
        approved = [row for row in t["support_plan"] if row["approved_date"] is not None]
        for row in approved:
            earlier = [o for o in approved if o["case_id"] == row["case_id"] and o["number"] < row["number"]]
            self.add("plans.revised" if earlier else "plans.created", row["approved_date"])
        for row in t["consent_event"]:
            if row["event"] in ("obtained", "withdrawn"):
                self.add(f"consents.{row['event']}", row["date"])
        for row in t["case_event"]:
            if row["kind"] == "opened":
                continue
            if row["to_stage"] == "closed":
                self.add("closures.total", row["date"])
                self.add(f"closures.reason.{row['closure_reason'] or 'other'}", row["date"])
            elif row["to_stage"] == "suspended":
                self.add("suspensions.total", row["date"])
            elif row["to_stage"] == "handed_over":
                self.add("handovers.total", row["date"])
        for row in t["contact_log"]:
            self.add("contacts.total", row["date"])
            self.add(f"contacts.mode.{row['mode']}", row["date"])
            if row["whom"] == "person":
                self.add("contacts.met", row["date"])
        for row in t["resource_match"]:
            for state in ("proposed", "started", "settled", "ended"):
                self.add(f"matches.{state}", row[f"{state}_date"])
        for row in t["unmet_need"]:
            meeting = held.get(row["meeting_id"])
            if meeting is not None:
                self.add("needs.total", meeting["date"])
                if row["sector"]:
                    self.add(f"needs.sector.{row['sector']}", meeting["date"])
        for row in t["role_assignment"]:
            meeting = held.get(row["meeting_id"])
            if meeting is not None:
                self.add("roles.total", meeting["date"])
                if row["agency_id"]:
                    self.add(f"roles.agency.{row['agency_id']}", meeting["date"])
        self._flows_year_is_sum()
        self._stages()
        self._cases()
        return dict(self.counts)

    def _flows_year_is_sum(self) -> None:
        for values in self.counts.values():
            values[12] = sum(values[:12])

    def _intervals(self) -> dict[int, list[tuple[str, dt.date, dt.date | None]]]:
        events: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in self.tables["case_event"]:
            if _day(row["date"]) is not None:
                events[row["case_id"]].append(row)
        intervals = {}
        for case_id, rows in events.items():
            rows.sort(key=lambda r: (_day(r["date"]), r["id"]))
            intervals[case_id] = [
                (r["to_stage"], _day(r["date"]), _day(rows[i + 1]["date"]) if i + 1 < len(rows) else None)
                for i, r in enumerate(rows)
            ]
        return intervals

    def _stages(self) -> None:
        months = self.begun[:-1]
        for intervals in self._intervals().values():
            for month, _, last in months:
                before = [stage for stage, start, _ in intervals if start <= last]
                if before:
                    self.counts[f"cases.stage.{before[-1]}"][month] += 1
        for key, values in self.counts.items():
            if key.startswith("cases.stage.") and months:
                values[12] = values[months[-1][0]]

    def _cases(self) -> None:
        intervals = self._intervals()
        tags = {row["id"]: json.loads(row["tags"] or "[]") for row in self.tables["case"]}
        plans: dict[int, list[tuple[dict[str, Any], dt.date, dt.date | None]]] = defaultdict(list)
        approved = sorted(
            (r for r in self.tables["support_plan"] if r["approved_date"] is not None),
            key=lambda r: (r["case_id"], _day(r["approved_date"]), r["number"]),
        )
        for r in approved:
            plans[r["case_id"]].append((r, _day(r["approved_date"]), None))
        for case_id, items in plans.items():
            plans[case_id] = [
                (r, start, items[i + 1][1] if i + 1 < len(items) else None)
                for i, (r, start, _) in enumerate(items)
            ]
        for period, first, last in self.begun:
            active = {
                case_id
                for case_id, spans in intervals.items()
                if any(
                    stage not in ENDED and start <= last and (end is None or end >= first)
                    for stage, start, end in spans
                )
            }
            self.counts["cases.active"][period] = len(active)
            for case_id in active:
                for tag in tags.get(case_id, []):
                    self.counts[f"tags.{tag}"][period] += 1
            for flag, key in (("outreach", "links.outreach"), ("participation", "links.participation")):
                linked = {
                    case_id
                    for case_id in active
                    for plan, start, end in plans.get(case_id, [])
                    if plan[flag] and start <= last and (end is None or end >= first)
                }
                if flag == "outreach":
                    linked |= {
                        r["case_id"]
                        for r in self.tables["contact_log"]
                        if r["mode"] in ("visit", "accompany") and first <= _day(r["date"]) <= last
                    }
                else:
                    linked |= {
                        r["case_id"]
                        for r in self.tables["resource_match"]
                        if _day(r["started_date"] or r["settled_date"]) is not None
                        and _day(r["started_date"] or r["settled_date"]) <= last
                        and (_day(r["ended_date"]) is None or _day(r["ended_date"]) >= first)
                    }
                self.counts[key][period] = len(linked)


def expected_figures(connection, year: int, as_of: dt.date) -> dict[str, list[int]]:
    return Oracle(connection, year, as_of).compute()
