"""The whole domain (docs/product.md) as SQLModel tables.

Lists (days, topics, regions) are JSON columns: they are read whole, never queried by item,
and JSON keeps SQLite and PostgreSQL identical.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.domain.placement import Role
from models.forms import TOPIC_MAX, WORKPLACE_MAX
from models.programme_form import PROGRAMME_FIELD_MAX, PROGRAMME_PHONE_MAX
from models.types import EnumText, UTCDateTime

E = TypeVar("E", bound=StrEnum)


def _utc(**kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kwargs)


def _enum(enum: type[E], **kwargs: Any) -> Any:
    """A column typed by its StrEnum: the value in a VARCHAR(16), the member when read."""
    return Field(sa_type=EnumText(enum, 16), **kwargs)


def _json() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class SlotStatus(StrEnum):
    OPEN = "open"
    WITHDRAWN = "withdrawn"


class WishStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class ProposalOrigin(StrEnum):
    REQUEST = "request"  # the intern pressed *Anmod*
    MATCH = "match"  # the coordinator's matching sent it


class ProposalStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    FULL = "full"  # accepted, but the slot filled up first
    SUPERSEDED = "superseded"  # the intern was confirmed elsewhere that season


class Answer(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class PlacementStatus(StrEnum):
    CONFIRMED = "confirmed"
    WITHDRAWN = "withdrawn"


class OutboxStatus(StrEnum):
    PLANNED = "planned"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class Participant(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slack_user_id: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(default="", max_length=200)
    title: str = Field(default="", max_length=200)
    workplace: str = Field(default="", max_length=200)
    sector: str | None = Field(default=None, max_length=16)
    municipality: str | None = Field(default=None, max_length=8)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class SeasonSettings(SQLModel, table=True):
    """Coordinator overrides of the season defaults (bot.domain.season computes the rest)."""

    year: int = Field(primary_key=True)
    signup_deadline: date | None = None
    proposal_days: int = 7
    manager_approval: bool = False
    cross_sector_weight: int = 6  # bot.matching.rules.CROSS_SECTOR_POINTS
    # The day this season opened for sign-ups (the coordinator opened it, or planned it);
    # None: bot.domain.season.default_opens_on.
    opens_on: date | None = None
    # When the season's personal data was made anonymous (models.retention); None: not yet.
    anonymised_at: datetime | None = _utc(default=None)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime | None = _utc(default=None)


class Topic(SQLModel, table=True):
    name: str = Field(primary_key=True, max_length=TOPIC_MAX)
    added_by: str = Field(default="", max_length=32)


class HostSlot(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("host_id", "season_year"),)

    id: int | None = Field(default=None, primary_key=True)
    host_id: int = Field(foreign_key="participant.id", index=True)
    season_year: int = Field(index=True)
    workplace: str = Field(max_length=WORKPLACE_MAX)
    sector: str = Field(max_length=16)
    municipality: str = Field(max_length=8)  # a kommunekode, or "stat" for central admin.
    region: str | None = Field(default=None, max_length=40)
    capacity: int
    confirmed: int = 0  # kept in step with placements by a conditional UPDATE
    days: list[int] = _json()
    topics: list[str] = _json()
    description: str = ""
    # A colleague who shares the hosting (a *medvært*): sees the slot, gets its DMs, may answer.
    cohost_user_id: str | None = Field(default=None, max_length=32)
    status: SlotStatus = _enum(SlotStatus, default=SlotStatus.OPEN, index=True)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class Wish(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("intern_id", "season_year"),)

    id: int | None = Field(default=None, primary_key=True)
    intern_id: int = Field(foreign_key="participant.id", index=True)
    season_year: int = Field(index=True)
    topics: list[str] = _json()
    wanted_sectors: list[str] = _json()
    wanted_regions: list[str] = _json()
    days: list[int] = _json()
    text: str = ""
    # What the intern wants to learn or see; each placement starts with a copy of its own.
    goals: str = ""
    manager_user_id: str | None = Field(default=None, max_length=32)
    status: WishStatus = _enum(WishStatus, default=WishStatus.ACTIVE, index=True)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class Proposal(SQLModel, table=True):
    """A request (intern → host) or a coordinator's proposal; both sides answer with buttons."""

    __table_args__ = (Index("ix_proposal_slot_intern", "slot_id", "intern_id"),)

    id: int | None = Field(default=None, primary_key=True)
    season_year: int = Field(index=True)
    slot_id: int = Field(foreign_key="hostslot.id", index=True)
    intern_id: int = Field(foreign_key="participant.id", index=True)
    origin: ProposalOrigin = _enum(ProposalOrigin)
    round: int = 0
    status: ProposalStatus = _enum(ProposalStatus, default=ProposalStatus.PENDING, index=True)
    host_answer: Answer = _enum(Answer, default=Answer.PENDING)
    intern_answer: Answer = _enum(Answer, default=Answer.PENDING)
    manager_user_id: str | None = Field(default=None, max_length=32)
    manager_answer: Answer | None = _enum(Answer, default=None)
    days: list[int] = _json()
    created_at: datetime = _utc()
    deadline: datetime | None = _utc(default=None)
    decided_at: datetime | None = _utc(default=None)
    # Where each side's buttons live, so the message can be updated to show the outcome.
    messages: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Placement(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    season_year: int = Field(index=True)
    proposal_id: int = Field(foreign_key="proposal.id", unique=True)
    slot_id: int = Field(foreign_key="hostslot.id", index=True)
    host_id: int = Field(foreign_key="participant.id", index=True)
    intern_id: int = Field(foreign_key="participant.id", index=True)
    days: list[int] = _json()
    status: PlacementStatus = _enum(PlacementStatus, default=PlacementStatus.CONFIRMED, index=True)
    confirmed_at: datetime = _utc()
    withdrawn_at: datetime | None = _utc(default=None)
    # The intern's learning goals for this visit: the wish's at confirmation, refined by her
    # until she evaluates the placement against them (bot.domain.placement.goals_editable).
    goals: str = ""
    goals_updated_at: datetime | None = _utc(default=None)


class CheckIn(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("placement_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    placement_id: int = Field(foreign_key="placement.id", index=True)
    role: Role = _enum(Role)  # host / intern / cohost
    rating: int
    comment: str = ""
    updated_at: datetime = _utc()


class Evaluation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("placement_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    placement_id: int = Field(foreign_key="placement.id", index=True)
    role: Role = _enum(Role)  # host / intern / cohost
    benefit: str = Field(max_length=16)  # ja / delvist / nej
    recommend: int  # 0–10
    text: str = ""
    goals_met: int | None = None  # 1–5, the intern's answer when she had goals
    take_home: str = ""  # the intern: "Hvad tager du med hjem?"
    inspiration: str = ""  # the host side: what the visit gave them (mutual inspiration)
    # The person allows COI to quote take_home / inspiration anonymously.
    quote_ok: bool = False
    updated_at: datetime = _utc()


class FollowUp(SQLModel, table=True):
    """The 90-day follow-up's answer: was something put into practice, and what."""

    __table_args__ = (UniqueConstraint("placement_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    placement_id: int = Field(foreign_key="placement.id", index=True)
    role: Role = _enum(Role)  # host / intern / cohost
    practised: str = Field(max_length=16)  # ja / delvist / nej
    what: str = ""
    quote_ok: bool = False
    updated_at: datetime = _utc()


class OutboxMessage(SQLModel, table=True):
    """One planned DM; the dispatcher claims due rows, sends them and records the outcome."""

    __table_args__ = (Index("ix_outbox_due", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)
    placement_id: int | None = Field(default=None, foreign_key="placement.id", index=True)
    recipient: str = Field(max_length=32, index=True)
    kind: str = Field(max_length=32)
    due_at: datetime = _utc()
    status: OutboxStatus = _enum(OutboxStatus, default=OutboxStatus.PLANNED)
    attempts: int = 0
    # Tries Slack answered "not now" (down, busy, unreachable): they use up no attempt and
    # only lengthen the wait before the next try (bot.outbox.dispatcher).
    outage_tries: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = _utc(default=None)
    sent_at: datetime | None = _utc(default=None)
    channel: str | None = Field(default=None, max_length=32)
    slack_ts: str | None = Field(default=None, max_length=32)
    reason: str = ""
    created_at: datetime = _utc()
    # A DM with fixed content is skipped from this moment on (bot.domain.timeline.fixed_until);
    # a placement's DMs are judged from the placement when sent, and leave it empty.
    send_until: datetime | None = _utc(default=None)
    # Content fixed when planned (a coordinator's announcement); timeline DMs leave it empty
    # and are drawn from the placement when sent, so they show the latest details.
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class AuditEntry(SQLModel, table=True):
    """Every coordinator action, allowed or refused."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _utc()
    actor: str = Field(max_length=32, index=True)
    action: str = Field(max_length=64)
    allowed: bool
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class HomeOpened(SQLModel, table=True):
    """Who has opened the app's Home tab. Slack sends app_home_opened at every opening and the
    tab is drawn then; after a change only these people's tabs are redrawn, as nobody else
    could be looking at one."""

    slack_user_id: str = Field(primary_key=True, max_length=32)
    first_opened_at: datetime = _utc()


class ErasedUser(SQLModel, table=True):
    """Someone who had their data erased and has not signed up since: a one-way hash of
    their Slack user ID and nothing else, so nothing links it to the anonymous figures kept.
    An old *Anmod* button pressed after the erasure then creates nobody and asks no host."""

    key: str = Field(primary_key=True, max_length=64)


class SteerKind(StrEnum):
    LOCK = "lock"  # a pair from the preview, kept whatever the mode does
    PLACE = "place"  # a pair the coordinator chose, possibly off the intern's list
    FORBID = "forbid"  # a pair never to propose


class MatchSteer(SQLModel, table=True):
    """The coordinator's hand on the next matching round of a season: a locked pair, a
    forbidden pair or a manual placement."""

    __table_args__ = (UniqueConstraint("season_year", "wish_id", "slot_id"),)

    id: int | None = Field(default=None, primary_key=True)
    season_year: int = Field(index=True)
    wish_id: int = Field(foreign_key="wish.id", index=True)
    slot_id: int = Field(foreign_key="hostslot.id")
    kind: SteerKind = _enum(SteerKind)
    actor: str = Field(default="", max_length=32)
    created_at: datetime = _utc()


class DmChannel(SQLModel, table=True):
    """The app's DM channel with a person, as conversations.open named it once: a file
    upload needs a channel ID (DMs go to the user ID), and conversations.open is Tier 3."""

    slack_user_id: str = Field(primary_key=True, max_length=32)
    channel_id: str = Field(max_length=32)


class SlackProfile(SQLModel, table=True):
    """A person's name and title as users.info last told them, and when: read from Slack
    again only once stale (users.info is rate-limited), not on every button press."""

    slack_user_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(default="", max_length=200)
    title: str = Field(default="", max_length=200)
    fetched_at: datetime = _utc()


class Workshop(SQLModel, table=True):
    """The season's kick-off workshop, where the year's interns and hosts meet (one a season)."""

    id: int | None = Field(default=None, primary_key=True)
    season_year: int = Field(unique=True)
    day: date
    time: str = Field(max_length=5)  # "HH:MM", Copenhagen
    place: str = Field(max_length=200)
    note: str = ""
    created_by: str = Field(default="", max_length=32)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class WorkshopAnswer(SQLModel, table=True):
    """A participant's *Jeg kommer* / *Jeg kommer ikke*; the newest answer counts."""

    __table_args__ = (UniqueConstraint("workshop_id", "slack_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    slack_user_id: str = Field(max_length=32)
    coming: bool
    answered_at: datetime = _utc()


class DaysChangeStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    SUPERSEDED = "superseded"  # a newer proposal for the same placement, or it was withdrawn


class DaysChange(SQLModel, table=True):
    """One side proposes other agreed days for a confirmed placement; the other side answers.
    The accepted ones count the calendar's SEQUENCE (bot/domain/ics.py)."""

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    proposer_user_id: str = Field(max_length=32)
    proposer_side: Role = _enum(Role)  # host / intern (a co-host speaks for "host")
    old_days: list[int] = _json()
    days: list[int] = _json()
    status: DaysChangeStatus = _enum(DaysChangeStatus, default=DaysChangeStatus.PENDING)
    created_at: datetime = _utc()
    decided_at: datetime | None = _utc(default=None)
    # Where the answering side's buttons are, so they can be replaced with the outcome.
    messages: list[Any] = _json()


class Programme(SQLModel, table=True):
    """What happens on each agreed day of a confirmed placement, and the practical block,
    written by the host or a co-host. `revision` counts the saved versions: the calendar's
    SEQUENCE rises with it, so each update replaces the events the last file made."""

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", unique=True)
    # [{"day": 1..5, "text": …, "time": …, "place": …}], the agreed days that have an entry.
    days: list[Any] = _json()
    address: str = Field(default="", max_length=PROGRAMME_FIELD_MAX)
    meeting_point: str = Field(default="", max_length=PROGRAMME_FIELD_MAX)
    phone: str = Field(default="", max_length=PROGRAMME_PHONE_MAX)
    revision: int = Field(default=1)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = _utc()


class NetworkEntry(SQLModel, table=True):
    """A participant who chose to be findable as a sparring partner by later participants.

    It holds its own copy of what it shows (name, title, workplace, what they did), not
    references: a season's data is anonymised once it is over, and this entry is the one thing
    a person keeps, by their own choice. It is refreshed when they take part again, and goes
    when they withdraw it or have their data erased."""

    id: int | None = Field(default=None, primary_key=True)
    slack_user_id: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(default="", max_length=200)
    title: str = Field(default="", max_length=200)
    workplace: str = Field(default="", max_length=200)
    sector: str | None = Field(default=None, max_length=16)
    municipality: str | None = Field(default=None, max_length=8)
    topics: list[str] = _json()
    # What they did, each {"role": "host" | "intern", "year": 2027, "workplace": "…"}.
    did: list[Any] = _json()
    opted_in_at: datetime = _utc()
    updated_at: datetime = _utc()
