"""learning goals on the wish and the placement; evaluation against them; 90-day follow-up

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="")


def upgrade() -> None:
    with op.batch_alter_table("wish") as batch:
        batch.add_column(_text("goals"))
    with op.batch_alter_table("placement") as batch:
        batch.add_column(_text("goals"))
        batch.add_column(
            sa.Column("goals_updated_at", models.types.UTCDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("evaluation") as batch:
        batch.add_column(sa.Column("goals_met", sa.Integer(), nullable=True))
        batch.add_column(_text("take_home"))
        batch.add_column(_text("inspiration"))
        batch.add_column(
            sa.Column("quote_ok", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "followup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("practised", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("what", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("quote_ok", sa.Boolean(), nullable=False),
        sa.Column("updated_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("placement_id", "role"),
    )
    op.create_index(op.f("ix_followup_placement_id"), "followup", ["placement_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_followup_placement_id"), table_name="followup")
    op.drop_table("followup")
    with op.batch_alter_table("evaluation") as batch:
        for column in ("quote_ok", "inspiration", "take_home", "goals_met"):
            batch.drop_column(column)
    with op.batch_alter_table("placement") as batch:
        batch.drop_column("goals_updated_at")
        batch.drop_column("goals")
    with op.batch_alter_table("wish") as batch:
        batch.drop_column("goals")
