"""the network: participants who chose to be findable as sparring partners

Revision ID: 0012
Revises: 0011
Create Date: 2027-01-20 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "networkentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slack_user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("workplace", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("sector", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("municipality", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("did", sa.JSON(), nullable=False),
        sa.Column("opted_in_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_networkentry_slack_user_id"), "networkentry", ["slack_user_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_networkentry_slack_user_id"), table_name="networkentry")
    op.drop_table("networkentry")
