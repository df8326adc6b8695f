"""The text of a Word document as a reader sees it, for the leak gate (`plain` of the docx format).

Read from the file's parts themselves, not from python-docx's view of the body: every paragraph of
every part (the body with its table cells, headers, footers, footnotes, text boxes) one line each,
and the document's properties (title, author, comments), so nothing Word can show escapes the scan.
(The ecomap's picture is drawn from the masked document: its names are masked ones.)
"""

from __future__ import annotations

import io
import zipfile

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DATES = "{http://purl.org/dc/terms/}"  # dcterms:created and dcterms:modified


def docx_text(data: bytes) -> str:
    """Every text of the .docx `data`, a line per paragraph."""
    from xml.etree import ElementTree as etree  # our own file, just written: nothing hostile to parse

    lines: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(archive.read(name))
            paragraphs = list(root.iter(f"{_W}p"))
            if paragraphs:
                lines += ["".join(node.text or "" for node in p.iter(f"{_W}t")) for p in paragraphs]
            elif name == "docProps/core.xml":  # title, subject, author, keywords, comments; not its dates
                lines += [node.text for node in root if node.text and not node.tag.startswith(_DATES)]
    return "\n".join(lines) + "\n"
