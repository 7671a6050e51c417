"""the season's kick-off workshop and the participants' answers; a slot's co-host

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workshop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_year", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("time", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("season_year"),
    )
    op.create_table(
        "workshopanswer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("slack_user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("coming", sa.Boolean(), nullable=False),
        sa.Column("answered_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workshop_id", "slack_user_id"),
    )
    op.create_index(
        op.f("ix_workshopanswer_workshop_id"), "workshopanswer", ["workshop_id"], unique=False
    )
    with op.batch_alter_table("hostslot") as batch:
        batch.add_column(
            sa.Column("cohost_user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("hostslot") as batch:
        batch.drop_column("cohost_user_id")
    op.drop_index(op.f("ix_workshopanswer_workshop_id"), table_name="workshopanswer")
    op.drop_table("workshopanswer")
    op.drop_table("workshop")
