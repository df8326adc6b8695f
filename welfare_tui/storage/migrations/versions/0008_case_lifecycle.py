"""The case's life: intakes (つなぎ受付), the stage history, support plans with goals and their
evaluations (domain.md §13; case_lifecycle.py).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 03:10:00

The case's `status` column is its current stage from here on. Every existing case gets an `opened`
event at the stage it is at, so its history starts with what was known; a case still at 受付 that
has held a meeting is at 支援会議段階 (a meeting has been held for it).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _version() -> sa.Column[int]:
    return sa.Column("version", sa.Integer(), nullable=False, server_default="1")


def upgrade() -> None:
    from welfare_tui.storage import audit

    op.create_table(
        "intake",
        _version(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("window_agency_id", sa.String(), nullable=True),
        sa.Column("route", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("concern", sa.Text(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("consent", sa.String(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("outcome_date", sa.Date(), nullable=True),
        sa.Column("referred_to_id", sa.String(), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["window_agency_id"], ["agency.id"]),
        sa.ForeignKeyConstraint(["referred_to_id"], ["agency.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index(op.f("ix_intake_date"), "intake", ["date"], unique=False)
    op.create_index(op.f("ix_intake_case_id"), "intake", ["case_id"], unique=False)
    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("decision", sa.String(), nullable=False),
        sa.Column("from_stage", sa.String(), nullable=False),
        sa.Column("to_stage", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("closure_reason", sa.String(), nullable=False),
        sa.Column("to_agency_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["to_agency_id"], ["agency.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "uid", name="uq_case_event_case_uid"),
    )
    op.create_index(op.f("ix_case_event_case_id"), "case_event", ["case_id"], unique=False)
    op.create_index(op.f("ix_case_event_meeting_id"), "case_event", ["meeting_id"], unique=False)
    _create_plan_tables()
    _open_existing_cases(op.get_bind())
    audit.baseline(op.get_bind(), refresh=True)


def _create_plan_tables() -> None:
    op.create_table(
        "support_plan",
        _version(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("intention", sa.Text(), nullable=False),
        sa.Column("direction", sa.Text(), nullable=False),
        sa.Column("participation", sa.Boolean(), nullable=False),
        sa.Column("outreach", sa.Boolean(), nullable=False),
        sa.Column("links_note", sa.Text(), nullable=False),
        sa.Column("approved_meeting_id", sa.Integer(), nullable=True),
        sa.Column("approved_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["approved_meeting_id"], ["meeting.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "number", name="uq_support_plan_case_number"),
    )
    op.create_index(op.f("ix_support_plan_case_id"), "support_plan", ["case_id"], unique=False)
    op.create_table(
        "plan_goal",
        _version(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("agency_id", sa.String(), nullable=True),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["support_plan.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_plan_goal_plan_id"), "plan_goal", ["plan_id"], unique=False)
    op.create_table(
        "goal_evaluation",
        _version(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id"], ["plan_goal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("goal_id", "meeting_id", name="uq_goal_evaluation_goal_meeting"),
    )
    op.create_index(op.f("ix_goal_evaluation_goal_id"), "goal_evaluation", ["goal_id"], unique=False)
    op.create_index(op.f("ix_goal_evaluation_meeting_id"), "goal_evaluation", ["meeting_id"], unique=False)


def _open_existing_cases(connection: sa.Connection) -> None:
    connection.execute(
        sa.text(
            "UPDATE \"case\" SET status = 'shien_kaigi' WHERE status = 'intake' AND EXISTS "
            "(SELECT 1 FROM meeting m WHERE m.case_id = \"case\".id AND m.status <> 'planned')"
        )
    )
    rows = connection.execute(sa.text('SELECT id, status, created_at FROM "case" ORDER BY id')).all()
    events = sa.table(
        "case_event",
        *(sa.column(name) for name in ("case_id", "uid", "kind", "decision", "from_stage", "to_stage")),
        sa.column("date", sa.Date()),
        *(sa.column(name) for name in ("recorded_by", "reason", "closure_reason")),
    )
    values = [
        {
            "case_id": case_id,
            "uid": uuid.uuid4().hex,
            "kind": "opened",
            "decision": "",
            "from_stage": "",
            "to_stage": status,
            "date": _day(created),
            "recorded_by": "",
            "reason": "",
            "closure_reason": "",
        }
        for case_id, status, created in rows
    ]
    if values:
        connection.execute(sa.insert(events), values)


def _day(value: object) -> object:
    """The date part of a created_at as either backend returns it (SQLite: text)."""
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and len(value) >= 10:
        return dt.date.fromisoformat(value[:10])
    return None


def downgrade() -> None:
    for table in ("goal_evaluation", "plan_goal", "support_plan", "case_event", "intake"):
        op.drop_table(table)
