"""One agency's handout (`export --agency NAME`): what that agency needs from a meeting, no more.

Only an agency entitled to it gets one (`meeting_rules.handout_refusal`). An agency gets its own role assignments, the monitoring dates, the next meeting and the shared
summary (the case summary, the support policy and goals, the decisions), and this meeting's unmet needs
(地域課題: what the meeting found the town lacks, which every agency at the table works on), with the
resources its own roles name. Everything else — the household and its birth dates, the attendees, what
the other agencies said, the assessment, the ecomap, the step notes, the other agencies' tasks, and the
case's contact log and 参加支援 matches (the case's, not this meeting's: version 3) — stays out: minutes
are 要配慮個人情報 and an agency is given only its part (need to know).

A handout is a meeting document with fewer keys and a `handout: {agency: ID}` key, so every format
renders it (Markdown prints it in a shorter layout, `markdown.render_handout`) and `import` refuses it.
A masked handout is cut from the masked minutes (`leak_gate.MaskedMinutes`), never masked after the
cut: the masker must see the household the handout leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from welfare_tui.errors import RuleRefused
from welfare_tui.minutes.markdown_text import as_mapping

CASE_KEYS = ("code", "label", "summary", "lead_agency")
# status: a planned meeting stays an invitation (a VEVENT) in the agency's calendar too.
MEETING_KEYS = (
    "uid",
    "type",
    "type_label",
    "legal_basis",
    "round",
    "date",
    "start",
    "end",
    "place",
    "mode",
    "status",
    "decision",
)


def agency_handout(doc: Mapping[str, Any], agency_id: str, agency_name: str = "") -> dict[str, Any]:
    """The handout of `doc` for `agency_id`; `RuleRefused` with the reason when the agency is not
    entitled to one (meeting_rules.handout_refusal: it neither attended nor holds a role, or a
    重層的支援会議's consent scope does not include it). No caller can hand out past that rule."""
    from welfare_tui import meeting_rules

    refusal = meeting_rules.handout_refusal(doc, agency_id, agency_name)
    if refusal:
        raise RuleRefused(refusal)
    case = as_mapping(doc.get("case"))
    meeting = as_mapping(doc.get("meeting"))
    roles = [
        dict(role) for role in map(as_mapping, _list(doc.get("roles"))) if role.get("agency") == agency_id
    ]
    lead = case.get("lead_agency")
    decided = as_mapping(meeting.get("decision")).get("to_agency")  # named in the decision's line
    referred = [agency_id, *([lead] if lead else []), *(role.get("agency") for role in roles), decided]
    agencies = as_mapping(doc.get("agencies"))
    resources = as_mapping(doc.get("resources"))
    named = _unique(role.get("resource") for role in roles)
    result = {
        "format": doc.get("format"),
        "version": doc.get("version"),
        "masked": doc.get("masked"),
        "handout": {"agency": agency_id},
        "agencies": {key: dict(as_mapping(agencies[key])) for key in _unique(referred) if key in agencies},
        "resources": {key: dict(as_mapping(resources[key])) for key in named if key in resources},
        "case": {key: case.get(key) for key in CASE_KEYS},
        "meeting": {key: meeting.get(key) for key in MEETING_KEYS},
        "policy": doc.get("policy", ""),
        "goals": dict(as_mapping(doc.get("goals"))),
        "roles": roles,
        "monitoring": [dict(item) for item in map(as_mapping, _list(doc.get("monitoring")))],
        "needs": [dict(item) for item in map(as_mapping, _list(doc.get("needs")))],
        "decisions": doc.get("decisions", ""),
        "next_meeting": dict(as_mapping(doc.get("next_meeting"))),
    }
    if not result["masked"]:
        del result["masked"]
    return result


def _unique(values: Iterable[Any]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(str(value))
    return seen


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
