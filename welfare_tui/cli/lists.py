"""`welfare-tui cases list` and `welfare-tui meetings list`: what is in the database, for people and scripts.

Tables are plain text aligned by display width (Japanese characters take two columns) so that they
survive `less`, `grep` and a Windows console; `--json` gives the same rows to scripts. stdout carries
the rows only; "nothing found" goes to stderr.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from welfare_tui import domain
from welfare_tui.cli.app import handles_errors, settings_of, typer_app
from welfare_tui.i18n import label, t

cases_app = typer_app(
    name="cases",
    help="Cases (世帯・ケース) in the database.\n\nExample: welfare-tui cases list --json",
    no_args_is_help=True,
)
meetings_app = typer_app(
    name="meetings",
    help="Meetings (会議) in the database.\n\nExample: welfare-tui meetings list --case C-2026-001",
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")]

# Column message keys (messages/cli.py): headers follow --lang, --json keys never do.
COLUMNS = {
    "cases": ("code", "case", "status", "lead", "meetings", "last", "next", "tags"),
    "meetings": ("id", "date", "time", "case", "meeting", "round", "status", "place"),
}


def headers(table: str) -> tuple[str, ...]:
    return tuple(t(f"cli.{table}.col.{key}") for key in COLUMNS[table])


@cases_app.command("list")
@handles_errors
def list_cases_command(
    ctx: typer.Context,
    search: Annotated[
        str,
        typer.Option(
            "--search", "-s", help="Only cases whose code, label, summary or tags contain this text."
        ),
    ] = "",
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            metavar="STAGE",
            show_default=False,
            help="Only cases at this stage: intake, shien_kaigi, planning, decided, support, handed_over, "
            "closed or suspended (or its label).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List cases with their stage, meeting count and last and next meeting dates.

    Example: welfare-tui cases list --search 8050 --stage support
    """
    from welfare_tui.cli.intake import vocabulary_key

    # SQLAlchemy costs ~150 ms to import: only the commands that touch the database pay for it.
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope

    settings = settings_of(ctx)
    with opened_database(settings.db_url) as engine, session_scope(engine) as session:
        rows = repo.list_cases(
            session, search=search, stage=vocabulary_key("case_status", stage) if stage else ""
        )
    if as_json:
        _print_json([row.model_dump(mode="json") for row in rows])
        return
    if not rows:
        sys.stderr.write(t("cli.no_cases") + "\n")
        return
    print_table(
        headers("cases"),
        [
            (
                row.code,
                row.label,
                label("case_status", row.status),
                row.lead_agency,
                str(row.meeting_count),
                _date(row.last_meeting_date),
                _date(row.next_meeting_date),
                ", ".join(row.tags),
            )
            for row in rows
        ],
        right=(4,),
    )


@meetings_app.command("list")
@handles_errors
def list_meetings_command(
    ctx: typer.Context,
    case: Annotated[
        str | None,
        typer.Option("--case", "-c", help="Only the meetings of this case code.", show_default=False),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List meetings, newest first; the ID is what 'welfare-tui export' takes.

    Example: welfare-tui meetings list --case C-2026-001 --json
    """
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope

    settings = settings_of(ctx)
    with opened_database(settings.db_url) as engine, session_scope(engine) as session:
        rows = repo.list_meetings(session, case_code=case)
    if as_json:
        _print_json([row.model_dump(mode="json") for row in rows])
        return
    if not rows:
        sys.stderr.write(t("cli.no_meetings") + "\n")
        return
    ja = settings.lang != "en"
    print_table(
        headers("meetings"),
        [
            (
                str(row.id),
                row.date.isoformat(),
                "–".join(t for t in (row.start, row.end) if t),
                f"{row.case_code} {row.case_label}",
                row.type_label if ja else _type_en(row.type, row.type_label),
                str(row.round),
                label("meeting_status", row.status),
                row.place,
            )
            for row in rows
        ],
        right=(0, 5),
    )


def _type_en(key: str, label: str) -> str:
    meeting_type = domain.MEETING_TYPES.get(key)
    return meeting_type.label_en if meeting_type else label


def _date(value: Any) -> str:
    return value.isoformat() if value else "-"


def _print_json(rows: list[dict[str, Any]]) -> None:
    typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))


def display_width(text: str) -> int:
    """Terminal columns: wide and full-width (Japanese) characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


LINE_BREAK = "／"
"""What a line break inside a cell becomes: a text table keeps one row per item."""


def cell_text(text: str) -> str:
    """`text` on one line for a table cell: each line break (any of str.splitlines') shown as
    LINE_BREAK, tabs as a space, other control characters dropped (they would move the cursor)."""
    lines = [line.replace("\t", " ") for line in text.splitlines()]
    return LINE_BREAK.join(
        "".join(char for char in line if unicodedata.category(char) != "Cc") for line in lines if line.strip()
    )


def print_table(
    header: Sequence[str], rows: list[Sequence[str]], *, right: Sequence[int] = (), indent: str = ""
) -> None:
    """Columns aligned by display width (no header line when `header` is empty), every cell on one
    line (`cell_text`), so a row is always one item."""
    lines = [[cell_text(cell) for cell in line] for line in ([header] if header else []) + list(rows)]
    if not lines:
        return
    widths = [max(display_width(line[i]) for line in lines) for i in range(len(lines[0]))]
    for line in lines:
        cells = []
        for index, cell in enumerate(line):
            gap = " " * (widths[index] - display_width(cell))
            cells.append(gap + cell if index in right else cell + gap)
        typer.echo((indent + "  ".join(cells)).rstrip())


def write_stdout(text: str) -> None:
    """UTF-8 with the format's own line endings whatever the console code page: these bytes are data
    for a file or a pipe (exports, CSV)."""
    if not text:
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
