"""The values and the Markdown text of the minutes (minutes/markdown.py): agency names and dates as the
minutes print them, vocabulary labels, and typed text made safe for Markdown (paragraphs, one-line
values, pipe tables that also line up as plain text)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

from welfare_tui import domain
from welfare_tui.i18n import label, language, t
from welfare_tui.minutes import era as wareki

# --- values ---------------------------------------------------------------------------------------


class AgencyNames:
    """Agency id → display name from the document's `agencies` map; unknown ids print as they are
    (they are free labels such as 近隣住民, or ids from a database this document did not carry).
    `resource(id)`: a 地域資源's name from the document's `resources` map, likewise."""

    def __init__(self, agencies: Mapping[str, Any], resources: Mapping[str, Any] | None = None) -> None:
        self.known = {
            str(key): as_text(as_mapping(value).get("name")) or str(key) for key, value in agencies.items()
        }
        self.resources = {
            str(key): as_text(as_mapping(value).get("name")) or str(key)
            for key, value in (resources or {}).items()
        }

    def __call__(self, agency: Any) -> str:
        key = as_text(agency)
        return self.known.get(key, key)

    def resource(self, resource: Any) -> str:
        key = as_text(resource)
        return self.resources.get(key, key)

    def with_resource(self, agency: Any, resource: Any) -> str:
        """A role's agency with the 地域資源 that takes the task on: 社会福祉協議会（ほっとスペースあおば）."""
        agency_name = self(agency) if as_text(agency) else ""
        if not as_text(resource):
            return agency_name
        name = self.resource(resource)
        return t("minutes.role_resource", agency=agency_name, resource=name) if agency_name else name


class Dates:
    """Document dates (ISO strings) as the minutes print them: ISO by default, 和暦 with `era`."""

    __slots__ = ("era",)

    def __init__(self, era: bool) -> None:
        self.era = era

    def __call__(self, value: Any) -> str:
        return wareki.format_date(as_text(value), era=self.era)

    def fiscal_year(self, value: Any) -> str:
        day = wareki.parse_date(as_text(value))
        if not day:
            return ""
        return wareki.english_fiscal_year(day) if language() == "en" else wareki.fiscal_year(day)

    def birth_year(self, year: int) -> str:
        return wareki.english_birth_year(year) if language() == "en" else wareki.birth_year(year)


def meeting_type_label(meeting: Mapping[str, Any]) -> str:
    """The meeting type as recorded (type_label); in English, the vocabulary's English label."""
    key = as_text(meeting.get("type"))
    if language() == "en" and key in domain.MEETING_TYPES:
        return label("meeting_type", key)
    meeting_type = domain.MEETING_TYPES.get(key)
    return as_text(meeting.get("type_label")) or (meeting_type.label if meeting_type else key)


def legal_basis(meeting: Mapping[str, Any]) -> str:
    """The legal basis as recorded; in English, the law's English name when it is the type's own."""
    basis = as_text(meeting.get("legal_basis"))
    key = as_text(meeting.get("type"))
    meeting_type = domain.MEETING_TYPES.get(key)
    if basis and meeting_type is not None and basis == meeting_type.legal_basis:
        return t(f"export.legal_basis.{key}")
    return basis


def round_label(value: Any) -> str:
    return t("export.round", round=value) if value not in (None, "") else ""


def time_range(start: Any, end: Any) -> str:
    start, end = as_text(start), as_text(end)
    return t("export.time_range", start=start, end=end) if start or end else ""


def joined(key: str, parts: Iterable[str]) -> str:
    """The non-empty parts joined pairwise by the message `key` (「、」 in Japanese, ", " in English)."""
    text = ""
    for part in parts:
        if part:
            text = t(key, before=text, after=part) if text else part
    return text


def consent_text(consent: Mapping[str, Any], day: Any, dates: Dates, names: AgencyNames) -> str:
    """The consent as it stood on the meeting's day (meeting_rules.consent_as_of), with the agencies
    within its scope; a withdrawal after that day is added as a note."""
    from welfare_tui import meeting_rules

    history = meeting_rules.document_history({"case": {"consent": consent}})
    state = meeting_rules.consent_as_of(history, as_text(day) or None)
    text = vocabulary_label("consent", state.status) or label("consent", "none")
    agencies = joined("export.join", (names(agency) for agency in state.agencies))
    details = joined(
        "export.join",
        (
            dates(state.date) if state.given else "",
            t("export.consent.scope", value=state.scope) if state.given and state.scope else "",
            t("rules.consent_agencies", agencies=agencies) if state.given and agencies else "",
            t("export.consent.obtained_by", value=state.obtained_by)
            if state.given and state.obtained_by
            else "",
        ),
    )
    text = t("export.with_detail", text=text, detail=details) if details else text
    later = meeting_rules.later_withdrawal(history, as_text(day)) if as_text(day) else None
    if later is not None:
        text += t("rules.consent_later_withdrawn", date=dates(later.get("date")))
    return text


def confidentiality_text(confidentiality: Mapping[str, Any]) -> str:
    confirmed_at = as_text(confidentiality.get("confirmed_at"))
    version = as_text(confidentiality.get("statement_version"))
    materials = vocabulary_label("materials", confidentiality.get("materials"))
    parts = [
        t("export.confidentiality.confirmed", time=confirmed_at)
        if confirmed_at
        else t("export.confidentiality.unconfirmed")
    ]
    if version:
        parts.append(t("export.confidentiality.statement", version=version))
    if materials:
        parts.append(t("export.confidentiality.materials", value=materials))
    return joined("export.join", parts)


def birth_text(birth_date: str, on: str, deceased: bool, dates: Dates) -> str:
    """The birth date with the age (満年齢) on the meeting day, so the minutes stay true later.
    A masked birth date is a year alone (1944): it prints as 1944年, or 昭和19年 with `era`."""
    if re.fullmatch(r"\d{4}", birth_date):
        return (
            dates.birth_year(int(birth_date))
            if dates.era
            else t("export.household.birth_year", year=birth_date)
        )
    shown = dates(birth_date)
    if deceased:
        return shown
    try:
        born, today = date.fromisoformat(birth_date), date.fromisoformat(on)
    except ValueError:
        return shown
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return t("export.household.age", born=shown, age=age) if age >= 0 else shown


def vocabulary_label(vocabulary: str, key: Any) -> str:
    """The label of a vocabulary value in the current language; unknown values print as themselves."""
    return label(vocabulary, as_text(key))


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("export.yes") if value else t("export.no")
    return str(value).strip()


def as_mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def as_list(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list | tuple) else ()


# --- Markdown text --------------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Lines Markdown would read as structure rather than as the words someone typed: headings, quotes,
# HTML, fences, tables, thematic breaks and setext underlines. The first character is escaped.
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^(?:#|>|<|`{3}|~{3}|\||[-=*_+]+\s*$|[-*_](?:\s*[-*_]){2,}\s*$)")


def text_blocks(value: Any) -> list[str]:
    """Free text as Markdown paragraphs: one paragraph per typed line, so line breaks survive in every
    viewer (a single newline would otherwise be joined), and a typed line never becomes a heading,
    a rule or a table. Lines starting with 「・」, `-` or `1.` keep reading as lists, as intended."""
    lines = [line.strip() for line in _LINE_BREAKS.split(as_text(value))]
    return [escape_block(escape_html(line)) for line in lines if line]


def escape_html(text: str) -> str:
    """Typed text never becomes HTML: Markdown passes raw HTML through, so a task typed as
    `<script>…` would run in a viewer that renders it (or hide the words in one that strips it).
    `&` is escaped only where it would start an entity (`&lt;` typed shows as typed); a lone `&`
    ("Support & monitoring") reads the same in every viewer and in the .md file itself."""
    return _ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def escape_block(line: str) -> str:
    return "\\" + line if _BLOCK_START.match(line) else line


def inline(value: Any) -> str:
    """A value on one line (heading, list item): line breaks become spaces, HTML is escaped."""
    return escape_html(" ".join(part.strip() for part in _LINE_BREAKS.split(as_text(value)) if part.strip()))


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {inline(item)}" for item in items if inline(item))


def cell(value: str) -> str:
    # Pipes would end the cell; line breaks would end the row. <br> keeps the break visible (the one
    # HTML a cell holds: what was typed is escaped).
    parts = [escape_html(part.strip()) for part in _LINE_BREAKS.split(value)]
    return "<br>".join(part for part in parts if part).replace("|", "\\|")


_PADDED: ContextVar[bool] = ContextVar("padded_tables", default=True)


@contextmanager
def unpadded_tables() -> Iterator[None]:
    """Tables rendered meanwhile are not padded: for a reader of the Markdown that takes its cells
    apart (the Word minutes, docx_blocks.py), to whom measuring every cell's width is work lost."""
    token = _PADDED.set(False)
    try:
        yield
    finally:
        _PADDED.reset(token)


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A pipe table whose columns also line up as plain text (a terminal, a diff, a printout of the
    .md file): cells are padded to the widest one, East Asian wide characters counting two."""
    cells = [[cell(value) for value in header]] + [[cell(value) for value in row] for row in rows]
    if not _PADDED.get():
        lines = ["| " + " | ".join(row) + " |" for row in cells]
        return "\n".join([lines[0], "|" + "---|" * len(cells[0]), *lines[1:]])
    widths = [max(3, *(display_width(value) for value in column)) for column in zip(*cells, strict=True)]

    def line(values: Sequence[str]) -> str:
        padded = [
            value + " " * (width - display_width(value)) for value, width in zip(values, widths, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "| " + " | ".join("-" * width for width in widths) + " |"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def display_width(text: str) -> int:
    """Display width in terminal cells: wide and full-width characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width
