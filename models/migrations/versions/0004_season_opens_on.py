"""the day a season opens for sign-ups; the coordinator's locked, placed and forbidden pairs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("seasonsettings") as batch_op:
        batch_op.add_column(sa.Column("opens_on", sa.Date(), nullable=True))
    op.create_table(
        "matchsteer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_year", sa.Integer(), nullable=False),
        sa.Column("wish_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["slot_id"], ["hostslot.id"]),
        sa.ForeignKeyConstraint(["wish_id"], ["wish.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("season_year", "wish_id", "slot_id"),
    )
    with op.batch_alter_table("matchsteer") as batch_op:
        batch_op.create_index(batch_op.f("ix_matchsteer_season_year"), ["season_year"])
        batch_op.create_index(batch_op.f("ix_matchsteer_wish_id"), ["wish_id"])


def downgrade() -> None:
    op.drop_table("matchsteer")
    with op.batch_alter_table("seasonsettings") as batch_op:
        batch_op.drop_column("opens_on")
