"""Between meetings and across the town (domain.md §13.5–13.7): the contact log of a case (支援経過 /
アウトリーチ), the municipality's 地域資源 register, 参加支援 matches of a member with a resource, and
the unmet needs (地域課題) of a meeting; a role assignment or an ecomap tie may name a resource.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 05:30:00

Adding `resource_id` to role_assignment and ecomap_tie changes the digest of every row of those
tables: the revision ends by refreshing the audit baseline (docs/architecture.md, "Trust").
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables that may name a resource.
NAMING = ("role_assignment", "ecomap_tie")


def _version() -> sa.Column[int]:
    return sa.Column("version", sa.Integer(), nullable=False, server_default="1")


def upgrade() -> None:
    from welfare_tui.storage import audit

    op.create_table(
        "resource",
        _version(),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("sector", sa.String(), nullable=False),
        sa.Column("area", sa.String(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("contact", sa.String(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "contact_log",
        _version(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("agency_id", sa.String(), nullable=True),
        sa.Column("mode", sa.String(), nullable=False),
        sa.Column("whom", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("next_date", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index(op.f("ix_contact_log_case_id"), "contact_log", ["case_id"], unique=False)
    op.create_index(op.f("ix_contact_log_meeting_id"), "contact_log", ["meeting_id"], unique=False)
    op.create_index(op.f("ix_contact_log_date"), "contact_log", ["date"], unique=False)
    op.create_table(
        "resource_match",
        _version(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.String(), nullable=False),
        sa.Column("member", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("proposed_date", sa.Date(), nullable=True),
        sa.Column("started_date", sa.Date(), nullable=True),
        sa.Column("settled_date", sa.Date(), nullable=True),
        sa.Column("ended_date", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["resource_id"], ["resource.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index(op.f("ix_resource_match_case_id"), "resource_match", ["case_id"], unique=False)
    op.create_index(op.f("ix_resource_match_resource_id"), "resource_match", ["resource_id"], unique=False)
    op.create_table(
        "unmet_need",
        _version(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("sector", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("member", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_unmet_need_meeting_id"), "unmet_need", ["meeting_id"], unique=False)
    op.create_index(op.f("ix_unmet_need_case_id"), "unmet_need", ["case_id"], unique=False)
    for table in NAMING:
        # Batch: SQLite adds a column with a foreign key by copying the table.
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("resource_id", sa.String(), nullable=True))
            batch_op.create_foreign_key(
                f"fk_{table}_resource_id_resource", "resource", ["resource_id"], ["id"]
            )
    audit.baseline(op.get_bind(), refresh=True)


def downgrade() -> None:
    for table in NAMING:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"fk_{table}_resource_id_resource", type_="foreignkey")
            batch_op.drop_column("resource_id")
    for table in ("unmet_need", "resource_match", "contact_log", "resource"):
        op.drop_table(table)
