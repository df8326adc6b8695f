"""The export formats, described once: name, file extension, help, stdout separator and renderer.

`welfare-tui export --format`, its `--help`, the README's format table, file names, streams on stdout
and the leak gate's scan all read this table (tests/test_export_formats.py checks `--help` and the
README against it). Adding a format is one entry here, one renderer module and one help message in
`i18n/messages/exports.py` (docs/architecture.md, "How to add an export format").

Renderers are named as "module:function" and imported on first use, so `--help` loads none of them:

* `render(doc, *, era=...)` → one document's text (for a framed format, its part of the stream);
  `era` is passed only when `era` is True in the entry (dates people read, in 和暦).
* `head(*, masked=...)` / `tail(*, masked=...)` → what a stream starts and ends with, for formats
  that wrap every document of a stream in one frame (CSV's header row, iCalendar's VCALENDAR).
* `plain(text)` → the text as a reader sees it (a format's escaping undone), for the leak gate.

**A binary format** (`binary=True`: Word's .docx) renders bytes, `render(doc, *, era=...)` → the
whole file, and its `plain(data)` reads the text back out of them for the leak gate. It is written to
files only: `render_file` is the one place where a document becomes the bytes of a file, whatever
the format; `render_body` refuses a binary format (a stream on stdout is text).

**Several documents on stdout** can always be split again: self-contained formats put a line holding
only `---` between two documents (Markdown with a blank line on each side, a thematic break; YAML a
multi-document stream; SVG a line no XML document holds), framed formats share one head and tail and
need none. A single document on stdout is byte for byte the file `--out DIR` writes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t


@dataclass(frozen=True)
class ExportFormat:
    name: str  # the value of --format
    extension: str  # of the file --out DIR writes
    help_key: str  # message key: what the format holds, for --help and the README
    separator: str  # between two documents' texts on stdout
    render: str  # "module:function" (see the module docstring)
    era: bool = False  # the renderer takes era= (dates in 和暦)
    head: str = ""  # "module:function"; with tail, a framed format
    tail: str = ""
    plain: str = ""  # "module:function" undoing the format's escaping before the leak scan
    skip_empty: bool = False  # a document with nothing to render is left out (an empty VCALENDAR is invalid)
    binary: bool = False  # render gives a file's bytes; files only, never stdout (see the module docstring)

    @property
    def framed(self) -> bool:
        return bool(self.head or self.tail)


_DOCUMENT_BREAK = "---\n"  # a line holding only ---

REGISTRY: tuple[ExportFormat, ...] = (
    ExportFormat(
        "md",
        "md",
        "export.format.md",
        "\n" + _DOCUMENT_BREAK + "\n",
        "welfare_tui.minutes.markdown:markdown_minutes",
        era=True,
    ),
    ExportFormat(
        "yaml", "yaml", "export.format.yaml", _DOCUMENT_BREAK, "welfare_tui.minutes.yaml_format:export_yaml"
    ),
    ExportFormat(
        "csv",
        "csv",
        "export.format.csv",
        "",
        "welfare_tui.minutes.csv_format:csv_rows",
        era=True,
        head="welfare_tui.minutes.csv_format:csv_head",
    ),
    ExportFormat(
        "ics",
        "ics",
        "export.format.ics",
        "",
        "welfare_tui.minutes.ics_format:ics_components",
        head="welfare_tui.minutes.ics_format:ics_head",
        tail="welfare_tui.minutes.ics_format:ics_tail",
        plain="welfare_tui.minutes.ics_format:unfolded",
        skip_empty=True,
    ),
    ExportFormat(
        "svg",
        "svg",
        "export.format.svg",
        _DOCUMENT_BREAK,
        "welfare_tui.ecomap.svg:render_svg",
        plain="html:unescape",
    ),
    ExportFormat(
        "plan",
        "plan.md",
        "export.format.plan",
        "\n" + _DOCUMENT_BREAK + "\n",
        "welfare_tui.minutes.plan_sheet:plan_sheet",
        era=True,
    ),
    ExportFormat(
        "docx",
        "docx",
        "export.format.docx",
        "",
        "welfare_tui.minutes.docx_format:docx_minutes",
        era=True,
        plain="welfare_tui.minutes.docx_text:docx_text",
        binary=True,
    ),
)


def names() -> tuple[str, ...]:
    """The values --format accepts, in registry order."""
    return tuple(entry.name for entry in REGISTRY)


def get(name: str) -> ExportFormat:
    """The format called `name`; InvalidInput naming the known ones otherwise."""
    for entry in REGISTRY:
        if entry.name == name:
            return entry
    raise InvalidInput(t("error.minutes.format", fmt=repr(name), formats=", ".join(names())))


def english_help(entry: ExportFormat) -> str:
    """The entry's help in English: `--help` is English throughout, like every Typer help text."""
    from welfare_tui.i18n import all_messages

    return all_messages()[entry.help_key][1]


def text_names() -> tuple[str, ...]:
    """The formats that are text, which may also go to stdout (every one but the binary ones)."""
    return tuple(entry.name for entry in REGISTRY if not entry.binary)


def function(path: str) -> Callable[..., Any]:
    """The renderer named "module:function", imported now (the first call pays for its import)."""
    module, _, name = path.partition(":")
    return cast(Callable[..., Any], getattr(importlib.import_module(module), name))


def render_body(entry: ExportFormat, doc: Mapping[str, Any], *, era: bool) -> str:
    """One document's text in `entry` (for a framed format, its part of the stream)."""
    if entry.binary:
        raise InvalidInput(t("error.export.binary_stream", fmt=entry.name))
    return cast(str, _rendered(entry, doc, era=era))


def render_binary(entry: ExportFormat, doc: Mapping[str, Any], *, era: bool) -> bytes:
    """The bytes of the file of a binary format."""
    if not entry.binary:
        raise InvalidInput(f"internal: {entry.name} is a text format")
    return cast(bytes, _rendered(entry, doc, era=era))


def _rendered(entry: ExportFormat, doc: Mapping[str, Any], *, era: bool) -> str | bytes:
    render = function(entry.render)
    return cast(str | bytes, render(doc, era=era) if entry.era else render(doc))


def stream_head(entry: ExportFormat, *, masked: bool) -> str:
    return function(entry.head)(masked=masked) if entry.head else ""


def stream_tail(entry: ExportFormat, *, masked: bool) -> str:
    return function(entry.tail)(masked=masked) if entry.tail else ""


def plain_text(entry: ExportFormat, data: str | bytes) -> str:
    """What a reader sees of `data` (a text or a file's bytes) in `entry`, for the leak gate."""
    if not entry.binary and isinstance(data, bytes):
        data = data.decode("utf-8")
    if entry.plain:
        return cast(str, function(entry.plain)(data))
    if isinstance(data, bytes):
        raise InvalidInput(f"internal: the binary format {entry.name} has no plain reader")
    return data
