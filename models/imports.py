"""Loading coordinators' sign-up lists: participants with their host slots and wishes.

All or nothing: the caller runs `load_signups` in one transaction, and any refusal raises
ImportRefused, so a list that cannot be loaded whole leaves the database as it was. Loading
the same list again updates the same people, slots and wishes instead of adding new ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from models import topics as topic_repo
from models.cohosts import conflict
from models.forms import DESCRIPTION_MAX, TOPIC_MAX, WORKPLACE_MAX, clean_text
from models.tables import HostSlot, Participant, SlotStatus, Topic, Wish, WishStatus

CHUNK = 1000  # keys per IN (...) query


@dataclass(frozen=True, slots=True)
class Person:
    slack_user_id: str  # a Slack user ID, or a stand-in key for someone known only by list
    name: str
    workplace: str
    sector: str
    municipality: str | None  # kommunekode


@dataclass(frozen=True, slots=True)
class HostSignUp:
    line: int
    person: Person
    region: str | None
    capacity: int
    days: list[int]
    topics: list[str]
    # None: the list has no such column, and the slot keeps what it has.
    description: str | None = None
    cohost: str | None = None  # a Slack user ID, or "" for nobody


@dataclass(frozen=True, slots=True)
class InternSignUp:
    line: int
    person: Person
    days: list[int]
    topics: list[str]
    wanted_sectors: list[str]
    wanted_regions: list[str]


@dataclass(frozen=True, slots=True)
class Loaded:
    hosts: int
    interns: int
    created: int  # participants new to the database
    updated: int


class ImportRefused(Exception):
    """A row cannot be loaded without breaking a promise; the subclass says which."""

    def __init__(self, line: int, why: str) -> None:
        self.line = line
        super().__init__(f"line {line}: {why}")


class CapacityRefused(ImportRefused):
    """The capacity is below the seats the host has already confirmed."""

    def __init__(self, line: int, confirmed: int) -> None:
        self.confirmed = confirmed
        super().__init__(line, f"capacity below {confirmed} confirmed placements")


class CohostRefused(ImportRefused):
    """The co-host is on the other side of one of the slot's requests, proposals or
    placements (both_sides), or would replace the co-host of confirmed placements, whose
    planned DMs an import does not move (the slot modal does)."""

    def __init__(self, line: int, cohost: str, *, both_sides: bool) -> None:
        self.both_sides = both_sides
        super().__init__(line, f"co-host {cohost or '(none)'} refused")


class _Loader:
    """Looks everyone up once, so a list of thousands loads in a few queries."""

    def __init__(
        self,
        session: Session,
        *,
        year: int,
        keys: set[str],
        default_topics: Sequence[str],
        now: datetime,
    ) -> None:
        self.session, self.year, self.now = session, year, now
        self.people: dict[str, Participant] = {}
        ordered = sorted(keys)
        for k in range(0, len(ordered), CHUNK):
            chunk = ordered[k : k + CHUNK]
            query = select(Participant).where(col(Participant.slack_user_id).in_(chunk))
            self.people.update((p.slack_user_id, p) for p in session.exec(query))
        self.existing = set(self.people)
        self.slots = {
            s.host_id: s for s in session.exec(select(HostSlot).where(HostSlot.season_year == year))
        }
        self.wishes = {
            w.intern_id: w for w in session.exec(select(Wish).where(Wish.season_year == year))
        }
        self.known = {t.casefold(): t for t in topic_repo.topics(session, defaults=default_topics)}

    def person(self, row: Person) -> Participant:
        found = self.people.get(row.slack_user_id)
        if found is None:
            found = Participant(slack_user_id=row.slack_user_id, created_at=self.now)
            self.people[row.slack_user_id] = found
        found.name, found.workplace, found.sector = row.name, row.workplace[:200], row.sector
        found.municipality, found.updated_at = row.municipality, self.now
        self.session.add(found)
        return found

    def topics(self, wanted: list[str]) -> list[str]:
        """The catalogue's spelling of each topic (lists are folded); new ones are added."""
        out = []
        for topic in wanted:
            name = self.known.get(topic.casefold())
            if name is None:
                self.session.add(Topic(name=topic[:TOPIC_MAX], added_by="import"))
                name = self.known[topic.casefold()] = topic[:TOPIC_MAX]
            out.append(name)
        return out


def load_signups(
    session: Session,
    *,
    year: int,
    hosts: list[HostSignUp],
    interns: list[InternSignUp],
    default_topics: Sequence[str],
    now: datetime,
) -> Loaded:
    """`default_topics`: the catalogue's fixed topics (bot.texts.DEFAULT_TOPICS), which the
    lists' topics are matched against with the ones coordinators added."""
    keys = {r.person.slack_user_id for r in hosts} | {r.person.slack_user_id for r in interns}
    load = _Loader(session, year=year, keys=keys, default_topics=default_topics, now=now)
    people = [load.person(r.person) for r in hosts] + [load.person(r.person) for r in interns]
    session.flush()  # ids for the new participants
    for row, person in zip(hosts, people, strict=False):
        assert person.id is not None
        slot = load.slots.get(person.id)
        if slot is None:
            slot = HostSlot(
                host_id=person.id,
                season_year=year,
                workplace="",
                sector="",
                municipality="",
                capacity=row.capacity,
                created_at=now,
                updated_at=now,
            )
        elif row.capacity < slot.confirmed:
            raise CapacityRefused(row.line, slot.confirmed)
        slot.workplace, slot.sector = row.person.workplace[:WORKPLACE_MAX], row.person.sector
        slot.municipality, slot.region = row.person.municipality or "", row.region
        slot.capacity, slot.days, slot.topics = row.capacity, row.days, load.topics(row.topics)
        slot.status, slot.updated_at = SlotStatus.OPEN, now
        if row.description is not None:
            slot.description = clean_text(row.description)[:DESCRIPTION_MAX]
        if row.cohost is not None:
            _check_cohost(session, slot, row)
            slot.cohost_user_id = row.cohost or None
        session.add(slot)
    for signup, person in zip(interns, people[len(hosts) :], strict=True):
        assert person.id is not None
        wish = load.wishes.get(person.id)
        if wish is None:
            wish = Wish(intern_id=person.id, season_year=year, created_at=now)
        wish.topics = load.topics(signup.topics)
        wish.days, wish.wanted_sectors = signup.days, signup.wanted_sectors
        wish.wanted_regions = signup.wanted_regions
        wish.status, wish.updated_at = WishStatus.ACTIVE, now
        session.add(wish)
    session.flush()
    created = len(set(load.people) - load.existing)
    return Loaded(len(hosts), len(interns), created, len(load.people) - created)


def _check_cohost(session: Session, slot: HostSlot, row: HostSignUp) -> None:
    cohost = row.cohost or None
    if slot.id is None or cohost == slot.cohost_user_id:
        return
    if slot.confirmed:
        raise CohostRefused(row.line, cohost or "", both_sides=False)
    if conflict(session, slot_id=slot.id, user_id=cohost):
        raise CohostRefused(row.line, cohost or "", both_sides=True)


def signed_up(
    session: Session, *, year: int
) -> tuple[list[tuple[Participant, HostSlot]], list[tuple[Participant, Wish]]]:
    """The season's open slots and active wishes with their people, in sign-up order: what
    `load_signups` would load again (`praktik eksport --tilmeldinger`)."""
    hosts = session.exec(
        select(Participant, HostSlot)
        .join(HostSlot, col(HostSlot.host_id) == col(Participant.id))
        .where(HostSlot.season_year == year, HostSlot.status == SlotStatus.OPEN)
        .order_by(col(HostSlot.id))
    ).all()
    interns = session.exec(
        select(Participant, Wish)
        .join(Wish, col(Wish.intern_id) == col(Participant.id))
        .where(Wish.season_year == year, Wish.status == WishStatus.ACTIVE)
        .order_by(col(Wish.id))
    ).all()
    return [(p, s) for p, s in hosts], [(p, w) for p, w in interns]
