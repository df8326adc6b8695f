"""`welfare-tui contacts`: the contact log of a case (支援経過 / アウトリーチ: visits, calls, letters,
accompanied visits…, whom they reached, the next attempt; storage/contacts.py).

`contacts add` prints the entry as recorded (`--json`: the object), so a script learns its id;
`contacts list` prints a table aligned by display width, a JSON array, or CSV for Excel (UTF-8 with a
byte-order mark and CRLF, like `export --format csv`). Notes are personal free text: they are printed
as recorded, like every list of this command line (a masked record leaves through `export --mask`).
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from welfare_tui.cli.app import fail, handles_errors, settings_of, typer_app
from welfare_tui.cli.lists import write_stdout
from welfare_tui.i18n import label, t

contacts_app = typer_app(
    name="contacts",
    help=(
        "Contact log (支援経過 / アウトリーチ): visits, calls and letters between meetings.\n\n"
        "Example: welfare-tui contacts add C-2026-001 --date 2026-11-02 --mode visit --whom absent"
    ),
    no_args_is_help=True,
)

CodeArgument = Annotated[str, typer.Argument(metavar="CODE", help="The case code (cases list shows it).")]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (an object; an array for contacts list) instead of text.")
]
# Every column of the CSV, in order; `--json` keys are the storage's and never follow --lang.
CSV_COLUMNS = (
    "case_code",
    "case_label",
    "date",
    "agency",
    "mode",
    "whom",
    "note",
    "next_date",
    "recorded_by",
)


@contacts_app.command("add")
@handles_errors
def add_command(
    ctx: typer.Context,
    code: CodeArgument,
    mode: Annotated[
        str,
        typer.Option(
            "--mode", help="visit, phone, letter, accompany, office or online (or its label: 訪問, 電話…)."
        ),
    ],
    whom: Annotated[
        str,
        typer.Option("--whom", help="Who was reached: person, family, absent or refused (or 本人, 不在…)."),
    ],
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", show_default=False, help="The day (default: today)."),
    ] = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", metavar="AGENCY", show_default=False, help="Who made the contact (agency)."),
    ] = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="What happened.")] = "",
    next_date: Annotated[
        str | None,
        typer.Option("--next", metavar="YYYY-MM-DD", show_default=False, help="The next attempt's date."),
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting", metavar="ID", show_default=False, help="The meeting it was recorded at (id or uid)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Record one contact with a case: a visit, a call, a letter… and whom it reached.

    Example: welfare-tui contacts add C-2026-001 --mode 訪問 --whom 不在 --agency 包括 --next 2026-11-09
    """
    import datetime as dt

    values = {
        "date": (_date("--date", date) or dt.date.today()).isoformat(),
        "mode": _vocabulary("--mode", "contact_mode", mode),
        "whom": _vocabulary("--whom", "contact_whom", whom),
        "note": note,
        "next_date": _iso(_date("--next", next_date)),
    }

    def add(session: Any, repo: Any) -> dict[str, Any]:
        case = repo.get_case_by_code(session, code=code)
        agency_id = repo.require_agency(session, text=agency).id if agency else None
        meeting_id = _meeting_of(session, case, meeting) if meeting else None
        return dict(
            repo.add_contact(session, case_id=case.id, meeting_id=meeting_id, agency_id=agency_id, **values)
        )

    _print_entry(_run(ctx, add), as_json)


MaskOption = Annotated[
    bool,
    typer.Option(
        "--mask",
        help="Mask names as 'export --mask' does (the household as A氏…, anyone else and who recorded as "
        "○○), for a copy that leaves the office; refused when a name would still show.",
    ),
]


@contacts_app.command("list")
@handles_errors
def list_command(
    ctx: typer.Context,
    code: Annotated[
        str | None,
        typer.Argument(metavar="[CODE]", show_default=False, help="Only this case (default: every case)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", show_default=False, help="Only contacts on or after."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="YYYY-MM-DD", show_default=False, help="Only contacts on or before."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", metavar="table|csv", help="table, or csv for Excel.")
    ] = "table",
    mask: MaskOption = False,
    as_json: JsonOption = False,
) -> None:
    """List contacts, newest first: of one case, or of every case.

    Example: welfare-tui contacts list C-2026-001 --since 2026-10-01 --format csv > 支援経過.csv
    """
    from welfare_tui.errors import ExitCode

    period = {"since": _date("--since", since), "until": _date("--until", until)}
    if period["since"] and period["until"] and period["since"] > period["until"]:
        raise fail(
            t(
                "contract.since_after_until",
                since=period["since"].isoformat(),
                until=period["until"].isoformat(),
            ),
            ExitCode.USAGE,
        )
    if fmt not in ("table", "csv"):
        raise fail(t("cli.contacts.bad_format", given=fmt), ExitCode.USAGE)

    def read(session: Any, repo: Any) -> list[dict[str, Any]]:
        case_id = repo.get_case_by_code(session, code=code).id if code else None
        rows = [dict(row) for row in repo.list_contacts(session, case_id=case_id, **period)]
        if mask:
            from welfare_tui.storage.case_masking import masked_contacts

            return masked_contacts(session, rows)
        return rows

    rows = _run(ctx, read)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _write_csv(rows)
    elif not rows:
        sys.stderr.write(t("cli.contacts.none") + "\n")
    else:
        _print_table(rows)


def _date(option: str, given: str | None) -> Any:
    """The date of an option, or None; a wrong one is a usage error naming the option (exit 2)."""
    from welfare_tui.errors import ExitCode, InvalidInput
    from welfare_tui.records.values import optional_date

    try:
        return optional_date(option, given)
    except InvalidInput as error:
        raise fail(str(error), ExitCode.USAGE) from None


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def _vocabulary(option: str, name: str, given: str) -> str:
    """A vocabulary key from what was typed (the key, or its label in either language); anything else
    is a usage error naming the option and the keys."""
    from welfare_tui.cli.intake import vocabulary_key
    from welfare_tui.errors import ExitCode
    from welfare_tui.i18n import vocabulary

    key = vocabulary_key(name, given)
    if key not in vocabulary(name):
        raise fail(
            t("cli.contacts.bad_vocab", option=option, given=given, keys=", ".join(vocabulary(name))),
            ExitCode.USAGE,
        )
    return key


def _meeting_of(session: Any, case: Any, given: str) -> int:
    """The id of the meeting `given` (id or uid prefix), which must be one of the case's."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.meeting_ids import select_meeting_ids

    ids = select_meeting_ids(session, ids=[given])
    if len(ids) != 1:
        raise fail(t("cli.contacts.one_meeting", given=given, count=len(ids)))
    if repo.get_meeting(session, meeting_id=ids[0]).case_id != case.id:
        raise fail(t("cli.contacts.meeting_other_case", meeting=given, code=case.code))
    return ids[0]


def _run(ctx: typer.Context, work: Any) -> Any:
    """`work(session, repo)` in one transaction on the database of the command line."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope

    with opened_database(settings_of(ctx).db_url) as engine, session_scope(engine) as session:
        return work(session, repo)


def _print_entry(entry: dict[str, Any], as_json: bool) -> None:
    from welfare_tui.cli.lists import print_table

    if as_json:
        typer.echo(json.dumps(entry, ensure_ascii=False, indent=2))
        return
    fields = (
        ("id", str(entry["id"])),
        ("case", f"{entry['case_code']} {entry['case_label']}"),
        ("date", entry["date"]),
        ("agency", entry["agency_name"] or ""),
        ("mode", label("contact_mode", entry["mode"])),
        ("whom", label("contact_whom", entry["whom"])),
        ("note", entry["note"] or ""),
        ("next", entry["next_date"] or ""),
        ("meeting", str(entry["meeting_id"] or "")),
        ("recorded_by", entry["recorded_by"] or ""),
    )
    print_table((), [(t(f"cli.contacts.field.{key}"), value) for key, value in fields if value])


def _print_table(rows: list[dict[str, Any]]) -> None:
    from welfare_tui.cli.lists import print_table

    print_table(
        tuple(
            t(f"cli.contacts.col.{key}") for key in ("date", "case", "agency", "mode", "whom", "next", "note")
        ),
        [
            (
                row["date"],
                f"{row['case_code']} {row['case_label']}",
                row["agency_name"] or "-",
                label("contact_mode", row["mode"]),
                label("contact_whom", row["whom"]),
                row["next_date"] or "-",
                row["note"] or "",
            )
            for row in rows
        ],
    )


def _write_csv(rows: list[dict[str, Any]]) -> None:
    """The rows as CSV that Japanese Excel opens (minutes/csv_format.excel_csv); bytes, so the BOM and
    CRLF reach the file as they are whatever the console's encoding."""
    from welfare_tui.minutes.csv_format import excel_csv

    values = [
        {
            "case_code": row["case_code"],
            "case_label": row["case_label"],
            "date": row["date"],
            "agency": row["agency_name"] or "",
            "mode": label("contact_mode", row["mode"]),
            "whom": label("contact_whom", row["whom"]),
            "note": row["note"] or "",
            "next_date": row["next_date"] or "",
            "recorded_by": row["recorded_by"] or "",
        }
        for row in rows
    ]
    text = excel_csv(
        [t(f"cli.contacts.csv.{column}") for column in CSV_COLUMNS],
        [[value[column] for column in CSV_COLUMNS] for value in values],
    )
    write_stdout(text)
