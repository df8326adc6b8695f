"""The message modules: one per area, each with `MESSAGES = {key: (ja, en)}`.

`MODULES` names them all: listing them here is cheaper at start-up than searching the folder
(`pkgutil.iter_modules`), and `tests/test_i18n.py` checks that no module is left out.
"""

MODULES = (
    "agenda_file",
    "between",
    "between_doc",
    "case_cli",
    "case_tui",
    "cli",
    "common",
    "contacts",
    "contract",
    "dashboard",
    "documents",
    "domain",
    "ecomap",
    "errors",
    "exports",
    "facilitation",
    "figures",
    "foreign",
    "forms",
    "help",
    "input",
    "lifecycle",
    "listing",
    "locking",
    "minutes",
    "plan_sheet",
    "resources",
    "rules",
    "statements",
    "stats_screen",
    "storage",
    "textual_keys",
    "trust",
    "trust_tui",
    "views",
)
