"""Repository functions: the only way front ends read and change the database.

Keyword-only, `session` first, plain values out (`*Public` models or dicts) so that nothing handed to
a view or the CLI can lazy-load after its session has closed. Every value coming in is checked
against the vocabulary of `welfare_tui.domain` (records/values.py); a bad one raises `InvalidInput`
naming the field.

The functions live by record family — `agencies.py`, `cases.py`, `meetings.py`, `items.py` (the
generic family of a meeting's rows and a case's household, described by the record spec) and
`bulk.py` (writes without the ORM, for imports) — and are all importable from here, the one name
front ends use.
"""

from welfare_tui.storage.agencies import add_agency, find_agency, get_agency, list_agencies, require_agency
from welfare_tui.storage.bulk import insert_rows, positioned, sync_items
from welfare_tui.storage.cases import (
    create_case,
    get_case,
    get_case_by_code,
    list_cases,
    next_case_code,
    update_case,
    withdraw_consent,
)
from welfare_tui.storage.items import (
    ITEM_KINDS,
    ItemKind,
    add_item,
    delete_item,
    item_dict,
    item_kind,
    list_items,
    move_item,
    update_item,
)
from welfare_tui.storage.meetings import (
    agenda_steps,
    create_meeting,
    get_meeting,
    list_meetings,
    meeting_public,
    merged_steps,
    set_step_state,
    update_meeting,
)

__all__ = [
    "ITEM_KINDS",
    "ItemKind",
    "add_agency",
    "add_item",
    "agenda_steps",
    "create_case",
    "create_meeting",
    "delete_item",
    "find_agency",
    "get_agency",
    "get_case",
    "get_case_by_code",
    "get_meeting",
    "insert_rows",
    "item_dict",
    "item_kind",
    "list_agencies",
    "list_cases",
    "list_items",
    "list_meetings",
    "meeting_public",
    "merged_steps",
    "move_item",
    "next_case_code",
    "positioned",
    "require_agency",
    "set_step_state",
    "sync_items",
    "update_case",
    "update_item",
    "update_meeting",
    "withdraw_consent",
]
