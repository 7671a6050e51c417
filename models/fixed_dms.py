"""DMs whose content is fixed when they are planned (an announcement, an invitation, the
news of an expired proposal or of the workshop), stored as outbox rows for the dispatcher."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot.domain.timeline import fixed_until
from models.tables import OutboxMessage


def plan_fixed(
    session: Session,
    *,
    rows: Mapping[str, tuple[str, dict[str, Any]]],
    kind: str,
    now: datetime,
    due: datetime,
) -> int:
    """Rows whose content is fixed now (an announcement, an invitation), one per
    key -> (recipient, payload); a key planned before is left as it is, so a repeated
    command sends nobody a second DM. Each is worth sending until `fixed_until` (a long
    Slack outage skips it rather than sending stale news). Returns how many were added."""
    existing = set(
        session.exec(select(OutboxMessage.key).where(col(OutboxMessage.key).in_(list(rows)))).all()
    )
    added = 0
    for key, (user, payload) in rows.items():
        if key in existing:
            continue
        session.add(
            OutboxMessage(
                key=key,
                recipient=user,
                kind=kind,
                due_at=due,
                send_until=fixed_until(kind, due),
                created_at=now,
                payload=payload,
            )
        )
        added += 1
    return added
