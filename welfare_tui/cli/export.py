"""`welfare-tui export`: write the minutes of chosen meetings as Markdown or YAML files, or to stdout.

Meetings are read and written one at a time as the database yields them, so exporting ten thousand
meetings keeps memory flat. stdout carries only data: the documents themselves (`--out -`) or the
paths of the files written (`--out DIR`), one per line, for scripts to pick up.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from welfare_tui.cli.app import app, fail, handles_errors, settings_of
from welfare_tui.errors import ExitCode

STDOUT = "-"
# Between two documents on stdout. A bare `---` line never occurs inside rendered Markdown (typed
# lines that look like one are escaped) nor at the top level of our YAML, so splitting on it is safe.
SEPARATOR = {"md": "\n---\n\n", "yaml": "---\n"}


class Format(str, Enum):
    md = "md"
    yaml = "yaml"


@app.command("export")
@handles_errors
def export(
    ctx: typer.Context,
    fmt: Annotated[
        Format,
        typer.Option("--format", case_sensitive=False, help="md (minutes to circulate) or yaml (full data).",
                     show_default=False),
    ],
    meeting_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="MEETING_ID", help="Meetings to export, by id (or uid).", show_default=False),
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
        typer.Option("--since", metavar="DATE", help="Only meetings held on or after DATE (YYYY-MM-DD).",
                     show_default=False),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="Only meetings held on or before DATE (YYYY-MM-DD).",
                     show_default=False),
    ] = None,
    out: Annotated[
        str,
        typer.Option("--out", metavar="DIR|-",
                     help="Directory to write one file per meeting into, or - for stdout."),
    ] = STDOUT,
) -> None:
    """Write the minutes of meetings as Markdown or YAML.

    Choose the meetings in exactly one way: by MEETING_ID, with --case CODE, or with --all; --since and
    --until narrow the choice to a period. They are exported in date order.

    With --out DIR (created if missing, readable by you only) each meeting becomes one file named
    DATE_CASE_第NN回_UID8.md (or .yaml), e.g. 2026-10-15_C-2026-001_第01回_5f0c1a2b.md; exporting the
    same meeting again replaces its file. The path of each file written is printed, one per line.

    With --out - (the default) the documents go to stdout: Markdown minutes are separated by a line
    holding only ---, YAML documents form one multi-document stream. A single meeting on stdout is
    byte for byte the file --out would write.

    Example: welfare-tui export --case C-2026-001 --format md --out ./minutes
    """
    chosen = [bool(meeting_ids), case is not None, all_meetings]
    if sum(chosen) != 1:
        raise fail(
            "choose the meetings in exactly one way: MEETING_ID..., --case CODE or --all"
            + (" (not several)" if sum(chosen) > 1 else ""),
            ExitCode.USAGE,
        )
    from welfare_tui.storage.values import optional_date

    period = {"since": optional_date("--since", since), "until": optional_date("--until", until)}
    # Imported here, not at module level: SQLAlchemy costs ~150 ms that `--help` should not pay.
    from welfare_tui.minutes import export_filename, render
    from welfare_tui.minutes.files import make_private_dir, write_private_file
    from welfare_tui.storage.documents import iter_meeting_documents, select_meeting_ids
    from welfare_tui.storage.engine import open_database, session_scope

    directory = None if out == STDOUT else Path(out).expanduser()
    if directory is not None:
        make_private_dir(directory)
    engine = open_database(settings_of(ctx).db_url)
    try:
        with session_scope(engine) as session:
            ids = select_meeting_ids(session, ids=meeting_ids or (), case_code=case, all=all_meetings, **period)
            for index, doc in enumerate(iter_meeting_documents(session, meeting_ids=ids)):
                text = render(doc, fmt.value)
                if directory is None:
                    _write_stdout((SEPARATOR[fmt.value] if index else "") + text)
                else:
                    path = directory / export_filename(doc, fmt.value)
                    write_private_file(path, text)
                    sys.stdout.write(f"{path}\n")
                    sys.stdout.flush()
    finally:
        engine.dispose()


def _write_stdout(text: str) -> None:
    """UTF-8 with `\\n` whatever the console code page: these bytes are data for a file or a pipe."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
