"""The sections of the Markdown minutes (minutes/markdown.py), one function each, in meeting order:
each returns the section's blocks (paragraphs, lists, tables), "" nowhere, an empty list when there is
nothing to print (the caller then prints 「なし」)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from welfare_tui import domain
from welfare_tui.i18n import label, pick, t
from welfare_tui.minutes.markdown_text import (
    AgencyNames,
    Dates,
    as_list,
    as_mapping,
    as_text,
    birth_text,
    bullets,
    confidentiality_text,
    consent_text,
    inline,
    joined,
    legal_basis,
    meeting_type_label,
    round_label,
    table,
    text_blocks,
    time_range,
    vocabulary_label,
)

HOUSEHOLD = "household"
# The relation that names the index person (a value people type, compared, never printed by us).
INDEX_RELATION = "本人"


def title_blocks(doc: Mapping[str, Any], case: Mapping[str, Any], meeting: Mapping[str, Any]) -> list[str]:
    type_label = meeting_type_label(meeting)
    blocks = [f"# {inline(t('minutes.title', type=type_label))}".strip()]
    line = " ".join(part for part in (inline(case.get("label")), round_label(meeting.get("round"))) if part)
    if as_text(case.get("code")):
        line += t("minutes.case_code", code=inline(case.get("code")))
    if line:
        blocks.append(line)
    meeting_type = domain.MEETING_TYPES.get(as_text(meeting.get("type")))
    if meeting_type is not None and meeting_type.notice:  # its own law's notice (domain.md §13.1)
        blocks.append("> " + t(f"export.confidentiality_notice.{meeting_type.key}"))
    if doc.get("masked"):
        blocks.append("> " + t("minutes.masked_notice"))
    return blocks


def header_blocks(
    case: Mapping[str, Any], meeting: Mapping[str, Any], dates: Dates, names: AgencyNames
) -> list[str]:
    type_label = meeting_type_label(meeting)
    basis = legal_basis(meeting)
    place = as_text(meeting.get("place"))
    mode = vocabulary_label("meeting_mode", meeting.get("mode"))
    if mode:
        place = t("export.place_mode", place=place, mode=mode) if place else mode
    rows = [
        (
            t("minutes.header.type"),
            t("minutes.header.type_basis", type=type_label, basis=basis) if basis else type_label,
        ),
        (t("minutes.header.round"), round_label(meeting.get("round"))),
    ]
    if dates.era:
        rows.append((t("minutes.header.fiscal_year"), dates.fiscal_year(meeting.get("date"))))
    rows += [
        (t("minutes.header.date"), dates(meeting.get("date"))),
        (t("minutes.header.time"), time_range(meeting.get("start"), meeting.get("end"))),
        (t("minutes.header.place"), place),
        (t("minutes.header.chair"), as_text(meeting.get("chair"))),
        (t("minutes.header.recorder"), as_text(meeting.get("recorder"))),
        (
            t("minutes.header.consent"),
            consent_text(as_mapping(case.get("consent")), meeting.get("date"), dates, names),
        ),
        (
            t("minutes.header.confidentiality"),
            confidentiality_text(as_mapping(meeting.get("confidentiality"))),
        ),
    ]
    if as_text(meeting.get("incomplete_reason")):
        rows.append((t("facilitation.incomplete"), as_text(meeting.get("incomplete_reason"))))
    return [table((t("minutes.header.item"), t("minutes.header.value")), rows)]


def attendees_blocks(attendees: Sequence[Any], names: AgencyNames) -> list[str]:
    rows = []
    for item in map(as_mapping, attendees):
        rows.append(
            (
                names(item.get("agency")),
                as_text(item.get("department")),
                as_text(item.get("role")),
                as_text(item.get("name")),
                vocabulary_label("attendance", item.get("attendance")),
                "✓" if item.get("acknowledged") else "",
            )
        )
    if not rows:
        return []
    return [
        table(
            tuple(
                t(f"minutes.col.{key}")
                for key in ("agency", "department", "role", "name", "attendance", "acknowledged")
            ),
            rows,
        )
    ]


def case_summary_blocks(
    case: Mapping[str, Any], meeting: Mapping[str, Any], names: AgencyNames, dates: Dates
) -> list[str]:
    blocks = text_blocks(case.get("summary"))
    facts = [
        (t("export.case.code"), as_text(case.get("code"))),
        (t("export.case.status"), vocabulary_label("case_status", case.get("status"))),
        (t("export.case.tags"), joined("export.join", (as_text(tag) for tag in as_list(case.get("tags"))))),
        (t("export.case.referral_route"), as_text(case.get("referral_route"))),
        (t("export.case.lead_agency"), names(case.get("lead_agency")) if case.get("lead_agency") else ""),
        (t("export.case.key_person"), as_text(case.get("key_person"))),
        (
            t("export.case.consent"),
            consent_text(as_mapping(case.get("consent")), meeting.get("date"), dates, names),
        ),
    ]
    # The household's address and phone, only when recorded (a masked document has them emptied).
    facts += [
        (t(f"export.case.{key}"), as_text(case.get(key)))
        for key in ("address", "phone")
        if as_text(case.get(key))
    ]
    blocks.append("\n".join(f"- {key}: {inline(value) or t('minutes.none')}" for key, value in facts))
    household = household_blocks(as_list(case.get("household")), as_text(meeting.get("date")), dates)
    blocks.append(f"### {t('minutes.section.household')}")
    blocks += household or [t("minutes.none")]
    return blocks


def household_blocks(persons: Sequence[Any], on: str, dates: Dates) -> list[str]:
    rows: list[tuple[str, ...]] = []
    contacts: list[str] = []
    for person in map(as_mapping, persons):
        relation = as_text(person.get("relation"))
        marks = []
        if person.get("index_person") and relation != INDEX_RELATION:
            marks.append(t("export.household.index_person"))
        if person.get("key_person"):
            marks.append(t("export.household.key_person"))
        if marks:
            relation = t(
                "export.household.marks", relation=relation, marks=joined("export.household.join", marks)
            )
        name = as_text(person.get("name"))
        kana = as_text(person.get("kana"))
        if kana:
            name = t("export.household.kana", name=name, kana=kana)
        note = as_text(person.get("note"))
        if person.get("deceased"):
            note = f"{t('export.household.deceased')} {note}".strip()
        together = "cohabiting" if person.get("cohabiting") else "apart"
        contacts.append(
            joined(
                "export.join",
                (as_text(person.get(key)) for key in ("address", "phone") if as_text(person.get(key))),
            )
        )
        rows.append(
            (
                relation,
                name,
                vocabulary_label("sex", person.get("sex")),
                birth_text(as_text(person.get("birth_date")), on, bool(person.get("deceased")), dates),
                "" if person.get("deceased") else t(f"export.household.{together}"),
                note,
            )
        )
    if not rows:
        return []
    columns: tuple[str, ...] = ("relation", "name", "sex", "birth", "cohabiting", "note")
    if any(contacts):  # a column for members' own address and phone, only when one is recorded
        columns += ("contact",)
        rows = [(*row, contact) for row, contact in zip(rows, contacts)]
    return [table(tuple(t(f"minutes.col.{key}") for key in columns), rows)]


def shared_info_blocks(items: Sequence[Any], names: AgencyNames) -> list[str]:
    # Grouped by agency in order of first appearance: one heading per agency even when its
    # information was entered in several pieces.
    grouped: dict[str, list[str]] = {}
    for item in map(as_mapping, items):
        grouped.setdefault(as_text(item.get("agency")), []).extend(text_blocks(item.get("content")))
    blocks: list[str] = []
    for agency, texts in grouped.items():
        blocks.append(f"### {inline(names(agency)) or t('export.no_agency')}")
        blocks += texts or [t("minutes.none")]
    return blocks


def ecomap_blocks(ecomap: Mapping[str, Any], doc: Mapping[str, Any], names: AgencyNames) -> list[str]:
    from welfare_tui.ecomap import from_document, tie_changes
    from welfare_tui.ecomap.changes import previous_ties
    from welfare_tui.ecomap.mermaid import mermaid_flowchart

    model = from_document(doc)
    before = previous_ties(doc)  # None: no change list (a first or a planned meeting)
    previous = as_mapping(ecomap.get("previous"))
    blocks: list[str] = []

    def node_name(key: str) -> str:
        """An agency by its full name (the map's short one is for pictures), a 地域資源 by its own."""
        return model.node(key).name if model.node(key).resource else names(key)

    changes = tie_changes(before, model.ties, node_name) if before is not None else None

    if model.ties:
        changed = {change.node for change in changes or () if change.kind != "removed"}
        rows = []
        for tie in model.ties:
            other = (
                node_name(tie.far)
                if tie.near == HOUSEHOLD
                else f"{node_name(tie.near)} — {node_name(tie.far)}"
            )
            rows.append(
                (
                    ("★ " if tie.far in changed else "") + other,
                    model.node(tie.far).caption if tie.far != HOUSEHOLD else "",
                    vocabulary_label("tie_strength", tie.strength),
                    t("export.ecomap.stressful") if tie.stressful else "",
                    vocabulary_label("tie_flow", tie.flow),
                    tie.caption,
                )
            )
        header = tuple(
            t(f"export.ecomap.col.{key}")
            for key in ("other", "sector", "strength", "stress", "flow", "caption")
        )
        blocks += [mermaid_flowchart(model, changed), t("export.ecomap.legend"), table(header, rows)]
    if changes is not None:
        heading = "### " + t(
            "export.ecomap.changes", round=previous.get("round"), date=as_text(previous.get("date"))
        )
        blocks += [
            heading,
            bullets(f"{change.mark} {change.text}" for change in changes) or t("export.ecomap.no_change"),
        ]
    return blocks


def assessment_blocks(items: Sequence[Any], names: AgencyNames) -> list[str]:
    rows = [
        (
            vocabulary_label("assessment_kind", item.get("kind")),
            as_text(item.get("text")),
            # 0 (or nothing) means "not ranked": strengths usually are not.
            as_text(item.get("priority")) if item.get("priority") else "",
            vocabulary_label("urgency", item.get("urgency")),
            names(item.get("agency")) if item.get("agency") else "",
        )
        for item in map(as_mapping, items)
    ]
    header = (
        *(t(f"minutes.col.{key}") for key in ("kind", "text", "priority", "urgency")),
        t("facilitation.col.owner"),
    )
    return [table(header, rows)] if rows else []


def review_blocks(review: Mapping[str, Any], names: AgencyNames, dates: Dates) -> list[str]:
    """Last meeting's role assignments and monitoring dates with the outcome recorded at this one."""
    rows = [
        (
            t("facilitation.kind.role"),
            as_text(item.get("task")),
            " ".join(
                p
                for p in (
                    names(item.get("agency")) if item.get("agency") else "",
                    as_text(item.get("person")),
                )
                if p
            ),
            dates(item.get("due")),
            vocabulary_label("role_status", item.get("status")),
        )
        for item in map(as_mapping, as_list(review.get("roles")))
    ]
    rows += [
        (
            t("facilitation.kind.monitoring"),
            as_text(item.get("what")),
            "",
            dates(item.get("date")),
            vocabulary_label("role_status", item.get("status")),
        )
        for item in map(as_mapping, as_list(review.get("monitoring")))
    ]
    if not rows:
        return []
    header = tuple(t(f"facilitation.col.{key}") for key in ("kind", "what", "who", "due", "outcome"))
    return [t("facilitation.review_intro", round=as_text(review.get("round"))), table(header, rows)]


def timing_blocks(steps: Sequence[Any]) -> list[str]:
    """Each step's time box against the time actually spent (recorded as the facilitator moves on)."""
    rows = []
    for number, step in enumerate(map(as_mapping, steps), start=1):
        box, spent = int(step.get("minutes") or 0), int(step.get("seconds") or 0)
        used = round(spent / 60)
        mark = t("facilitation.overrun") if spent > box * 60 else ""
        rows.append(
            (
                str(number),
                pick(as_text(step.get("title")), as_text(step.get("title_en"))),
                t("facilitation.minutes", minutes=box),
                t("facilitation.minutes", minutes=used) if spent else "",
                mark,
            )
        )
    if not any(step.get("seconds") for step in map(as_mapping, steps)):
        return []
    header = tuple(t(f"facilitation.col.{key}") for key in ("number", "step", "box", "spent", "note"))
    return [table(header, rows)]


def policy_blocks(doc: Mapping[str, Any]) -> list[str]:
    goals = as_mapping(doc.get("goals"))
    blocks = text_blocks(doc.get("policy")) or [t("minutes.none")]
    for key in ("long", "short"):
        blocks.append(f"### {label('goal_term', key)}")
        blocks.append(bullets(as_text(goal) for goal in as_list(goals.get(key))) or t("minutes.none"))
    return blocks


def roles_blocks(items: Sequence[Any], names: AgencyNames, dates: Dates) -> list[str]:
    rows = [
        (
            as_text(item.get("task")),
            names.with_resource(item.get("agency"), item.get("resource")),
            as_text(item.get("person")),
            dates(item.get("due")),
            vocabulary_label("role_status", item.get("status")),
        )
        for item in map(as_mapping, items)
    ]
    if not rows:
        return []
    return [
        table(
            tuple(t(f"minutes.col.{key}") for key in ("task", "role_agency", "person", "due", "status")), rows
        )
    ]


def monitoring_blocks(items: Sequence[Any], dates: Dates) -> list[str]:
    lines = []
    for item in map(as_mapping, items):
        when, what = dates(item.get("date")), as_text(item.get("what"))
        status = vocabulary_label("role_status", item.get("status"))
        line = " — ".join(part for part in (when, what) if part)
        lines.append(t("export.with_detail", text=line, detail=status) if line and status else line)
    text = bullets(lines)
    return [text] if text else []


def next_meeting_blocks(next_meeting: Mapping[str, Any], dates: Dates) -> list[str]:
    facts = [
        (
            t("export.next.when"),
            " ".join(p for p in (dates(next_meeting.get("date")), as_text(next_meeting.get("time"))) if p),
        ),
        (t("export.next.place"), as_text(next_meeting.get("place"))),
        (t("export.next.note"), as_text(next_meeting.get("note"))),
    ]
    if not any(value for _, value in facts):
        return []
    return ["\n".join(f"- {key}: {inline(value) or t('minutes.none')}" for key, value in facts)]
