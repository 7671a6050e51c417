"""A host slot's co-host: naming one (and moving the slot's planned DMs to them), and the
slots a user co-hosts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.domain.season import Season
from models.outbox_repo import REPLANNED, plan_for
from models.seasons import season_settings
from models.slots import slot_of
from models.tables import (
    HostSlot,
    Participant,
    Placement,
    PlacementStatus,
    Proposal,
    ProposalStatus,
    SeasonSettings,
    SlotStatus,
)


def set_cohost(session: Session, *, slot_id: int, cohost: str | None) -> str | None:
    """Name (or remove) the slot's co-host; returns the one it had before."""
    slot = session.exec(select(HostSlot).where(HostSlot.id == slot_id).with_for_update()).one()
    before = slot.cohost_user_id
    slot.cohost_user_id = cohost
    session.add(slot)
    return before


def cohosted(session: Session, *, user_id: str, year: int) -> list[tuple[HostSlot, Participant]]:
    """The open slots this user co-hosts this season, each with its host."""
    return list(
        session.exec(
            select(HostSlot, Participant)
            .join(Participant, col(Participant.id) == HostSlot.host_id)
            .where(
                HostSlot.cohost_user_id == user_id,
                HostSlot.season_year == year,
                HostSlot.status == SlotStatus.OPEN,
            )
            .order_by(col(HostSlot.id))
        ).all()
    )


def conflict(session: Session, *, slot_id: int, user_id: str | None) -> bool:
    """Whether `user_id` may not co-host the slot: nobody is on both sides of one placement
    (bot.domain.placement.sides_conflict), so not the intern, nor her named manager, of an open or
    confirmed request, proposal or placement at it."""
    if user_id is None:
        return False
    rows = session.exec(
        select(Participant.slack_user_id, Proposal.manager_user_id)
        .join(Participant, col(Participant.id) == col(Proposal.intern_id))
        .where(
            Proposal.slot_id == slot_id,
            col(Proposal.status).in_([ProposalStatus.PENDING, ProposalStatus.CONFIRMED]),
        )
    ).all()
    return any(user_id in (intern, manager) for intern, manager in rows)


def conflict_of_host(session: Session, *, host_user_id: str, year: int, user_id: str) -> bool:
    """`conflict` for the slot `host_user_id` hosts in season `year` (none yet: no conflict)."""
    slot = slot_of(session, slack_user_id=host_user_id, year=year)
    if slot is None or slot.id is None:
        return False
    return conflict(session, slot_id=slot.id, user_id=user_id)


def cohost_and_plan(
    session: Session,
    *,
    slot_id: int,
    cohost: str | None,
    seasons: Callable[[SeasonSettings], Season],
    now: datetime,
) -> str | None:
    """Name (or remove) a slot's co-host and re-plan its confirmed placements in the same
    transaction: a co-host named after a confirmation gets the DMs still to come, and one
    taken off gets none of them. Returns the co-host it had before."""
    before = set_cohost(session, slot_id=slot_id, cohost=cohost)
    if before == cohost:
        return before
    host = aliased(Participant)
    intern = aliased(Participant)
    rows = session.exec(
        select(Placement, host.slack_user_id, intern.slack_user_id)
        .join(host, col(host.id) == col(Placement.host_id))
        .join(intern, col(intern.id) == col(Placement.intern_id))
        .where(
            col(Placement.slot_id) == slot_id,
            col(Placement.status) == PlacementStatus.CONFIRMED,
        )
        .order_by(col(Placement.id))
        .with_for_update(of=Placement)
    ).all()
    by_year: dict[int, Season] = {}
    for placement, host_id, intern_id in rows:
        year = placement.season_year
        if year not in by_year:
            by_year[year] = seasons(season_settings(session, year=year))
        plan_for(
            session,
            placement=placement,
            host_id=host_id,
            intern_id=intern_id,
            cohost_id=cohost,
            season=by_year[year],
            now=now,
            reason=REPLANNED[1],
        )
    return before
