"""The outbox's state for the metrics scrape: rows per status and the oldest due one, in one
query (grouped by status, over the index on status and due time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func
from sqlmodel import Session, col, select

from models.tables import OutboxMessage, OutboxStatus


@dataclass(frozen=True)
class OutboxState:
    by_status: dict[str, int]
    oldest_due: datetime | None  # the due time of the oldest planned row due by `now`


def outbox_state(session: Session, *, now: datetime) -> OutboxState:
    status, due_at = col(OutboxMessage.status), col(OutboxMessage.due_at)
    # A planned row past its due time has waited for a dispatcher run; one claimed
    # (sending) is on its way and is counted under its status.
    overdue = case((and_(status == OutboxStatus.PLANNED, due_at <= now), due_at), else_=None)
    rows = session.exec(select(status, func.count(), func.min(overdue)).group_by(status)).all()
    by_status = {str(s): 0 for s in OutboxStatus}
    oldest: datetime | None = None
    for name, count, first_due in rows:
        by_status[str(name)] = int(count)
        if first_due is not None:
            oldest = first_due
    return OutboxState(by_status, oldest)
