"""`welfare-tui cases` and `welfare-tui meetings`: the listings of cli/lists.py, plus the case's life —
`cases show CODE` (stage, history, plan, open roles, next dates), `cases stage CODE STAGE` (a change by
hand), `cases reopen CODE` and `meetings decide MEETING DECISION` (a meeting's decision for its case),
each checked by case_lifecycle.py as the TUI's and import's are."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from welfare_tui.cli.app import fail, handles_errors, settings_of
from welfare_tui.cli.intake import vocabulary_key
from welfare_tui.cli.lists import cases_app, meetings_app
from welfare_tui.i18n import label, t

__all__ = ["cases_app", "meetings_app"]

JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON object instead of text.")]


@cases_app.command("show")
@handles_errors
def show_case_command(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help="The case code (cases list shows it).")],
    as_json: JsonOption = False,
) -> None:
    """Show a case across its life: stage and its history, the support plan, open roles, next dates.

    Example: welfare-tui cases show C-2026-001 --json
    """
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope

    with opened_database(settings_of(ctx).db_url) as engine, session_scope(engine) as session:
        overview = repo.case_overview(session, code=code)
    if as_json:
        typer.echo(json.dumps(overview, ensure_ascii=False, indent=2))
        return
    from welfare_tui.cli.case_view import print_overview

    print_overview(overview)


CodeArgument = Annotated[str, typer.Argument(metavar="CODE", help="The case code (cases list shows it).")]


@cases_app.command("stage")
@handles_errors
def stage_command(
    ctx: typer.Context,
    code: CodeArgument,
    stage: Annotated[str, typer.Argument(metavar="STAGE", help="The new stage (key or label).")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why, in words.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Change a case's stage by hand, within the allowed changes (支援決定, 引継ぎ and 終結 are a
    重層的支援会議's decisions: meetings decide).

    Example: welfare-tui cases stage C-2026-001 planning --reason 同意取得
    """
    event = _case_event(
        ctx,
        code,
        lambda session, repo, case_id: repo.record_transition(
            session, case_id=case_id, to_stage=vocabulary_key("case_status", stage), reason=reason
        ),
    )
    _print_event(event, as_json)


@cases_app.command("reopen")
@handles_errors
def reopen_command(
    ctx: typer.Context,
    code: CodeArgument,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why, in words.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Reopen a closed or suspended case: it resumes the stage it stopped at (支援会議段階 without consent).

    Example: welfare-tui cases reopen C-2026-001 --reason 本人から再度の相談
    """
    event = _case_event(
        ctx, code, lambda session, repo, case_id: repo.reopen_case(session, case_id=case_id, reason=reason)
    )
    _print_event(event, as_json)


def _case_event(ctx: typer.Context, code: str, work: Any) -> dict[str, Any]:
    """`work(session, repo, case_id)` on the case `code`: the event it recorded, with the case code."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope

    with opened_database(settings_of(ctx).db_url) as engine, session_scope(engine) as session:
        case = repo.get_case_by_code(session, code=code)
        event: dict[str, Any] = work(session, repo, case.id)
    return event | {"case_code": case.code}


def _print_event(event: dict[str, Any], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(event, ensure_ascii=False, indent=2))
        return
    moved = f"{label('case_status', event['from_stage'])} → {label('case_status', event['to_stage'])}"
    typer.echo(f"{event['case_code']}: {moved}")


# The options of `meetings decide`, declared once here so that the command reads as what it does.
MeetingArgument = Annotated[str, typer.Argument(metavar="MEETING", help="The meeting's id or uid (prefix).")]
DecisionArgument = Annotated[
    str,
    typer.Argument(
        metavar="DECISION",
        help="continue, plan_review, approve, hand_over, close or suspend (or its label: 終結...).",
    ),
]
ReasonOption = Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why, in words.")]
ClosureReasonOption = Annotated[
    str,
    typer.Option(
        "--closure-reason",
        metavar="REASON",
        help="For close: a closure reason of the configured list (goal_achieved, moved, 転出...).",
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option("--to", metavar="AGENCY", show_default=False, help="For a hand-over: the lead agency."),
]
RoleOption = Annotated[
    list[str] | None,
    typer.Option("--role", metavar="ID=done|dropped", help="Close an open role of the case (repeatable)."),
]


@meetings_app.command("decide")
@handles_errors
def decide_command(
    ctx: typer.Context,
    meeting: MeetingArgument,
    decision: DecisionArgument,
    reason: ReasonOption = "",
    closure_reason: ClosureReasonOption = "",
    to: ToOption = None,
    roles: RoleOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the decision a meeting made for its case; the case moves to the decision's stage.

    Only a 重層的支援会議 may decide 支援決定, プラン見直し, 引継ぎ or 終結; any meeting may record 継続
    or 中断.

    Example: welfare-tui meetings decide 12 close --closure-reason moved --role 31=done
    """
    from welfare_tui import case_lifecycle

    settings = settings_of(ctx)
    reasons = case_lifecycle.closure_reasons(settings.closure_reasons)
    chosen = {
        "decision": vocabulary_key("case_decision", decision),
        "reason": reason,
        "closure_reason": next(
            (key for key, text in reasons.items() if closure_reason.strip() in (key, text)), closure_reason
        ),
        "roles": _role_outcomes(roles or []),
        "closure_reasons": list(reasons),
    }
    event, agency = _decide(settings.db_url, meeting, to, chosen)
    if as_json:
        typer.echo(json.dumps(event, ensure_ascii=False, indent=2))
        return
    typer.echo(
        case_lifecycle.decision_line(
            event["decision"],
            closure_reason=event["closure_reason"],
            to_agency_name=agency,
            reason=event["reason"],
        )
    )
    moved = f"{label('case_status', event['from_stage'])} → {label('case_status', event['to_stage'])}"
    typer.echo(f"{event['case_code']}: {moved}")


def _decide(url: str, meeting: str, to: str | None, chosen: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Record the decision on the meeting named by `meeting`: the event (with the case code) and the
    name of the agency taking over ("" when none)."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope
    from welfare_tui.storage.meeting_ids import select_meeting_ids

    with opened_database(url) as engine, session_scope(engine) as session:
        ids = select_meeting_ids(session, ids=[meeting])
        if len(ids) != 1:
            raise fail(t("cli.decide.one_meeting", given=meeting, count=len(ids)))
        case = repo.get_case(session, case_id=repo.get_meeting(session, meeting_id=ids[0]).case_id)
        agency = repo.require_agency(session, text=to).id if to else None
        event = repo.record_decision(session, meeting_id=ids[0], to_agency=agency, **chosen)
        name = repo.get_agency(session, agency_id=agency).name if agency else ""
    return event | {"case_code": case.code}, name


def _role_outcomes(given: list[str]) -> dict[int, str]:
    """`--role 31=done` → {31: "done"}; a malformed one is a one-line error."""
    outcomes: dict[int, str] = {}
    for text in given:
        number, _, outcome = text.partition("=")
        if not number.strip().isdigit() or not outcome.strip():
            raise fail(t("cli.decide.bad_role", text=text))
        outcomes[int(number)] = vocabulary_key("role_status", outcome)
    return outcomes
