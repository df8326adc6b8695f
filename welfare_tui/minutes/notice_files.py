"""A meeting notice (notice.py) as a Word document and as an iCalendar invitation.

The Word notice is laid out like the 開催通知 a municipal office types today: the issue date at the
right, the addressee (「… 御中」), the contact at the right, the subject centred, the greeting, 「記」
centred, the numbered items, the confidentiality notice in a box, 「以上」 at the right; 「秘」 in the
header when the notice names the case. The .ics is one VEVENT (organiser, location, the agenda in
the description) whose UID is the meeting's, so importing a later notice updates the event in
Outlook instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from welfare_tui.i18n import t
from welfare_tui.minutes.docx_word import (
    HEADING_FONT,
    add_boxed,
    add_paragraph,
    new_document,
    set_header_and_footer,
)
from welfare_tui.minutes.notice import Notice


def notice_docx(notice: Notice, case_code: str) -> bytes:
    """The bytes of the .docx of one notice."""
    document = new_document(title=notice.subject)
    set_header_and_footer(document, case_code)
    add_paragraph(document, notice.issued, align="right")
    add_paragraph(document, notice.addressee, font=HEADING_FONT, size=12, bold=True)
    if notice.people:
        add_paragraph(document, notice.people)
    if notice.contact:
        add_paragraph(document, t("notice.contact", person=notice.contact), align="right")
    add_paragraph(document, notice.subject, align="center", font=HEADING_FONT, size=14, bold=True)
    if notice.masked:
        add_boxed(document, t("notice.masked"))
    add_paragraph(document, notice.intro)
    add_paragraph(document, t("notice.ki"), align="center")
    for number, (heading, lines) in enumerate(notice.items, start=1):
        add_paragraph(document, f"{number}　{heading}", font=HEADING_FONT, bold=True)
        for line in lines or (t("minutes.none"),):
            add_paragraph(document, "　　" + line)
    if notice.notice:
        add_boxed(document, notice.notice)
    add_paragraph(document, t("minutes.end"), align="right")
    return document.save()


def notice_ics(notice: Notice, doc: Mapping[str, Any], *, organiser: str = "") -> str:
    """A VCALENDAR holding the meeting as one VEVENT, for the agency's calendar. `organiser`: the
    office's e-mail address (config.notice_email checked it), where the agency's reply goes."""
    from icalendar import Calendar, Event, vCalAddress, vText

    from welfare_tui.minutes.ics_format import PRODID, meeting_times

    meeting = doc.get("meeting")
    meeting = meeting if isinstance(meeting, Mapping) else {}
    event = Event()
    uid = str(meeting.get("uid") or "meeting")
    event.add("uid", f"meeting-{uid}@welfare-tui")  # the meeting's own event in `export --format ics`
    when = meeting_times(meeting)
    if when is None:
        return ""
    stamp, start, end = when
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", notice.subject)
    event.add("status", "CONFIRMED")
    place = dict(notice.items).get(t("notice.where"), ())
    if place:
        event.add("location", place[0])
    if notice.contact:
        # RFC 5545 wants an address: without the office's, a reserved one that reaches nobody
        address = vCalAddress(f"mailto:{organiser or 'noreply@welfare-tui.invalid'}")
        address.params["cn"] = vText(notice.contact)
        event.add("organizer", address)
    lines = [notice.addressee, *(f"{heading}: " + " / ".join(body) for heading, body in notice.items)]
    event.add("description", "\n".join(lines + ([t("notice.masked")] if notice.masked else [])))
    calendar = Calendar()
    for key, value in (
        ("prodid", PRODID),
        ("version", "2.0"),
        ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"),
    ):
        calendar.add(key, value)
    calendar.add("x-wr-calname", notice.subject)
    calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))
