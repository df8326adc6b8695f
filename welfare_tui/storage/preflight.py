"""What is checked before a database is read, without SQLAlchemy: the schema revisions this program
knows, and that an SQLite file is its user's own. `engine.open_database` checks both; so does the home
screen's first read of the case list, which runs before SQLAlchemy has loaded (`listing.quick_case_rows`).
"""

from __future__ import annotations

import os
from pathlib import Path

from welfare_tui.errors import StorageUnavailable
from welfare_tui.i18n import foreign, t

# Oldest first. A test proves this matches the scripts in migrations/versions, so a revision added
# there without being listed here fails CI instead of silently asking every user to upgrade.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
HEAD_REVISION = REVISIONS[-1]


def refuse_shared_file(path: Path) -> None:
    """Refuse a database file that other users may write (POSIX): case records are 要配慮個人情報,
    and anyone who can write the file can rewrite them (and the audit log) unseen."""
    if os.name != "posix":
        return
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise StorageUnavailable(
            t("storage.cannot_open", path=path, detail=foreign(error.strerror))
        ) from None
    if mode & 0o022:
        key = "storage.shared_by_all" if mode & 0o002 else "storage.shared_by_group"
        raise StorageUnavailable(t(key, path=path, mode=f"{mode & 0o777:o}"))
