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

The sections are markdown_sections.py's, the values and Markdown escaping markdown_text.py's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from welfare_tui.contact_summary import document_summary
from welfare_tui.i18n import pick, t
from welfare_tui.minutes import markdown_sections as sections
from welfare_tui.minutes.markdown_between import needs_blocks
from welfare_tui.minutes.markdown_text import (
    AgencyNames,
    Dates,
    as_list,
    as_mapping,
    as_text,
    inline,
    meeting_type_label,
    round_label,
    table,
    text_blocks,
    time_range,
)

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


def markdown_minutes(doc: Mapping[str, Any], *, era: bool = False) -> str:
    """The file `export --format md` writes: the minutes and the line tying them to the audit log."""
    return render_markdown(doc, era=era) + audit_footer(doc)


def audit_footer(doc: Mapping[str, Any]) -> str:
    """The line that ties printed minutes to the audit log: the export's entry and the chain's head
    hash then (`audit: {entry, head}`, added by storage.audit.stamp_export); empty when absent."""
    stamp = doc.get("audit")
    if not isinstance(stamp, Mapping) or not stamp.get("head"):
        return ""
    return "\n" + t("trust.minutes_footer", entry=stamp.get("entry", ""), head=stamp["head"]) + "\n"


def render_markdown(doc: Mapping[str, Any], *, era: bool = False) -> str:
    """The minutes of one meeting document as Markdown text (`\\n` line endings, one final newline).

    Tolerates missing keys and unknown vocabulary (a hand-edited YAML file may have them): absent
    values print as empty, unknown keys print as themselves, so rendering never fails on content.
    `era` prints dates in 和暦 (令和8年11月20日(金)) and adds the 年度 to the header table. A document
    made by `masking.mask_document` says so under the title; one made by `handout.agency_handout`
    prints as that agency's handout (`render_handout`).
    """
    if as_mapping(doc.get("handout")):
        return render_handout(doc, era=era)
    case, meeting = as_mapping(doc.get("case")), as_mapping(doc.get("meeting"))
    notes = step_notes(as_list(doc.get("steps")))
    names, dates = AgencyNames(as_mapping(doc.get("agencies")), as_mapping(doc.get("resources"))), Dates(era)
    blocks = sections.title_blocks(doc, case, meeting) + sections.header_blocks(case, meeting, dates, names)
    for key, body in _section_bodies(doc, case, meeting, names, dates):
        heading = t(f"minutes.section.{key}") if key != "review" else t("facilitation.review_section")
        blocks += section(heading, body, notes.get(key))
    blocks += section(t("facilitation.timing_section"), sections.timing_blocks(as_list(doc.get("steps"))))
    blocks += section(t("minutes.section.memo"), notes.get("other", []))
    blocks.append(t("minutes.end"))
    return "\n\n".join(blocks) + "\n"


def _section_bodies(
    doc: Mapping[str, Any],
    case: Mapping[str, Any],
    meeting: Mapping[str, Any],
    names: AgencyNames,
    dates: Dates,
) -> list[tuple[str, list[str]]]:
    """The sections of the full minutes in meeting order, each (key, blocks); the key names its
    heading (`minutes.section.KEY`) and the step notes printed after it (SECTION_OF_STEP_KIND)."""
    # What happened since the previous meeting (the contact log), then what it had set.
    contacts = [inline(line) for line in [document_summary(doc)] if line]
    review = [("review", contacts + sections.review_blocks(as_mapping(doc.get("review")), names, dates))]
    return [
        ("attendees", sections.attendees_blocks(as_list(doc.get("attendees")), names)),
        *(review if doc.get("review") is not None else []),
        ("purpose", text_blocks(meeting.get("purpose"))),
        ("case", sections.case_summary_blocks(case, meeting, names, dates)),
        ("shared_info", sections.shared_info_blocks(as_list(doc.get("shared_info")), names)),
        # One call: the ecomap's renderer (Mermaid, legend, ties) is replaced independently.
        ("ecomap", sections.ecomap_blocks(as_mapping(doc.get("ecomap")), doc, names)),
        ("assessment", sections.assessment_blocks(as_list(doc.get("assessment")), names)),
        ("policy", sections.policy_blocks(doc)),
        ("roles", sections.roles_blocks(as_list(doc.get("roles")), names, dates)),
        ("monitoring", sections.monitoring_blocks(as_list(doc.get("monitoring")), dates)),
        ("resource_gaps", needs_blocks(as_list(doc.get("needs"))) + text_blocks(doc.get("resource_gaps"))),
        ("decisions", decision_blocks(meeting, names) + text_blocks(doc.get("decisions"))),
        ("remaining_issues", text_blocks(doc.get("remaining_issues"))),
        ("next_meeting", sections.next_meeting_blocks(as_mapping(doc.get("next_meeting")), dates)),
    ]


def render_handout(doc: Mapping[str, Any], *, era: bool = False) -> str:
    """One agency's handout (`export --agency`): what it needs from the minutes and nothing else —
    its own role assignments, the monitoring dates, the next meeting and the shared summary (case
    summary, policy, decisions). Attendees, household, other agencies' information and the ecomap
    stay out: the handout is mailed to an agency that holds only its own part of the case."""
    handout = as_mapping(doc.get("handout"))
    case = as_mapping(doc.get("case"))
    meeting = as_mapping(doc.get("meeting"))
    names = AgencyNames(as_mapping(doc.get("agencies")), as_mapping(doc.get("resources")))
    dates = Dates(era)
    agency = names(handout.get("agency"))
    type_label = meeting_type_label(meeting)
    blocks = [f"# {inline(t('minutes.handout.title', type=type_label, agency=agency))}"]
    blocks += sections.title_blocks(doc, case, meeting)[1:]
    rows = [
        (t("minutes.header.type"), type_label),
        (t("minutes.header.round"), round_label(meeting.get("round"))),
        (t("minutes.header.date"), dates(meeting.get("date"))),
        (t("minutes.header.time"), time_range(meeting.get("start"), meeting.get("end"))),
    ]
    blocks.append(table((t("minutes.header.item"), t("minutes.header.value")), rows))
    blocks.append(t("minutes.handout.intro", agency=agency))
    summary = (
        text_blocks(case.get("summary"))
        + text_blocks(doc.get("policy"))
        + decision_blocks(meeting, names)
        + text_blocks(doc.get("decisions"))
    )
    blocks += section(t("minutes.handout.summary"), summary)
    blocks += section(
        t("minutes.section.roles"), sections.roles_blocks(as_list(doc.get("roles")), names, dates)
    )
    blocks += section(
        t("minutes.section.monitoring"), sections.monitoring_blocks(as_list(doc.get("monitoring")), dates)
    )
    needs = needs_blocks(as_list(doc.get("needs")))
    if needs:  # the meeting's unmet needs, when it recorded any
        blocks += section(t("between_doc.minutes.needs"), needs)
    blocks += section(
        t("minutes.section.next_meeting"),
        sections.next_meeting_blocks(as_mapping(doc.get("next_meeting")), dates),
    )
    blocks.append(t("minutes.end"))
    return "\n\n".join(blocks) + "\n"


def decision_blocks(meeting: Mapping[str, Any], names: AgencyNames) -> list[str]:
    """The one line stating what the meeting decided for the case (`meeting.decision`, version 2):
    「決定：終結（理由：主担当機関へ引継ぎ — 地域包括支援センター）」; nothing when it decided nothing."""
    from welfare_tui import case_lifecycle

    decision = as_mapping(meeting.get("decision"))
    key = as_text(decision.get("decision"))
    if not key:
        return []
    to_agency = as_text(decision.get("to_agency"))
    line = case_lifecycle.decision_line(
        key,
        closure_reason=as_text(decision.get("closure_reason")),
        to_agency_name=names(to_agency) if to_agency else "",
        reason=as_text(decision.get("reason")),
    )
    return [inline(line)]


def step_notes(steps: Sequence[Any]) -> dict[str, list[str]]:
    """Notes taken at each step, as blocks keyed by the section they belong to ("other" = 議事メモ)."""
    notes: dict[str, list[str]] = {}
    for step in map(as_mapping, steps):
        text = text_blocks(step.get("notes"))
        if not text:
            continue
        title = (
            inline(pick(as_text(step.get("title")), as_text(step.get("title_en"))))
            or inline(step.get("id"))
            or inline(step.get("kind"))
        )
        section = SECTION_OF_STEP_KIND.get(as_text(step.get("kind")), "other")
        heading = f"### {title}" if section == "other" else f"### {t('minutes.memo_of', title=title)}"
        notes.setdefault(section, []).extend([heading, *text])
    return notes


def section(heading: str, body: list[str], notes: list[str] | None = None) -> list[str]:
    return [f"## {heading}", *(body or [t("minutes.none")]), *(notes or [])]
