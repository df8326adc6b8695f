"""Initial schema, and the agency catalogue of domain.md §6 as seed rows.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 17:43:47.439084
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from welfare_tui.catalogue import CATALOGUE

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agency",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("short", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("sector", sa.String(), nullable=False),
        sa.Column("formal", sa.Boolean(), nullable=False),
        sa.Column("local", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "case",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("referral_route", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("consent_status", sa.String(), nullable=False),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column("consent_scope", sa.Text(), nullable=False),
        sa.Column("consent_obtained_by", sa.String(), nullable=False),
        sa.Column("key_person", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("lead_agency_id", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_agency_id"],
            ["agency.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_code"), ["code"], unique=True)

    op.create_table(
        "household_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kana", sa.String(), nullable=False),
        sa.Column("relation", sa.String(), nullable=False),
        sa.Column("sex", sa.String(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("index_person", sa.Boolean(), nullable=False),
        sa.Column("deceased", sa.Boolean(), nullable=False),
        sa.Column("cohabiting", sa.Boolean(), nullable=False),
        sa.Column("key_person", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("household_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_member_case_id"), ["case_id"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("type_label", sa.String(), nullable=False),
        sa.Column("legal_basis", sa.String(), nullable=False),
        sa.Column("agenda_id", sa.String(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.String(), nullable=False),
        sa.Column("end_time", sa.String(), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), nullable=False),
        sa.Column("chair", sa.String(), nullable=False),
        sa.Column("recorder", sa.String(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("current_step", sa.String(), nullable=False),
        sa.Column("confidentiality_confirmed_at", sa.String(), nullable=False),
        sa.Column("statement_version", sa.String(), nullable=False),
        sa.Column("materials", sa.String(), nullable=False),
        sa.Column("policy", sa.Text(), nullable=False),
        sa.Column("resource_gaps", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("remaining_issues", sa.Text(), nullable=False),
        sa.Column("next_meeting_date", sa.Date(), nullable=True),
        sa.Column("next_meeting_time", sa.String(), nullable=False),
        sa.Column("next_meeting_place", sa.String(), nullable=False),
        sa.Column("next_meeting_note", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("agenda_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_date"), ["date"], unique=False)

    op.create_table(
        "assessment_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("urgency", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assessment_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "attendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.String(), nullable=True),
        sa.Column("department", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("attendance", sa.String(), nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendee_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "ecomap_tie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("from_node", sa.String(), nullable=False),
        sa.Column("to_node", sa.String(), nullable=False),
        sa.Column("strength", sa.String(), nullable=False),
        sa.Column("stressful", sa.Boolean(), nullable=False),
        sa.Column("flow", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("member", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ecomap_tie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ecomap_tie_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "monitoring_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("monitoring_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_monitoring_item_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_monitoring_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "role_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("task", sa.Text(), nullable=False),
        sa.Column("agency_id", sa.String(), nullable=True),
        sa.Column("person", sa.String(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("role_assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_role_assignment_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_role_assignment_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "shared_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.String(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("shared_info", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shared_info_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "step_state",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.String(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "step_id"),
    )

    seed_catalogue()


def seed_catalogue() -> None:
    """Seed from welfare_tui.catalogue, so a new database starts with this release's catalogue.

    Databases created earlier are not touched by later catalogue edits: those need a data migration.
    """
    agency = sa.table(
        "agency",
        sa.column("id", sa.String()),
        sa.column("name", sa.String()),
        sa.column("short", sa.String()),
        sa.column("name_en", sa.String()),
        sa.column("sector", sa.String()),
        sa.column("formal", sa.Boolean()),
        sa.column("local", sa.Boolean()),
        sa.column("note", sa.Text()),
    )
    op.bulk_insert(
        agency,
        [
            {
                "id": a.id,
                "name": a.name,
                "short": a.short,
                "name_en": a.name_en,
                "sector": a.sector,
                "formal": a.formal,
                "local": False,
                "note": a.note,
            }
            for a in CATALOGUE
        ],
    )


def downgrade() -> None:
    for table in (
        "step_state",
        "shared_info",
        "role_assignment",
        "monitoring_item",
        "goal",
        "ecomap_tie",
        "attendee",
        "assessment_item",
        "meeting",
        "household_member",
        "case",
        "agency",
    ):
        op.drop_table(table)
