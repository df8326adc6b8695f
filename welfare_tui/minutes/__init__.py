"""Minutes of a meeting, rendered from its meeting document (docs/architecture.md).

`render(doc, fmt)` is the one entry point the CLI and the TUI use; `export_filename(doc, fmt)` names
the file so that exports sort by date, group by case and never collide:

    {date}_{case code}_第{round:02d}回_{uid[:8]}[_{agency}][_masked].{ext}
    e.g. 2026-10-15_C-2026-001_第01回_5f0c1a2b.md, 2026-10-15_C-2026-001_第01回_5f0c1a2b_houkatsu_masked.csv

`_{agency}` (the agency id; in a masked handout of a local agency `masking.agency_alias`, a hash of its
real id) marks one agency's handout (`handout.agency_handout`), `_masked` a masked export
(`masking.mask_document`): neither can overwrite the full minutes by mistake, and two agencies'
handouts never share a name.

Characters that are unsafe in a file name on Windows, macOS or Linux (`/ \\ : * ? " < > |`, control
characters, spaces) become `_`; a missing part becomes `undated`, `nocase` or `nouid`, and a missing
round `00`. The name depends only on the document, so exporting the same meeting again replaces its
file instead of adding a copy.

Several documents in one stream (`export --out -`) are `head(fmt) + body(doc1) + separator + body(doc2)
... + tail(fmt)`; one document is exactly `render(doc, fmt)`, the bytes `--out DIR` writes. CSV has one
header row and a byte-order mark at the head; an iCalendar stream is one VCALENDAR.

Nothing heavy is imported here: the Markdown renderer is pure Python, and YAML, csv and icalendar
are loaded on first use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t

FORMATS = ("md", "yaml", "csv", "ics", "svg")
EXTENSIONS = {"md": "md", "yaml": "yaml", "csv": "csv", "ics": "ics", "svg": "svg"}
# Between two documents in one stream. A bare `---` line never occurs inside rendered Markdown (typed
# lines that look like one are escaped) nor at the top level of our YAML, so splitting on it is safe.
SEPARATORS = {"md": "\n---\n\n", "yaml": "---\n", "csv": "", "ics": ""}
# Formats with a stream head and tail (CSV header, VCALENDAR wrapper) rather than self-contained texts.
_FRAMED = ("csv", "ics")

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\s]+')


def render(doc: Mapping[str, Any], fmt: str, *, era: bool = False) -> str:
    """The minutes of one meeting document in `fmt` (one of FORMATS).

    `era` prints dates for people in 和暦 (Markdown, CSV); YAML and iCalendar carry ISO dates whatever
    it says, since programs read them.
    """
    if fmt == "md":
        from welfare_tui.minutes.markdown import render_markdown

        return render_markdown(doc, era=era) + audit_footer(doc)
    if fmt == "yaml":
        from welfare_tui.minutes.yaml_format import dump_document

        # The audit stamp stays out of the data: importing a file adds audit entries, so a stamped
        # YAML could never export back to the same bytes (docs/minutes-yaml.md).
        return dump_document({key: value for key, value in doc.items() if key != "audit"})
    if fmt == "svg":  # the ecomap on an A4 page, with legend, genogram and changes since last time
        from welfare_tui.ecomap.svg import render_svg

        return render_svg(doc)
    if fmt in _FRAMED:
        masked = bool(doc.get("masked"))
        text = body(doc, fmt, era=era)
        if fmt == "ics" and not text:  # a VCALENDAR needs a component (RFC 5545): write none at all
            raise InvalidInput(nothing_for_a_calendar(doc))
        return head(fmt, masked=masked) + text + tail(fmt, masked=masked)
    raise InvalidInput(t("error.minutes.format", fmt=repr(fmt), formats=", ".join(FORMATS)))


def nothing_for_a_calendar(doc: Mapping[str, Any]) -> str:
    """Why no .ics is written for `doc` (its `ics_components` are empty)."""
    from welfare_tui.i18n import t

    case = _part(doc, "case")
    meeting = _part(doc, "meeting")
    return t("minutes.ics.empty", case=case.get("code") or "", date=meeting.get("date") or "")


def audit_footer(doc: Mapping[str, Any]) -> str:
    """The line that ties printed minutes to the audit log: the export's entry and the chain's head
    hash then (`audit: {entry, head}`, added by storage.audit.stamp_export); empty when absent."""
    stamp = doc.get("audit")
    if not isinstance(stamp, Mapping) or not stamp.get("head"):
        return ""

    return "\n" + t("trust.minutes_footer", entry=stamp.get("entry", ""), head=stamp["head"]) + "\n"


def head(fmt: str, *, masked: bool = False) -> str:
    """What a stream of documents in `fmt` starts with (CSV: BOM and header; iCalendar: VCALENDAR)."""
    if fmt == "csv":
        from welfare_tui.minutes.csv_format import csv_head

        return csv_head()
    if fmt == "ics":
        from welfare_tui.minutes.ics_format import ics_head

        return ics_head(masked=masked)
    return ""


def body(doc: Mapping[str, Any], fmt: str, *, era: bool = False) -> str:
    """One document's part of a stream in `fmt` (for self-contained formats, the whole text)."""
    if fmt == "csv":
        from welfare_tui.minutes.csv_format import csv_rows

        return csv_rows(doc, era=era)
    if fmt == "ics":
        from welfare_tui.minutes.ics_format import ics_components

        return ics_components(doc)
    return render(doc, fmt, era=era)


def tail(fmt: str, *, masked: bool = False) -> str:
    """What a stream of documents in `fmt` ends with."""
    if fmt == "ics":
        from welfare_tui.minutes.ics_format import ics_tail

        return ics_tail()
    return ""


def separator(fmt: str) -> str:
    """Between two documents' bodies in one stream; a line break for formats not listed."""
    return SEPARATORS.get(fmt, "\n")


def export_filename(doc: Mapping[str, Any], fmt: str) -> str:
    """The file name of the minutes of `doc` in `fmt` (see the module docstring for the rule)."""
    if fmt not in EXTENSIONS:
        raise InvalidInput(t("error.minutes.format", fmt=repr(fmt), formats=", ".join(FORMATS)))
    case = _part(doc, "case")
    meeting = _part(doc, "meeting")
    round_number = meeting.get("round")
    is_number = isinstance(round_number, int) and not isinstance(round_number, bool)
    round_text = f"{round_number:02d}" if is_number else "00"
    parts: tuple[str, ...] = (
        _safe(meeting.get("date"), "undated"),
        _safe(case.get("code"), "nocase"),
        f"第{round_text}回",
        _safe(str(meeting.get("uid") or "")[:8], "nouid"),
    )
    handout = _part(doc, "handout")
    if handout.get("agency"):
        parts += (_safe(handout.get("agency"), "agency"),)
    if doc.get("masked"):
        parts += ("masked",)
    return "_".join(parts) + "." + EXTENSIONS[fmt]


def _part(doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """`doc[key]` when it is a mapping (a document read from outside may hold anything), else empty."""
    part = doc.get(key)
    return part if isinstance(part, Mapping) else {}


def _safe(value: Any, default: str) -> str:
    text = _UNSAFE.sub("_", str(value).strip()) if value not in (None, "") else ""
    # A leading dot would hide the file on Unix; trailing dots are stripped by Windows.
    text = text.strip(".")
    return text or default
