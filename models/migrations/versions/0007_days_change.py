"""a confirmed placement's days changed when both sides agree

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 20:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dayschange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("proposer_user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("proposer_side", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("old_days", sa.JSON(), nullable=False),
        sa.Column("days", sa.JSON(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("messages", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_dayschange_proposal_id"), "dayschange", ["proposal_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_dayschange_proposal_id"), table_name="dayschange")
    op.drop_table("dayschange")
