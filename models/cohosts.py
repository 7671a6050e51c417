"""A host slot's co-host."""

from __future__ import annotations

from sqlmodel import Session, col, select

from models.tables import HostSlot, Participant, Proposal, ProposalStatus, SlotStatus


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
    (bot.placement.sides_conflict), so not the intern, nor her named manager, of an open or
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
