"""`welfare-tui notice`: meeting notices (開催通知) for the agencies invited to a planned meeting.

The command line of storage/noticing.py: one file per invited agency (or the one --agency names) in
each --format, into --out DIR (the export folder of the settings by default); the path of each file
written is printed on stdout, one per line. Masked unless --no-mask.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from welfare_tui.cli.app import fail, handles_errors, settings_of, typer_app
from welfare_tui.errors import ExitCode

notice_app = typer_app()

FORMATS = ("docx", "md", "ics")

MeetingArgument = Annotated[
    str,
    typer.Argument(
        metavar="MEETING", help="The planned meeting: its id, uid or the first 8+ characters of the uid."
    ),
]
FormatOption = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        metavar="|".join(FORMATS),
        show_default=False,
        help="docx (a Word letter to print or mail), md, or ics (an invitation Outlook imports); "
        "repeat for several. Default: all three.",
    ),
]
AgencyOption = Annotated[
    str | None,
    typer.Option(
        "--agency",
        metavar="NAME",
        show_default=False,
        help="Only the notice to this agency (id, name or short name).",
    ),
]
OutOption = Annotated[
    str | None,
    typer.Option(
        "--out",
        metavar="DIR",
        show_default=False,
        help="Folder to write into (created owner-only); default: the export folder of the settings.",
    ),
]
EraOption = Annotated[bool, typer.Option("--era", help="Dates in 和暦 (令和9年1月21日(木)).")]
NoMaskOption = Annotated[
    bool,
    typer.Option(
        "--no-mask",
        help="Names as recorded instead of masked ones; refused for an agency outside the person's consent "
        "in a 重層的支援会議.",
    ),
]


@notice_app.command("notice")
@handles_errors
def notice(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: FormatOption = None,
    agency: AgencyOption = None,
    out: OutOption = None,
    era: EraOption = False,
    no_mask: NoMaskOption = False,
) -> None:
    """Write a meeting notice (開催通知) for each agency invited to a planned meeting.

    Each notice is addressed to one agency and holds the date, time and place, the online link (a URL
    written in the place of an online or hybrid meeting), the agenda with its time boxes, what to bring
    (the agency's open tasks from the last round), the confidentiality and materials rules of the
    meeting type and the contact person (the chair). Masked by default. Files are named
    DATE_CASE_第NN回_UID8_notice_AGENCY[_masked].EXT; their paths are printed, one per line.

    Example: welfare-tui notice 3 --format docx --format ics --era --out ./notices
    """
    from welfare_tui.i18n import t

    formats = tuple(dict.fromkeys(value.strip().lower() for value in fmt or FORMATS))
    unknown = [value for value in formats if value not in FORMATS]
    if unknown:
        raise fail(
            t("error.export.format", value=repr(unknown[0]), choices=", ".join(FORMATS)), ExitCode.USAGE
        )
    if out is not None and not out.strip():
        raise fail(t("contract.empty_out"), ExitCode.USAGE)
    from welfare_tui.storage.engine import opened_database
    from welfare_tui.storage.noticing import NoticeJob, write_notices

    settings = settings_of(ctx)
    directory = Path(out).expanduser() if out is not None else settings.export_path
    job = NoticeJob(
        formats, directory, era=era, mask=not no_mask, agency=agency, organiser=settings.notice_email
    )
    with opened_database(settings.db_url) as engine:
        outcome = write_notices(engine, meeting, job, user=settings.user_name, wrote=_print_path)
    for refusal in outcome.refusals:
        sys.stderr.write(refusal + "\n")


def _print_path(path: Path) -> None:
    sys.stdout.write(f"{path}\n")
    sys.stdout.flush()
