"""The season's figures against the interns' learning goals: how far the goals were met
(1–5), whether something was put into practice 90 days on (ja / delvist / nej), each by
sector crossing, and the answers their writers allowed COI to quote (without names)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from sqlmodel import Session, col, select

from bot.domain.placement import Role
from models.tables import (
    Evaluation,
    FollowUp,
    HostSlot,
    Participant,
    Placement,
    PlacementStatus,
    SeasonSettings,
)

PRACTISED_ORDER = ("ja", "delvist", "nej")


class Crossing(StrEnum):
    ALL = "all"
    SAME = "same"  # the intern's own sector hosted her
    ACROSS = "across"  # another sector hosted her (the programme's purpose)


@dataclass(frozen=True, slots=True)
class Quote:
    role: Role  # the intern or the host (a co-host speaks as the host side)
    text: str


@dataclass(frozen=True)
class GoalFigures:
    placements_with_goals: int = 0
    goals_met: dict[Crossing, list[int]] = field(default_factory=dict)
    practised: dict[Crossing, Counter[str]] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    # The season's personal data was anonymised (retention): its quotes, free text, are gone.
    anonymised: bool = False

    def met(self, group: Crossing = Crossing.ALL) -> list[int]:
        return self.goals_met.get(group, [])

    def mean_met(self, group: Crossing = Crossing.ALL) -> float | None:
        found = self.met(group)
        return sum(found) / len(found) if found else None

    def distribution(self, group: Crossing = Crossing.ALL) -> list[int]:
        """How many answered 1, 2, 3, 4 and 5."""
        counted = Counter(self.met(group))
        return [counted.get(n, 0) for n in range(1, 6)]

    def practised_shares(self, group: Crossing = Crossing.ALL) -> dict[str, float | None]:
        """ja / delvist / nej as shares 0..1 of those who answered the follow-up."""
        counted = self.practised.get(group, Counter())
        total = sum(counted.values())
        return {k: (counted[k] / total if total else None) for k in PRACTISED_ORDER}

    def answered_followup(self, group: Crossing = Crossing.ALL) -> int:
        return sum(self.practised.get(group, Counter()).values())


def _groups(intern_sector: str | None, host_sector: str) -> tuple[Crossing, ...]:
    if not intern_sector:
        return (Crossing.ALL,)  # counted in the whole, not in either side of the split
    side = Crossing.SAME if intern_sector == host_sector else Crossing.ACROSS
    return (Crossing.ALL, side)


def goal_figures(session: Session, year: int) -> GoalFigures:
    rows = session.exec(
        select(Placement.id, Placement.goals, Participant.sector, HostSlot.sector)
        .join(Participant, col(Participant.id) == col(Placement.intern_id))
        .join(HostSlot, col(HostSlot.id) == col(Placement.slot_id))
        .where(Placement.season_year == year, Placement.status == PlacementStatus.CONFIRMED)
    ).all()
    groups = {pid: _groups(intern, host) for pid, _, intern, host in rows if pid is not None}
    ids = list(groups)
    met: dict[Crossing, list[int]] = {}
    practised: dict[Crossing, Counter[str]] = {}
    quotes: list[Quote] = []
    for e in session.exec(
        select(Evaluation)
        .where(col(Evaluation.placement_id).in_(ids))
        .order_by(col(Evaluation.placement_id), col(Evaluation.role))
    ):
        if e.role is Role.INTERN and e.goals_met is not None:
            for group in groups[e.placement_id]:
                met.setdefault(group, []).append(e.goals_met)
        said = e.take_home if e.role is Role.INTERN else e.inspiration
        if e.quote_ok and said:
            quotes.append(Quote(Role.INTERN if e.role is Role.INTERN else Role.HOST, said))
    for f in session.exec(
        select(FollowUp)
        .where(col(FollowUp.placement_id).in_(ids))
        .order_by(col(FollowUp.placement_id), col(FollowUp.role))
    ):
        for group in groups[f.placement_id]:
            practised.setdefault(group, Counter())[f.practised] += 1
        if f.quote_ok and f.what:
            quotes.append(Quote(Role.INTERN if f.role is Role.INTERN else Role.HOST, f.what))
    return GoalFigures(
        placements_with_goals=sum(1 for _, goals, _, _ in rows if goals),
        goals_met=met,
        practised=practised,
        quotes=quotes,
        anonymised=getattr(session.get(SeasonSettings, year), "anonymised_at", None) is not None,
    )
