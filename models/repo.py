"""Queries and updates for participants, host slots, wishes and topics.

Every function takes the session first and the rest by keyword; handlers call them through
`Database.run`, so they never hold a session themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.erasures import signed_up_again
from models.forms import SlotForm, WishForm
from models.tables import (
    Answer,
    HostSlot,
    Participant,
    Placement,
    PlacementStatus,
    Proposal,
    ProposalStatus,
    SeasonSettings,
    SlotStatus,
    Topic,
    Wish,
    WishStatus,
)


@dataclass(frozen=True, slots=True)
class Profile:
    """What Slack tells us about a user (users.info), refreshed when they act."""

    slack_user_id: str
    name: str
    title: str = ""


def ensure_participant(
    session: Session, *, profile: Profile, now: datetime, lock: bool = False
) -> Participant:
    """`lock`: hold the person's row until commit (a row this inserts is theirs alone)."""
    wanted = select(Participant).where(Participant.slack_user_id == profile.slack_user_id)
    if lock:
        wanted = wanted.with_for_update()
    person = session.exec(wanted).first()
    if person is None:
        person = Participant(
            slack_user_id=profile.slack_user_id,
            name=profile.name,
            title=profile.title,
            created_at=now,
            updated_at=now,
        )
        try:
            # A new user's first two gestures at once (a double click, two processes): the
            # one that loses the unique index takes the winner's row instead of failing.
            with session.begin_nested():
                session.add(person)
            return person
        except IntegrityError:
            person = session.exec(wanted).one()
    if (person.name, person.title) != (profile.name, profile.title):
        person.name, person.title, person.updated_at = profile.name, profile.title, now
    session.add(person)
    session.flush()
    return person


def participant(session: Session, *, slack_user_id: str) -> Participant | None:
    return session.exec(
        select(Participant).where(Participant.slack_user_id == slack_user_id)
    ).first()


def topics(session: Session, *, defaults: Sequence[str]) -> list[str]:
    """The fixed list (`defaults`: the catalogue's, bot.texts.DEFAULT_TOPICS) and whatever the
    coordinators added, in display order."""
    extra = [t.name for t in session.exec(select(Topic).order_by(col(Topic.name))).all()]
    return list(defaults) + [t for t in extra if t not in defaults]


def add_topic(session: Session, *, name: str, added_by: str, defaults: Sequence[str]) -> bool:
    if name in topics(session, defaults=defaults):
        return False
    session.add(Topic(name=name, added_by=added_by))
    return True


def season_settings(session: Session, *, year: int) -> SeasonSettings:
    found = session.get(SeasonSettings, year)
    return found if found is not None else SeasonSettings(year=year)


def season_has_participants(session: Session, *, year: int) -> bool:
    """Whether anyone offered a slot or registered a wish for season `year`."""
    slot = session.exec(select(HostSlot.id).where(HostSlot.season_year == year).limit(1)).first()
    if slot is not None:
        return True
    return (
        session.exec(select(Wish.id).where(Wish.season_year == year).limit(1)).first() is not None
    )


# Host slots ------------------------------------------------------------------------------


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


# Wishes ---------------------------------------------------------------------------------


def wish_of(session: Session, *, slack_user_id: str, year: int) -> Wish | None:
    return session.exec(
        select(Wish)
        .join(Participant, col(Participant.id) == Wish.intern_id)
        .where(Participant.slack_user_id == slack_user_id, Wish.season_year == year)
    ).first()


def save_wish(
    session: Session, *, intern: Profile, year: int, form: WishForm, now: datetime
) -> Wish:
    signed_up_again(session, user_id=intern.slack_user_id)
    person = ensure_participant(session, profile=intern, now=now)
    wish = wish_of(session, slack_user_id=intern.slack_user_id, year=year)
    if wish is None:
        wish = Wish(intern_id=person.id or 0, season_year=year, created_at=now, updated_at=now)
    wish.topics, wish.days = list(form.topics), list(form.days)
    wish.wanted_sectors = [s.value for s in form.wanted_sectors]
    wish.wanted_regions = list(form.wanted_regions)
    wish.text, wish.manager_user_id = form.text, form.manager_user_id
    wish.goals = form.goals
    wish.status, wish.updated_at = WishStatus.ACTIVE, now
    person.workplace, person.sector = form.workplace, form.sector.value
    if form.municipality and form.municipality.isdigit():
        person.municipality = form.municipality
    person.updated_at = now
    session.add_all([wish, person])
    session.flush()
    return wish


def slots_asked_by(session: Session, *, intern_id: int, year: int) -> set[int]:
    """Slots not to suggest to the intern again: those she has an open request, proposal or
    placement at, and those whose host side turned her down. An expired, withdrawn, full or
    superseded one is no reason (bot.placement: a closed one never blocks the pair)."""
    rows = session.exec(
        select(Proposal.slot_id).where(
            Proposal.intern_id == intern_id,
            Proposal.season_year == year,
            or_(
                col(Proposal.status).in_([ProposalStatus.PENDING, ProposalStatus.CONFIRMED]),
                and_(
                    col(Proposal.status) == ProposalStatus.DECLINED,
                    col(Proposal.host_answer) == Answer.DECLINED,
                ),
            ),
        )
    ).all()
    return set(rows)


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
