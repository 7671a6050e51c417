"""A host slot's co-host."""

from __future__ import annotations

from sqlmodel import Session, col, select

from models.tables import HostSlot, Participant, SlotStatus


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
