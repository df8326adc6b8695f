"""Finding meetings by what a user typed: ids, uids or uid prefixes (as file names print them), a case
code, or all of them, within dates; and which case each of some meeting uids belongs to. Looked up
`BATCH_SIZE` at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from welfare_tui.errors import InvalidInput, NotFound
from welfare_tui.i18n import t
from welfare_tui.storage.cases import get_case_by_code
from welfare_tui.storage.document_shape import BATCH_SIZE, SHORT_UID, UID_LENGTH
from welfare_tui.storage.models import Case, Meeting, table_of

_MEETING = table_of(Meeting).c  # plain columns: rows of (id, date[, uid]), never ORM objects


def select_meeting_ids(
    session: Session,
    *,
    ids: Sequence[str | int] = (),
    case_code: str | None = None,
    all: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[int]:
    """Meeting ids named by id or uid, by case code, or all of them, held between `since` and
    `until` (inclusive) when given; ordered by date then id."""
    statement = select(_MEETING.id, _MEETING.date)
    chosen: dict[int, Any] = {}
    if all:
        chosen.update(session.exec(statement).all())
    if case_code is not None:
        case = get_case_by_code(session, code=case_code)
        chosen.update(session.exec(statement.where(Meeting.case_id == case.id)).all())
    texts = [str(given).strip() for given in ids]
    by_id: dict[int, Any] = {}
    by_uid: dict[str, Any] = {}
    prefixes = [text.lower() for text in texts if _is_uid_prefix(text)]
    # Looked up BATCH_SIZE at a time, not one query per meeting named (`export $(...)` of thousands).
    for start in range(0, len(texts), BATCH_SIZE):
        numbers = [int(text) for text in texts[start : start + BATCH_SIZE] if text.isdigit()]
        if numbers:
            by_id.update(
                (row[0], row)
                for row in session.exec(
                    select(_MEETING.id, _MEETING.date, _MEETING.uid).where(col(Meeting.id).in_(numbers))
                )
            )
    for start in range(0, len(prefixes), BATCH_SIZE):
        chunk = prefixes[start : start + BATCH_SIZE]
        whole = [prefix for prefix in chunk if len(prefix) == UID_LENGTH]
        partial = [prefix for prefix in chunk if len(prefix) < UID_LENGTH]
        lookup = select(_MEETING.id, _MEETING.date, _MEETING.uid)
        if whole:
            by_uid.update((row[2], row) for row in session.exec(lookup.where(col(Meeting.uid).in_(whole))))
        if partial:
            by_uid.update(
                (row[2], row)
                for row in session.exec(
                    lookup.where(or_(*(col(Meeting.uid).startswith(prefix) for prefix in partial)))
                )
            )
    for text in texts:
        row = _named_meeting(text, by_id, by_uid)
        if row is None:
            raise NotFound(t("storage.no_meeting_id", id=text))
        chosen[row[0]] = row[1]
    chosen = {
        meeting_id: day
        for meeting_id, day in chosen.items()
        if (since is None or day >= since) and (until is None or day <= until)
    }
    return sorted(chosen, key=lambda meeting_id: (chosen[meeting_id], meeting_id))


def _is_uid_prefix(text: str) -> bool:
    return SHORT_UID <= len(text) <= UID_LENGTH and all(char in "0123456789abcdef" for char in text.lower())


def _named_meeting(text: str, by_id: dict[int, Any], by_uid: dict[str, Any]) -> Any:
    """The row `text` names: an id (digits), or a uid or a prefix of one (8 to 32 hex characters;
    digits-only text of 8 or more is tried as a uid prefix first, then as an id). A prefix of several
    meetings' uids names none of them: InvalidInput listing them, so the user picks one."""
    if _is_uid_prefix(text):
        prefix = text.lower()
        matches = sorted(
            (row for uid, row in by_uid.items() if uid.startswith(prefix)), key=lambda row: row[0]
        )
        if len(matches) > 1:
            listed = ", ".join(f"{row[2][:12]} (ID {row[0]}, {row[1]})" for row in matches[:10])
            raise InvalidInput(t("input.ambiguous_meeting", id=text, count=len(matches), matches=listed))
        if matches:
            return matches[0]
    return by_id.get(int(text)) if text.isdigit() else None


def meeting_owners(session: Session, uids: Sequence[str]) -> dict[str, str | None]:
    """{uid: code of the case the meeting belongs to, or None when there is no such meeting}, read
    BATCH_SIZE at a time: `check_document(owners=...)` for many documents without a query each."""
    owners: dict[str, str | None] = dict.fromkeys(uids)
    wanted = list(owners)
    for start in range(0, len(wanted), BATCH_SIZE):
        owners.update(
            session.exec(
                select(Meeting.uid, Case.code)
                .join(Case, col(Meeting.case_id) == Case.id)
                .where(col(Meeting.uid).in_(wanted[start : start + BATCH_SIZE]))
            ).all()
        )
    return owners
