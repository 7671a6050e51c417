"""The network: entries of participants who chose to be findable as sparring partners.

An entry is a copy, made when the person opts in and refreshed when they take part again:
what it shows outlives the season's rows (retention anonymises those), and nothing else of
theirs is kept by it. Only the person adds, refreshes or removes their own entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from bot.domain.placement import Role
from models.tables import (
    HostSlot,
    NetworkEntry,
    Participant,
    Placement,
    PlacementStatus,
    SlotStatus,
    Wish,
)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What an entry would show, read from the person's rows now."""

    name: str
    title: str
    workplace: str
    sector: str | None
    municipality: str | None
    topics: list[str] = field(default_factory=list)
    did: list[dict[str, Any]] = field(default_factory=list)


def snapshot(session: Session, *, user_id: str) -> Snapshot | None:
    """The person's name, title, workplace, topics and what they did (hosted in a season,
    or were in placement at a workplace), over every season; None for someone who never
    signed up."""
    person = session.exec(select(Participant).where(Participant.slack_user_id == user_id)).first()
    if person is None or person.id is None:
        return None
    slots = session.exec(
        select(HostSlot)
        .where(HostSlot.host_id == person.id, HostSlot.status == SlotStatus.OPEN)
        .order_by(col(HostSlot.season_year))
    ).all()
    wishes = session.exec(select(Wish).where(Wish.intern_id == person.id)).all()
    visits = session.exec(
        select(Placement.season_year, HostSlot.workplace)
        .join(HostSlot, col(HostSlot.id) == Placement.slot_id)
        .where(Placement.intern_id == person.id, Placement.status == PlacementStatus.CONFIRMED)
        .order_by(col(Placement.season_year))
    ).all()
    did: list[dict[str, Any]] = [
        {"role": Role.HOST.value, "year": s.season_year, "workplace": s.workplace} for s in slots
    ]
    did += [{"role": Role.INTERN.value, "year": year, "workplace": where} for year, where in visits]
    did.sort(key=lambda d: (-int(d["year"]), str(d["role"])))
    asked = [t for slot in slots for t in slot.topics] + [t for w in wishes for t in w.topics]
    topics = dict.fromkeys(asked)
    return Snapshot(
        name=person.name,
        title=person.title,
        workplace=person.workplace,
        sector=person.sector,
        municipality=person.municipality,
        topics=list(topics),
        did=did,
    )


def entry_of(session: Session, *, user_id: str) -> NetworkEntry | None:
    return session.exec(select(NetworkEntry).where(NetworkEntry.slack_user_id == user_id)).first()


def _copy(entry: NetworkEntry, found: Snapshot, now: datetime) -> NetworkEntry:
    entry.name, entry.title, entry.workplace = found.name, found.title, found.workplace
    entry.sector, entry.municipality = found.sector, found.municipality
    entry.topics, entry.did, entry.updated_at = list(found.topics), list(found.did), now
    return entry


def opt_in(session: Session, *, user_id: str, now: datetime) -> NetworkEntry | None:
    """Add (or refresh) the person's entry; None for someone who never signed up."""
    found = snapshot(session, user_id=user_id)
    if found is None:
        return None
    entry = entry_of(session, user_id=user_id) or NetworkEntry(
        slack_user_id=user_id, opted_in_at=now, updated_at=now
    )
    session.add(_copy(entry, found, now))
    session.flush()
    return entry


def refresh(session: Session, *, user_id: str, now: datetime) -> bool:
    """The person took part again: an entry they have shows it. False when they have none."""
    entry = entry_of(session, user_id=user_id)
    found = snapshot(session, user_id=user_id) if entry is not None else None
    if entry is None or found is None:
        return False
    session.add(_copy(entry, found, now))
    return True


def opt_out(session: Session, *, user_id: str) -> bool:
    """Remove the person's entry; whether there was one."""
    result = session.execute(delete(NetworkEntry).where(col(NetworkEntry.slack_user_id) == user_id))
    return bool(getattr(result, "rowcount", 0))


def entries(session: Session) -> list[NetworkEntry]:
    return list(session.exec(select(NetworkEntry).order_by(col(NetworkEntry.id))).all())


def entries_by_ids(session: Session, *, ids: list[int]) -> dict[int, NetworkEntry]:
    rows = session.exec(select(NetworkEntry).where(col(NetworkEntry.id).in_(ids))).all()
    return {row.id: row for row in rows if row.id is not None}


def version(session: Session) -> tuple[int, str, int]:
    """Changes whenever an entry is added, refreshed or removed: the search index is built
    again only then."""
    count, latest, top = session.exec(
        select(
            func.count(col(NetworkEntry.id)),
            func.max(NetworkEntry.updated_at),
            func.max(NetworkEntry.id),
        )
    ).one()
    return int(count), str(latest), int(top or 0)


def count(session: Session) -> int:
    return int(session.exec(select(func.count(col(NetworkEntry.id)))).one())
