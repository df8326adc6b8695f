"""`welfare-tui resources`: the municipality's 地域資源 register (居場所, サロン, 子ども食堂, 就労体験先…).

`resources import FILE` loads the register the municipality keeps as a `welfare-tui-resources` file
(storage/resource_file.py; docs/resources.md): every row is checked before anything is written, and
rows are matched by id, so importing the same file again changes nothing. `resources list` and
`resources show` print what the register holds with its 参加支援 matches counted by state; `show`
lists each match by case code and household relation, never a name.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from welfare_tui import domain
from welfare_tui.cli.app import fail, handles_errors, settings_of, typer_app
from welfare_tui.failure import say
from welfare_tui.i18n import label, t

resources_app = typer_app(
    name="resources",
    help=(
        "The register of local resources (地域資源) that 参加支援 matches people with.\n\n"
        "Example: welfare-tui resources import resources.yaml --dry-run"
    ),
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
STATES = tuple(domain.MATCH_STATE)  # proposed, started, settled, ended
LIST_COLUMNS = ("id", "name", "category", "sector", "area", "capacity", *STATES)


@resources_app.command("import")
@handles_errors
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE.yaml", help="A welfare-tui-resources file.", show_default=False),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show what would change; write nothing.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Load the register from a YAML file: add new resources, update changed ones (matched by id).

    Every row is checked before anything is written; each problem is reported as
    FILE:LINE: resources[N].field: message and nothing is imported (exit code 1). Resources the file
    does not name are left as they are. Importing the same file again changes nothing.

    Example: welfare-tui resources import 地域資源.yaml
    """
    from welfare_tui.cli.import_cmd import _database
    from welfare_tui.errors import InvalidInput
    from welfare_tui.storage.engine import session_scope
    from welfare_tui.storage.resource_file import read_resource_file

    settings = settings_of(ctx)
    try:
        rows = read_resource_file(file, limit=settings.import_max_bytes)
    except InvalidInput as error:
        problems = str(error).splitlines()
        for problem in problems:
            say(problem)
        raise fail(t("resources.import.refused", problems=len(problems))) from None
    from welfare_tui.storage import repo

    with _database(settings.db_url, dry_run=dry_run) as engine, session_scope(engine) as session:
        report = counts(repo.upsert_resources(session, rows))
        if dry_run:
            session.rollback()
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        typer.echo(t("resources.import.report", file=str(file), **report))
    if dry_run:
        sys.stderr.write(t("cli.import.dry_run") + "\n")


def counts(report: Any) -> dict[str, int]:
    """created / updated / unchanged as numbers, whether the repository counted them or listed ids."""
    return {
        key: value if isinstance(value, int) else len(value)
        for key, value in dict(report).items()
        if key in ("created", "updated", "unchanged")
    }


@resources_app.command("list")
@handles_errors
def list_command(
    ctx: typer.Context,
    sector: Annotated[
        str | None,
        typer.Option("--sector", metavar="S", show_default=False, help="Only this sector (key or label)."),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category", metavar="C", show_default=False, help="Only this category (key or label)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the register with each resource's matches counted by state.

    Example: welfare-tui resources list --sector kodomo --json
    """
    from welfare_tui.cli.intake import vocabulary_key
    from welfare_tui.cli.lists import print_table

    wanted_sector = vocabulary_key("resource_sector", sector) if sector else None
    wanted_category = vocabulary_key("resource_category", category) if category else None

    def read(session: Any, repo: Any) -> list[dict[str, Any]]:
        by_resource = match_counts(repo.list_matches(session))
        return [
            {**dict(row), "matches": by_resource.get(row["id"], dict.fromkeys(STATES, 0))}
            for row in map(dict, repo.list_resources(session))
            if (wanted_sector is None or row["sector"] == wanted_sector)
            and (wanted_category is None or row["category"] == wanted_category)
        ]

    rows = run(ctx, read)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        sys.stderr.write(t("resources.none") + "\n")
        return
    print_table(
        tuple(t(f"resources.col.{key}") for key in LIST_COLUMNS),
        [
            (
                row["id"],
                row["name"] + ("" if row.get("active", True) else t("resources.inactive")),
                label("resource_category", row["category"]),
                label("resource_sector", row["sector"]),
                row["area"] or "",
                "" if row["capacity"] is None else str(row["capacity"]),
                *(str(row["matches"][state]) for state in STATES),
            )
            for row in rows
        ],
        right=tuple(range(5, len(LIST_COLUMNS))),
    )


def match_counts(matches: list[Any]) -> dict[str, dict[str, int]]:
    """Resource id → {state: number of matches}."""
    found: dict[str, dict[str, int]] = {}
    for match in map(dict, matches):
        states = found.setdefault(match["resource_id"], dict.fromkeys(STATES, 0))
        states[match["state"]] = states.get(match["state"], 0) + 1
    return found


@resources_app.command("show")
@handles_errors
def show_command(
    ctx: typer.Context,
    resource: Annotated[str, typer.Argument(metavar="ID", help="The resource's id (or its name).")],
    as_json: JsonOption = False,
) -> None:
    """Show one resource and its 参加支援 matches (case code and household relation, no names).

    Example: welfare-tui resources show hotto_space_aoba
    """
    from welfare_tui.cli.lists import print_table
    from welfare_tui.cli.matches import match_rows, public_match

    def read(session: Any, repo: Any) -> dict[str, Any]:
        found = find_resource(session, repo, resource)
        matches = repo.list_matches(session, resource_id=found["id"])
        return {**found, "matches": [public_match(match, note=False) for match in matches]}

    shown = run(ctx, read)
    if as_json:
        typer.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    fields = (
        ("id", shown["id"]),
        ("name", shown["name"]),
        ("category", label("resource_category", shown["category"])),
        ("sector", label("resource_sector", shown["sector"])),
        ("area", shown["area"] or ""),
        ("capacity", "" if shown["capacity"] is None else str(shown["capacity"])),
        ("contact", shown["contact"] or ""),
        ("notes", shown["notes"] or ""),
        ("active", t("resources.yes") if shown.get("active", True) else t("resources.no")),
    )
    print_table((), [(t(f"resources.field.{key}"), value) for key, value in fields if value])
    typer.echo("")
    if not shown["matches"]:
        typer.echo(t("matches.none_for_resource"))
        return
    typer.echo(t("matches.heading", count=len(shown["matches"])))
    match_rows(shown["matches"], with_resource=False)


def find_resource(session: Any, repo: Any, text: str) -> dict[str, Any]:
    """The resource whose id, else whose name, is `text` (NotFound otherwise)."""
    from welfare_tui.errors import NotFound

    wanted = text.strip()
    resources = [dict(row) for row in repo.list_resources(session)]
    for column in ("id", "name"):
        for row in resources:
            if row[column] == wanted:
                return row
    raise NotFound(t("resources.not_found", text=repr(text)))


def run(ctx: typer.Context, work: Any) -> Any:
    """`work(session, repo)` in one transaction on the database of the command line."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope

    with opened_database(settings_of(ctx).db_url) as engine, session_scope(engine) as session:
        return work(session, repo)
