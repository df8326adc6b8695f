"""Meeting document → Markdown minutes (会議録), the file a municipality circulates and keeps.

Pure: it reads only the document dict (docs/architecture.md, "The meeting document"), so minutes can
be rendered from an exported YAML file with no database, and the same document always gives the same
bytes (golden tests, `import` → `export` round trips).

Style (domain.md §2.2(e)): plain である調 headings in the order the meeting runs, facts as recorded,
no wording added beyond labels. Every section is always printed; an empty one says 「なし」 so a reader
knows it was considered rather than forgotten.

Every fixed word comes from the messages (welfare_tui.i18n: messages/minutes.py, exports.py,
domain.py), so `--lang en` gives English minutes; only what people typed (names, notes, places) stays
as typed. Masking rules are the same in both languages (A氏, ○○: see masking.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from welfare_tui import domain
from welfare_tui.i18n import label, language, pick, t
from welfare_tui.minutes import era as wareki

HOUSEHOLD = "household"
# The relation that names the index person (a value people type, compared, never printed by us).
INDEX_RELATION = "本人"

# Which step kinds own a section of the minutes: their notes are printed at the end of that section.
# Notes of every other kind (opening remarks, confidentiality, review of the last round, evaluation,
# free notes, close...) go to the 議事メモ section, so nothing written during the meeting is dropped.
SECTION_OF_STEP_KIND = {
    "attendance": "attendees",
    "opening": "purpose",
    "case_summary": "case",
    "info_sharing": "shared_info",
    "ecomap": "ecomap",
    "assessment": "assessment",
    "policy": "policy",
    "roles": "roles",
    "monitoring": "monitoring",
    "resource_gaps": "resource_gaps",
    "wrap_up": "decisions",
    "next_meeting": "next_meeting",
}


def render_markdown(doc: Mapping[str, Any], *, era: bool = False) -> str:
    """The minutes of one meeting document as Markdown text (`\\n` line endings, one final newline).

    Tolerates missing keys and unknown vocabulary (a hand-edited YAML file may have them): absent
    values print as empty, unknown keys print as themselves, so rendering never fails on content.
    `era` prints dates in 和暦 (令和8年11月20日(金)) and adds the 年度 to the header table. A document
    made by `masking.mask_document` says so under the title; one made by `handout.agency_handout`
    prints as that agency's handout (`render_handout`).
    """
    if _mapping(doc.get("handout")):
        return render_handout(doc, era=era)
    agencies = _mapping(doc.get("agencies"))
    case = _mapping(doc.get("case"))
    meeting = _mapping(doc.get("meeting"))
    notes = _step_notes(_list(doc.get("steps")))
    names = _AgencyNames(agencies)
    dates = _Dates(era)

    blocks: list[str] = []
    blocks += _title(doc, case, meeting)
    blocks += _header_table(case, meeting, dates, names)
    blocks += _section(
        t("minutes.section.attendees"), _attendees(_list(doc.get("attendees")), names), notes.get("attendees")
    )
    if doc.get("review") is not None:
        blocks += _section(
            t("facilitation.review_section"),
            _review(_mapping(doc.get("review")), names, dates),
            notes.get("review"),
        )
    blocks += _section(
        t("minutes.section.purpose"), _text_blocks(meeting.get("purpose")), notes.get("purpose")
    )
    blocks += _section(
        t("minutes.section.case"), _case_summary(case, meeting, names, dates), notes.get("case")
    )
    blocks += _section(
        t("minutes.section.shared_info"),
        _shared_info(_list(doc.get("shared_info")), names),
        notes.get("shared_info"),
    )
    # The ecomap section is one call: its renderer (Mermaid, legend, ties) is replaced independently.
    blocks += _section(
        t("minutes.section.ecomap"), _ecomap(_mapping(doc.get("ecomap")), doc, names), notes.get("ecomap")
    )
    blocks += _section(
        t("minutes.section.assessment"),
        _assessment(_list(doc.get("assessment")), names),
        notes.get("assessment"),
    )
    blocks += _section(t("minutes.section.policy"), _policy(doc), notes.get("policy"))
    blocks += _section(
        t("minutes.section.roles"), _roles(_list(doc.get("roles")), names, dates), notes.get("roles")
    )
    blocks += _section(
        t("minutes.section.monitoring"),
        _monitoring(_list(doc.get("monitoring")), dates),
        notes.get("monitoring"),
    )
    blocks += _section(
        t("minutes.section.resource_gaps"), _text_blocks(doc.get("resource_gaps")), notes.get("resource_gaps")
    )
    blocks += _section(
        t("minutes.section.decisions"), _text_blocks(doc.get("decisions")), notes.get("decisions")
    )
    blocks += _section(t("minutes.section.remaining_issues"), _text_blocks(doc.get("remaining_issues")))
    blocks += _section(
        t("minutes.section.next_meeting"),
        _next_meeting(_mapping(doc.get("next_meeting")), dates),
        notes.get("next_meeting"),
    )
    blocks += _section(t("facilitation.timing_section"), _timing(_list(doc.get("steps"))))
    blocks += _section(t("minutes.section.memo"), notes.get("other", []))
    blocks.append(t("minutes.end"))
    return "\n\n".join(blocks) + "\n"


def render_handout(doc: Mapping[str, Any], *, era: bool = False) -> str:
    """One agency's handout (`export --agency`): what it needs from the minutes and nothing else —
    its own role assignments, the monitoring dates, the next meeting and the shared summary (case
    summary, policy, decisions). Attendees, household, other agencies' information and the ecomap
    stay out: the handout is mailed to an agency that holds only its own part of the case."""
    handout = _mapping(doc.get("handout"))
    case = _mapping(doc.get("case"))
    meeting = _mapping(doc.get("meeting"))
    names = _AgencyNames(_mapping(doc.get("agencies")))
    dates = _Dates(era)
    agency = names(handout.get("agency"))
    type_label = _type_label(meeting)
    blocks = [f"# {_inline(t('minutes.handout.title', type=type_label, agency=agency))}"]
    blocks += _title(doc, case, meeting)[1:]
    rows = [
        (t("minutes.header.type"), type_label),
        (t("minutes.header.round"), _round(meeting.get("round"))),
        (t("minutes.header.date"), dates(meeting.get("date"))),
        (t("minutes.header.time"), _time_range(meeting.get("start"), meeting.get("end"))),
    ]
    blocks.append(_table((t("minutes.header.item"), t("minutes.header.value")), rows))
    blocks.append(t("minutes.handout.intro", agency=agency))
    summary = (
        _text_blocks(case.get("summary"))
        + _text_blocks(doc.get("policy"))
        + _text_blocks(doc.get("decisions"))
    )
    blocks += _section(t("minutes.handout.summary"), summary)
    blocks += _section(t("minutes.section.roles"), _roles(_list(doc.get("roles")), names, dates))
    blocks += _section(t("minutes.section.monitoring"), _monitoring(_list(doc.get("monitoring")), dates))
    blocks += _section(
        t("minutes.section.next_meeting"), _next_meeting(_mapping(doc.get("next_meeting")), dates)
    )
    blocks.append(t("minutes.end"))
    return "\n\n".join(blocks) + "\n"


# --- document structure -------------------------------------------------------------------------


def _title(doc: Mapping[str, Any], case: Mapping[str, Any], meeting: Mapping[str, Any]) -> list[str]:
    type_label = _type_label(meeting)
    blocks = [f"# {_inline(t('minutes.title', type=type_label))}".strip()]
    line = " ".join(part for part in (_inline(case.get("label")), _round(meeting.get("round"))) if part)
    if _str(case.get("code")):
        line += t("minutes.case_code", code=_inline(case.get("code")))
    if line:
        blocks.append(line)
    meeting_type = domain.MEETING_TYPES.get(_str(meeting.get("type")))
    if meeting_type is not None and meeting_type.confidentiality_notice:
        blocks.append("> " + t("export.confidentiality_notice"))
    if doc.get("masked"):
        blocks.append("> " + t("minutes.masked_notice"))
    return blocks


def _header_table(
    case: Mapping[str, Any], meeting: Mapping[str, Any], dates: _Dates, names: _AgencyNames
) -> list[str]:
    type_label = _type_label(meeting)
    basis = _legal_basis(meeting)
    place = _str(meeting.get("place"))
    mode = _label("meeting_mode", meeting.get("mode"))
    if mode:
        place = t("export.place_mode", place=place, mode=mode) if place else mode
    rows = [
        (
            t("minutes.header.type"),
            t("minutes.header.type_basis", type=type_label, basis=basis) if basis else type_label,
        ),
        (t("minutes.header.round"), _round(meeting.get("round"))),
    ]
    if dates.era:
        rows.append((t("minutes.header.fiscal_year"), dates.fiscal_year(meeting.get("date"))))
    rows += [
        (t("minutes.header.date"), dates(meeting.get("date"))),
        (t("minutes.header.time"), _time_range(meeting.get("start"), meeting.get("end"))),
        (t("minutes.header.place"), place),
        (t("minutes.header.chair"), _str(meeting.get("chair"))),
        (t("minutes.header.recorder"), _str(meeting.get("recorder"))),
        (
            t("minutes.header.consent"),
            _consent(_mapping(case.get("consent")), meeting.get("date"), dates, names),
        ),
        (t("minutes.header.confidentiality"), _confidentiality(_mapping(meeting.get("confidentiality")))),
    ]
    if _str(meeting.get("incomplete_reason")):
        rows.append((t("facilitation.incomplete"), _str(meeting.get("incomplete_reason"))))
    return [_table((t("minutes.header.item"), t("minutes.header.value")), rows)]


def _attendees(attendees: Sequence[Any], names: _AgencyNames) -> list[str]:
    rows = []
    for item in map(_mapping, attendees):
        rows.append(
            (
                names(item.get("agency")),
                _str(item.get("department")),
                _str(item.get("role")),
                _str(item.get("name")),
                _label("attendance", item.get("attendance")),
                "✓" if item.get("acknowledged") else "",
            )
        )
    if not rows:
        return []
    return [
        _table(
            tuple(
                t(f"minutes.col.{key}")
                for key in ("agency", "department", "role", "name", "attendance", "acknowledged")
            ),
            rows,
        )
    ]


def _case_summary(
    case: Mapping[str, Any], meeting: Mapping[str, Any], names: _AgencyNames, dates: _Dates
) -> list[str]:
    blocks = _text_blocks(case.get("summary"))
    facts = [
        (t("export.case.code"), _str(case.get("code"))),
        (t("export.case.status"), _label("case_status", case.get("status"))),
        (t("export.case.tags"), _join("export.join", (_str(tag) for tag in _list(case.get("tags"))))),
        (t("export.case.referral_route"), _str(case.get("referral_route"))),
        (t("export.case.lead_agency"), names(case.get("lead_agency")) if case.get("lead_agency") else ""),
        (t("export.case.key_person"), _str(case.get("key_person"))),
        (
            t("export.case.consent"),
            _consent(_mapping(case.get("consent")), meeting.get("date"), dates, names),
        ),
    ]
    # The household's address and phone, only when recorded (a masked document has them emptied).
    facts += [
        (t(f"export.case.{key}"), _str(case.get(key))) for key in ("address", "phone") if _str(case.get(key))
    ]
    blocks.append("\n".join(f"- {key}: {_inline(value) or t('minutes.none')}" for key, value in facts))
    household = _household(_list(case.get("household")), _str(meeting.get("date")), dates)
    blocks.append(f"### {t('minutes.section.household')}")
    blocks += household or [t("minutes.none")]
    return blocks


def _household(persons: Sequence[Any], on: str, dates: _Dates) -> list[str]:
    rows, contacts = [], []
    for person in map(_mapping, persons):
        relation = _str(person.get("relation"))
        marks = []
        if person.get("index_person") and relation != INDEX_RELATION:
            marks.append(t("export.household.index_person"))
        if person.get("key_person"):
            marks.append(t("export.household.key_person"))
        if marks:
            relation = t(
                "export.household.marks", relation=relation, marks=_join("export.household.join", marks)
            )
        name = _str(person.get("name"))
        kana = _str(person.get("kana"))
        if kana:
            name = t("export.household.kana", name=name, kana=kana)
        note = _str(person.get("note"))
        if person.get("deceased"):
            note = f"{t('export.household.deceased')} {note}".strip()
        together = "cohabiting" if person.get("cohabiting") else "apart"
        contacts.append(
            _join(
                "export.join",
                (_str(person.get(key)) for key in ("address", "phone") if _str(person.get(key))),
            )
        )
        rows.append(
            (
                relation,
                name,
                _label("sex", person.get("sex")),
                _birth(_str(person.get("birth_date")), on, bool(person.get("deceased")), dates),
                "" if person.get("deceased") else t(f"export.household.{together}"),
                note,
            )
        )
    if not rows:
        return []
    columns = ("relation", "name", "sex", "birth", "cohabiting", "note")
    if any(contacts):  # a column for members' own address and phone, only when one is recorded
        columns += ("contact",)
        rows = [(*row, contact) for row, contact in zip(rows, contacts)]
    return [_table(tuple(t(f"minutes.col.{key}") for key in columns), rows)]


def _shared_info(items: Sequence[Any], names: _AgencyNames) -> list[str]:
    # Grouped by agency in order of first appearance: one heading per agency even when its
    # information was entered in several pieces.
    grouped: dict[str, list[str]] = {}
    for item in map(_mapping, items):
        grouped.setdefault(_str(item.get("agency")), []).extend(_text_blocks(item.get("content")))
    blocks: list[str] = []
    for agency, texts in grouped.items():
        blocks.append(f"### {_inline(names(agency)) or t('export.no_agency')}")
        blocks += texts or [t("minutes.none")]
    return blocks


def _ecomap(ecomap: Mapping[str, Any], doc: Mapping[str, Any], names: _AgencyNames) -> list[str]:
    from welfare_tui.ecomap import from_document, tie_changes
    from welfare_tui.ecomap.changes import previous_ties
    from welfare_tui.ecomap.mermaid import mermaid_flowchart
    from welfare_tui.ecomap.model import sector_label

    model = from_document(doc)
    before = previous_ties(doc)  # None: no change list (a first or a planned meeting)
    previous = _mapping(ecomap.get("previous"))
    changes = tie_changes(before, model.ties, lambda key: names(key)) if before is not None else None
    blocks: list[str] = []
    if model.ties:
        changed = {change.node for change in changes or () if change.kind != "removed"}
        rows = []
        for tie in model.ties:
            other = names(tie.far) if tie.near == HOUSEHOLD else f"{names(tie.near)} — {names(tie.far)}"
            rows.append(
                (
                    ("★ " if tie.far in changed else "") + other,
                    sector_label(model.node(tie.far).sector) if tie.far != HOUSEHOLD else "",
                    _label("tie_strength", tie.strength),
                    t("export.ecomap.stressful") if tie.stressful else "",
                    _label("tie_flow", tie.flow),
                    tie.caption,
                )
            )
        header = tuple(
            t(f"export.ecomap.col.{key}")
            for key in ("other", "sector", "strength", "stress", "flow", "caption")
        )
        blocks += [mermaid_flowchart(model, changed), t("export.ecomap.legend"), _table(header, rows)]
    if changes is not None:
        heading = "### " + t(
            "export.ecomap.changes", round=previous.get("round"), date=_str(previous.get("date"))
        )
        blocks += [
            heading,
            _bullets(f"{change.mark} {change.text}" for change in changes) or t("export.ecomap.no_change"),
        ]
    return blocks


def _assessment(items: Sequence[Any], names: _AgencyNames) -> list[str]:
    rows = [
        (
            _label("assessment_kind", item.get("kind")),
            _str(item.get("text")),
            # 0 (or nothing) means "not ranked": strengths usually are not.
            _str(item.get("priority")) if item.get("priority") else "",
            _label("urgency", item.get("urgency")),
            names(item.get("agency")) if item.get("agency") else "",
        )
        for item in map(_mapping, items)
    ]
    header = (
        *(t(f"minutes.col.{key}") for key in ("kind", "text", "priority", "urgency")),
        t("facilitation.col.owner"),
    )
    return [_table(header, rows)] if rows else []


def _review(review: Mapping[str, Any], names: _AgencyNames, dates: _Dates) -> list[str]:
    """Last meeting's role assignments and monitoring dates with the outcome recorded at this one."""
    rows = [
        (
            t("facilitation.kind.role"),
            _str(item.get("task")),
            " ".join(
                p
                for p in (names(item.get("agency")) if item.get("agency") else "", _str(item.get("person")))
                if p
            ),
            dates(item.get("due")),
            _label("role_status", item.get("status")),
        )
        for item in map(_mapping, _list(review.get("roles")))
    ]
    rows += [
        (
            t("facilitation.kind.monitoring"),
            _str(item.get("what")),
            "",
            dates(item.get("date")),
            _label("role_status", item.get("status")),
        )
        for item in map(_mapping, _list(review.get("monitoring")))
    ]
    if not rows:
        return []
    header = tuple(t(f"facilitation.col.{key}") for key in ("kind", "what", "who", "due", "outcome"))
    return [t("facilitation.review_intro", round=_str(review.get("round"))), _table(header, rows)]


def _timing(steps: Sequence[Any]) -> list[str]:
    """Each step's time box against the time actually spent (recorded as the facilitator moves on)."""
    rows = []
    for number, step in enumerate(map(_mapping, steps), start=1):
        box, spent = int(step.get("minutes") or 0), int(step.get("seconds") or 0)
        used = round(spent / 60)
        mark = t("facilitation.overrun") if spent > box * 60 else ""
        rows.append(
            (
                str(number),
                pick(_str(step.get("title")), _str(step.get("title_en"))),
                t("facilitation.minutes", minutes=box),
                t("facilitation.minutes", minutes=used) if spent else "",
                mark,
            )
        )
    if not any(step.get("seconds") for step in map(_mapping, steps)):
        return []
    header = tuple(t(f"facilitation.col.{key}") for key in ("number", "step", "box", "spent", "note"))
    return [_table(header, rows)]


def _policy(doc: Mapping[str, Any]) -> list[str]:
    goals = _mapping(doc.get("goals"))
    blocks = _text_blocks(doc.get("policy")) or [t("minutes.none")]
    for key in ("long", "short"):
        blocks.append(f"### {label('goal_term', key)}")
        blocks.append(_bullets(_str(goal) for goal in _list(goals.get(key))) or t("minutes.none"))
    return blocks


def _roles(items: Sequence[Any], names: _AgencyNames, dates: _Dates) -> list[str]:
    rows = [
        (
            _str(item.get("task")),
            names(item.get("agency")) if item.get("agency") else "",
            _str(item.get("person")),
            dates(item.get("due")),
            _label("role_status", item.get("status")),
        )
        for item in map(_mapping, items)
    ]
    if not rows:
        return []
    return [
        _table(
            tuple(t(f"minutes.col.{key}") for key in ("task", "role_agency", "person", "due", "status")), rows
        )
    ]


def _monitoring(items: Sequence[Any], dates: _Dates) -> list[str]:
    lines = []
    for item in map(_mapping, items):
        when, what = dates(item.get("date")), _str(item.get("what"))
        status = _label("role_status", item.get("status"))
        line = " — ".join(part for part in (when, what) if part)
        lines.append(t("export.with_detail", text=line, detail=status) if line and status else line)
    text = _bullets(lines)
    return [text] if text else []


def _next_meeting(next_meeting: Mapping[str, Any], dates: _Dates) -> list[str]:
    facts = [
        (
            t("export.next.when"),
            " ".join(p for p in (dates(next_meeting.get("date")), _str(next_meeting.get("time"))) if p),
        ),
        (t("export.next.place"), _str(next_meeting.get("place"))),
        (t("export.next.note"), _str(next_meeting.get("note"))),
    ]
    if not any(value for _, value in facts):
        return []
    return ["\n".join(f"- {key}: {_inline(value) or t('minutes.none')}" for key, value in facts)]


def _step_notes(steps: Sequence[Any]) -> dict[str, list[str]]:
    """Notes taken at each step, as blocks keyed by the section they belong to ("other" = 議事メモ)."""
    notes: dict[str, list[str]] = {}
    for step in map(_mapping, steps):
        text = _text_blocks(step.get("notes"))
        if not text:
            continue
        title = (
            _inline(pick(_str(step.get("title")), _str(step.get("title_en"))))
            or _inline(step.get("id"))
            or _inline(step.get("kind"))
        )
        section = SECTION_OF_STEP_KIND.get(_str(step.get("kind")), "other")
        heading = f"### {title}" if section == "other" else f"### {t('minutes.memo_of', title=title)}"
        notes.setdefault(section, []).extend([heading, *text])
    return notes


def _section(heading: str, body: list[str], notes: list[str] | None = None) -> list[str]:
    return [f"## {heading}", *(body or [t("minutes.none")]), *(notes or [])]


# --- values ---------------------------------------------------------------------------------------


class _AgencyNames:
    """Agency id → display name from the document's `agencies` map; unknown ids print as they are
    (they are free labels such as 近隣住民, or ids from a database this document did not carry)."""

    def __init__(self, agencies: Mapping[str, Any]) -> None:
        self.known = {
            str(key): _str(_mapping(value).get("name")) or str(key) for key, value in agencies.items()
        }

    def __call__(self, agency: Any) -> str:
        key = _str(agency)
        return self.known.get(key, key)


class _Dates:
    """Document dates (ISO strings) as the minutes print them: ISO by default, 和暦 with `era`."""

    __slots__ = ("era",)

    def __init__(self, era: bool) -> None:
        self.era = era

    def __call__(self, value: Any) -> str:
        return wareki.format_date(_str(value), era=self.era)

    def fiscal_year(self, value: Any) -> str:
        day = wareki.parse_date(_str(value))
        if not day:
            return ""
        return wareki.english_fiscal_year(day) if language() == "en" else wareki.fiscal_year(day)

    def birth_year(self, year: int) -> str:
        return wareki.english_birth_year(year) if language() == "en" else wareki.birth_year(year)


def _type_label(meeting: Mapping[str, Any]) -> str:
    """The meeting type as recorded (type_label); in English, the vocabulary's English label."""
    key = _str(meeting.get("type"))
    if language() == "en" and key in domain.MEETING_TYPES:
        return label("meeting_type", key)
    meeting_type = domain.MEETING_TYPES.get(key)
    return _str(meeting.get("type_label")) or (meeting_type.label if meeting_type else key)


def _legal_basis(meeting: Mapping[str, Any]) -> str:
    """The legal basis as recorded; in English, the law's English name when it is the type's own."""
    basis = _str(meeting.get("legal_basis"))
    key = _str(meeting.get("type"))
    meeting_type = domain.MEETING_TYPES.get(key)
    if basis and meeting_type is not None and basis == meeting_type.legal_basis:
        return t(f"export.legal_basis.{key}")
    return basis


def _round(value: Any) -> str:
    return t("export.round", round=value) if value not in (None, "") else ""


def _time_range(start: Any, end: Any) -> str:
    start, end = _str(start), _str(end)
    return t("export.time_range", start=start, end=end) if start or end else ""


def _join(key: str, parts: Iterable[str]) -> str:
    """The non-empty parts joined pairwise by the message `key` (「、」 in Japanese, ", " in English)."""
    text = ""
    for part in parts:
        if part:
            text = t(key, before=text, after=part) if text else part
    return text


def _consent(consent: Mapping[str, Any], day: Any, dates: _Dates, names: _AgencyNames) -> str:
    """The consent as it stood on the meeting's day (meeting_rules.consent_as_of), with the agencies
    within its scope; a withdrawal after that day is added as a note."""
    from welfare_tui import meeting_rules

    history = meeting_rules.document_history({"case": {"consent": consent}})
    state = meeting_rules.consent_as_of(history, _str(day) or None)
    text = _label("consent", state.status) or label("consent", "none")
    agencies = _join("export.join", (names(agency) for agency in state.agencies))
    details = _join(
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
    later = meeting_rules.later_withdrawal(history, _str(day)) if _str(day) else None
    if later is not None:
        text += t("rules.consent_later_withdrawn", date=dates(later.get("date")))
    return text


def _confidentiality(confidentiality: Mapping[str, Any]) -> str:
    confirmed_at = _str(confidentiality.get("confirmed_at"))
    version = _str(confidentiality.get("statement_version"))
    materials = _label("materials", confidentiality.get("materials"))
    parts = [
        t("export.confidentiality.confirmed", time=confirmed_at)
        if confirmed_at
        else t("export.confidentiality.unconfirmed")
    ]
    if version:
        parts.append(t("export.confidentiality.statement", version=version))
    if materials:
        parts.append(t("export.confidentiality.materials", value=materials))
    return _join("export.join", parts)


def _birth(birth_date: str, on: str, deceased: bool, dates: _Dates) -> str:
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


def _label(vocabulary: str, key: Any) -> str:
    """The label of a vocabulary value in the current language; unknown values print as themselves."""
    return label(vocabulary, _str(key))


def _str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("export.yes") if value else t("export.no")
    return str(value).strip()


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list | tuple) else ()


# --- Markdown text --------------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Lines Markdown would read as structure rather than as the words someone typed: headings, quotes,
# HTML, fences, tables, thematic breaks and setext underlines. The first character is escaped.
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^(?:#|>|<|`{3}|~{3}|\||[-=*_+]+\s*$|[-*_](?:\s*[-*_]){2,}\s*$)")


def _text_blocks(value: Any) -> list[str]:
    """Free text as Markdown paragraphs: one paragraph per typed line, so line breaks survive in every
    viewer (a single newline would otherwise be joined), and a typed line never becomes a heading,
    a rule or a table. Lines starting with 「・」, `-` or `1.` keep reading as lists, as intended."""
    lines = [line.strip() for line in _LINE_BREAKS.split(_str(value))]
    return [_escape_block(_escape_html(line)) for line in lines if line]


def _escape_html(text: str) -> str:
    """Typed text never becomes HTML: Markdown passes raw HTML through, so a task typed as
    `<script>…` would run in a viewer that renders it (or hide the words in one that strips it).
    `&` is escaped only where it would start an entity (`&lt;` typed shows as typed); a lone `&`
    ("Support & monitoring") reads the same in every viewer and in the .md file itself."""
    return _ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def _escape_block(line: str) -> str:
    return "\\" + line if _BLOCK_START.match(line) else line


def _inline(value: Any) -> str:
    """A value on one line (heading, list item): line breaks become spaces, HTML is escaped."""
    return _escape_html(" ".join(part.strip() for part in _LINE_BREAKS.split(_str(value)) if part.strip()))


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {_inline(item)}" for item in items if _inline(item))


def _cell(value: str) -> str:
    # Pipes would end the cell; line breaks would end the row. <br> keeps the break visible (the one
    # HTML a cell holds: what was typed is escaped).
    parts = [_escape_html(part.strip()) for part in _LINE_BREAKS.split(value)]
    return "<br>".join(part for part in parts if part).replace("|", "\\|")


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A pipe table whose columns also line up as plain text (a terminal, a diff, a printout of the
    .md file): cells are padded to the widest one, East Asian wide characters counting two."""
    cells = [[_cell(value) for value in header]] + [[_cell(value) for value in row] for row in rows]
    widths = [max(3, *(_width(value) for value in column)) for column in zip(*cells, strict=True)]

    def line(values: Sequence[str]) -> str:
        padded = [value + " " * (width - _width(value)) for value, width in zip(values, widths, strict=True)]
        return "| " + " | ".join(padded) + " |"

    rule = "| " + " | ".join("-" * width for width in widths) + " |"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _width(text: str) -> int:
    """Display width in terminal cells: wide and full-width characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width
