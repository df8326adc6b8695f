"""The meeting notice (開催通知) to one invited agency, built from what the meeting already holds.

`build_notice(doc, agency)` gives the notice's parts — addressee, subject, date and time, place, the
online link, the agenda titles with their time boxes, what to bring (the agency's own open roles from
the last round, its information for the sharing step), the confidentiality and materials rules of the
meeting type, the contact person — and `notice_markdown` its Markdown text; notice_files.py writes the
same notice as Word and iCalendar. Pure: a masked document (`masking.mask_document`) gives a masked
notice; the caller (storage/noticing.py) scans the result with the leak gate.

No field of its own: the online link is the URL written in the meeting's place (「福祉センター 2階 /
https://…」; mode online or hybrid), the contact person is the chair, who runs the meeting.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from welfare_tui import domain
from welfare_tui.i18n import pick, t
from welfare_tui.minutes.markdown_text import (
    AgencyNames,
    Dates,
    as_list,
    as_mapping,
    as_text,
    inline,
    joined,
    meeting_type_label,
    round_label,
    time_range,
    vocabulary_label,
)

_NUMBERED = re.compile(r"^\d+\. ")
_URL = re.compile(r"https?://[^\s　、，,）)]+")


@dataclass(frozen=True)
class Notice:
    agency: str  # the id the notice is addressed to (masked: its alias)
    addressee: str  # 「{agency} 御中」
    people: str  # the agency's invited staff, as in the attendees
    issued: str  # the date the notice is issued, as printed
    subject: str
    intro: str
    items: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, lines) of the 記 part
    notice: str  # the meeting type's confidentiality notice (支援会議), else ""
    contact: str
    masked: bool


def invited_agencies(doc: Mapping[str, Any]) -> list[str]:
    """The agencies invited to the meeting: those of its attendees, in their order, once each."""
    found: dict[str, None] = {}
    for attendee in map(as_mapping, as_list(doc.get("attendees"))):
        if as_text(attendee.get("agency")):
            found.setdefault(as_text(attendee.get("agency")), None)
    return list(found)


def online_link(meeting: Mapping[str, Any]) -> str:
    """The URL written in the place of an online or hybrid meeting, or ""."""
    if as_text(meeting.get("mode")) not in ("online", "hybrid"):
        return ""
    found = _URL.search(as_text(meeting.get("place")))
    return found.group(0) if found else ""


def build_notice(doc: Mapping[str, Any], agency: str, *, issued: str, era: bool = False) -> Notice:
    """The notice of the meeting `doc` to `agency` (an id of its attendees), issued on `issued`."""
    case, meeting = as_mapping(doc.get("case")), as_mapping(doc.get("meeting"))
    names, dates = AgencyNames(as_mapping(doc.get("agencies"))), Dates(era)
    type_label = meeting_type_label(meeting)
    link = online_link(meeting)
    place = as_text(meeting.get("place"))
    place = _URL.sub("", place).strip(" 　/／") if link else place
    mode = vocabulary_label("meeting_mode", meeting.get("mode"))
    items = [
        (t("notice.when"), (" ".join(filter(None, (dates(meeting.get("date")), _times(meeting)))),)),
        (
            t("notice.where"),
            (t("export.place_mode", place=place, mode=mode) if place and mode else place or mode,),
        ),
        *([(t("notice.online"), (link,))] if link else []),
        (t("notice.case"), (_case_line(case),)),
        (t("notice.agenda"), _agenda(as_list(doc.get("steps")))),
        (t("notice.bring"), _to_bring(doc, agency, names, dates)),
        (t("notice.rules"), _rules(case, meeting, names, dates)),
    ]
    kind = domain.MEETING_TYPES.get(as_text(meeting.get("type")))
    subject_round = round_label(meeting.get("round"))
    return Notice(
        agency=agency,
        addressee=t("notice.addressee", agency=names(agency)),
        people=_people(doc, agency),
        issued=dates(issued),
        subject=t("notice.subject", round=subject_round, type=type_label).strip(),
        intro=t("notice.intro", type=type_label),
        items=tuple((heading, tuple(line for line in lines if line)) for heading, lines in items),
        notice=t(f"export.confidentiality_notice.{kind.key}") if kind is not None and kind.notice else "",
        contact=as_text(meeting.get("chair")),
        masked=bool(doc.get("masked")),
    )


def _times(meeting: Mapping[str, Any]) -> str:
    return time_range(meeting.get("start"), meeting.get("end"))


def _case_line(case: Mapping[str, Any]) -> str:
    label, code = as_text(case.get("label")), as_text(case.get("code"))
    return label + t("minutes.case_code", code=code) if code else label


def _people(doc: Mapping[str, Any], agency: str) -> str:
    people = [
        # A masked name is the role itself (staff are masked to their role): print it once.
        " ".join(part for part in dict.fromkeys((as_text(a.get("role")), as_text(a.get("name")))) if part)
        for a in map(as_mapping, as_list(doc.get("attendees")))
        if as_text(a.get("agency")) == agency
    ]
    return joined("export.join", people)


def _agenda(steps: Sequence[Any]) -> tuple[str, ...]:
    lines = []
    for number, step in enumerate(map(as_mapping, steps), start=1):
        title = pick(as_text(step.get("title")), as_text(step.get("title_en"))) or as_text(step.get("id"))
        minutes = step.get("minutes")
        box = t("notice.minutes", minutes=minutes) if isinstance(minutes, int) and minutes > 0 else ""
        lines.append(f"{number}. {title}{box}")
    return tuple(lines)


def _to_bring(doc: Mapping[str, Any], agency: str, names: AgencyNames, dates: Dates) -> tuple[str, ...]:
    """The agency's open roles of the last round (to report on) and its information to share."""
    review = as_mapping(doc.get("review"))
    lines = [
        t("notice.bring_role", task=as_text(role.get("task")), due=dates(role.get("due")))
        if as_text(role.get("due"))
        else t("notice.bring_role_undated", task=as_text(role.get("task")))
        for role in map(as_mapping, as_list(review.get("roles")))
        if as_text(role.get("agency")) == agency and as_text(role.get("status")) != "done"
    ]
    kinds = {as_text(as_mapping(step).get("kind")) for step in as_list(doc.get("steps"))}
    if "info_sharing" in kinds:
        lines.append(t("notice.bring_info", agency=names(agency)))
    return tuple(lines) or (t("minutes.none"),)


def _rules(
    case: Mapping[str, Any], meeting: Mapping[str, Any], names: AgencyNames, dates: Dates
) -> tuple[str, ...]:
    """The confidentiality and materials rules of the meeting type."""
    from welfare_tui import meeting_rules

    kind = domain.MEETING_TYPES.get(as_text(meeting.get("type")))
    lines = []
    if kind is not None and kind.needs_consent:
        history = meeting_rules.document_history({"case": {"consent": as_mapping(case.get("consent"))}})
        scope = meeting_rules.consent_as_of(history, as_text(meeting.get("date")) or None).scope
        lines.append(t("notice.consent_rule", scope=scope) if scope else t("notice.consent_rule_plain"))
    elif kind is not None and kind.secrecy:
        lines.append(t("notice.secrecy_rule", law=kind.secrecy))
    materials = vocabulary_label("materials", as_mapping(meeting.get("confidentiality")).get("materials"))
    if materials:
        lines.append(t("notice.materials_rule", value=materials))
    return tuple(lines)


def notice_markdown(notice: Notice) -> str:
    """The notice as Markdown: the letter's layout (date right, addressee, subject, 記, 以上)."""
    md = inline  # typed text on one line, HTML escaped

    blocks = [
        md(notice.issued),
        f"**{md(notice.addressee)}**" + (f"（{md(notice.people)}）" if notice.people else ""),
        f"# {md(notice.subject)}",
    ]
    if notice.masked:
        blocks.append("> " + t("notice.masked"))
    blocks += [md(notice.intro), t("notice.ki")]
    for number, (heading, lines) in enumerate(notice.items, start=1):
        blocks.append(f"## {number}　{md(heading)}")
        # The agenda's lines are numbered already (1. 開会…): a numbered list; the others bullets.
        blocks.append("\n".join(md(line) if _NUMBERED.match(line) else f"- {md(line)}" for line in lines))
    if notice.notice:
        blocks.append("> " + notice.notice)
    if notice.contact:
        blocks.append(t("notice.contact", person=md(notice.contact)))
    blocks.append(t("minutes.end"))
    return "\n\n".join(blocks) + "\n"
