"""The audit log of coordinator actions, allowed and refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from models.forms import clean_text
from models.tables import AuditEntry

# An export of personal data is recorded as this action, its detail saying what went out
# (`what`, `year`, `format` and the counts), so the log can say what was exported.
EXPORT_ACTION = "export"
# The offline commands have no Slack user: their actor is the operating-system account.
CLI_ACTOR_PREFIX = "cli:"
ACTOR_MAX = 32


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
    actor = clean_text(actor)[:ACTOR_MAX]
    session.add(AuditEntry(at=now, actor=actor, action=action, allowed=allowed, detail=detail))


def cli_actor(account: str) -> str:
    return (CLI_ACTOR_PREFIX + account)[:ACTOR_MAX]


def entries(
    session: Session,
    *,
    actor: str | None = None,
    limit: int | None = 100,
    since: datetime | None = None,
    oldest_first: bool = False,
) -> list[AuditEntry]:
    """Entries newest first (or oldest first), of one actor and from `since` if given.
    The id orders them: two entries written in one second keep the order they were made in."""
    order = col(AuditEntry.id).asc() if oldest_first else col(AuditEntry.id).desc()
    query = select(AuditEntry).order_by(order)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    if since is not None:
        query = query.where(col(AuditEntry.at) >= since)
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query).all())


def count(session: Session, *, actor: str | None = None) -> int:
    query = select(func.count()).select_from(AuditEntry)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    return int(session.exec(query).one())


def record_export(session: Session, *, actor: str, now: datetime, detail: dict[str, Any]) -> bool:
    """An export of personal data by an offline command; True once recorded."""
    record(session, actor=actor, action=EXPORT_ACTION, allowed=True, now=now, detail=detail)
    return True
