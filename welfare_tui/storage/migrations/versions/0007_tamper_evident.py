"""Tamper-evident data: a digest of each row's values in every audit entry, an append-only log.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 23:30:00

Entries written before this revision have no digest and hash as they did. So that every row present now
can be verified from here on, the upgrade attests each with a `baseline` entry carrying its digest
(storage/audit.py `baseline`), the seeded agency catalogue included.

On PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE of `audit_log` for every role. The owner of
the table (or a superuser) can still drop or disable the trigger; docs/architecture.md says what `db
check` detects then.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from welfare_tui.storage import audit

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("digest", sa.String(), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for statement in audit.PG_APPEND_ONLY_DDL:
            op.execute(statement)
    audit.baseline(bind)


def downgrade() -> None:
    # For development only: entries written since this revision hash their digest, so an older
    # welfare-tui reports them as changed.
    if op.get_bind().dialect.name == "postgresql":
        from welfare_tui.storage.audit import PG_TRIGGERS

        for trigger in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS welfare_audit_log_append_only()")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("digest")
