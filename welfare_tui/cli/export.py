"""`welfare-tui export`: the command line of the export service (storage/exporting.py).

This module only reads the command line and reports: the meetings chosen, the formats of
`minutes/formats.py` (its registry gives `--format`'s choices and help), where the text goes. stdout
carries only data: the documents themselves (`--out -`) or the paths of the files written (`--out DIR`),
one per line, for scripts to pick up. A progress bar goes to stderr, only when stderr is a terminal.
A format added to the registry is accepted here with no change.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Self

import typer

from welfare_tui.cli.app import fail, handles_errors, settings_of, typer_app
from welfare_tui.cli.lists import write_stdout
from welfare_tui.errors import ExitCode
from welfare_tui.minutes import formats

export_app = typer_app()

STDOUT = "-"


def _format(value: str | None) -> str:
    text = (value or "").strip().lower()
    if text not in formats.names():
        from welfare_tui.i18n import t

        raise typer.BadParameter(
            t("error.export.format", value=repr(value), choices=", ".join(formats.names())),
            param_hint="'--format'",
        )
    return text


def format_help() -> str:
    """`--format`'s help, from the registry: "md (minutes to circulate), yaml (...), ..."."""
    return ", ".join(f"{entry.name} ({formats.english_help(entry)})" for entry in formats.REGISTRY) + "."


FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        metavar="|".join(formats.names()),
        callback=_format,
        show_default=False,
        help=format_help(),
    ),
]
MeetingIds = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="MEETING_ID",
        show_default=False,
        help="Meetings to export, by id, by uid, or by the first 8 (or more) characters of the "
        "uid as in file names.",
    ),
]
AllOption = Annotated[bool, typer.Option("--all", help="Export every meeting in the database.")]
CaseOption = Annotated[
    str | None,
    typer.Option("--case", metavar="CODE", help="Export every meeting of this case.", show_default=False),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="Only meetings held on or after DATE (YYYY-MM-DD).",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help="Only meetings held on or before DATE (YYYY-MM-DD).",
        show_default=False,
    ),
]
OutOption = Annotated[
    str,
    typer.Option(
        "--out", metavar="DIR|-", help="Directory to write one file per meeting into, or - for stdout."
    ),
]
MaskOption = Annotated[
    bool,
    typer.Option(
        "--mask",
        help="Replace names (A氏, B氏...), staff (by role), addresses and phone "
        "numbers (○○), birth dates (year only) and local agency names (甲, 乙...); "
        "nothing is written if any personal value the database knows remains.",
    ),
]
EraOption = Annotated[
    bool,
    typer.Option(
        "--era",
        help="Dates in 和暦 (令和8年11月20日(金)) in "
        + " and ".join(entry.name for entry in formats.REGISTRY if entry.era)
        + ".",
    ),
]
AgencyOption = Annotated[
    str | None,
    typer.Option(
        "--agency",
        metavar="NAME",
        help="Only what this agency needs (id, name or short name): its own role assignments, "
        "the monitoring dates, the next meeting and the shared summary.",
        show_default=False,
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


@export_app.command("export")
@handles_errors
def export(
    ctx: typer.Context,
    fmt: FormatOption,
    meeting_ids: MeetingIds = None,
    all_meetings: AllOption = False,
    case: CaseOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    out: OutOption = STDOUT,
    mask: MaskOption = False,
    era: EraOption = False,
    agency: AgencyOption = None,
    quiet: QuietOption = False,
) -> None:
    """Write the minutes of meetings (and their ecomaps) in the formats of --format.

    Choose the meetings in exactly one way: by MEETING_ID, with --case CODE, or with --all; --since and
    --until narrow the choice to a period. They are exported in date order.

    With --out DIR (created if missing, readable by you only) each meeting becomes one file named
    DATE_CASE_第NN回_UID8[_AGENCY][_masked].EXT, e.g. 2026-10-15_C-2026-001_第01回_5f0c1a2b.md; exporting
    the same meeting again replaces its file. The path of each file written is printed, one per line.

    With --out - (the default) the documents go to stdout: Markdown minutes, YAML documents and SVG
    pages are separated by a line holding only ---, CSV has one header row, iCalendar is one calendar.
    A single meeting on stdout is byte for byte the file --out would write. Word documents (docx) are
    files only: give --out DIR.

    With --agency NAME, only meetings the agency attended or holds a role in are written, and for a
    重層的支援会議 only when the agency is within the person's consent scope on the meeting's date; the
    others are left out. When none is left, nothing is written and the exit code is 1, with the reason.

    Example: welfare-tui export --case C-2026-001 --format md --era --out ./minutes
    """
    chosen = [bool(meeting_ids), case is not None, all_meetings]
    if sum(chosen) != 1:
        from welfare_tui.i18n import t

        raise fail(
            t("error.export.choose_several" if sum(chosen) > 1 else "error.export.choose_one"), ExitCode.USAGE
        )
    from welfare_tui.records.values import optional_date

    period = {"since": optional_date("--since", since), "until": optional_date("--until", until)}
    _check_usage(meeting_ids or [], out, **period)
    if out == STDOUT and formats.get(fmt).binary:  # a Word document is a file, never text on stdout
        from welfare_tui.i18n import t

        raise fail(t("error.export.binary_stream", fmt=fmt), ExitCode.USAGE)
    # Imported here, not at module level: SQLAlchemy costs ~150 ms that `--help` should not pay.
    from welfare_tui.storage.engine import opened_database
    from welfare_tui.storage.exporting import Choice, Export, ExportJob

    directory = None if out == STDOUT else Path(out).expanduser()
    export = Export(ExportJob((fmt,), directory, era=era, mask=mask, agency=agency))
    choice = Choice(ids=meeting_ids or (), case_code=case, all=all_meetings, **period)
    with opened_database(settings_of(ctx).db_url) as engine, _Progress(quiet=quiet) as progress:
        export.run(engine, choice, stream=write_stdout, wrote=_print_path, progress=progress)


# The largest row id either backend can hold: a longer run of digits names no meeting.
_LARGEST_ID = 2**63 - 1


def _check_usage(meeting_ids: list[str], out: str, since: Any, until: Any) -> None:
    """Refuse a command line that cannot mean anything (exit 2), before the database is opened."""
    from welfare_tui.i18n import t

    if not out.strip():
        raise fail(t("contract.empty_out"), ExitCode.USAGE)
    if since is not None and until is not None and since > until:
        raise fail(
            t("contract.since_after_until", since=since.isoformat(), until=until.isoformat()), ExitCode.USAGE
        )
    for given in meeting_ids:
        text = given.strip()
        if text.isdigit() and (len(text) > 19 or not text.isdecimal() or int(text) > _LARGEST_ID):
            shown = text if len(text) <= 24 else f"{text[:20]}…({len(text)})"
            raise fail(t("contract.bad_meeting_id", id=shown), ExitCode.USAGE)


class _Progress:
    """A Rich progress bar on stderr while meetings are exported — only when stderr is a terminal
    (never in a pipe, a log file or a test) and not silenced with -q. The export service starts it
    once it knows how many meetings were chosen (storage/exporting.Progress)."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Self:
        return self

    def start(self, total: int) -> None:
        if self.quiet or total <= 1 or not sys.stderr.isatty():
            return
        # Rich's progress costs ~30 ms to import: only interactive runs pay for it.
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("export"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("export", total=total)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_path(path: Path) -> None:
    """A file written: its path on stdout, at once, for a script reading along."""
    sys.stdout.write(f"{path}\n")
    sys.stdout.flush()
