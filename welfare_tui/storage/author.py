"""Who the audit log names as the author of this process's edits (no heavy imports: the CLI sets it
before any command runs, and the CLI must not load SQLAlchemy for `--help`)."""

from __future__ import annotations

_author: list[str] = []


def set_author(name: str | None) -> None:
    """The configured user name (Settings.user_name); None or empty means the operating-system user."""
    _author[:] = [name] if name else []


def author() -> str | None:
    return _author[0] if _author else None
