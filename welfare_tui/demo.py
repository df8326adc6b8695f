"""The demo database: fictional households (domain.md §7) written as meeting documents.

`welfare-tui demo` and the tests build it; a new user sees every screen and export filled with
realistic minutes without typing a case. The content lives in `welfare_tui.demo_data` (one module per
household); this module only collects the documents and applies them.

Demo cases are recognised by their code: every demo case code starts with `DEMO_CASE_PREFIX`, a
prefix the numbering of real cases (C-2026-001, ...) never produces. Building the demo into a
database that holds any other case is refused, so demo data can never mix with or overwrite real
records.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from welfare_tui.errors import RuleRefused

DEMO_CASE_PREFIX = "DEMO-"


@dataclass(frozen=True)
class DemoSummary:
    cases: int
    meetings: int


def is_demo_case(code: str) -> bool:
    """True for a case code that belongs to the demo data."""
    return code.startswith(DEMO_CASE_PREFIX)


def demo_agency_ids() -> frozenset[str]:
    """Ids of the local agencies the demo data creates (the agency picker marks them 〔デモ〕)."""
    from welfare_tui.demo_data import HOUSEHOLDS

    return frozenset(
        agency_id for household in HOUSEHOLDS for agency_id in getattr(household, "AGENCIES", {})
    )


def demo_documents() -> list[dict[str, Any]]:
    """Every demo meeting document, household by household, each household's meetings oldest first.

    Built fresh on each call (callers may change what they get). The order matters: documents of one
    case share the case block, and the last one applied sets the case as it stands today.
    """
    from welfare_tui.demo_data import HOUSEHOLDS

    documents: list[dict[str, Any]] = []
    for household in HOUSEHOLDS:
        meetings = household.documents()
        for previous, document in zip(meetings, meetings[1:]):
            # As `repo.create_meeting` does for a new meeting: a planned meeting's ecomap starts from the
            # previous meeting's ties (a household's network changes slowly; the room edits what moved).
            if document["meeting"]["status"] == "planned" and not document["ecomap"]["ties"]:
                document["ecomap"]["ties"] = copy.deepcopy(previous["ecomap"]["ties"])
        documents.extend(meetings)
    return documents


def build_demo(url: str) -> DemoSummary:
    """Create (or refresh) the demo cases in the database at `url`, creating the database if needed.

    All documents are applied in one transaction, upserting cases by code and meetings by uid, so a
    second run leaves the same database. Refused when the database holds a case that is not a demo
    case: the demo belongs in a database of its own (e.g. `welfare-tui --db demo.db demo`).
    """
    # SQLAlchemy and the models cost ~150 ms to import: only commands that build the demo pay for it.
    from welfare_tui.storage.documents import apply_document
    from welfare_tui.storage.engine import display_url, opened_database, session_scope
    from welfare_tui.storage.repo import list_cases

    documents = demo_documents()
    with opened_database(url) as engine, session_scope(engine) as session:
        others = [row.code for row in list_cases(session) if not is_demo_case(row.code)]
        if others:
            shown = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
            from welfare_tui.i18n import t

            raise RuleRefused(t("error.demo.not_empty", url=display_url(url), count=len(others), shown=shown))
        for document in documents:
            apply_document(session, doc=document)
    return DemoSummary(cases=len({d["case"]["code"] for d in documents}), meetings=len(documents))
