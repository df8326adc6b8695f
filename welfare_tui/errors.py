"""Errors the user may see, each with its documented exit code.

Front ends catch `WelfareError` and print `Error: <message>` (CLI) or a notification (TUI);
nothing below this line ever reaches the user as a traceback.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DOMAIN = 1  # not found, invalid input, a rule refused
    USAGE = 2
    STORAGE = 3  # locked, unreachable, migration needed


class WelfareError(Exception):
    """A problem the user can act on. `str(error)` is the one-line message."""

    exit_code = ExitCode.DOMAIN


class NotFound(WelfareError):
    pass


class InvalidInput(WelfareError):
    pass


class RuleRefused(WelfareError):
    pass


class Conflict(WelfareError):
    """Someone else saved the same record first (optimistic locking; storage/repo.py).

    `fields` maps each field in dispute to (yours, theirs): the value this session tried to save and
    the value now in the database. `version` is the record's current version.
    """

    def __init__(self, table: str, record_id: int, version: int, fields: dict[str, tuple[object, object]]) -> None:
        self.table = table
        self.record_id = record_id
        self.version = version
        self.fields = fields
        if not fields:
            super().__init__(f"someone else saved this {table} at the same moment: save again")
            return
        shown = "; ".join(f"{name}: theirs {theirs!r}, yours {yours!r}" for name, (yours, theirs) in fields.items())
        super().__init__(f"someone else saved this {table} first ({shown}); choose which to keep")


class IntegrityFailure(WelfareError):
    """`db check` found damage or tampering; the message names the first bad place."""


class AgendaError(InvalidInput):
    """An agenda file is broken. The message names file, line and field."""


class StorageUnavailable(WelfareError):
    exit_code = ExitCode.STORAGE


def describe_driver_error(error: BaseException) -> str | None:
    """A one-line message for a database driver error (locked, unreachable...), or None if it is not one."""
    module = type(error).__module__ or ""
    if not module.startswith(("sqlalchemy", "sqlite3", "psycopg")):
        return None
    from welfare_tui.i18n import t

    text = (str(getattr(error, "orig", None) or error).strip().splitlines() or [type(error).__name__])[0]
    return t("trust.db_locked" if "locked" in text else "trust.db_unavailable", detail=text)
