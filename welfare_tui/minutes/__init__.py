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

A binary format (Word's .docx) is a file only: `render_file(doc, fmt)` gives the bytes of any
format's file, `render` and `body` only text.

Nothing heavy is imported here: the Markdown renderer is pure Python, and YAML, csv, icalendar and
Pillow (the Word minutes' ecomap) are loaded on first use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t
from welfare_tui.minutes import formats
from welfare_tui.minutes.markdown_text import as_mapping

FORMATS = formats.names()  # as registered when the package was loaded; code asks formats.names()
TEXT_FORMATS = formats.text_names()  # those `render` gives as text (and stdout may carry)

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\s]+')


def render(doc: Mapping[str, Any], fmt: str, *, era: bool = False) -> str:
    """The minutes of one meeting document in `fmt` (a name of `formats.REGISTRY`), as a file holds them.

    `era` prints dates for people in 和暦 (Markdown, CSV); YAML and iCalendar carry ISO dates whatever
    it says, since programs read them.
    """
    entry = formats.get(fmt)
    text = formats.render_body(entry, doc, era=era)
    if not entry.framed:
        return text
    if entry.skip_empty and not text:  # a VCALENDAR needs a component (RFC 5545): write none at all
        raise InvalidInput(nothing_for_a_calendar(doc))
    masked = bool(doc.get("masked"))
    return formats.stream_head(entry, masked=masked) + text + formats.stream_tail(entry, masked=masked)


def render_file(doc: Mapping[str, Any], fmt: str, *, era: bool = False) -> bytes:
    """The bytes of the file `--out DIR` writes: a text format's `render` in UTF-8, or a binary
    format's own bytes (Word's .docx)."""
    entry = formats.get(fmt)
    if entry.binary:
        return formats.render_binary(entry, doc, era=era)
    return render(doc, fmt, era=era).encode("utf-8")


def nothing_for_a_calendar(doc: Mapping[str, Any]) -> str:
    """Why no .ics is written for `doc` (its `ics_components` are empty)."""
    case, meeting = as_mapping(doc.get("case")), as_mapping(doc.get("meeting"))
    return t("minutes.ics.empty", case=case.get("code") or "", date=meeting.get("date") or "")


def head(fmt: str, *, masked: bool = False) -> str:
    """What a stream of documents in `fmt` starts with (CSV: BOM and header; iCalendar: VCALENDAR)."""
    return formats.stream_head(formats.get(fmt), masked=masked)


def body(doc: Mapping[str, Any], fmt: str, *, era: bool = False) -> str:
    """One document's part of a stream in `fmt` (for self-contained formats, the whole text)."""
    return formats.render_body(formats.get(fmt), doc, era=era)


def tail(fmt: str, *, masked: bool = False) -> str:
    """What a stream of documents in `fmt` ends with."""
    return formats.stream_tail(formats.get(fmt), masked=masked)


def separator(fmt: str) -> str:
    """Between two documents' bodies in one stream (formats.py says why it always splits)."""
    return formats.get(fmt).separator


def export_filename(doc: Mapping[str, Any], fmt: str) -> str:
    """The file name of the minutes of `doc` in `fmt` (see the module docstring for the rule)."""
    extension = formats.get(fmt).extension
    case, meeting = as_mapping(doc.get("case")), as_mapping(doc.get("meeting"))
    round_number = meeting.get("round")
    is_number = isinstance(round_number, int) and not isinstance(round_number, bool)
    round_text = f"{round_number:02d}" if is_number else "00"
    parts: tuple[str, ...] = (
        _safe(meeting.get("date"), "undated"),
        _safe(case.get("code"), "nocase"),
        f"第{round_text}回",
        _safe(str(meeting.get("uid") or "")[:8], "nouid"),
    )
    handout = as_mapping(doc.get("handout"))
    if handout.get("agency"):
        parts += (_safe(handout.get("agency"), "agency"),)
    if doc.get("masked"):
        parts += ("masked",)
    return "_".join(parts) + "." + extension


def _safe(value: Any, default: str) -> str:
    text = _UNSAFE.sub("_", str(value).strip()) if value not in (None, "") else ""
    # A leading dot would hide the file on Unix; trailing dots are stripped by Windows.
    text = text.strip(".")
    return text or default
