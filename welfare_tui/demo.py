"""The demo database: fictional households (domain.md §7) kept as meeting documents in YAML.

`welfare-tui demo` and the tests build it; a new user sees every screen and export filled with
realistic minutes without typing a case. The households are files in `welfare_tui/demo_data/`, one
per meeting (`<case number>_<household>_<round>.yaml`, format welfare-tui-minutes v3, as `export
--format yaml` writes), applied in name order through the same path as `welfare-tui import`
(`storage.importing`: bounded read, schema, database checks, apply), so every demo build exercises it.
To change a household, edit its files: `welfare-tui import FILE` must accept each of them (tested).

Between meetings, each household has a contact log (visits, letters, calls by its agencies; 面会 and
不在; next attempts; some recorded from a meeting), 参加支援 matches with resources at every state,
and its meetings record unmet needs (地域課題) of varied categories and sectors. The town's resource
register is `demo_data/resources.yaml` (format welfare-tui-resources, the file `welfare-tui resources
import` reads, through the same reader: `storage.resource_file`), loaded before the households.

The households show each stage of a case's life (domain.md §13): DEMO-2026-003 and -004 at
支援会議段階, -001 with an approved plan under monitoring, -002 handed over (引継ぎ), -005 closed with a
reason (他制度へ移行). Open intakes belong to no case, so no meeting document carries them: they are
in `demo_data/inbox/intakes.yaml` and added through the storage API (`add_open_intakes`).

Demo cases are recognised by their code: every demo case code starts with `DEMO_CASE_PREFIX`, a
prefix the numbering of real cases (C-2026-001, ...) never produces. Building the demo into a
database that holds any other case is refused, so demo data can never mix with or overwrite real
records.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from welfare_tui.errors import InvalidInput, RuleRefused

DEMO_CASE_PREFIX = "DEMO-"
DEMO_DATA = Path(__file__).parent / "demo_data"
DEMO_INTAKES = DEMO_DATA / "inbox" / "intakes.yaml"
DEMO_RESOURCES = DEMO_DATA / "resources.yaml"


@dataclass(frozen=True)
class DemoSummary:
    cases: int
    meetings: int


def is_demo_case(code: str) -> bool:
    """True for a case code that belongs to the demo data."""
    return code.startswith(DEMO_CASE_PREFIX)


def demo_files() -> list[Path]:
    """The demo meeting documents, in the order they are applied: household by household (case code
    order), each household's meetings oldest first, so the last one of a case sets it as it stands."""
    return sorted(DEMO_DATA.glob("[0-9]*.yaml"))


@cache
def demo_agency_ids() -> frozenset[str]:
    """Ids of the local agencies the demo data creates (the agency picker marks them 〔デモ〕)."""
    from welfare_tui.catalogue import CATALOGUE_BY_ID

    return frozenset(agency for doc in demo_documents() for agency in doc["agencies"]) - set(CATALOGUE_BY_ID)


def demo_documents() -> list[dict[str, Any]]:
    """Every demo meeting document as `demo_files` orders them, read fresh on each call (callers may
    change what they get)."""
    from welfare_tui.minutes.yaml_format import load_document

    return [load_document(path.read_text(encoding="utf-8"), str(path)) for path in demo_files()]


def build_demo(url: str) -> DemoSummary:
    """Create (or refresh) the demo cases in the database at `url`, creating the database if needed.

    The files go through the import path (`storage.importing`) and are applied in one transaction,
    upserting cases by code and meetings by uid, so a second run leaves the same database. Refused
    when the database holds a case that is not a demo case: the demo belongs in a database of its
    own (e.g. `welfare-tui --db demo.db demo`).
    """
    from welfare_tui.config import Settings

    # SQLAlchemy and the models cost ~150 ms to import: only commands that build the demo pay for it.
    from welfare_tui.storage import importing, repo
    from welfare_tui.storage.engine import display_url, opened_database, session_scope
    from welfare_tui.storage.repo import list_cases
    from welfare_tui.storage.resource_file import read_resource_file

    limit = Settings().import_max_bytes
    resources = read_resource_file(DEMO_RESOURCES, limit=limit)
    loaded, problems = importing.read_files(demo_files(), limit=limit)
    with opened_database(url) as engine, session_scope(engine) as session:
        others = [row.code for row in list_cases(session) if not is_demo_case(row.code)]
        if others:
            shown = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
            from welfare_tui.i18n import t

            raise RuleRefused(t("error.demo.not_empty", url=display_url(url), count=len(others), shown=shown))
        repo.upsert_resources(session, resources)  # the register first: the households name it
        found, checked = importing.database_problems(session, loaded)
        if problems or found:  # a broken file in the package: shown as `import` would show it
            raise InvalidInput("\n".join(problems + found))
        importing.apply_all(session, [item.source for item in loaded], checked)
        add_open_intakes(session)
    return DemoSummary(cases=len({item.doc["case"]["code"] for item in loaded}), meetings=len(loaded))


def add_open_intakes(session: Any) -> int:
    """Add the demo's open intakes the database does not hold yet (same date and label); returns how
    many were added, so building the demo twice leaves the same database."""
    import yaml

    from welfare_tui.storage import repo

    held = {(row["date"], row["label"]) for row in repo.list_intakes(session)}
    added = 0
    for entry in yaml.safe_load(DEMO_INTAKES.read_text(encoding="utf-8")):
        if (entry["date"], entry["label"]) in held:
            continue
        values = {key: value for key, value in entry.items() if key != "window"}
        repo.add_intake(session, window_agency=entry.get("window"), **values)
        added += 1
    return added
