"""`welfare-tui intake`: つなぎ受付 — consultations a window passes on to 多機関協働, and their outcome
(accepted as a case, referred elsewhere, or ended with advice only; storage/intakes.py).

Every command that records something prints the intake as `intake show` does (`--json`: the object),
so a script learns the new id or the case created from stdout."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from welfare_tui.cli.app import handles_errors, settings_of, typer_app
from welfare_tui.i18n import label, t

intake_app = typer_app(
    name="intake",
    help=(
        "Intakes (つなぎ受付): consultations passed on to 多機関協働, and what became of them.\n\n"
        "Example: welfare-tui intake add --label 山﨑世帯 --window 包括 --route agency --concern 8050の相談"
    ),
    no_args_is_help=True,
)

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (an object; an array for intake list) instead of text.")
]
IdArgument = Annotated[int, typer.Argument(metavar="ID", help="The intake's id (intake list shows it).")]
DateOption = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", show_default=False, help="YYYY-MM-DD (default: today)."),
]
NoteOption = Annotated[str, typer.Option("--note", metavar="TEXT", help="What was done or advised.")]


@intake_app.command("add")
@handles_errors
def add_command(
    ctx: typer.Context,
    label_text: Annotated[
        str, typer.Option("--label", metavar="TEXT", help="What the household is called (A氏世帯).")
    ],
    window: Annotated[
        str | None,
        typer.Option("--window", metavar="AGENCY", show_default=False, help="The receiving window (agency)."),
    ] = None,
    route: Annotated[
        str, typer.Option("--route", help="How it came: self_family, agency, resident or outreach.")
    ] = "agency",
    concern: Annotated[str, typer.Option("--concern", metavar="TEXT", help="The main concern.")] = "",
    tags: Annotated[
        list[str] | None, typer.Option("--tag", metavar="TAG", help="A complex-issue tag (repeatable).")
    ] = None,
    consent: Annotated[
        str, typer.Option("--consent", help="The form's consent variant: yes (同意あり) or no (同意なし).")
    ] = "no",
    notes: Annotated[str, typer.Option("--notes", metavar="TEXT", help="Anything else.")] = "",
    date: DateOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a consultation passed on to 多機関協働.

    Example: welfare-tui intake add --label 𠮷田世帯 --window 包括 --route agency --tag 8050
    """

    def add(session: Any, repo: Any) -> dict[str, Any]:
        agency = repo.require_agency(session, text=window).id if window else None
        return dict(
            repo.add_intake(
                session,
                label=label_text,
                date=date,
                window_agency=agency,
                route=vocabulary_key("intake_route", route),
                concern=concern,
                tags=tags or [],
                consent=vocabulary_key("intake_consent", consent),
                notes=notes,
            )
        )

    _print_intake(_run(ctx, add), as_json)


@intake_app.command("list")
@handles_errors
def list_command(
    ctx: typer.Context,
    open_only: Annotated[bool, typer.Option("--open", help="Only intakes not yet dealt with.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List intakes, open ones first, newest first.

    Example: welfare-tui intake list --open
    """
    from welfare_tui.cli.lists import print_table

    rows = _run(ctx, lambda session, repo: repo.list_intakes(session, open_only=open_only))
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        sys.stderr.write(t("cli.intake.none") + "\n")
        return
    print_table(
        tuple(
            t(f"cli.intake.col.{key}")
            for key in ("id", "date", "label", "route", "window", "outcome", "case")
        ),
        [
            (
                str(row["id"]),
                row["date"] or "-",
                row["label"],
                label("intake_route", row["route"]),
                row["window_agency_name"] or "-",
                label("intake_outcome", row["outcome"]),
                row["case_code"] or row["referred_to_name"] or "",
            )
            for row in rows
        ],
        right=(0,),
    )


@intake_app.command("show")
@handles_errors
def show_command(ctx: typer.Context, intake_id: IdArgument, as_json: JsonOption = False) -> None:
    """Show one intake with its outcome.

    Example: welfare-tui intake show 3 --json
    """
    _print_intake(_run(ctx, lambda session, repo: repo.get_intake(session, intake_id=intake_id)), as_json)


@intake_app.command("accept")
@handles_errors
def accept_command(
    ctx: typer.Context,
    intake_id: IdArgument,
    code: Annotated[
        str | None,
        typer.Option(
            "--code", metavar="CODE", show_default=False, help="The new case's code (default: next free)."
        ),
    ] = None,
    date: DateOption = None,
    as_json: JsonOption = False,
) -> None:
    """受理してケース化: make the intake a case (pre-filled from it) at stage 受付.

    Example: welfare-tui intake accept 3 --code C-2026-050
    """
    found = _run(
        ctx, lambda session, repo: repo.accept_intake(session, intake_id=intake_id, code=code, date=date)
    )
    _print_intake(found, as_json)


@intake_app.command("refer")
@handles_errors
def refer_command(
    ctx: typer.Context,
    intake_id: IdArgument,
    to: Annotated[str, typer.Option("--to", metavar="AGENCY", help="The window or scheme it goes to.")],
    note: NoteOption = "",
    date: DateOption = None,
    as_json: JsonOption = False,
) -> None:
    """他の窓口・制度へつなぎ: pass the intake on to another agency.

    Example: welfare-tui intake refer 3 --to 社協 --note 家計相談へ
    """

    def refer(session: Any, repo: Any) -> dict[str, Any]:
        agency = repo.require_agency(session, text=to).id
        return dict(repo.refer_intake(session, intake_id=intake_id, to_agency=agency, date=date, note=note))

    _print_intake(_run(ctx, refer), as_json)


@intake_app.command("close")
@handles_errors
def close_command(
    ctx: typer.Context,
    intake_id: IdArgument,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="What was advised (required).")],
    date: DateOption = None,
    as_json: JsonOption = False,
) -> None:
    """相談・情報提供のみで終了: end the intake with advice or information only.

    Example: welfare-tui intake close 3 --note 制度の説明のみ
    """
    found = _run(
        ctx, lambda session, repo: repo.close_intake(session, intake_id=intake_id, note=note, date=date)
    )
    _print_intake(found, as_json)


def vocabulary_key(name: str, given: str) -> str:
    """A vocabulary key from what was typed: the key itself or its label in either language (the
    repository refuses anything else, naming the keys)."""
    from welfare_tui.i18n.messages.domain import ENGLISH, JAPANESE

    text = given.strip()
    for key, ja in JAPANESE[name].items():
        if text in (key, ja, ENGLISH[name][key]):
            return key
    return given


def _run(ctx: typer.Context, work: Any) -> Any:
    """`work(session, repo)` in one transaction on the database of the command line."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope

    with opened_database(settings_of(ctx).db_url) as engine, session_scope(engine) as session:
        return work(session, repo)


def _print_intake(intake: dict[str, Any], as_json: bool) -> None:
    from welfare_tui.cli.lists import print_table

    if as_json:
        typer.echo(json.dumps(intake, ensure_ascii=False, indent=2))
        return
    fields = (
        ("id", str(intake["id"])),
        ("date", intake["date"] or ""),
        ("label", intake["label"]),
        ("window", intake["window_agency_name"]),
        ("route", label("intake_route", intake["route"])),
        ("concern", intake["concern"]),
        ("tags", ", ".join(intake["tags"])),
        ("consent", label("intake_consent", intake["consent"])),
        ("notes", intake["notes"]),
        ("recorded_by", intake["recorded_by"]),
        ("outcome", label("intake_outcome", intake["outcome"])),
        ("outcome_date", intake["outcome_date"] or ""),
        ("referred_to", intake["referred_to_name"]),
        ("outcome_note", intake["outcome_note"]),
        ("case", intake["case_code"] or ""),
    )
    print_table((), [(t(f"cli.intake.field.{key}"), value) for key, value in fields if value])
