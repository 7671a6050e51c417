"""A season's personal data made anonymous once its retention date has come.

What goes, and how, is models.anonymise.PERSONAL; this module says which rows belong to a
season. What stays is what the figures of `admin stats`, the report and next year's
"last year" count: slots' sectors, regions and seats, proposals' outcomes, placements,
ratings, the participants' sectors. People who also take part in a later season keep
their name there; the old season's rows are moved to an anonymous stand-in, so nothing
links them to the person any more.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_, update
from sqlmodel import Session, SQLModel, col, select

from bot.domain.retention import expired, retention_day, season_closes_at
from bot.domain.season import COPENHAGEN, default_closes_on, local_date
from models.anonymise import ERASED, PERSONAL, STAND_IN, How, anonymise_row, is_stand_in
from models.tables import (
    AuditEntry,
    CheckIn,
    DaysChange,
    Evaluation,
    FollowUp,
    HostSlot,
    MatchSteer,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Placement,
    Programme,
    Proposal,
    SeasonSettings,
    Topic,
    Wish,
    Workshop,
    WorkshopAnswer,
)

CANCELLED_REASON = "anonymised"
KIND_RETENTION = "retention"  # the coordinators' warning before a season's date
SEASON_TABLES: tuple[type[SQLModel], ...] = (HostSlot, Wish, Proposal, Placement)


@dataclass
class Outcome:
    """Rows made anonymous (or, in a dry run, to be) per table name."""

    year: int
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: type[SQLModel], n: int = 1) -> None:
        name = str(table.__tablename__)
        if n:
            self.rows[name] = self.rows.get(name, 0) + n

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _scopes(year: int, tz: tzinfo) -> dict[type[SQLModel], ColumnElement[bool]]:
    """Each table's rows of season `year` (AuditEntry: see `_audit_rows`)."""
    placements = select(Placement.id).where(Placement.season_year == year)
    proposals = select(Proposal.id).where(Proposal.season_year == year)
    workshops = select(Workshop.id).where(Workshop.season_year == year)
    closes = season_closes_at(year, tz)
    return {
        HostSlot: col(HostSlot.season_year) == year,
        Wish: col(Wish.season_year) == year,
        Proposal: col(Proposal.season_year) == year,
        CheckIn: col(CheckIn.placement_id).in_(placements),
        Evaluation: col(Evaluation.placement_id).in_(placements),
        FollowUp: col(FollowUp.placement_id).in_(placements),
        Placement: col(Placement.season_year) == year,
        # A DM of no placement (an announcement, an invitation) goes with the season it
        # was planned in.
        OutboxMessage: or_(
            col(OutboxMessage.placement_id).in_(placements),
            col(OutboxMessage.placement_id).is_(None) & (col(OutboxMessage.created_at) < closes),
            col(OutboxMessage.key).startswith(f"{KIND_RETENTION}:{year}:"),
        ),
        DaysChange: col(DaysChange.proposal_id).in_(proposals),
        Programme: col(Programme.proposal_id).in_(proposals),
        SeasonSettings: col(SeasonSettings.year) == year,
        MatchSteer: col(MatchSteer.season_year) == year,
        Workshop: col(Workshop.season_year) == year,
        WorkshopAnswer: col(WorkshopAnswer.workshop_id).in_(workshops),
    }


def _about(entry: AuditEntry, year: int, tz: tzinfo) -> bool:
    """An audit entry naming season `year`, or naming none and older than its close."""
    detail = entry.detail or {}
    named = [detail.get("year"), *(detail.get("years") or [])]
    seasons = {y for y in named if isinstance(y, int)}
    if seasons:
        return year in seasons
    return entry.at < season_closes_at(year, tz)


def _audit_rows(session: Session, year: int, tz: tzinfo) -> list[AuditEntry]:
    fresh = session.exec(
        select(AuditEntry).where(~col(AuditEntry.actor).startswith(STAND_IN))
    ).all()
    return [e for e in fresh if _about(e, year, tz)]


def _people(session: Session, years: Callable[[Any], ColumnElement[bool]]) -> set[int]:
    """Participant ids with a slot, wish, proposal or placement in the chosen seasons."""
    found: set[int] = set()
    for table, column in (
        (HostSlot, HostSlot.host_id),
        (Wish, Wish.intern_id),
        (Proposal, Proposal.intern_id),
        (Placement, Placement.intern_id),
        (Placement, Placement.host_id),
    ):
        found.update(session.exec(select(column).where(years(table))).all())
    return found


def _live_ids(session: Session, expired: Iterable[int]) -> set[str]:
    """Slack IDs still needed by a season whose date has not come: its participants,
    co-hosts and managers."""
    gone = list(expired)
    ids = _people(session, lambda t: col(t.season_year).not_in(gone))
    live = set(session.exec(select(Participant.slack_user_id).where(col(Participant.id).in_(ids))))
    for column, season in (
        (HostSlot.cohost_user_id, HostSlot.season_year),
        (Wish.manager_user_id, Wish.season_year),
        (Proposal.manager_user_id, Proposal.season_year),
    ):
        live.update(v for v in session.exec(select(column).where(col(season).not_in(gone))) if v)
    return live


class _Pseudonyms:
    """One stand-in per Slack user ID: a participant's is `slettet-<participant id>` (as
    `slet-mine-data` names them), anyone else's a random one. Already anonymous values stay."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def __call__(self, user_id: str) -> str:
        if is_stand_in(user_id):
            return user_id
        if user_id not in self.names:
            self.names[user_id] = f"{ERASED}-x{secrets.token_hex(5)}"
        return self.names[user_id]


def _stand_in(session: Session, person: Participant, year: int) -> int:
    """An anonymous copy of someone who takes part in a later season too; season `year`'s
    rows are moved to it."""
    copy = Participant(**person.model_dump(exclude={"id"}))
    copy.slack_user_id = f"{ERASED}-new-{secrets.token_hex(8)}"
    session.add(copy)
    session.flush()
    assert copy.id is not None and person.id is not None
    copy.slack_user_id = f"{ERASED}-{copy.id}"
    anonymise_row(copy, lambda user_id: user_id)
    session.add(copy)
    for table, column in (
        (HostSlot, "host_id"),
        (Wish, "intern_id"),
        (Proposal, "intern_id"),
        (Placement, "intern_id"),
        (Placement, "host_id"),
    ):
        session.execute(
            update(table)
            .where(col(getattr(table, column)) == person.id, col(table.season_year) == year)
            .values({column: copy.id})
        )
    return copy.id


def anonymise_season(
    session: Session,
    *,
    year: int,
    expired: Iterable[int],
    now: datetime,
    tz: tzinfo = COPENHAGEN,
    dry_run: bool = False,
) -> Outcome:
    """Make season `year` anonymous (`expired`: every season whose date has come, this one
    included). Idempotent: a second run finds nothing left to change. With `dry_run`, what
    would change is counted and nothing is written."""
    outcome = Outcome(year)
    live = _live_ids(session, expired)
    pseudonym = _Pseudonyms()
    ids = _people(session, lambda t: col(t.season_year) == year)
    people = session.exec(select(Participant).where(col(Participant.id).in_(ids))).all()
    for person in people:
        if person.id is None or is_stand_in(person.slack_user_id):
            continue
        outcome.add(Participant)
        if dry_run:
            pseudonym.names[person.slack_user_id] = f"{ERASED}-{person.id}"
            continue
        if person.slack_user_id in live:
            pseudonym.names[person.slack_user_id] = f"{ERASED}-{_stand_in(session, person, year)}"
        else:
            pseudonym.names[person.slack_user_id] = f"{ERASED}-{person.id}"
            anonymise_row(person, pseudonym)
            person.updated_at = now
            session.add(person)
    rows: list[SQLModel] = []
    for table, scope in _scopes(year, tz).items():
        rows += session.exec(select(table).where(scope)).all()
    rows += _audit_rows(session, year, tz)
    for row in rows:
        if dry_run:
            if _personal_left(row, pseudonym):
                outcome.add(type(row))
            continue
        if isinstance(row, OutboxMessage) and row.status in (
            OutboxStatus.PLANNED,
            OutboxStatus.SENDING,
        ):
            row.status, row.reason = OutboxStatus.CANCELLED, CANCELLED_REASON
        if anonymise_row(row, pseudonym):
            outcome.add(type(row))
            session.add(row)
    _forget_copies(session, set(pseudonym.names) - live, outcome, dry_run=dry_run)
    if not dry_run:
        settings = session.get(SeasonSettings, year) or SeasonSettings(year=year)
        settings.anonymised_at = now
        session.add(settings)
        session.flush()
    return outcome


def _personal_left(row: SQLModel, pseudonym: _Pseudonyms) -> bool:
    """Whether anonymising `row` would change it (for the dry run: on a detached copy)."""
    return anonymise_row(type(row)(**row.model_dump()), pseudonym)


def _forget_copies(
    session: Session, user_ids: set[str], outcome: Outcome, *, dry_run: bool
) -> None:
    """What only copies Slack's data (profile, DM channel, a Home tab opened) goes with the
    person; a topic they added stays, without their name."""
    if not user_ids:
        return
    ids = sorted(user_ids)
    for table, columns in PERSONAL.items():
        for column, how in columns.items():
            if how is not How.DELETE:
                continue
            where = col(getattr(table, column)).in_(ids)
            found = session.exec(select(func.count()).select_from(table).where(where)).one()
            outcome.add(table, found)
            if not dry_run:
                session.execute(delete(table).where(where))
    topics = col(Topic.added_by).in_(ids)
    outcome.add(Topic, session.exec(select(func.count()).select_from(Topic).where(topics)).one())
    if not dry_run:
        session.execute(update(Topic).where(topics).values(added_by=""))


# Which seasons there are, and which are done -------------------------------------------------


def season_of(instant: datetime, tz: tzinfo = COPENHAGEN) -> int:
    """The season whose evaluation window `instant` falls in (it closes after it)."""
    day = local_date(instant, tz)
    return day.year if day >= default_closes_on(day.year - 1) else day.year - 1


def seasons(session: Session, tz: tzinfo = COPENHAGEN) -> dict[int, datetime | None]:
    """Every season that holds data, from the oldest to the newest, and when each was made
    anonymous (None: not yet)."""
    years: set[int] = set()
    for table in (*SEASON_TABLES, Workshop):
        years.update(session.exec(select(col(table.season_year)).distinct()).all())  # type: ignore[attr-defined]
    done = {s.year: s.anonymised_at for s in session.exec(select(SeasonSettings)).all()}
    years.update(done)
    for oldest in (
        session.exec(select(func.min(AuditEntry.at))).one(),
        session.exec(select(func.min(OutboxMessage.created_at))).one(),
    ):
        if oldest is not None:
            years.add(season_of(oldest, tz))
    if not years:
        return {}
    return {y: done.get(y) for y in range(min(years), max(years) + 1)}


def anonymise_due(
    session: Session, *, now: datetime, months: int, tz: tzinfo = COPENHAGEN
) -> list[Outcome]:
    """Every season whose date has come and that is not anonymous yet, oldest first."""
    found = seasons(session, tz)
    gone = expired(found, now, months, tz)
    return [
        anonymise_season(session, year=y, expired=gone, now=now, tz=tz)
        for y in gone
        if found[y] is None
    ]


@dataclass(frozen=True)
class Planned:
    """A season in the dry run: its date, when it was done (or None) and what would go."""

    year: int
    day: date
    done: datetime | None
    outcome: Outcome


def dry_run(
    session: Session, *, now: datetime, months: int, tz: tzinfo = COPENHAGEN
) -> list[Planned]:
    """What `anonymise_due` would do now, and later for the seasons not due yet."""
    found = seasons(session, tz)
    gone = expired(found, now, months, tz)
    return [
        Planned(
            y,
            retention_day(y, months),
            done,
            Outcome(y)
            if done is not None
            else anonymise_season(
                session, year=y, expired=sorted({*gone, y}), now=now, tz=tz, dry_run=True
            ),
        )
        for y, done in found.items()
    ]
