"""Role assignments, monitoring dates and the next meeting as iCalendar (RFC 5545), for Outlook & co.

* a VTODO for every role assignment: DUE is its due date, the description names the agency, the
  person and the case; its STATUS follows the role (open/revise → NEEDS-ACTION, continue →
  IN-PROCESS, done → COMPLETED, dropped → CANCELLED), so importing a later export closes finished tasks;
* an all-day VEVENT for each monitoring date, and a VEVENT for the next meeting (timed when its time is
  known, lasting as long as this meeting did, else one hour; all-day otherwise);
* a planned meeting (not held yet) is itself a VEVENT, the invitation: timed from its start to its
  end (one hour when no end is set) when its start is known, all-day otherwise.

A calendar with no component is invalid (RFC 5545 §3.6: at least one), so none is ever written:
`ics_components` of a meeting with nothing to put in a calendar is empty, `minutes.render` refuses
such a meeting, and `export` leaves it out (exit 1 when that leaves nothing at all).

UIDs are stable so that importing a newer export updates the same items instead of adding copies:
`meeting-{meeting uid}@welfare-tui`, `role-{meeting uid}-{n}@welfare-tui`,
`monitoring-{meeting uid}-{n}@welfare-tui` (n = position in the meeting, from 1) and
`next-meeting-{meeting uid}@welfare-tui`. Times are Japan time written in UTC
(`Z`): Japan has no daylight saving, and UTC needs no VTIMEZONE block. DTSTAMP is the end of the
meeting (its date at 00:00 when no time was recorded), so one meeting always gives the same bytes.

Built with the icalendar library (folding, escaping, UTF-8 handled by it); imported on first use.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from welfare_tui import domain
from welfare_tui.i18n import label, language, t
from welfare_tui.minutes.markdown_text import as_mapping

PRODID = "-//welfare-tui//minutes//JA"
JST = dt.timezone(dt.timedelta(hours=9))
TODO_STATUS = {
    "open": "NEEDS-ACTION",
    "revise": "NEEDS-ACTION",
    "continue": "IN-PROCESS",
    "done": "COMPLETED",
    "dropped": "CANCELLED",
}


def ics_head(*, masked: bool = False) -> str:
    """BEGIN:VCALENDAR and the calendar's properties (the components follow, then `ics_tail`)."""
    from icalendar import Calendar  # ~40 ms; only iCalendar exports need it

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = t("minutes.ics.calendar") + (t("minutes.ics.masked") if masked else "")
    calendar.add("x-wr-calname", name)
    if masked:
        calendar.add("x-welfare-tui-masked", "TRUE")
    text: str = calendar.to_ical().decode("utf-8")
    end = "END:VCALENDAR\r\n"
    assert text.endswith(end)
    return text[: -len(end)]


def ics_tail(*, masked: bool = False) -> str:
    """END:VCALENDAR (`masked` is there for the stream protocol of minutes/formats.py)."""
    return "END:VCALENDAR\r\n"


def unfolded(text: str) -> str:
    """iCalendar text as a reader sees it: folded lines joined, backslash escapes undone (the leak
    gate scans this)."""
    text = re.sub(r"\r?\n[ \t]", "", text)
    return re.sub(r"\\([,;\\])", r"\1", text).replace("\\n", "\n").replace("\\N", "\n")


def ics_components(doc: Mapping[str, Any]) -> str:
    """The VTODO and VEVENT components of one meeting document, in document order."""
    meeting = _Meeting(doc)
    components = [
        *_planned_meeting(doc, meeting),
        *_role_todos(doc, meeting),
        *_monitoring_events(doc, meeting),
        *_next_meeting(doc, meeting),
    ]
    return "".join(component.to_ical().decode("utf-8") for component in components)


class _Meeting:
    """What every component of one meeting's calendar shares: uid, stamp and the lines naming it."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.agencies = as_mapping(doc.get("agencies"))
        self.case = case = as_mapping(doc.get("case"))
        self.meeting = meeting = as_mapping(doc.get("meeting"))
        self.uid = _text(meeting.get("uid")) or _text(case.get("code")) or "meeting"
        self.day = _date(meeting.get("date"))
        self.stamp = _stamp(self.day, _text(meeting.get("end")) or _text(meeting.get("start")))
        self.type_label = _type_label(meeting)
        self.case_text = " ".join(
            part for part in (_text(case.get("code")), _text(case.get("label"))) if part
        )
        round_number = _text(meeting.get("round"))
        round_text = t("minutes.round", round=round_number) if round_number else ""
        self.meeting_text = " ".join(
            part for part in (self.type_label, round_text, _text(meeting.get("date"))) if part
        )
        self.masked = t("minutes.ics.masked") if doc.get("masked") else ""

    def agency_name(self, agency_id: Any) -> str:
        entry = as_mapping(self.agencies.get(_text(agency_id)))
        return _text(entry.get("name")) or _text(agency_id)

    def describe(self, *lines: tuple[str, str]) -> str:
        shown = [t(key, value=value) for key, value in lines if value]
        return "\n".join([*shown, *([self.masked] if self.masked else [])])

    def component(self, kind: type[Any], uid: str, summary: str) -> Any:
        component = kind()
        component.add("uid", f"{uid}@welfare-tui")
        component.add("dtstamp", self.stamp)
        component.add("summary", summary)
        return component


def _planned_meeting(doc: Mapping[str, Any], shared: _Meeting) -> list[Any]:
    """The meeting itself, while it is planned."""
    from icalendar import Event

    meeting, case = shared.meeting, shared.case
    if _text(meeting.get("status")) != "planned" or shared.day is None:
        return []
    summary = t("minutes.ics.meeting_summary", label=_one_line(case.get("label")), type=shared.type_label)
    event = shared.component(Event, f"meeting-{shared.uid}", summary)
    _add_when(event, shared.day, _clock(meeting.get("start")), _length(meeting))
    event.add("status", "CONFIRMED")
    if _text(meeting.get("place")):
        event.add("location", _one_line(meeting.get("place")))
    event.add(
        "description",
        shared.describe(
            ("minutes.ics.case", shared.case_text),
            ("minutes.ics.meeting", shared.meeting_text),
            ("minutes.ics.place", _one_line(meeting.get("place"))),
            ("minutes.ics.purpose", _text(meeting.get("purpose"))),
        ),
    )
    return [event]


def _role_todos(doc: Mapping[str, Any], shared: _Meeting) -> list[Any]:
    """A VTODO per role assignment."""
    from icalendar import Todo

    todos = []
    for number, item in enumerate(map(as_mapping, _list(doc.get("roles"))), start=1):
        summary = t("minutes.ics.role_summary", task=_one_line(item.get("task")))
        todo = shared.component(Todo, f"role-{shared.uid}-{number}", summary)
        due = _date(item.get("due"))
        if due is not None:
            todo.add("due", due)
        status = _text(item.get("status")) or "open"
        todo.add("status", TODO_STATUS.get(status, "NEEDS-ACTION"))
        if status == "done":
            todo.add("percent-complete", 100)
        agency = shared.agency_name(item.get("agency")) if item.get("agency") else ""
        if agency:
            todo.add("categories", [agency])
        todo.add(
            "description",
            shared.describe(
                ("minutes.ics.agency", agency),
                ("minutes.ics.person", _text(item.get("person"))),
                ("minutes.ics.case", shared.case_text),
                ("minutes.ics.meeting", shared.meeting_text),
                ("minutes.ics.status", label("role_status", status)),
            ),
        )
        todos.append(todo)
    return todos


def _monitoring_events(doc: Mapping[str, Any], shared: _Meeting) -> list[Any]:
    """An all-day VEVENT per monitoring date."""
    from icalendar import Event

    events = []
    for number, item in enumerate(map(as_mapping, _list(doc.get("monitoring"))), start=1):
        day = _date(item.get("date"))
        if day is None:
            continue
        summary = t("minutes.ics.monitoring_summary", what=_one_line(item.get("what")))
        event = shared.component(Event, f"monitoring-{shared.uid}-{number}", summary)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add(
            "description",
            shared.describe(
                ("minutes.ics.case", shared.case_text),
                ("minutes.ics.meeting", shared.meeting_text),
                ("minutes.ics.status", label("role_status", _text(item.get("status")))),
            ),
        )
        events.append(event)
    return events


def _next_meeting(doc: Mapping[str, Any], shared: _Meeting) -> list[Any]:
    """The next meeting, when it has a date."""
    from icalendar import Event

    next_meeting = as_mapping(doc.get("next_meeting"))
    next_day = _date(next_meeting.get("date"))
    if next_day is None:
        return []
    summary = t("minutes.ics.next_summary", label=_one_line(shared.case.get("label")), type=shared.type_label)
    event = shared.component(Event, f"next-meeting-{shared.uid}", summary)
    _add_when(event, next_day, _clock(next_meeting.get("time")), _length(shared.meeting))
    if _text(next_meeting.get("place")):
        event.add("location", _one_line(next_meeting.get("place")))
    event.add(
        "description",
        shared.describe(
            ("minutes.ics.case", shared.case_text),
            ("minutes.ics.meeting", shared.meeting_text),
            ("minutes.ics.note", _text(next_meeting.get("note"))),
        ),
    )
    return [event]


def meeting_times(meeting: Mapping[str, Any]) -> tuple[dt.datetime, dt.date, dt.date] | None:
    """(DTSTAMP, DTSTART, DTEND) of a meeting as its event here has them (a meeting notice's .ics
    uses the same), or None without a date. Start and end are UTC date-times, or whole days."""
    day = _date(meeting.get("date"))
    if day is None:
        return None
    stamp = _stamp(day, _text(meeting.get("end")) or _text(meeting.get("start")))
    start = _clock(meeting.get("start"))
    if start is None:
        return stamp, day, day + dt.timedelta(days=1)
    begins = dt.datetime.combine(day, start, JST).astimezone(dt.UTC)
    return stamp, begins, begins + _length(meeting)


def _stamp(day: dt.date | None, clock: str) -> dt.datetime:
    day = day or dt.date(1970, 1, 1)
    time = _clock(clock) or dt.time(0, 0)
    return dt.datetime.combine(day, time, JST).astimezone(dt.UTC)


def _add_when(event: Any, day: dt.date, start: dt.time | None, length: dt.timedelta) -> None:
    """A meeting's DTSTART/DTEND: from its start (Japan time) for its length, or the whole day."""
    if start is None:
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        return
    begins = dt.datetime.combine(day, start, JST).astimezone(dt.UTC)
    event.add("dtstart", begins)
    event.add("dtend", begins + length)


def _length(meeting: Mapping[str, Any]) -> dt.timedelta:
    start, end = _clock(meeting.get("start")), _clock(meeting.get("end"))
    if start is not None and end is not None:
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        if minutes > 0:
            return dt.timedelta(minutes=minutes)
    return dt.timedelta(hours=1)


def _clock(value: Any) -> dt.time | None:
    text = _text(value)
    try:
        hour, minute = text.split(":")
        return dt.time(int(hour), int(minute))
    except ValueError:
        return None


def _date(value: Any) -> dt.date | None:
    from welfare_tui.minutes.era import parse_date

    return parse_date(value)


def _type_label(meeting: Mapping[str, Any]) -> str:
    """The meeting type as recorded; in English, the vocabulary's English label."""
    key = _text(meeting.get("type"))
    meeting_type = domain.MEETING_TYPES.get(key)
    if language() == "en" and meeting_type is not None:
        return label("meeting_type", key)
    return _text(meeting.get("type_label")) or (meeting_type.label if meeting_type else key)


def _one_line(value: Any) -> str:
    return " ".join(_text(value).split())


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _list(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list | tuple) else ()
