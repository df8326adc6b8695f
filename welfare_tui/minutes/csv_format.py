"""Role assignments and monitoring dates as CSV that Japanese Excel opens without garbling.

What Excel needs (and LibreOffice and the csv module accept):
* UTF-8 **with** a byte-order mark: without it Japanese Excel reads the file as Shift_JIS (CP932) and
  every kanji turns to mojibake;
* CRLF between records; a line break typed inside a cell stays a bare LF inside the quoted cell, which
  Excel shows as a line break within the cell;
* RFC 4180 quoting: a cell holding a comma, a double quote or a line break is quoted, quotes doubled;
* exactly one header row, then one row per role assignment and per monitoring date, in document order.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run by Excel as a
formula (CSV injection), so such text gets a leading `'`, which Excel hides and shows the text as it is.
Dates stay ISO (2026-11-30), which Excel reads as dates; with `--era` they are 令和8年11月30日, which
Japanese Excel also reads as a date (no day of the week, which would make it text). English exports
(`--lang en`) keep ISO dates even with `--era`: an English Excel reads no era date. Headers, kinds,
statuses and meeting types follow the language; what people typed stays as typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from welfare_tui import domain
from welfare_tui.i18n import label, language, t
from welfare_tui.minutes import era as wareki
from welfare_tui.minutes.markdown_text import AgencyNames, as_mapping

BOM = "\ufeff"
COLUMNS = (
    "kind",
    "case_code",
    "case_label",
    "meeting_date",
    "round",
    "meeting_type",
    "content",
    "agency",
    "person",
    "date",
    "status",
    "meeting_uid",
    "masked",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_head(*, masked: bool = False) -> str:
    """The byte-order mark and the one header row (the same for masked rows, which say so in a column:
    `masked` is there for the stream protocol of minutes/formats.py)."""
    return BOM + _lines([[t(f"minutes.csv.{column}") for column in COLUMNS]])


def csv_rows(doc: Mapping[str, Any], *, era: bool = False) -> str:
    """The data rows of one meeting document: its role assignments, then its monitoring dates."""
    return _lines(rows(doc, era=era))


def rows(doc: Mapping[str, Any], *, era: bool = False) -> list[list[str]]:
    agencies = as_mapping(doc.get("agencies"))
    case = as_mapping(doc.get("case"))
    meeting = as_mapping(doc.get("meeting"))

    era_dates = era and language() != "en"

    def day(value: Any) -> str:
        return wareki.format_date(value, era=era_dates, weekday=False)

    # A role's agency with the 地域資源 that takes it on, as the Markdown minutes write it.
    names = AgencyNames(agencies, as_mapping(doc.get("resources")))

    type_key = _text(meeting.get("type"))
    meeting_type = domain.MEETING_TYPES.get(type_key)
    type_label = _text(meeting.get("type_label")) or (meeting_type.label if meeting_type else type_key)
    if language() == "en" and meeting_type is not None:
        type_label = label("meeting_type", type_key)
    common = {
        "case_code": _text(case.get("code")),
        "case_label": _text(case.get("label")),
        "meeting_date": day(meeting.get("date")),
        "round": _text(meeting.get("round")),
        "meeting_type": type_label,
        "meeting_uid": _text(meeting.get("uid")),
        "masked": t("minutes.csv.masked_yes") if doc.get("masked") else "",
    }
    result = []
    for item in map(as_mapping, _list(doc.get("roles"))):
        result.append(
            _row(
                {
                    **common,
                    "kind": t("minutes.csv.kind.role"),
                    "content": _text(item.get("task")),
                    "agency": names.with_resource(item.get("agency"), item.get("resource")),
                    "person": _text(item.get("person")),
                    "date": day(item.get("due")),
                    "status": _status(item.get("status")),
                }
            )
        )
    for item in map(as_mapping, _list(doc.get("monitoring"))):
        result.append(
            _row(
                {
                    **common,
                    "kind": t("minutes.csv.kind.monitoring"),
                    "content": _text(item.get("what")),
                    "agency": "",
                    "person": "",
                    "date": day(item.get("date")),
                    "status": _status(item.get("status")),
                }
            )
        )
    return result


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Any table as this module writes the minutes' CSV (byte-order mark, CRLF, quoting, formulas
    defused): `welfare-tui contacts list --format csv` uses it."""
    return BOM + _lines([list(header), *([_defuse(cell) for cell in row] for row in rows)])


def _row(values: Mapping[str, str]) -> list[str]:
    return [_defuse(values.get(column, "")) for column in COLUMNS]


def _lines(rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue()


def _defuse(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _status(value: Any) -> str:
    return label("role_status", _text(value))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _list(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list | tuple) else ()
