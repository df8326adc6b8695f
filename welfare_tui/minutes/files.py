"""Writing minutes to disk: owner-only, never half-written. Shared by the CLI and the TUI."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from welfare_tui.errors import InvalidInput


def make_private_dir(directory: Path) -> None:
    """Create the output directory owner-only (minutes hold 要配慮個人情報); leave an existing one be."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not directory.is_dir():
            raise NotADirectoryError(f"{directory} is not a directory")
    except OSError as error:
        raise InvalidInput(f"cannot write to {directory}: {error.strerror or error}") from None


def write_private_file(path: Path, text: str) -> None:
    """Write through a temporary file then rename, created 0600: a reader never sees half a file,
    and no moment exists when the minutes are readable by others."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        descriptor = os.open(temporary, flags, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(text.encode("utf-8"))
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InvalidInput(f"cannot write to {path.parent}: {error.strerror or error}") from None


def write_minutes(doc: Mapping[str, Any], directory: Path, formats: Iterable[str]) -> list[Path]:
    """Render one meeting document in each format into `directory`; returns the paths written.

    Never a masked document: masked text is written only through `leak_gate.MaskedMinutes`, which
    scans it first."""
    from welfare_tui.minutes import export_filename, render

    if doc.get("masked"):
        from welfare_tui.errors import RuleRefused

        raise RuleRefused("masked minutes are written only through the leak gate (minutes/leak_gate.py)")

    make_private_dir(directory)
    paths = []
    for fmt in formats:
        path = directory / export_filename(doc, fmt)
        write_private_file(path, render(doc, fmt))
        paths.append(path)
    return paths
