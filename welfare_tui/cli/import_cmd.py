"""`welfare-tui import FILE...`: bring meetings exported as YAML (another office, a script) into the database.

All or nothing: every file is read and checked (size and kind of file, YAML syntax, the document
schema, agency references and meeting identity against this database) before anything is written,
and every problem of every file is reported, one per line as `FILE:LINE: FIELD: message`. Only when
there is none are the files applied, in the order given, in one transaction. Cases are matched by
code and meetings by uid, and only what differs is written, so importing the same file again writes
nothing at all. A meeting never moves to another case; `--as-new` imports files as new meetings with
fresh uids. `--dry-run` applies them in a transaction that is rolled back and prints what would change;
it never creates, migrates or changes a database file.

Reading, checking and writing are `storage.importing`'s (the demo build takes the same path); this
module opens the database (a scratch one for a dry run) and reports.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from welfare_tui.cli.app import fail, handles_errors, settings_of, typer_app
from welfare_tui.failure import say
from welfare_tui.i18n import t

import_app = typer_app()


@import_app.command("import")
@handles_errors
def import_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE.yaml...",
            help="YAML files written by 'welfare-tui export --format yaml'.",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check and show what would change; write nothing, create nothing."),
    ] = False,
    as_new: Annotated[
        bool,
        typer.Option(
            "--as-new",
            help="Import every file as a new meeting of its case, with a fresh uid "
            "(for an export used as a template).",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as a JSON array.")] = False,
) -> None:
    """Import meeting documents (YAML) into the database, all files or none.

    Each file is one meeting with its case. Every file is checked before anything is written; all
    problems are reported as FILE:LINE: FIELD: message and nothing is imported (exit code 1). The
    report on stdout has one line per file: whether its case and meeting are new, updated or unchanged.
    Importing the same file again writes nothing. A file whose meeting belongs to another case here is
    refused; --as-new imports it as a new meeting. Masked exports and agency handouts are refused: they
    are not the full record. Files over the size limit (setting import_max_mb, 10 MB by default) and
    anything but regular files are refused unread.

    Example: welfare-tui import received/2026-10-15_C-2026-001_第01回_5f0c1a2b.yaml --dry-run
    """
    import gc

    settings = settings_of(ctx)
    # Every document is kept until all are checked: a million objects that the cyclic garbage collector
    # would otherwise walk again and again while the next files are parsed. Parsed documents and the rows
    # read to compare them hold no cycles, and the command is short-lived: reference counting frees
    # what it drops, so the collector is off while it runs.
    enabled = gc.isenabled()
    gc.disable()
    try:
        _import(settings, files, dry_run=dry_run, as_new=as_new, as_json=as_json)
    finally:
        if enabled:
            gc.enable()


def _import(settings: Any, files: list[Path], *, dry_run: bool, as_new: bool, as_json: bool) -> None:
    from welfare_tui.storage import importing

    loaded, problems = importing.read_files(files, limit=settings.import_max_bytes)
    if as_new:
        import uuid

        for item in loaded:
            item.doc["meeting"]["uid"] = uuid.uuid4().hex  # a copy: never the meeting the file came from

    # SQLAlchemy costs ~150 ms to import: only commands that touch the database pay for it.
    from welfare_tui.storage.engine import session_scope

    # Files already refused: the rest are still checked against the database, opened as for a dry run
    # (nothing imported may not create one either).
    with (
        _database(settings.db_url, dry_run=dry_run or bool(problems)) as engine,
        session_scope(engine) as session,
    ):
        found, checked = importing.database_problems(session, loaded)
        problems += found
        if problems:
            for problem in problems:
                say(problem)
            raise fail(t("error.import.summary", problems=len(problems), files=len(files)))
        report = importing.apply_all(session, [item.source for item in loaded], checked)
        if dry_run:
            session.rollback()
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    elif report:
        # One write for the whole report (a thousand files: not a thousand flushes).
        typer.echo(
            "\n".join(
                t(
                    "cli.import.row",
                    file=row["file"],
                    case=row["case"],
                    meeting=row["meeting"][:8],
                    case_change=t(f"cli.import.change.{row['case_change']}"),
                    meeting_change=t(f"cli.import.change.{row['meeting_change']}"),
                    date=row["date"],
                    round=row["round"],
                )
                for row in report
            )
        )
    if dry_run:
        sys.stderr.write(t("cli.import.dry_run") + "\n")


@contextmanager
def _database(url: str, *, dry_run: bool) -> Iterator[Any]:
    """The database to import into. A dry run never creates or migrates the user's database: a missing
    (or empty) SQLite file is stood in for by a new empty database in a private temporary directory,
    removed afterwards (so every file reads as new), and a database without tables or one that needs an
    upgrade is refused as for every command."""
    import tempfile
    from contextlib import ExitStack

    from welfare_tui.storage.engine import open_database, sqlite_path

    path = sqlite_path(url)
    # An empty file is no database yet either; opening it would write SQLite's header into it.
    no_database = path is not None and (not path.exists() or (path.is_file() and path.stat().st_size == 0))
    with ExitStack() as stack:
        if dry_run and no_database:
            scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="welfare-tui-dry-run-"))
            url = f"sqlite:///{Path(scratch) / 'empty.db'}"
        engine = open_database(url, create=not dry_run or no_database)
        stack.callback(engine.dispose)
        yield engine
