"""Rows of cases masked outside a whole minutes document: the unmet needs' examples of `gaps`, the
contact log of `contacts list --mask`.

Each case's rows go through the masker the minutes use (`minutes.masking.mask_document`), placed in a
document of their case as its export would hold them (`case.contacts`, ...), with the case's household,
so that its members become A氏, B氏... and who recorded a row becomes ○○ as the chair does; any other
personal value `known` finds (another case's name) becomes ○○. The caller passes the same `known` to
the leak gate (`minutes.leak_gate.LeakGate`) before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import bindparam, text
from sqlmodel import Session

from welfare_tui.minutes.personal import Finder


def known_values(session: Session, case_ids: list[int] | None = None) -> Finder:
    """A finder of every personal value of the database (or of `case_ids` only)."""
    from welfare_tui.storage.personal import personal_values

    return Finder(personal_values(session, case_ids=case_ids))


def mask_case_parts(
    session: Session, parts: Mapping[int, Mapping[str, Any]], known: Finder
) -> dict[int, dict[str, Any]]:
    """{case id: its parts masked} for {case id: {part of the case in the document: rows}}."""
    from welfare_tui.minutes.masking import mask_document

    households = _households(session, sorted(parts))
    masked = {}
    for case_id, part in parts.items():
        doc = {"case": {"household": households[case_id], **part}}
        case = mask_document(doc, known=known)["case"]
        masked[case_id] = {key: case[key] for key in part}
    return masked


def _households(session: Session, case_ids: list[int]) -> dict[int, list[dict[str, str]]]:
    """Each case's household members' names and readings, in their order (what the masker letters)."""
    households: dict[int, list[dict[str, str]]] = defaultdict(list)
    if not case_ids:
        return households
    for case_id, name, kana in session.execute(
        text(
            "SELECT case_id, name, kana FROM household_member WHERE case_id IN :ids ORDER BY case_id, position, id"
        ).bindparams(bindparam("ids", case_ids, expanding=True))
    ):
        households[case_id].append({"name": name, "kana": kana})
    return households


def masked_contacts(session: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Contacts (`contacts.list_contacts` rows) masked as a masked export masks its case's contact log,
    the case's label too, then scanned by the leak gate for every personal value of the database:
    a value the masker missed refuses the whole list (RuleRefused, naming the field, never the value)."""
    from welfare_tui.minutes.leak_gate import LeakGate

    known = known_values(session)
    by_case: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_case[row["case_id"]].append(row)
    masked = mask_case_parts(
        session, {case_id: {"contacts": part} for case_id, part in by_case.items()}, known
    )
    queues = {case_id: list(part["contacts"]) for case_id, part in masked.items()}
    shown = [queues[row["case_id"]].pop(0) for row in rows]
    LeakGate(known).check(
        "\n".join(value for row in shown for value in row.values() if isinstance(value, str))
    )
    return shown
