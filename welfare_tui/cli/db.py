"""`welfare-tui db path | upgrade | check | backup | restore`: where the database is, its schema, its
integrity, copies and putting one back.

Upgrading is a command of its own rather than something every start does silently: a PostgreSQL
database may be shared by a whole department, and its schema should change when someone decides to.
"""

from __future__ import annotations

import sys

import typer

from welfare_tui.cli.app import fail, handles_errors, settings_of, typer_app
from welfare_tui.i18n import t

db_app = typer_app(
    name="db",
    help="The database: where it is, and upgrading its schema after installing a new welfare-tui.\n\n"
    "Example: welfare-tui db upgrade",
    no_args_is_help=True,
)


@db_app.command("path")
@handles_errors
def path_command(ctx: typer.Context) -> None:
    """Print the database file (SQLite) or URL without its password, after checking it can be opened.

    Exit code 3 when it cannot be opened or needs 'welfare-tui db upgrade'. A file that does not exist
    yet is printed too (it is created on first use), with a note on stderr.

    Example: sqlite3 "$(welfare-tui db path)" .tables
    """
    # SQLAlchemy costs ~150 ms to import: only the commands that touch the database pay for it.
    from welfare_tui.storage.engine import display_url, open_database, parse_url, sqlite_path

    url = settings_of(ctx).db_url
    path = sqlite_path(parse_url(url))
    if path is not None and not path.exists() and not path.is_symlink():
        typer.echo(str(path))
        sys.stderr.write(t("cli.db.not_yet") + "\n")
        return
    open_database(url, create=False).dispose()
    typer.echo(display_url(url))


@db_app.command("upgrade")
@handles_errors
def upgrade_command(ctx: typer.Context) -> None:
    """Create the database if it does not exist and migrate its schema to this version of welfare-tui.

    Prints the database and 'from → to' revisions on stderr; safe to run when already up to date.

    Example: welfare-tui --db ./city.db db upgrade
    """
    from welfare_tui.storage.engine import display_url, upgrade_database

    url = settings_of(ctx).db_url
    before, after = upgrade_database(url)
    where = display_url(url)
    if before == after:
        sys.stderr.write(t("cli.db.up_to_date", where=where, after=after) + "\n")
    else:
        sys.stderr.write(
            t("cli.db.upgraded", where=where, before=before or t("cli.db.new"), after=after) + "\n"
        )


@db_app.command("check")
@handles_errors
def check_command(
    ctx: typer.Context,
    expect_head: str = typer.Option(
        "",
        "--expect-head",
        metavar="HASH",
        help="A hash the log must still contain: the one at the foot of exported Markdown minutes.",
    ),
) -> None:
    """Verify the database: SQLite integrity and foreign keys, the audit log's hash chain, then every
    row against its last audit entry.

    Prints the number of audit entries and the head hash. Exit code 1, one line per problem, when the
    log was edited, cut or reordered by hand, when a row was changed, deleted or added outside
    welfare-tui (naming table, id and case), or when --expect-head HASH is no longer in the log (the
    log was cut or rewritten after it). A database or export folder other users can read is a warning
    (exit code unchanged). Exit code 3 when the database cannot be opened.

    Example: welfare-tui db check --expect-head 3f9a...
    """
    from welfare_tui.errors import ExitCode
    from welfare_tui.storage.engine import display_url
    from welfare_tui.storage.maintenance import check_database, permission_warnings

    expect = expect_head.strip().lower()
    if expect_head and not _is_hash(expect):
        raise fail(t("cli.db.bad_hash", value=expect_head), ExitCode.USAGE)
    settings = settings_of(ctx)
    url = settings.db_url
    for warning in permission_warnings(url, settings.export_path):
        sys.stderr.write(warning + "\n")
    result = check_database(url, expect_head=expect or None)
    if result.unverifiable:
        sys.stderr.write(t("trust.check_unverifiable", count=result.unverifiable) + "\n")
    typer.echo(t("cli.db.check_ok", where=display_url(url), entries=result.entries, head=result.head))


def _is_hash(value: str) -> bool:
    return len(value) == 64 and all(char in "0123456789abcdef" for char in value)


@db_app.command("backup")
@handles_errors
def backup_command(
    ctx: typer.Context,
    dest: str = typer.Argument(
        ..., metavar="DEST", help="Backup file to write, or a directory to write a dated file into."
    ),
) -> None:
    """Copy the database to DEST while it is in use (the TUI may stay open).

    The backup is an SQLite database file readable by you only: open it with
    'welfare-tui --db DEST'. From SQLite it uses SQLite's online backup; from PostgreSQL it is a
    consistent logical copy of every table. An existing file at DEST is replaced. Prints the file.

    Example: welfare-tui db backup ~/backups/
    """
    from welfare_tui.storage.maintenance import backup_database

    path = backup_database(settings_of(ctx).db_url, dest)
    typer.echo(str(path))


@db_app.command("restore")
@handles_errors
def restore_command(
    ctx: typer.Context,
    backup: str = typer.Argument(..., metavar="BACKUP", help="A file written by 'welfare-tui db backup'."),
    to: str = typer.Option(
        "", "--to", metavar="URL", help="Database to restore into (default: the one --db names)."
    ),
) -> None:
    """Replace the database with BACKUP, after checking BACKUP as 'db check' does.

    Into an SQLite file: refused while any program has the database open (exit code 3); the file is
    replaced in one rename, and a stale -wal/-shm beside it is removed. Into PostgreSQL
    (--to postgresql+psycopg://...): the database must be empty; ids and the audit log are kept, so
    'db check' passes there. A damaged or tampered backup is refused (exit code 1). Prints the
    database restored, its audit entries and head hash.

    Example: welfare-tui --db ./city.db db restore ~/backups/welfare-tui-20261130-170000.db
    """
    from welfare_tui.storage.engine import display_url
    from welfare_tui.storage.maintenance import restore_database

    url = to or settings_of(ctx).db_url
    result = restore_database(backup, url)
    typer.echo(t("cli.db.restored", where=display_url(url), entries=result.entries, head=result.head))
