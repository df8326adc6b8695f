"""The Markdown minutes read back as the blocks a Word document is built of (docx_format.py).

The Word minutes say exactly what the Markdown minutes say, in the same order and words (one set of
sections, markdown_sections.py, both languages, 和暦, masking, handouts): this module turns the
Markdown text into blocks — headings, paragraphs, boxed notices, tables, lists and the place of the
ecomap — and undoes its escaping (markdown_text.py), so Word shows what was typed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RULE = re.compile(r"^\|(?:\s*-+\s*\|)+$")
_BULLET = "- "
_FENCE = "```"


@dataclass(frozen=True)
class Block:
    """One block of the minutes: `kind` says how Word shows it.

    title, heading (level 1 or 2), paragraph, notice (a boxed quote), bullets (`items`),
    table (`rows`, the first one its header), ecomap (where the picture goes)."""

    kind: str
    text: str = ""
    level: int = 0
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default=())


def blocks(markdown: str) -> list[Block]:
    """The blocks of the Markdown minutes (markdown.markdown_minutes), in order."""
    found: list[Block] = []
    for chunk in _chunks(markdown):
        found.append(_block(chunk))
    return found


def _chunks(markdown: str) -> list[str]:
    """The text split at blank lines, a fenced block (the Mermaid ecomap) kept whole."""
    chunks: list[str] = []
    fenced: list[str] | None = None
    for part in markdown.split("\n\n"):
        if fenced is not None:
            fenced.append(part)
            if part.rstrip().endswith(_FENCE):
                chunks.append("\n\n".join(fenced))
                fenced = None
        elif part.startswith(_FENCE) and not part.rstrip().endswith(_FENCE):
            fenced = [part]
        elif part.strip():
            chunks.append(part.strip("\n"))
    if fenced is not None:
        chunks.append("\n\n".join(fenced))
    return chunks


def _block(chunk: str) -> Block:
    if chunk.startswith(_FENCE):
        return Block("ecomap")
    if chunk.startswith("# "):
        return Block("title", plain(chunk[2:]))
    if chunk.startswith("## "):
        return Block("heading", plain(chunk[3:]), level=1)
    if chunk.startswith("### "):
        return Block("heading", plain(chunk[4:]), level=2)
    if chunk.startswith("> "):
        return Block("notice", plain(chunk[2:]))
    lines = chunk.split("\n")
    if len(lines) >= 2 and lines[0].startswith("|") and _RULE.match(lines[1].replace(" ", "")):
        return Block(
            "table", rows=tuple(_row(line) for line in lines if not _RULE.match(line.replace(" ", "")))
        )
    if all(line.startswith(_BULLET) for line in lines):
        return Block("bullets", items=tuple(plain(line[len(_BULLET) :]) for line in lines))
    return Block("paragraph", plain(" ".join(lines)))


def _row(line: str) -> tuple[str, ...]:
    cells = _CELL_SPLIT.split(line.strip())[1:-1]
    return tuple(plain(cell.strip().replace("\\|", "|").replace("<br>", "\n")) for cell in cells)


def plain(text: str) -> str:
    """Markdown's escaping undone: a leading backslash (markdown_text.escape_block) and the HTML
    entities of escape_html."""
    if text.startswith("\\") and len(text) > 1 and not text[1].isalnum():
        text = text[1:]
    return html.unescape(text) if "&" in text else text
