"""Consent as a history of events (obtained, scope changed, withdrawn) and the agencies within its scope.

The case keeps its consent_* columns as the state the history arrives at; every case that has consent
or a withdrawal on record gets the events that state amounts to, so nothing known is lost.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 23:40:00
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consent_agencies", sa.Text(), nullable=False, server_default="[]"))
    events = op.create_table(
        "consent_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("event", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("agencies", sa.Text(), nullable=False),
        sa.Column("obtained_by", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "uid", name="uq_consent_event_case_uid"),
    )
    op.create_index(op.f("ix_consent_event_case_id"), "consent_event", ["case_id"], unique=False)
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT id, code, consent_status, consent_date, consent_scope, consent_obtained_by, "
            'consent_withdrawn_date, consent_withdrawal_note FROM "case" ORDER BY id'
        )
    ).all()
    history = []
    for case_id, code, status, date, scope, obtained_by, withdrawn, note in rows:
        base = {"case_id": case_id, "scope": scope or "", "agencies": "[]", "obtained_by": obtained_by or ""}
        if status != "none" or withdrawn is not None:
            # Consent on record (or withdrawn, so once given: orally at least).
            history.append(
                {
                    **base,
                    "event": "obtained",
                    "date": _day(date),
                    "status": status if status != "none" else "oral",
                    "note": "",
                }
            )
        if withdrawn is not None and status == "none":
            history.append(
                {**base, "event": "withdrawn", "date": _day(withdrawn), "status": "none", "note": note or ""}
            )
        for event in history:
            event.setdefault("uid", _uid(code, event))
    if history:
        op.bulk_insert(events, history)


def _day(value: object) -> dt.date | None:
    """A date column read with plain SQL: a date on PostgreSQL, ISO text on SQLite."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value if isinstance(value, dt.date) else None


def _uid(code: str, event: dict[str, Any]) -> str:
    facts = f"{code}/{event['event']}/{event['date'] or ''}/{event['status']}"
    return hashlib.sha256(facts.encode()).hexdigest()[:32]


def downgrade() -> None:
    op.drop_index(op.f("ix_consent_event_case_id"), table_name="consent_event")
    op.drop_table("consent_event")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_column("consent_agencies")
