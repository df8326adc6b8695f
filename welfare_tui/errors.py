"""Errors the user may see, each with its documented exit code.

Front ends catch `WelfareError` and print `エラー: <message>` (`Error:` in English; CLI) or a notification (TUI);
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
    the value now in the database. `version` is the record's current version. With no fields, the
    other save slipped in between this session's read and write (or, `deleting`, the row to delete
    changed since it was read), or, `duplicate`, a concurrent insert of the same key won: there is
    nothing to choose between, only something to look at again.
    """

    def __init__(
        self,
        table: str,
        record_id: int,
        version: int,
        fields: dict[str, tuple[object, object]],
        *,
        deleting: bool = False,
        duplicate: bool = False,
    ) -> None:
        from welfare_tui.i18n import record_name, t

        self.table = table
        self.record_id = record_id
        self.version = version
        self.fields = fields
        table = record_name(table)
        if duplicate:
            super().__init__(t("locking.duplicate"))
        elif deleting:
            super().__init__(t("locking.changed_before_delete", table=table))
        elif not fields:
            super().__init__(
                t("locking.concurrent", table=table) if table else t("locking.concurrent_change")
            )
        else:
            shown = " / ".join(
                t("locking.field", name=name, theirs=repr(theirs), yours=repr(yours))
                for name, (yours, theirs) in fields.items()
            )
            super().__init__(t("locking.fields", table=table, fields=shown))


class IntegrityFailure(WelfareError):
    """`db check` found damage or tampering; the message names the first bad place."""


class AgendaError(InvalidInput):
    """An agenda file is broken. The message names file, line and field."""


class StorageUnavailable(WelfareError):
    exit_code = ExitCode.STORAGE


class UsageError(WelfareError):
    """The command line itself is wrong (a number out of range, a malformed URL, an empty path)."""

    exit_code = ExitCode.USAGE


def driver_error(error: BaseException) -> WelfareError | None:
    """What a database driver's error means for the user, or None if it is not one.

    A save that lost a race is a conflict, not an outage: a row changed under an UPDATE
    (StaleDataError) or a duplicate key from a concurrent insert (IntegrityError: two imports of the
    same files at once) is a `Conflict` (exit 1) whose message never quotes the driver. Anything else
    from the driver (locked, unreachable) is `StorageUnavailable` (exit 3).
    """
    module = type(error).__module__ or ""
    if not module.startswith(("sqlalchemy", "sqlite3", "psycopg")):
        return None
    from welfare_tui.i18n import t

    # Known by class name, as the kernel imports no SQLAlchemy (pyproject.toml, [tool.importlinter]).
    if _is_a(error, "StaleDataError"):
        return Conflict(_stale_table(error), 0, 0, {})
    if _is_a(error, "IntegrityError"):  # SQLAlchemy's or a driver's
        text = str(getattr(error, "orig", None) or error).lower()
        # A duplicate key: two imports of one file; anything else (a row's parent deleted meanwhile)
        # clashed with another change all the same.
        return Conflict("", 0, 0, {}, duplicate="unique" in text or "duplicate key" in text)
    text = (str(getattr(error, "orig", None) or error).strip().splitlines() or [type(error).__name__])[0]
    key = "trust.db_locked" if "locked" in text else "trust.db_unavailable"
    return StorageUnavailable(t(key, detail=text))


def _is_a(error: BaseException, class_name: str) -> bool:
    return any(kind.__name__ == class_name for kind in type(error).__mro__)


def _stale_table(error: BaseException) -> str:
    # "UPDATE statement on table 'meeting' expected to update 1 row(s); 0 were matched."
    text = str(error)
    start = text.find("table '")
    return text[start + 7 : text.find("'", start + 7)] if start >= 0 else ""


def describe_driver_error(error: BaseException) -> str | None:
    """A one-line message for a database driver error (locked, unreachable...), or None if it is not one."""
    translated = driver_error(error)
    return None if translated is None else str(translated)
