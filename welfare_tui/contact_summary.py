"""What happened between two meetings, in one line: 「前回から：訪問5回（面会2回）・手紙2通」.

The review step of a meeting (views/steps/previous.py) and the review section of the Markdown minutes
(minutes/markdown_sections.py) both show it, from the case's contact log (支援経過, `contact_log`):
the TUI from the database, the minutes from the document's `case.contacts`. One function counts and
one writes, so the screen and the paper never disagree. Plain values only (the kernel).

Which contacts count: those dated after the previous meeting's day, up to and including this
meeting's day (a visit on the morning of this meeting is news to it; one on the day of the previous
meeting was reported there). 面会 is a contact with the person themself (`whom == "person"`); for a
letter it is not counted (a letter reaches, it does not meet), for a call it is 本人と通話.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from welfare_tui import domain
from welfare_tui.i18n import language, t

# Modes whose contact with the person is no meeting and says nothing more: a letter.
UNMET_MODES = frozenset({"letter"})


@dataclass(frozen=True)
class ContactTally:
    """Contacts per mode, and per mode how many reached the person (`whom == "person"`)."""

    modes: Mapping[str, int] = field(default_factory=dict)
    met: Mapping[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.modes.values())

    @classmethod
    def of_summary(cls, summary: Mapping[str, Any]) -> ContactTally:
        """From the repository's `contacts_since` (its `by_mode` and `met_by_mode`)."""
        return cls(dict(summary.get("by_mode") or {}), dict(summary.get("met_by_mode") or {}))


def _day(value: Any) -> str:
    """An ISO day from a date or an ISO text ("" for none), so rows of either source compare."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value or "")[:10]


def tally(rows: Iterable[Mapping[str, Any]], *, after: Any = None, until: Any = None) -> ContactTally:
    """Count `rows` (mappings with `date`, `mode`, `whom`) dated after `after` (exclusive) and up to
    `until` (inclusive); either bound None means no bound."""
    low, high = _day(after), _day(until)
    modes: dict[str, int] = {}
    met: dict[str, int] = {}
    for row in rows:
        day = _day(row.get("date"))
        if (low and day <= low) or (high and day > high):
            continue
        mode = str(row.get("mode") or "")
        modes[mode] = modes.get(mode, 0) + 1
        if row.get("whom") == "person":
            met[mode] = met.get(mode, 0) + 1
    return ContactTally(modes, met)


def summary_parts(counts: ContactTally) -> list[str]:
    """One part per mode contacted, in the vocabulary's order (unknown modes last, by key)."""
    order = list(domain.CONTACT_MODE)
    modes = sorted(counts.modes, key=lambda mode: (order.index(mode) if mode in order else len(order), mode))
    parts = []
    for mode in modes:
        known = mode in order
        part = t(
            f"contacts.count.{mode}" if known else "contacts.count.other", count=counts.modes[mode], mode=mode
        )
        if known and mode not in UNMET_MODES:
            word = "contacts.spoke" if mode == "phone" else "contacts.met"
            part += t(word, count=counts.met.get(mode, 0))
        parts.append(part)
    return parts


def summary_line(counts: ContactTally) -> str:
    """「前回から：訪問5回（面会2回）・手紙2通」, or 「前回から：接触の記録なし」 when there were none."""
    if not counts.total:
        return t("contacts.summary_none")
    separator = ", " if language() == "en" else "・"
    return t("contacts.summary", parts=separator.join(summary_parts(counts)))


def document_summary(doc: Mapping[str, Any]) -> str:
    """The summary line of a meeting document (the Markdown minutes' review section): its case's
    `contacts` after the previous meeting (`ecomap.previous.date`) up to this meeting's date; "" when
    the document has no previous meeting or no contact in between (older documents print as before)."""
    case, meeting, ecomap = (_mapping(doc.get(key)) for key in ("case", "meeting", "ecomap"))
    previous = _mapping(ecomap.get("previous"))
    contacts = case.get("contacts")
    if not previous.get("date") or not isinstance(contacts, list | tuple):
        return ""
    counts = tally(map(_mapping, contacts), after=previous.get("date"), until=meeting.get("date"))
    return summary_line(counts) if counts.total else ""


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
