"""`welfare-tui matches`: 参加支援 matching — a household member of a case and a local resource,
from the proposal to the start, the settling in and the end (with its reason).

A match names the member by relation (本人, 長男), never by name, and the resource by its id or name
in the register (`welfare-tui resources list`). States move forward only: proposed → started →
settled, and any of them → ended with a reason (the rule is the repository's). Every command that
records something prints the match as `matches list` does (`--json`: the object).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from welfare_tui.cli.app import handles_errors, typer_app
from welfare_tui.i18n import label, t

matches_app = typer_app(
    name="matches",
    help=(
        "参加支援 matches: a household member and a local resource, proposed → started → settled → ended.\n\n"
        "Example: welfare-tui matches add C-2026-001 hotto_space_aoba --member 本人"
    ),
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
DateOption = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", show_default=False, help="YYYY-MM-DD (default: today)."),
]
# What a match shows outside the database: no names, only the case code and the member's relation.
PUBLIC = (
    "id",
    "case_code",
    "resource_id",
    "resource_name",
    "member",
    "state",
    "proposed_date",
    "started_date",
    "settled_date",
    "ended_date",
    "end_reason",
    "note",
)
COLUMNS = ("id", "case", "resource", "member", "state", "proposed", "started", "settled", "ended", "reason")


@matches_app.command("add")
@handles_errors
def add_command(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help="The case's code.")],
    resource: Annotated[str, typer.Argument(metavar="RESOURCE", help="The resource's id (or name).")],
    member: Annotated[
        str, typer.Option("--member", metavar="RELATION", help="Which household member: 本人, 長男…")
    ],
    date: DateOption = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="Why, and what was agreed.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Propose a resource to a household member (state 提案).

    Example: welfare-tui matches add C-2026-001 hotto_space_aoba --member 本人 --date 2026-10-20
    """
    from welfare_tui.cli.resources import find_resource, run

    def add(session: Any, repo: Any) -> dict[str, Any]:
        case = repo.get_case_by_code(session, code=code)
        found = find_resource(session, repo, resource)
        return dict(
            repo.add_match(
                session,
                case_id=case.id,
                resource_id=found["id"],
                member=member,
                date=date or today(),
                note=note,
            )
        )

    print_match(public_match(run(ctx, add)), as_json)


@matches_app.command("set")
@handles_errors
def set_command(
    ctx: typer.Context,
    match_id: Annotated[int, typer.Argument(metavar="MATCH_ID", help="The match's id (matches list).")],
    state: Annotated[str, typer.Argument(metavar="STATE", help="started, settled or ended (or its label).")],
    date: DateOption = None,
    reason: Annotated[
        str, typer.Option("--reason", metavar="TEXT", help="Why it ended (required for ended).")
    ] = "",
    as_json: JsonOption = False,
) -> None:
    """Move a match on: 利用開始 (started), 定着 (settled) or 終了 (ended, with --reason).

    Example: welfare-tui matches set 3 ended --date 2027-01-10 --reason 本人の希望で終了
    """
    from welfare_tui.cli.intake import vocabulary_key
    from welfare_tui.cli.resources import run

    def move(session: Any, repo: Any) -> dict[str, Any]:
        current = match_by_id(session, repo, match_id)
        return dict(
            repo.set_match_state(
                session,
                match_id=match_id,
                state=vocabulary_key("match_state", state),
                date=date or today(),
                reason=reason,
                expected_version=current["version"],
            )
        )

    print_match(public_match(run(ctx, move)), as_json)


@matches_app.command("list")
@handles_errors
def list_command(
    ctx: typer.Context,
    code: Annotated[
        str | None, typer.Argument(metavar="[CODE]", help="Only this case's matches.", show_default=False)
    ] = None,
    resource: Annotated[
        str | None,
        typer.Option("--resource", metavar="ID", show_default=False, help="Only this resource's matches."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List matches (of a case, of a resource, or all), with their state and dates.

    Example: welfare-tui matches list C-2026-001 --json
    """
    from welfare_tui.cli.resources import find_resource, run

    def read(session: Any, repo: Any) -> list[dict[str, Any]]:
        case_id = repo.get_case_by_code(session, code=code).id if code else None
        resource_id = find_resource(session, repo, resource)["id"] if resource else None
        return [
            public_match(row) for row in repo.list_matches(session, case_id=case_id, resource_id=resource_id)
        ]

    rows = run(ctx, read)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        sys.stderr.write(t("matches.none") + "\n")
        return
    match_rows(rows, with_resource=True)


def match_rows(rows: list[dict[str, Any]], *, with_resource: bool) -> None:
    """Matches as a table; without the resource column when they all belong to one resource."""
    from welfare_tui.cli.lists import print_table

    columns = [key for key in COLUMNS if with_resource or key != "resource"]
    table: list[Sequence[str]] = []
    for row in rows:
        cells = {
            "id": str(row["id"]),
            "case": row["case_code"],
            "resource": row["resource_name"],
            "member": row["member"],
            "state": label("match_state", row["state"]),
            "proposed": row["proposed_date"] or "",
            "started": row["started_date"] or "",
            "settled": row["settled_date"] or "",
            "ended": row["ended_date"] or "",
            "reason": row["end_reason"] or "",
        }
        table.append(tuple(cells[key] for key in columns))
    print_table(tuple(t(f"matches.col.{key}") for key in columns), table, right=(0,))


def print_match(match: dict[str, Any], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(match, ensure_ascii=False, indent=2))
        return
    match_rows([match], with_resource=True)


def public_match(row: Any, *, note: bool = True) -> dict[str, Any]:
    """A match as the command line shows it: by case code and relation (no uid, no ids of people);
    without its note where a resource's matches are listed for the register (`resources show`)."""
    values = dict(row)
    return {key: _plain(values.get(key)) for key in PUBLIC if note or key != "note"}


def match_by_id(session: Any, repo: Any, match_id: int) -> dict[str, Any]:
    from welfare_tui.errors import NotFound

    for row in repo.list_matches(session):
        if dict(row)["id"] == match_id:
            return dict(row)
    raise NotFound(t("matches.not_found", id=match_id))


def today() -> str:
    import datetime

    return datetime.date.today().isoformat()


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
