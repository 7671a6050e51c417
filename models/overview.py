"""Everything one user has going on this season: for /praktik status and App Home."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from models import repo
from models.proposals import Deal, deals_of, pending_proposals
from models.tables import (
    HostSlot,
    OutboxMessage,
    OutboxStatus,
    Placement,
    PlacementStatus,
    Proposal,
    Wish,
)


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
    """`earlier_year`: last season while its follow-up still runs; its placements show too.

    App Home is redrawn after every change, for both sides: the person is looked up once and
    every list is read by their ID, the deals of both lists in one query."""
    view = Overview()
    person = repo.participant(session, slack_user_id=user_id)
    if person is not None and person.id is not None:
        me = person.id
        view.slot = session.exec(
            select(HostSlot).where(HostSlot.host_id == me, HostSlot.season_year == year)
        ).first()
        view.wish = session.exec(
            select(Wish).where(Wish.intern_id == me, Wish.season_year == year)
        ).first()
        pending = pending_proposals(session, participant_id=me, year=year)
        years = [y for y in (earlier_year, year) if y is not None]
        agreed = session.exec(
            select(Proposal).where(
                col(Proposal.id).in_(
                    select(Placement.proposal_id).where(
                        or_(col(Placement.intern_id) == me, col(Placement.host_id) == me),
                        col(Placement.season_year).in_(years),
                        Placement.status == PlacementStatus.CONFIRMED,
                    )
                )
            )
        ).all()
        deals = {d.proposal.id: d for d in deals_of(session, proposals=[*pending, *agreed])}
        view.pending = [deals[p.id] for p in pending if p.id in deals]
        view.placements = [deals[p.id] for p in agreed if p.id in deals]
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
