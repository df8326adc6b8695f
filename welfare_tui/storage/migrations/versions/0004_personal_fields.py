"""Structured address and phone of a case and of each household member, so masking knows them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 23:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("case", "household_member")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("address", sa.Text(), nullable=False, server_default=""))
            batch_op.add_column(sa.Column("phone", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("phone")
            batch_op.drop_column("address")
