"""Writing minutes to disk: owner-only, never half-written. Shared by the CLI and the TUI.

The rules for files and folders (0700 folders, O_EXCL/0600 temporary files, stale ones swept) are
private_files.py's; this module applies them to minutes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import foreign, t
from welfare_tui.private_files import make_private_dirs, replacing


def make_private_dir(directory: Path) -> None:
    """Create the output directory and its missing parents owner-only (minutes hold 要配慮個人情報);
    leave existing ones be."""
    try:
        make_private_dirs(directory)
    except OSError as error:
        raise InvalidInput(
            t("error.minutes.cannot_write", where=directory, detail=foreign(error.strerror or error))
        ) from None


def write_private_file(path: Path, text: str) -> None:
    """Write through a temporary file then rename, created 0600: a reader never sees half a file,
    and no moment exists when the minutes are readable by others."""
    try:
        with (
            replacing(path) as (descriptor, _temporary),
            os.fdopen(descriptor, "wb", closefd=False) as stream,
        ):
            stream.write(text.encode("utf-8"))
    except OSError as error:
        raise InvalidInput(
            t("error.minutes.cannot_write", where=path.parent, detail=foreign(error.strerror or error))
        ) from None


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
