"""Trust: the hash-chained audit log, version columns for optimistic locking, consent withdrawal.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 09:00:00

Existing rows start at version 1. The audit log starts empty: its first entry chains to the all-zero
hash (storage/audit.py GENESIS), so a database upgraded from 0001 verifies like a new one.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("user", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("hash"),
    )
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consent_withdrawn_date", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("consent_withdrawal_note", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.drop_column("consent_withdrawal_note")
        batch_op.drop_column("consent_withdrawn_date")
    op.drop_table("audit_log")
