"""`welfare-tui export`: write the minutes of chosen meetings in any format of `minutes.FORMATS`.

Meetings are read, stamped in the audit log and written a batch at a time as the database yields
them, so exporting ten thousand meetings keeps memory flat (one batch and the list of chosen meeting
ids are held) and costs a few queries per batch, not per meeting. stdout carries
only data: the documents themselves (`--out -`) or the paths of the files written (`--out DIR`), one
per line, for scripts to pick up. A progress bar goes to stderr, only when stderr is a terminal.

Each document goes through the same steps whatever the format: the agency's handout (`--agency`),
then masking (`--mask`), then rendering (`--era` for dates people read). A format added to
`minutes.FORMATS` (with its extension and renderer) is accepted here with no change.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from welfare_tui.cli.app import fail, handles_errors, settings_of, typer_app
from welfare_tui.errors import ExitCode
from welfare_tui.minutes import FORMATS

if TYPE_CHECKING:
    from welfare_tui.minutes.leak_gate import MaskedMinutes

export_app = typer_app()

STDOUT = "-"


def _format(value: str | None) -> str:
    text = (value or "").strip().lower()
    if text not in FORMATS:
        from welfare_tui.i18n import t

        raise typer.BadParameter(
            t("error.export.format", value=repr(value), choices=", ".join(FORMATS)), param_hint="'--format'"
        )
    return text


@export_app.command("export")
@handles_errors
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="|".join(FORMATS),
            callback=_format,
            show_default=False,
            help="md (minutes to circulate), yaml (full data, re-importable), csv (roles and "
            "monitoring for Excel), ics (to-dos and events for Outlook).",
        ),
    ],
    meeting_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="MEETING_ID",
            show_default=False,
            help="Meetings to export, by id, by uid, or by the first 8 (or more) characters of the "
            "uid as in file names.",
        ),
    ] = None,
    all_meetings: Annotated[
        bool, typer.Option("--all", help="Export every meeting in the database.")
    ] = False,
    case: Annotated[
        str | None,
        typer.Option("--case", metavar="CODE", help="Export every meeting of this case.", show_default=False),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only meetings held on or after DATE (YYYY-MM-DD).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            help="Only meetings held on or before DATE (YYYY-MM-DD).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        str,
        typer.Option(
            "--out", metavar="DIR|-", help="Directory to write one file per meeting into, or - for stdout."
        ),
    ] = STDOUT,
    mask: Annotated[
        bool,
        typer.Option(
            "--mask",
            help="Replace names (A氏, B氏...), staff (by role), addresses and phone "
            "numbers (○○), birth dates (year only) and local agency names (甲, 乙...); "
            "nothing is written if any personal value the database knows remains.",
        ),
    ] = False,
    era: Annotated[
        bool, typer.Option("--era", help="Dates in 和暦 (令和8年11月20日(金)) in Markdown and CSV.")
    ] = False,
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            metavar="NAME",
            help="Only what this agency needs (id, name or short name): its own role assignments, "
            "the monitoring dates, the next meeting and the shared summary.",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Write the minutes of meetings as Markdown, YAML, CSV or iCalendar.

    Choose the meetings in exactly one way: by MEETING_ID, with --case CODE, or with --all; --since and
    --until narrow the choice to a period. They are exported in date order.

    With --out DIR (created if missing, readable by you only) each meeting becomes one file named
    DATE_CASE_第NN回_UID8[_AGENCY][_masked].EXT, e.g. 2026-10-15_C-2026-001_第01回_5f0c1a2b.md; exporting
    the same meeting again replaces its file. The path of each file written is printed, one per line.

    With --out - (the default) the documents go to stdout: Markdown minutes are separated by a line
    holding only ---, YAML documents form one multi-document stream, CSV has one header row, iCalendar
    is one calendar. A single meeting on stdout is byte for byte the file --out would write.

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
    from welfare_tui.storage.values import optional_date

    period = {"since": optional_date("--since", since), "until": optional_date("--until", until)}
    _check_usage(meeting_ids or [], out, **period)
    # Imported here, not at module level: SQLAlchemy costs ~150 ms that `--help` should not pay.
    from welfare_tui.minutes.files import make_private_dir
    from welfare_tui.storage import audit, repo
    from welfare_tui.storage.documents import BATCH_SIZE, iter_meeting_documents, select_meeting_ids
    from welfare_tui.storage.engine import opened_database, session_scope

    directory = None if out == STDOUT else Path(out).expanduser()
    if directory is not None:
        make_private_dir(directory)
    with opened_database(settings_of(ctx).db_url) as engine, session_scope(engine) as session:
        agency_id = None
        if agency is not None:
            found = repo.require_agency(session, text=agency)
            agency_id, agency_label = found.id, found.name
        ids = select_meeting_ids(session, ids=meeting_ids or (), case_code=case, all=all_meetings, **period)
        masked = None
        if mask:
            from welfare_tui.minutes.leak_gate import MaskedMinutes
            from welfare_tui.storage.personal import personal_values

            masked = MaskedMinutes(personal_values(session), agency_id=agency_id)
        writer = _Writer(fmt, directory, era=era, masked=masked, agency_id=agency_id)
        pending: list[dict[str, Any]] = []

        def stamp_and_write() -> None:
            # One short transaction stamps a whole batch (a few queries, not a few per meeting);
            # the minutes print their stamp, so a batch is stamped before it is written.
            with session_scope(engine, immediate=True) as stamping:
                stamped = audit.stamp_exports(stamping, pending, (fmt,), str(directory or STDOUT))
            for stamped_doc in stamped:
                writer.write(stamped_doc)
            pending.clear()

        from welfare_tui.meeting_rules import handout_refusal

        refusals: list[str] = []
        with _progress(len(ids), quiet=quiet) as advance:
            for doc in iter_meeting_documents(session, meeting_ids=ids):
                # Who may receive a handout is decided on the real document (names in the reason);
                # the writer cuts the handout, after masking when --mask is given.
                refusal = handout_refusal(doc, agency_id, agency_label) if agency_id is not None else None
                if refusal:
                    refusals.append(refusal)
                else:
                    pending.append(doc)
                if len(pending) >= BATCH_SIZE:
                    stamp_and_write()
                advance()
            stamp_and_write()
        writer.close()
    if agency_id is not None and writer.count == 0:
        if len(refusals) == 1:
            raise fail(refusals[0])
        from welfare_tui.i18n import t

        raise fail(
            t("error.export.agency_in_none_because", agency=agency_label, reason=refusals[0])
            if refusals
            else t("error.export.agency_in_none", agency=agency_label)
        )


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


class _Writer:
    """Writes documents one by one: to files in `directory`, or as one stream to stdout.

    With `masked` (--mask) every text comes from `leak_gate.MaskedMinutes`: masked, then cut to the
    agency's handout, then scanned by the leak gate; a leak stops the export before that text is
    written. Without it, the handout is cut from the document as it is."""

    def __init__(
        self,
        fmt: str,
        directory: Path | None,
        *,
        era: bool,
        masked: MaskedMinutes | None = None,
        agency_id: str | None = None,
    ) -> None:
        self.fmt, self.directory, self.era, self.masked, self.agency_id = (
            fmt,
            directory,
            era,
            masked,
            agency_id,
        )
        self.count = 0
        self.left_out: list[dict[str, Any]] = []
        """Meetings with nothing for a calendar (.ics only): an empty VCALENDAR is invalid, so none is written."""

    def write(self, doc: dict[str, Any]) -> None:
        from welfare_tui import minutes
        from welfare_tui.minutes.files import write_private_file

        if self.masked is not None:
            doc = self.masked.document(doc)
            render, body = self.masked.render, self.masked.body
        else:
            if self.agency_id is not None:
                from welfare_tui.minutes.handout import agency_handout

                doc = agency_handout(doc, self.agency_id)
            render, body = minutes.render, minutes.body
        if self.fmt == "ics" and not body(doc, self.fmt, era=self.era):
            self.left_out.append(doc)
            return
        if self.directory is not None:
            path = self.directory / minutes.export_filename(doc, self.fmt)
            write_private_file(path, render(doc, self.fmt, era=self.era))
            sys.stdout.write(f"{path}\n")
            sys.stdout.flush()
        else:
            text = body(doc, self.fmt, era=self.era)
            masked = self.masked is not None
            start = minutes.head(self.fmt, masked=masked) if self.count == 0 else minutes.separator(self.fmt)
            _write_stdout(start + text)
        self.count += 1

    def close(self) -> None:
        from welfare_tui import minutes

        if self.directory is None and self.count:
            _write_stdout(minutes.tail(self.fmt, masked=self.masked is not None))
        if self.left_out:
            from welfare_tui.i18n import t

            if self.count == 0:  # nothing at all: say why, exit 1
                raise fail(
                    minutes.nothing_for_a_calendar(self.left_out[0])
                    if len(self.left_out) == 1
                    else t("minutes.ics.nothing", count=len(self.left_out))
                )
            sys.stderr.write(t("minutes.ics.skipped", count=len(self.left_out)) + "\n")


class _progress:
    """A Rich progress bar on stderr while meetings are exported — only when stderr is a terminal
    (never in a pipe, a log file or a test) and not silenced with -q."""

    def __init__(self, total: int, *, quiet: bool) -> None:
        self.total, self.bar, self.task = total, None, None
        self.enabled = not quiet and total > 1 and sys.stderr.isatty()

    def __enter__(self) -> Any:
        if self.enabled:
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
            self.task = self.bar.add_task("export", total=self.total)
        return self.advance

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _write_stdout(text: str) -> None:
    """UTF-8 with the format's own line endings whatever the console code page: these bytes are data
    for a file or a pipe."""
    if not text:
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
