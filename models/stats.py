"""The season's figures for the coordinators, and the rows of the placements export.

The one place these are counted: `/praktik admin stats`, App Home's coordinator section and
both exports (Slack and CLI) read them from here; check-ins and evaluations come from
models.feedback.feedback_summary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from models import network
from models.feedback import FeedbackSummary, feedback_summary
from models.goal_figures import GoalFigures, goal_figures
from models.seasons import season_interns
from models.tables import (
    CheckIn,
    Evaluation,
    FollowUp,
    HostSlot,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Placement,
    PlacementStatus,
    Proposal,
    ProposalStatus,
    SlotStatus,
    Wish,
)
from models.undelivered import refused_prefix

UNKNOWN_SECTOR = ""
# A proposal is decided once it can no longer become a placement for a reason of its own;
# withdrawn ones (someone left the programme) and pending ones are not counted.
DECIDED = (
    ProposalStatus.CONFIRMED,
    ProposalStatus.DECLINED,
    ProposalStatus.EXPIRED,
    ProposalStatus.FULL,
)


@dataclass(frozen=True, slots=True)
class PlacedPair:
    """A confirmed placement as the figures need it: who, where, and the intern's wish."""

    slot_id: int
    host_sector: str
    intern_sector: str  # UNKNOWN_SECTOR when not given
    wish: Wish | None
    intern: Participant


@dataclass(frozen=True, slots=True)
class FailedDM:
    """A DM the dispatcher gave up on (the recipient left Slack, …), for the coordinators."""

    recipient: str
    kind: str
    reason: str


@dataclass(frozen=True)
class SeasonStats:
    year: int
    hosts_by_sector: dict[str, int] = field(default_factory=dict)  # open host slots
    interns_by_sector: dict[str, int] = field(default_factory=dict)  # active wishes
    seats: int = 0
    placements: list[PlacedPair] = field(default_factory=list)
    proposals: dict[str, int] = field(default_factory=dict)  # status -> count
    slots: list[HostSlot] = field(default_factory=list)  # every slot of the season
    feedback: FeedbackSummary | None = None
    goals: GoalFigures | None = None  # against the interns' learning goals
    failed_dms: list[FailedDM] = field(default_factory=list)
    # People findable in the network, over every season (an entry outlives its season).
    network: int = 0

    @property
    def hosts(self) -> int:
        return sum(self.hosts_by_sector.values())

    @property
    def interns(self) -> int:
        return sum(self.interns_by_sector.values())

    @property
    def placed(self) -> int:
        return len(self.placements)

    @property
    def hosts_placed(self) -> int:
        return len({p.slot_id for p in self.placements})

    @property
    def cross_sector(self) -> tuple[int, int]:
        """(placements crossing sector, placements whose intern's sector is known)."""
        known = [p for p in self.placements if p.intern_sector != UNKNOWN_SECTOR]
        return sum(p.intern_sector != p.host_sector for p in known), len(known)

    @property
    def flows(self) -> Counter[tuple[str, str]]:
        """(intern's sector, host's sector) -> placements."""
        return Counter((p.intern_sector, p.host_sector) for p in self.placements)

    @property
    def acceptance(self) -> tuple[int, int]:
        """(confirmed, decided) proposals."""
        return self.proposals.get(ProposalStatus.CONFIRMED, 0), sum(
            self.proposals.get(s, 0) for s in DECIDED
        )

    @property
    def pending(self) -> int:
        return self.proposals.get(ProposalStatus.PENDING, 0)


def season_stats(session: Session, *, year: int, with_feedback: bool = True) -> SeasonStats:
    slots = list(
        session.exec(
            select(HostSlot).where(HostSlot.season_year == year).order_by(col(HostSlot.id))
        ).all()
    )
    interns = session.exec(
        select(Participant.sector).where(col(Participant.id).in_(season_interns(year)))
    ).all()
    by_slot = {s.id: s for s in slots}
    wishes = {
        w.intern_id: w for w in session.exec(select(Wish).where(Wish.season_year == year)).all()
    }
    placements: list[PlacedPair] = []
    for placement, intern in session.exec(
        select(Placement, Participant)
        .join(Participant, col(Participant.id) == Placement.intern_id)
        .where(Placement.season_year == year, Placement.status == PlacementStatus.CONFIRMED)
        .order_by(col(Placement.id))
    ).all():
        slot = by_slot.get(placement.slot_id)
        if slot is None or intern.id is None:
            continue
        sector = intern.sector or UNKNOWN_SECTOR
        placements.append(
            PlacedPair(placement.slot_id, slot.sector, sector, wishes.get(intern.id), intern)
        )
    # A host counts while the slot is offered, and for good once a placement there is agreed:
    # withdrawing or erasing after the week takes the slot off the list, not out of the season.
    placed = {pair.slot_id for pair in placements}
    counted_slots = [s for s in slots if s.status == SlotStatus.OPEN or s.id in placed]
    statuses = session.exec(select(Proposal.status).where(Proposal.season_year == year)).all()
    return SeasonStats(
        year=year,
        hosts_by_sector=dict(Counter(s.sector for s in counted_slots)),
        interns_by_sector=dict(Counter(sector or UNKNOWN_SECTOR for sector in interns)),
        seats=sum(s.capacity for s in counted_slots),
        placements=placements,
        proposals=dict(Counter(str(s) for s in statuses)),
        slots=slots,
        feedback=feedback_summary(session, year) if with_feedback else None,
        goals=goal_figures(session, year) if with_feedback else None,
        failed_dms=failed_dms(session, year=year),
        network=network.count(session),
    )


def failed_dms(session: Session, *, year: int) -> list[FailedDM]:
    """The season's failed DMs: its placements' timeline, its announcements and the
    requests and proposals Slack refused (models.undelivered)."""
    rows = session.exec(
        select(OutboxMessage)
        .outerjoin(Placement, col(Placement.id) == col(OutboxMessage.placement_id))
        .where(
            OutboxMessage.status == OutboxStatus.FAILED,
            or_(
                col(Placement.season_year) == year,
                and_(
                    col(OutboxMessage.placement_id).is_(None),
                    or_(
                        col(OutboxMessage.key).startswith(f"besked:{year}:"),
                        col(OutboxMessage.key).startswith(refused_prefix(year)),
                    ),
                ),
            ),
        )
        .order_by(col(OutboxMessage.due_at), col(OutboxMessage.id))
    ).all()
    return [FailedDM(r.recipient, r.kind, r.reason) for r in rows]


# Export ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportRow:
    placement: Placement
    proposal: Proposal | None
    slot: HostSlot
    host: Participant
    intern: Participant
    checkins: dict[str, CheckIn]
    evaluations: dict[str, Evaluation]
    followups: dict[str, FollowUp] = field(default_factory=dict)


def export_rows(session: Session, *, year: int) -> list[ExportRow]:
    """Every placement of the season (withdrawn ones too, marked so) with its answers."""
    placements = session.exec(
        select(Placement).where(Placement.season_year == year).order_by(col(Placement.id))
    ).all()
    ids = [p.id for p in placements]
    people_ids = {p.host_id for p in placements} | {p.intern_id for p in placements}
    people = {
        p.id: p
        for p in session.exec(select(Participant).where(col(Participant.id).in_(people_ids)))
    }
    slots = {
        s.id: s
        for s in session.exec(
            select(HostSlot).where(col(HostSlot.id).in_({p.slot_id for p in placements}))
        )
    }
    proposals = {
        p.id: p
        for p in session.exec(
            select(Proposal).where(col(Proposal.id).in_({p.proposal_id for p in placements}))
        )
    }
    checkins: dict[int, dict[str, CheckIn]] = {}
    for c in session.exec(select(CheckIn).where(col(CheckIn.placement_id).in_(ids))):
        checkins.setdefault(c.placement_id, {})[c.role] = c
    evaluations: dict[int, dict[str, Evaluation]] = {}
    for e in session.exec(select(Evaluation).where(col(Evaluation.placement_id).in_(ids))):
        evaluations.setdefault(e.placement_id, {})[e.role] = e
    followups: dict[int, dict[str, FollowUp]] = {}
    for f in session.exec(select(FollowUp).where(col(FollowUp.placement_id).in_(ids))):
        followups.setdefault(f.placement_id, {})[f.role] = f
    rows = []
    for p in placements:
        slot, host, intern = slots.get(p.slot_id), people.get(p.host_id), people.get(p.intern_id)
        if slot is None or host is None or intern is None or p.id is None:
            continue
        rows.append(
            ExportRow(
                placement=p,
                proposal=proposals.get(p.proposal_id),
                slot=slot,
                host=host,
                intern=intern,
                checkins=checkins.get(p.id, {}),
                evaluations=evaluations.get(p.id, {}),
                followups=followups.get(p.id, {}),
            )
        )
    return rows
