"""`welfare-tui due`: open role assignments, monitoring dates and plan reviews, grouped by agency.

The list a coordinator reads on Monday morning, or a script mails to each agency. Which items count is
decided in `storage.followups` (the latest meeting of each open case). stdout carries the list only.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from welfare_tui.cli.app import handles_errors, settings_of, typer_app
from welfare_tui.i18n import t

if TYPE_CHECKING:
    from welfare_tui.storage.followups import FollowUp  # the list's rows; storage is imported when run

due_app = typer_app()

MAX_DAYS = 36500  # a hundred years; far more would pass the last date a calendar holds (year 9999)


# The options, declared once here so that the command reads as what it does.
WithinOption = Annotated[
    int | None,
    typer.Option(
        "--within",
        metavar="DAYS",
        min=0,
        max=MAX_DAYS,
        show_default=False,
        help=f"Only items due within DAYS days from today, 0 to {MAX_DAYS} (overdue ones included).",
    ),
]
OverdueOption = Annotated[bool, typer.Option("--overdue", help="Only items past their due date.")]
AgencyOption = Annotated[
    str | None,
    typer.Option(
        "--agency",
        metavar="NAME",
        show_default=False,
        help="Only this agency's items (its id, name or short name).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON array of agencies with their items.")]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        hidden=True,
        show_default=False,
        help="Count days from DATE instead of today (YYYY-MM-DD).",
    ),
]


@due_app.command("due")
@handles_errors
def due_command(
    ctx: typer.Context,
    within: WithinOption = None,
    overdue: OverdueOption = False,
    agency: AgencyOption = None,
    as_json: JsonOption = False,
    today: TodayOption = None,
) -> None:
    """List open role assignments, monitoring dates and plan reviews, grouped by agency.

    An item is open while its status is 未了 (open), 継続 (continue) or 見直し (revise); the items are
    those of each open case's latest meeting. Monitoring dates are listed under the case's lead agency;
    the review dates of the goals of each open case's approved support plan under the goal's agency;
    the next attempt of each open case's contact log (次回接触, kind contact) under the contact's agency,
    else the case's lead agency.
    Undated items are listed last, and left out by --within and --overdue.

    Example: welfare-tui due --within 14 --agency 包括
    """
    from welfare_tui.records.values import optional_date

    day = optional_date("--today", today) or dt.date.today()
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope
    from welfare_tui.storage.followups import open_followups

    with opened_database(settings_of(ctx).db_url) as engine, session_scope(engine) as session:
        agency_id = None if agency is None else repo.require_agency(session, text=agency).id
        items = open_followups(session, today=day, within=within, overdue=overdue, agency_id=agency_id)
    groups: dict[str, list[FollowUp]] = {}
    for item in items:
        groups.setdefault(item.agency or "", []).append(item)
    if as_json:
        typer.echo(_as_json(groups))
    elif not items:
        sys.stderr.write(t("cli.due.nothing") + "\n")
    else:
        _print_groups(groups)


def _as_json(groups: dict[str, list[FollowUp]]) -> str:
    """A JSON array of agencies, each with its items (without the agency again)."""
    return json.dumps(
        [
            {
                "agency": key or None,
                "agency_name": rows[0].agency_name,
                "items": [
                    {k: v for k, v in row.as_dict().items() if k not in ("agency", "agency_name")}
                    for row in rows
                ],
            }
            for key, rows in groups.items()
        ],
        ensure_ascii=False,
        indent=2,
    )


def _print_groups(groups: dict[str, list[FollowUp]]) -> None:
    """One table per agency under its name, a blank line between two."""
    from welfare_tui.cli.lists import cell_text, print_table
    from welfare_tui.i18n import label

    for index, rows in enumerate(groups.values()):
        if index:
            typer.echo("")
        typer.echo(cell_text(rows[0].agency_name or t("cli.due.no_agency")))
        cells: list[Sequence[str]] = [
            (
                row.due or "-",
                t("cli.due.overdue") if row.overdue else "",
                t(f"cli.due.{row.kind}"),
                f"{row.case} {row.case_label}",
                t("cli.due.person", text=row.text, person=row.person) if row.person else row.text,
                label("role_status", row.status),
            )
            for row in rows
        ]
        print_table((), cells, indent="  ")
