"""Versions everywhere: every editable row gets a `version` for optimistic locking.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 23:30:00

Case and meeting have had one since 0002; step states and every child row of a meeting or a case
(attendees, shared information, ecomap ties, assessment items, goals, roles, monitoring, household
members) get theirs here, so that no save of any record can silently overwrite another session's.
Existing rows start at version 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Spelled out rather than read from storage/models.py: a migration never imports the models,
# which keep changing after it.
TABLES = (
    "step_state",
    "attendee",
    "shared_info",
    "ecomap_tie",
    "assessment_item",
    "goal",
    "role_assignment",
    "monitoring_item",
    "household_member",
)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
