"""Content of the demo database: fictional households of domain.md §7, one module each.

Every module exposes `CODE` (its case code) and `documents()` (its meetings, oldest first, as meeting
documents). `welfare_tui.demo` applies them; nothing here touches a database.
"""

from __future__ import annotations

from welfare_tui.demo_data import (
    household_8050,
    household_double_care,
    household_foreign,
    household_gomiyashiki,
    household_young_carer,
)

# In case-code order, so the demo database lists them as A氏世帯, B氏世帯, ...
HOUSEHOLDS = (
    household_8050,
    household_double_care,
    household_young_carer,
    household_gomiyashiki,
    household_foreign,
)

__all__ = ["HOUSEHOLDS"]
