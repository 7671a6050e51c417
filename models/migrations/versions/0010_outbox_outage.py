"""outbox: tries while Slack was away, apart from attempts; until when a fixed DM is worth it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outboxmessage") as batch:
        batch.add_column(
            sa.Column("outage_tries", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("send_until", models.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("outboxmessage") as batch:
        batch.drop_column("send_until")
        batch.drop_column("outage_tries")
