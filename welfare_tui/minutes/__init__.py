"""Minutes of a meeting, rendered from its meeting document (docs/architecture.md).

`render(doc, fmt)` is the one entry point the CLI and the TUI use; `export_filename(doc, fmt)` names
the file so that exports sort by date, group by case and never collide:

    {date}_{case code}_第{round:02d}回_{uid[:8]}.{ext}     e.g. 2026-10-15_C-2026-001_第01回_5f0c1a2b.md

Characters that are unsafe in a file name on Windows, macOS or Linux (`/ \\ : * ? " < > |`, control
characters, spaces) become `_`; a missing part becomes `undated`, `nocase` or `nouid`, and a missing
round `00`. The name depends only on the document, so exporting the same meeting again replaces its
file instead of adding a copy.

Nothing heavy is imported here: the Markdown renderer is pure Python, and YAML is loaded on first use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from welfare_tui.errors import InvalidInput

FORMATS = ("md", "yaml")
EXTENSIONS = {"md": "md", "yaml": "yaml"}

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\s]+')


def render(doc: Mapping[str, Any], fmt: str) -> str:
    """The minutes of one meeting document in `fmt` ("md" or "yaml")."""
    if fmt == "md":
        from welfare_tui.minutes.markdown import render_markdown

        return render_markdown(doc)
    if fmt == "yaml":
        from welfare_tui.minutes.yaml_format import dump_document

        return dump_document(dict(doc))
    raise InvalidInput(f"unknown minutes format {fmt!r}: use one of {', '.join(FORMATS)}")


def export_filename(doc: Mapping[str, Any], fmt: str) -> str:
    """The file name of the minutes of `doc` in `fmt` (see the module docstring for the rule)."""
    if fmt not in EXTENSIONS:
        raise InvalidInput(f"unknown minutes format {fmt!r}: use one of {', '.join(FORMATS)}")
    case = doc.get("case") if isinstance(doc.get("case"), Mapping) else {}
    meeting = doc.get("meeting") if isinstance(doc.get("meeting"), Mapping) else {}
    round_number = meeting.get("round")
    is_number = isinstance(round_number, int) and not isinstance(round_number, bool)
    round_text = f"{round_number:02d}" if is_number else "00"
    parts = (
        _safe(meeting.get("date"), "undated"),
        _safe(case.get("code"), "nocase"),
        f"第{round_text}回",
        _safe(str(meeting.get("uid") or "")[:8], "nouid"),
    )
    return "_".join(parts) + "." + EXTENSIONS[fmt]


def _safe(value: Any, default: str) -> str:
    text = _UNSAFE.sub("_", str(value).strip()) if value not in (None, "") else ""
    # A leading dot would hide the file on Unix; trailing dots are stripped by Windows.
    text = text.strip(".")
    return text or default
