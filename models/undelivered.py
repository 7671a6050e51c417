"""DMs Slack refused for good when they were sent at once (a request to its host, a round's
proposal), kept as failed outbox rows beside the dispatcher's, so coordinators see them
(`praktik outbox --status fejlet`, `/praktik admin stats`); and a request nobody on the
host's side received, closed so that it blocks no later request of the same pair."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from models.tables import OutboxMessage, OutboxStatus, Proposal, ProposalStatus
from models.types import changed

PREFIX = "refused"


def refused_prefix(year: int) -> str:
    """The keys of a season's refused DMs start so (reports filter on it)."""
    return f"{PREFIX}:{year}:"


def record_refused(
    session: Session,
    *,
    year: int,
    kind: str,
    ref: str,
    recipient: str,
    reason: str,
    now: datetime,
) -> bool:
    """One failed row per DM (`kind` of `ref` to `recipient`); False if it was there already."""
    key = f"{refused_prefix(year)}{kind}:{ref}:{recipient}"
    if session.exec(select(OutboxMessage.id).where(OutboxMessage.key == key)).first() is not None:
        return False
    session.add(
        OutboxMessage(
            key=key,
            recipient=recipient,
            kind=kind,
            due_at=now,
            status=OutboxStatus.FAILED,
            attempts=1,
            reason=reason,
            created_at=now,
        )
    )
    return True


def close_unseen_request(session: Session, *, proposal_id: int, now: datetime) -> bool:
    """Withdraw a pending request whose DM reached nobody on the host's side (bot.domain.placement:
    UNDELIVERED): nobody could answer it, and a pending request of a pair refuses the next
    one."""
    result = session.execute(
        update(Proposal)
        .where(col(Proposal.id) == proposal_id, col(Proposal.status) == ProposalStatus.PENDING)
        .values(status=ProposalStatus.WITHDRAWN, decided_at=now)
    )
    return changed(result) > 0
