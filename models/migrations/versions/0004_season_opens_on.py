"""the day a season opens for sign-ups

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-29 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("seasonsettings") as batch_op:
        batch_op.add_column(sa.Column("opens_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("seasonsettings") as batch_op:
        batch_op.drop_column("opens_on")
