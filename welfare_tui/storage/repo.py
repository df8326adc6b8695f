"""Repository functions: the only way front ends read and change the database.

Keyword-only, `session` first, plain values out (`*Public` models or dicts) so that nothing handed to
a view or the CLI can lazy-load after its session has closed. Every value coming in is checked
against the vocabulary of `welfare_tui.domain` (records/values.py); a bad one raises `InvalidInput`
naming the field.

The functions live by record family — `agencies.py`, `cases.py`, `meetings.py`, the case's life
(`intakes.py`, `lifecycle.py`, `plans.py`), the work between meetings (`contacts.py`, `resources.py`,
`matches.py`), `items.py` (the
generic family of a meeting's rows and a case's household, described by the record spec) and
`bulk.py` (writes without the ORM, for imports) — and are all importable from here, the one name
front ends use.
"""

from welfare_tui.storage.agencies import add_agency, find_agency, get_agency, list_agencies, require_agency
from welfare_tui.storage.bulk import insert_rows, positioned, sync_items
from welfare_tui.storage.case_overview import case_overview
from welfare_tui.storage.cases import (
    create_case,
    get_case,
    get_case_by_code,
    list_cases,
    next_case_code,
    update_case,
    withdraw_consent,
)
from welfare_tui.storage.contacts import (
    add_contact,
    contacts_since,
    delete_contact,
    list_contacts,
    next_attempts,
    update_contact,
)
from welfare_tui.storage.intakes import (
    accept_intake,
    add_intake,
    close_intake,
    get_intake,
    list_intakes,
    refer_intake,
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
from welfare_tui.storage.lifecycle import (
    meeting_decisions,
    open_roles,
    record_decision,
    record_transition,
    reopen_case,
    stage_histories,
    stage_history,
)
from welfare_tui.storage.matches import add_match, list_matches, set_match_state, update_match
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
from welfare_tui.storage.plans import (
    add_plan_goal,
    approve_plan,
    current_plan,
    delete_plan_goal,
    draft_plan,
    evaluate_goal,
    get_plan,
    meeting_evaluations,
    plan_reviews_due,
    plan_versions,
    start_plan_draft,
    update_plan,
    update_plan_goal,
)
from welfare_tui.storage.resources import (
    add_resource,
    get_resource,
    list_resources,
    update_resource,
    upsert_resources,
)

__all__ = [
    "ITEM_KINDS",
    "ItemKind",
    "accept_intake",
    "add_agency",
    "add_contact",
    "add_intake",
    "add_item",
    "add_match",
    "add_plan_goal",
    "add_resource",
    "agenda_steps",
    "approve_plan",
    "case_overview",
    "close_intake",
    "contacts_since",
    "create_case",
    "create_meeting",
    "current_plan",
    "delete_contact",
    "delete_item",
    "delete_plan_goal",
    "draft_plan",
    "evaluate_goal",
    "find_agency",
    "get_agency",
    "get_case",
    "get_case_by_code",
    "get_intake",
    "get_meeting",
    "get_plan",
    "get_resource",
    "insert_rows",
    "item_dict",
    "item_kind",
    "list_agencies",
    "list_cases",
    "list_contacts",
    "list_intakes",
    "list_items",
    "list_matches",
    "list_meetings",
    "list_resources",
    "meeting_decisions",
    "meeting_evaluations",
    "meeting_public",
    "merged_steps",
    "move_item",
    "next_attempts",
    "next_case_code",
    "open_roles",
    "plan_reviews_due",
    "plan_versions",
    "positioned",
    "record_decision",
    "record_transition",
    "refer_intake",
    "reopen_case",
    "require_agency",
    "set_match_state",
    "set_step_state",
    "stage_histories",
    "stage_history",
    "start_plan_draft",
    "sync_items",
    "update_case",
    "update_contact",
    "update_item",
    "update_match",
    "update_meeting",
    "update_plan",
    "update_plan_goal",
    "update_resource",
    "upsert_resources",
    "withdraw_consent",
]
