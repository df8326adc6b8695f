"""The plan sheet (`export MEETING --format plan`): a one-page 支援プランシート of the case's support plan
as it stood at that meeting — the version in force then (the latest approved on or before the meeting's
day; a draft, marked 案, when none was yet), with 本人・世帯の意向, 支援の方向性, the goals (長期/短期,
owner agency, term, review date, the latest evaluation up to that day), the links to 参加支援 and
アウトリーチ, and when and at which meeting the plan was approved.

Pure: it reads the version 2 document (`case.plan`, `case.stages`); a version 1 document, or a case
without a plan, prints the sheet with the line that there is no plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from welfare_tui import domain
from welfare_tui.i18n import t
from welfare_tui.minutes.markdown import audit_footer, section
from welfare_tui.minutes.markdown_sections import title_blocks
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
    vocabulary_label,
)


def plan_sheet(doc: Mapping[str, Any], *, era: bool = False) -> str:
    """The file `export --format plan` writes."""
    return render_plan_sheet(doc, era=era) + audit_footer(doc)


def render_plan_sheet(doc: Mapping[str, Any], *, era: bool = False) -> str:
    case = as_mapping(doc.get("case"))
    meeting = as_mapping(doc.get("meeting"))
    names = AgencyNames(as_mapping(doc.get("agencies")))
    dates = Dates(era)
    blocks = [f"# {inline(t('plan_sheet.title'))}", *title_blocks(doc, case, meeting)[1:]]
    plan = plan_as_of(as_list(case.get("plan")), as_text(meeting.get("date")))
    as_of = t(
        "plan_sheet.as_of",
        type=meeting_type_label(meeting),
        round=round_label(meeting.get("round")),
        date=dates(meeting.get("date")),
    )
    if plan is None:
        blocks += [as_of, t("plan_sheet.no_plan"), t("minutes.end")]
        return "\n\n".join(blocks) + "\n"
    blocks.append(
        table((t("minutes.header.item"), t("minutes.header.value")), _header_rows(plan, as_of, dates))
    )
    blocks += section(t("plan_sheet.intention"), text_blocks(plan.get("intention")))
    blocks += section(t("plan_sheet.direction"), text_blocks(plan.get("direction")))
    judged = _evaluations_by_goal(as_list(case.get("plan")))
    goal_blocks = _goal_blocks(plan, judged, as_text(meeting.get("date")), names, dates)
    blocks += section(t("plan_sheet.goals"), goal_blocks)
    blocks += section(t("plan_sheet.links"), _link_blocks(plan))
    blocks.append(t("minutes.end"))
    return "\n\n".join(blocks) + "\n"


def plan_as_of(versions: Sequence[Any], day: str) -> Mapping[str, Any] | None:
    """The version in force on `day`: the latest approved on or before it, else the latest draft."""
    plans = [as_mapping(plan) for plan in versions]
    approved = [
        plan
        for plan in plans
        if as_text(plan.get("status")) in ("approved", "superseded")
        and as_text(plan.get("approved_date"))
        and as_text(plan.get("approved_date")) <= day
    ]
    drafts = [plan for plan in plans if as_text(plan.get("status")) == "draft"]
    chosen = approved or drafts
    return max(chosen, key=lambda plan: int(plan.get("number") or 0)) if chosen else None


def _header_rows(plan: Mapping[str, Any], as_of: str, dates: Dates) -> list[tuple[str, str]]:
    status = vocabulary_label("plan_status", plan.get("status"))
    rows = [
        (t("plan_sheet.as_of_label"), as_of),
        (t("plan_sheet.plan"), t("plan_sheet.plan_value", number=plan.get("number"), status=status)),
    ]
    if as_text(plan.get("approved_date")):
        plenary = domain.MEETING_TYPES["juso_shien_kaigi"].label  # only a 重層的支援会議 approves a plan
        rows.append(
            (
                t("plan_sheet.approved"),
                t("plan_sheet.approved_at", date=dates(plan.get("approved_date")), type=plenary),
            )
        )
    return [(key, inline(value)) for key, value in rows]


def _evaluations_by_goal(versions: Sequence[Any]) -> dict[str, list[Mapping[str, Any]]]:
    """Every evaluation of each goal (by uid) across the plan's versions, in date order: a goal keeps
    its uid when a revision copies it, and an evaluation is recorded on the version in force when the
    meeting judged it, so the revised version's sheet still shows it."""
    found: dict[str, dict[str, Mapping[str, Any]]] = {}
    for version in versions:
        for goal in as_list(as_mapping(version).get("goals")):
            goal = as_mapping(goal)
            for evaluation in as_list(goal.get("evaluations")):
                evaluation = as_mapping(evaluation)
                found.setdefault(as_text(goal.get("uid")), {})[as_text(evaluation.get("meeting"))] = (
                    evaluation
                )
    return {
        uid: sorted(by_meeting.values(), key=lambda e: as_text(e.get("date")))
        for uid, by_meeting in found.items()
    }


def _goal_blocks(
    plan: Mapping[str, Any],
    judged: Mapping[str, list[Mapping[str, Any]]],
    day: str,
    names: AgencyNames,
    dates: Dates,
) -> list[str]:
    goals = sorted(
        (as_mapping(goal) for goal in as_list(plan.get("goals"))),
        key=lambda goal: (
            list(domain.GOAL_TERM).index(as_text(goal.get("term")))
            if as_text(goal.get("term")) in domain.GOAL_TERM
            else len(domain.GOAL_TERM)
        ),
    )
    if not goals:
        return []
    header = (
        t("plan_sheet.goal.term"),
        t("plan_sheet.goal.text"),
        t("plan_sheet.goal.agency"),
        t("plan_sheet.goal.period"),
        t("plan_sheet.goal.review"),
        t("plan_sheet.goal.evaluation"),
    )
    rows = [
        (
            vocabulary_label("goal_term", goal.get("term")),
            inline(goal.get("text")),
            inline(names(goal.get("agency"))) if as_text(goal.get("agency")) else "",
            inline(goal.get("period")),
            dates(goal.get("review_date")) if as_text(goal.get("review_date")) else "",
            _latest_evaluation(judged.get(as_text(goal.get("uid")), []), day, dates),
        )
        for goal in goals
    ]
    return [table(header, rows)]


def _latest_evaluation(evaluations: Sequence[Mapping[str, Any]], day: str, dates: Dates) -> str:
    """The goal's last evaluation on or before `day` (`evaluations` in date order)."""
    done = [e for e in evaluations if not as_text(e.get("date")) or as_text(e.get("date")) <= day]
    if not done:
        return ""
    last = done[-1]
    result = vocabulary_label("goal_result", last.get("result"))
    if as_text(last.get("date")):
        result = t("plan_sheet.evaluation_on", result=result, date=dates(last.get("date")))
    note = inline(last.get("note"))
    return t("plan_sheet.evaluation_note", result=result, note=note) if note else result


def _link_blocks(plan: Mapping[str, Any]) -> list[str]:
    lines = [
        "- " + t("plan_sheet.link", link=t(f"plan_sheet.{key}"), value=t(f"plan_sheet.{bool(plan.get(key))}"))
        for key in ("participation", "outreach")
    ]
    return ["\n".join(lines), *text_blocks(plan.get("links_note"))]
