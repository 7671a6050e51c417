"""Everything one user has going on this season: for /praktik status and App Home."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from models import repo
from models.proposals import Deal, deals_of, pending_for, placement_of
from models.tables import HostSlot, OutboxMessage, OutboxStatus, Proposal, Wish


@dataclass
class Overview:
    slot: HostSlot | None = None
    wish: Wish | None = None
    pending: list[Deal] = field(default_factory=list)
    placements: list[Deal] = field(default_factory=list)
    next_dms: list[OutboxMessage] = field(default_factory=list)


def overview(
    session: Session, *, user_id: str, year: int, now: datetime, earlier_year: int | None = None
) -> Overview:
    """`earlier_year`: last season while its follow-up still runs; its placements show too."""
    view = Overview(
        slot=repo.slot_of(session, slack_user_id=user_id, year=year),
        wish=repo.wish_of(session, slack_user_id=user_id, year=year),
        pending=pending_for(session, user_id=user_id, year=year),
    )
    person = repo.participant(session, slack_user_id=user_id)
    if person is not None and person.id is not None:
        years = [y for y in (earlier_year, year) if y is not None]
        placements = [
            p for y in years for p in placement_of(session, participant_id=person.id, year=y)
        ]
        if placements:
            agreed = session.exec(
                select(Proposal).where(col(Proposal.id).in_([p.proposal_id for p in placements]))
            ).all()
            view.placements = deals_of(session, proposals=list(agreed))
    view.next_dms = list(
        session.exec(
            select(OutboxMessage)
            .where(
                OutboxMessage.recipient == user_id,
                OutboxMessage.status == OutboxStatus.PLANNED,
                col(OutboxMessage.due_at) >= now,
            )
            .order_by(col(OutboxMessage.due_at))
            .limit(3)
        ).all()
    )
    return view
