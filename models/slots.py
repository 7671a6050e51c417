"""A host's slot: saving it (unless an edit would break an agreement), the open slots, and
the queries behind the slot search.

Every function takes the session first and the rest by keyword; handlers call them through
`Database.run`, so they never hold a session themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from models.erasures import signed_up_again
from models.forms import SlotForm
from models.participants import Profile, ensure_participant
from models.tables import HostSlot, Participant, Placement, PlacementStatus, SlotStatus


def slot_of(session: Session, *, slack_user_id: str, year: int) -> HostSlot | None:
    return session.exec(
        select(HostSlot)
        .join(Participant, col(Participant.id) == HostSlot.host_id)
        .where(Participant.slack_user_id == slack_user_id, HostSlot.season_year == year)
    ).first()


@dataclass(frozen=True, slots=True)
class SlotSaved:
    slot: HostSlot
    created: bool


@dataclass(frozen=True, slots=True)
class EditConflict:
    """Why an edit would break an agreement: fewer seats than the interns agreed (`confirmed`,
    the seats agreed; None when the capacity is fine), or agreed weekdays (1 = Monday) taken
    out of the slot."""

    confirmed: int | None
    dropped_days: tuple[int, ...]


def _edit_conflict(session: Session, *, slot: HostSlot, form: SlotForm) -> EditConflict | None:
    agreed = session.exec(
        select(Placement.days).where(
            Placement.slot_id == slot.id, Placement.status == PlacementStatus.CONFIRMED
        )
    ).all()
    dropped = tuple(sorted({d for days in agreed for d in days} - set(form.days)))
    below = slot.confirmed if form.capacity < slot.confirmed else None
    if below is None and not dropped:
        return None
    return EditConflict(confirmed=below, dropped_days=dropped)


def save_slot(
    session: Session, *, host: Profile, year: int, form: SlotForm, now: datetime
) -> SlotSaved | EditConflict:
    """Create or edit the host's slot; nothing stored when the edit would break a promise."""
    signed_up_again(session, user_id=host.slack_user_id)
    person = ensure_participant(session, profile=host, now=now)
    slot = slot_of(session, slack_user_id=host.slack_user_id, year=year)
    created = slot is None
    if slot is None:
        slot = HostSlot(
            host_id=person.id or 0,
            season_year=year,
            created_at=now,
            capacity=1,
            workplace="",
            sector="",
            municipality="",
            updated_at=now,
        )
    else:
        conflict = _edit_conflict(session, slot=slot, form=form)
        if conflict is not None:
            return conflict
    slot.workplace, slot.sector = form.workplace, form.sector.value
    slot.municipality, slot.region = form.municipality, form.region
    slot.capacity, slot.days = form.capacity, list(form.days)
    slot.topics, slot.description = list(form.topics), form.description
    slot.status, slot.updated_at = SlotStatus.OPEN, now
    person.workplace, person.sector = form.workplace, form.sector.value
    if form.municipality.isdigit():
        person.municipality = form.municipality
    session.add_all([slot, person])
    session.flush()
    return SlotSaved(slot=slot, created=created)


@dataclass(frozen=True, slots=True)
class OpenSlot:
    slot: HostSlot
    host: Participant


def open_slots(session: Session, *, year: int, exclude_user: str | None = None) -> list[OpenSlot]:
    """Slots that still take interns: open, not full, not the asker's own (as host or
    co-host)."""
    query = (
        select(HostSlot, Participant)
        .join(Participant, col(Participant.id) == HostSlot.host_id)
        .where(
            HostSlot.season_year == year,
            HostSlot.status == SlotStatus.OPEN,
            col(HostSlot.confirmed) < col(HostSlot.capacity),
        )
        .order_by(col(HostSlot.id))
    )
    if exclude_user is not None:
        cohost = col(HostSlot.cohost_user_id)
        query = query.where(
            Participant.slack_user_id != exclude_user,
            or_(cohost.is_(None), cohost != exclude_user),
        )
    return [OpenSlot(slot, host) for slot, host in session.exec(query).all()]


def slot_with_host(session: Session, *, slot_id: int) -> OpenSlot | None:
    row = session.exec(
        select(HostSlot, Participant)
        .join(Participant, col(Participant.id) == HostSlot.host_id)
        .where(HostSlot.id == slot_id)
    ).first()
    if row is None:
        return None
    slot, host = row
    return OpenSlot(slot, host)


# Search ---------------------------------------------------------------------------------


def open_slots_version(session: Session, *, year: int) -> tuple[int, object, int, int]:
    """Changes whenever an open slot's content changes (not when seats fill). The capacities'
    sum catches a capacity edit within the same instant as the last change (a stopped clock)."""
    count, latest, top, seats = session.exec(
        select(
            func.count(),
            func.max(HostSlot.updated_at),
            func.max(HostSlot.id),
            func.sum(HostSlot.capacity),
        ).where(HostSlot.season_year == year, HostSlot.status == SlotStatus.OPEN)
    ).one()
    return int(count), latest, int(top or 0), int(seats or 0)


def open_slot_texts(session: Session, *, year: int) -> list[tuple[Any, ...]]:
    """The searchable columns of every open slot, its host's Slack ID, capacity and last
    change, without building ORM objects."""
    columns = (
        HostSlot.id,
        HostSlot.workplace,
        HostSlot.sector,
        HostSlot.municipality,
        HostSlot.region,
        HostSlot.topics,
        HostSlot.description,
        Participant.slack_user_id,
        HostSlot.capacity,
        HostSlot.updated_at,
    )
    rows = session.execute(
        sa_select(*(col(c) for c in columns))
        .join(Participant, col(Participant.id) == col(HostSlot.host_id))
        .where(col(HostSlot.season_year) == year, col(HostSlot.status) == SlotStatus.OPEN)
    ).all()

    return [tuple(row) for row in rows]


def seats_taken(session: Session, *, year: int) -> dict[int, int]:
    """Seats taken per open slot, for the slots where any are."""
    rows = session.execute(
        sa_select(col(HostSlot.id), col(HostSlot.confirmed)).where(
            col(HostSlot.season_year) == year,
            col(HostSlot.status) == SlotStatus.OPEN,
            col(HostSlot.confirmed) > 0,
        )
    ).all()
    return {int(slot_id): int(taken) for slot_id, taken in rows}


def slots_by_ids(session: Session, *, ids: list[int]) -> list[HostSlot]:
    found = {s.id: s for s in session.exec(select(HostSlot).where(col(HostSlot.id).in_(ids))).all()}
    return [found[i] for i in ids if i in found]
