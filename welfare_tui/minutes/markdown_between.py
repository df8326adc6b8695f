"""The work between meetings in the Markdown minutes (version 3 documents): the meeting's unmet needs
(地域課題), printed as a table at the head of the 不足する社会資源 section, so the free text written
there before needs were rows keeps its place after them; and in an agency's handout, which carries
the meeting's needs (never the case's contact log or matches: minutes/handout.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from welfare_tui.i18n import t
from welfare_tui.minutes.markdown_text import as_mapping, as_text, table, vocabulary_label


def needs_blocks(needs: Sequence[Any]) -> list[str]:
    """The unmet needs as one table (category, sector, member, what is missing); none: nothing."""
    rows = [
        (
            vocabulary_label("need_category", need.get("category")),
            vocabulary_label("resource_sector", need.get("sector")),
            as_text(need.get("member")),
            as_text(need.get("text")),
        )
        for need in map(as_mapping, needs)
    ]
    header = tuple(t(f"between_doc.minutes.{key}") for key in ("category", "sector", "member", "text"))
    return [t("between_doc.minutes.needs_intro"), table(header, rows)] if rows else []
