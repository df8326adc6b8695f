"""`cases show` as text: the case's overview (storage/case_overview.py) in sections a coordinator
reads top to bottom — the case and its stage, the stage history, the plan in force, open roles and
the next dates. Every row is one line (cli/lists.print_table), so the output survives `grep`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import typer

from welfare_tui import case_lifecycle
from welfare_tui.cli.lists import cell_text, print_table
from welfare_tui.i18n import label, t


def print_overview(overview: dict[str, Any]) -> None:
    case = overview["case"]
    typer.echo(cell_text(f"{case['code']}  {case['label']}"))
    head: list[Sequence[str]] = [
        (t("cli.case.stage"), label("case_status", case["stage"])),
        (t("cli.case.lead"), case["lead_agency_name"] or "-"),
        (
            t("cli.case.consent"),
            " ".join(filter(None, (label("consent", case["consent_status"]), case["consent_date"]))),
        ),
        (t("cli.case.tags"), ", ".join(case["tags"]) or "-"),
    ]
    if overview["intake"]:
        intake = overview["intake"]
        head.append((t("cli.case.intake"), f"{intake['id']} {intake['date'] or ''}".strip()))
    print_table((), head, indent="  ")
    names = overview["agencies"]
    _section(t("cli.case.history"), [_event_row(e) for e in overview["stages"]])
    _print_plan(overview["plan"], overview["draft_plan"], names)
    _section(
        t("cli.case.roles"),
        [
            (
                r["task"],
                names.get(r["agency_id"], "-"),
                r["person"],
                r["due_date"] or "-",
                label("role_status", r["status"]),
            )
            for r in overview["open_roles"]
        ],
    )
    _section(
        t("cli.case.next"),
        [(item["date"], t(f"cli.case.next.{item['kind']}"), item["text"]) for item in overview["next"]],
    )


def _event_row(event: dict[str, Any]) -> tuple[str, ...]:
    kind = label("stage_event", event["kind"])
    if event["decision"]:
        kind = f"{kind}：{case_lifecycle.decision_label(event['decision'])}"
    moved = label("case_status", event["to_stage"])
    if event["from_stage"]:
        moved = f"{label('case_status', event['from_stage'])} → {moved}"
    detail = case_lifecycle.closure_reason_label(event["closure_reason"]) if event["closure_reason"] else ""
    detail = " ".join(filter(None, (detail, event["to_agency_name"], event["reason"])))
    meeting = t("cli.case.meeting", id=event["meeting_id"]) if event["meeting_id"] else ""
    return (event["date"] or "-", kind, moved, meeting, detail, event["recorded_by"])


def _print_plan(plan: dict[str, Any] | None, draft: dict[str, Any] | None, names: dict[str, str]) -> None:
    typer.echo("")
    if plan is None:
        typer.echo(t("cli.case.no_plan"))
    else:
        date = f" {plan['approved_date']}" if plan["approved_date"] else ""
        typer.echo(
            t("cli.case.plan", number=plan["number"], status=label("plan_status", plan["status"]), date=date)
        )
        links = [name for name in ("participation", "outreach") if plan[name]]
        rows = [
            (t("cli.case.intention"), plan["intention"]),
            (t("cli.case.direction"), plan["direction"]),
            (
                t("cli.case.links"),
                " ".join([*(t(f"field.plan.{name}") for name in links), plan["links_note"]]).strip(),
            ),
        ]
        print_table((), [row for row in rows if row[1]], indent="  ")
        goals: list[Sequence[str]] = [
            (
                label("goal_term", g["term"]),
                g["text"],
                names.get(g["agency_id"], "-"),
                g["period"],
                t("cli.case.review", date=g["review_date"]) if g["review_date"] else "",
                label("goal_result", g["evaluations"][-1]["result"]) if g["evaluations"] else "",
            )
            for g in plan["goals"]
        ]
        if goals:
            typer.echo("  " + t("cli.case.goals"))
            print_table((), goals, indent="    ")
    if draft is not None:
        typer.echo(t("cli.case.draft", number=draft["number"]))


def _section(title: str, rows: list[Sequence[str]]) -> None:
    typer.echo("")
    typer.echo(title)
    if rows:
        print_table((), rows, indent="  ")
    else:
        typer.echo("  " + t("cli.case.none"))
