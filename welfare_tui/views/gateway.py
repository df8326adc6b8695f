"""The views' one door to storage.

Each call is one short unit of work (its own session and transaction), so an edit is committed the
moment the call returns. The storage modules are imported on first use, after the first frame: the
home screen paints before SQLAlchemy loads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class Gateway:
    def __init__(self, url: str, *, user: str | Callable[[], str] | None = None) -> None:
        self.url = url
        self._user = user
        self._engine: Any = None

    @property
    def user(self) -> str | None:
        """The author the audit log records. It may be given as a function, asked on first use: finding
        the operating-system user loads modules that the first frame does not need."""
        if callable(self._user):
            self._user = self._user()
        return self._user

    @user.setter
    def user(self, user: str | None) -> None:
        self._user = user

    def open(self) -> None:
        """Open (creating and migrating a new file) the database. Raises StorageUnavailable."""
        from welfare_tui.storage.engine import open_database

        self._engine = open_database(self.url)

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    def run(self, function: Callable[..., T], /, **kwargs: Any) -> T:
        """Call a repository function that writes with a fresh session, committing when it returns."""
        # Immediate: a save reads the record's version and writes it in one turn (storage/engine.py).
        return self._call(function, kwargs, immediate=True)

    def query(self, function: Callable[..., T], /, **kwargs: Any) -> T:
        """Call a repository function that only reads. It takes no write lock, so it never waits for
        another program's edit, export stamp or import (SQLite in WAL mode reads beside a writer)."""
        return self._call(function, kwargs, immediate=False)

    def _call(self, function: Callable[..., T], kwargs: dict[str, Any], *, immediate: bool) -> T:
        from welfare_tui.storage.engine import session_scope

        if self._engine is None:
            self.open()
        with session_scope(self._engine, user=self.user, immediate=immediate) as session:
            return function(session, **kwargs)

    def export_minutes(self, meeting_id: int, formats: tuple[str, ...], directory: Path) -> list[Path]:
        """Write one meeting's minutes in `formats` into `directory` through the export service that
        `welfare-tui export` uses (storage/exporting.py: audit stamp, file names, owner-only files);
        it reads and stamps in units of work of its own. Returns the paths written."""
        from welfare_tui.storage.exporting import Choice, Export, ExportJob

        if self._engine is None:
            self.open()
        export = Export(ExportJob(formats, directory))
        return export.run(self._engine, Choice(ids=(meeting_id,)), user=self.user).paths

    def write_notices(self, meeting_id: int, directory: Path, organiser: str = "") -> list[Path]:
        """Write the masked meeting notices of a planned meeting for every invited agency, in every
        format, into `directory` (storage/noticing.py, as `welfare-tui notice`); `organiser`: the
        office's e-mail address the invitations name."""
        from welfare_tui.storage.noticing import NOTICE_FORMATS, NoticeJob, write_notices

        if self._engine is None:
            self.open()
        job = NoticeJob(NOTICE_FORMATS, directory, organiser=organiser)
        return write_notices(self._engine, str(meeting_id), job, user=self.user).paths

    def read(self, function: Callable[..., T], /, **kwargs: Any) -> T:
        """Call a read function of `storage.listing` with a plain connection: SQLAlchemy Core only, no
        session, no write lock, so the home screen's list shows before the ORM has even loaded."""
        if self._engine is None:
            self.open()
        with self._engine.connect() as connection:
            return function(connection, **kwargs)

    def quick_read(self, **kwargs: Any) -> Any:
        """The case list before anything is open (`listing.quick_case_rows`: sqlite3 alone, no
        SQLAlchemy); None when only the usual way can read it."""
        from welfare_tui.storage.listing import quick_case_rows

        return None if self.is_open else quick_case_rows(self.url, **kwargs)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
