"""Storing a placement's DM plan as outbox rows (the dispatcher sends them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.outbox import PlannedDM, diff_plans
from models.tables import OutboxMessage, OutboxStatus
from models.types import changed


def store_plan(
    session: Session, *, placement_id: int, planned: Sequence[PlannedDM], now: datetime
) -> tuple[int, int]:
    """Insert what is new, cancel what is no longer planned; (added, cancelled).

    Planning the same placement twice adds nothing: keys are unique and already there.
    """
    existing = set(
        session.exec(
            select(OutboxMessage.key).where(OutboxMessage.placement_id == placement_id)
        ).all()
    )
    to_add, to_cancel = diff_plans(existing, planned)
    for dm in to_add:
        session.add(
            OutboxMessage(
                key=dm.key,
                placement_id=placement_id,
                recipient=dm.recipient,
                kind=dm.kind.value,
                due_at=dm.due_at,
                created_at=now,
            )
        )
    cancelled = 0
    if to_cancel:
        result = session.execute(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.key).in_(to_cancel),
                col(OutboxMessage.status) == OutboxStatus.PLANNED,
            )
            .values(status=OutboxStatus.CANCELLED, reason="days changed")
        )
        cancelled = changed(result)
    session.flush()
    return len(to_add), cancelled
