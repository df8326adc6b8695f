"""The leak gate: masked minutes are scanned for every personal value the database knows before they
are written, and a hit refuses the write.

`MaskedMinutes` is the one way to produce masked text (the CLI export in every format, to files and
to stdout, with or without `--agency`): it masks the whole document with the whole database's
knowledge (`masking.mask_document(doc, known=...)`), only then cuts one agency's handout out of it
(so the handout's letters and ○○ are those of the full masked minutes, and no name the handout no
longer shows can slip through), renders it, and hands back only text that `LeakGate.check` passed.
A caller cannot get masked text without the scan.

The gate looks for the values of `storage.personal.personal_values` — every household member, case,
attendee, role person, chair, recorder and consent obtainer of the database, not only this case's —
with the rules of `minutes.personal` (NFKC, the edge rules for short names). Before scanning, a
format's own escaping is undone: iCalendar's folded lines and backslashes, the XML entities of SVG;
a Word document is read back (every paragraph, table cell, header and footer: `docx_text.py`) and
its text scanned before the file is written.
A birth date that is also a date of the document itself (the meeting's day, a due date) is not a
leak: minutes print those. A hit raises `RuleRefused` (exit code 1) naming the field the value came
from (`household[1].name of case C-2026-003`), never the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from welfare_tui.errors import RuleRefused
from welfare_tui.minutes.personal import Finder, PersonalValue

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Text = TypeVar("Text", str, bytes)


class LeakGate:
    """Scans text for the personal values it was given."""

    def __init__(self, known: Finder | Iterable[PersonalValue]) -> None:
        self.finder = known if isinstance(known, Finder) else Finder(known)

    def check(self, text: str | bytes, doc: Mapping[str, Any] | None = None, fmt: str = "") -> None:
        """Raise RuleRefused naming the field of the first personal value found in `text` (the
        rendering of the masked document `doc` in `fmt`: a text, or the bytes of its file)."""
        allowed = _dates(doc) if doc is not None else set()
        for match in self.finder.matches(_plain(text, fmt)):
            if match.value.kind == "birth_date" and match.value.text in allowed:
                continue
            from welfare_tui.i18n import t

            raise RuleRefused(t("minutes.leak", field=match.value.field))


class MaskedMinutes:
    """Masked documents and their text, every text through the gate (see the module docstring)."""

    def __init__(self, known: Iterable[PersonalValue], *, agency_id: str | None = None) -> None:
        self.finder = Finder(known)
        self.gate = LeakGate(self.finder)
        self.agency_id = agency_id

    def document(self, doc: Mapping[str, Any]) -> dict[str, Any] | None:
        """The masked document (an agency's handout when one was given; None when it took no part)."""
        from welfare_tui.minutes.handout import agency_handout
        from welfare_tui.minutes.masking import mask_document, masked_agency_id

        masked = mask_document(doc, known=self.finder)
        if self.agency_id is None:
            return masked
        return agency_handout(masked, masked_agency_id(masked, self.agency_id))

    def render(self, masked: Mapping[str, Any], fmt: str, *, era: bool = False) -> str:
        """A whole file of a document `document` returned, scanned."""
        from welfare_tui import minutes

        return self._checked(minutes.render(masked, fmt, era=era), masked, fmt)

    def body(self, masked: Mapping[str, Any], fmt: str, *, era: bool = False) -> str:
        """A document's part of a stream (`minutes.body`), scanned."""
        from welfare_tui import minutes

        return self._checked(minutes.body(masked, fmt, era=era), masked, fmt)

    def render_file(self, masked: Mapping[str, Any], fmt: str, *, era: bool = False) -> bytes:
        """The bytes of a whole file (`minutes.render_file`, any format, Word's too), scanned."""
        from welfare_tui import minutes

        return self._checked(minutes.render_file(masked, fmt, era=era), masked, fmt)

    def _checked(self, text: Text, masked: Mapping[str, Any], fmt: str) -> Text:
        if not masked.get("masked"):
            raise RuleRefused("internal: an unmasked document reached the masked writer")
        self.gate.check(text, masked, fmt)
        return text


def _plain(text: str | bytes, fmt: str) -> str:
    """The text as a reader sees it: the format's escaping undone, a binary file's text read out
    (`plain` of minutes/formats.py)."""
    from welfare_tui.minutes import formats

    if not fmt:  # text of no particular format
        return text.decode("utf-8") if isinstance(text, bytes) else text
    return formats.plain_text(formats.get(fmt), text)


def _dates(value: Any) -> set[str]:
    """Every ISO date a document holds in its fields."""
    found: set[str] = set()
    if isinstance(value, Mapping):
        for item in value.values():
            found |= _dates(item)
    elif isinstance(value, list):
        for item in value:
            found |= _dates(item)
    elif isinstance(value, str) and _DATE.match(value):
        found.add(value)
    return found
