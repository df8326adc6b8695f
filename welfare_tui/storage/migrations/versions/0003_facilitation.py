"""Facilitation: time spent per step, the owner of each issue, the reason for finalising incomplete minutes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 18:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("step_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seconds", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("assessment_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agency_id", sa.String(), nullable=True))
        batch_op.create_foreign_key("fk_assessment_item_agency_id_agency", "agency", ["agency_id"], ["id"])
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("incomplete_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("incomplete_reason")
    with op.batch_alter_table("assessment_item", schema=None) as batch_op:
        batch_op.drop_constraint("fk_assessment_item_agency_id_agency", type_="foreignkey")
        batch_op.drop_column("agency_id")
    with op.batch_alter_table("step_state", schema=None) as batch_op:
        batch_op.drop_column("seconds")
