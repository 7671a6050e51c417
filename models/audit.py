"""The audit log of coordinator actions, allowed and refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from models.forms import clean_text
from models.tables import AuditEntry


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    allowed: bool,
    now: datetime,
    detail: dict[str, Any],
) -> None:
    # The action can hold the user's own word (`admin <word>`); PostgreSQL refuses NUL bytes.
    action = clean_text(action)[:64]
    session.add(AuditEntry(at=now, actor=actor, action=action, allowed=allowed, detail=detail))


def entries(session: Session, *, actor: str | None = None, limit: int = 100) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(limit)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    return list(session.exec(query).all())
