"""Check-ins and evaluations per placement and role, the placement context the timeline DMs
are built from, and the figures the coordinators' statistics show."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Final, cast

from sqlalchemy import or_
from sqlmodel import Session, col, select

from bot.domain.placement import Role
from models import participants, seasons
from models.hosts import with_cohosts
from models.placements import Deal
from models.programme import programmes_of
from models.tables import (
    CheckIn,
    Evaluation,
    FollowUp,
    HostSlot,
    Participant,
    Placement,
    PlacementStatus,
    Programme,
    Proposal,
    SeasonSettings,
    Wish,
)

RATINGS = range(1, 6)
RECOMMEND = range(11)
PROMOTER_FROM = 9  # NPS: 9–10 promote, 0–6 detract
DETRACTOR_UNTIL = 6


class Benefit(StrEnum):
    YES = "ja"
    PARTLY = "delvist"
    NO = "nej"


@dataclass(frozen=True, slots=True)
class PlacementContext:
    """A placement with everything its DMs and forms show, read in one transaction."""

    placement: Placement
    deal: Deal
    overrides: SeasonSettings
    checkins: dict[str, CheckIn] = field(default_factory=dict)
    evaluations: dict[str, Evaluation] = field(default_factory=dict)
    followups: dict[str, FollowUp] = field(default_factory=dict)
    programme: Programme | None = None  # the host side's programme for the days, if written

    @property
    def id(self) -> int:
        assert self.placement.id is not None
        return self.placement.id

    @property
    def confirmed(self) -> bool:
        return self.placement.status == PlacementStatus.CONFIRMED

    def role_of(self, user_id: str) -> Role | None:
        return role_in(
            user_id,
            host=self.deal.host.slack_user_id,
            intern=self.deal.intern.slack_user_id,
            cohost=self.deal.slot.cohost_user_id,
        )


def role_in(user_id: str, *, host: str, intern: str, cohost: str | None) -> Role | None:
    """A user's part in a placement (None: no part in it)."""
    if user_id == host:
        return Role.HOST
    if user_id == intern:
        return Role.INTERN
    if user_id and user_id == cohost:
        return Role.COHOST
    return None


def placement_contexts(
    session: Session, *, placement_ids: Iterable[int]
) -> dict[int, PlacementContext]:
    """The placements asked for (withdrawn ones too: the caller decides what that means)."""
    wanted = sorted(set(placement_ids))
    if not wanted:
        return {}
    placements = session.exec(select(Placement).where(col(Placement.id).in_(wanted))).all()
    checkins: dict[int, dict[str, CheckIn]] = {}
    for checkin in session.exec(select(CheckIn).where(col(CheckIn.placement_id).in_(wanted))):
        checkins.setdefault(checkin.placement_id, {})[checkin.role] = checkin
    evaluations: dict[int, dict[str, Evaluation]] = {}
    for evaluation in session.exec(
        select(Evaluation).where(col(Evaluation.placement_id).in_(wanted))
    ):
        evaluations.setdefault(evaluation.placement_id, {})[evaluation.role] = evaluation
    followups: dict[int, dict[str, FollowUp]] = {}
    for followup in session.exec(select(FollowUp).where(col(FollowUp.placement_id).in_(wanted))):
        followups.setdefault(followup.placement_id, {})[followup.role] = followup
    deals = _deals(session, placements)
    programmes = programmes_of(session, proposal_ids=[p.proposal_id for p in placements])
    overrides: dict[int, SeasonSettings] = {}
    found: dict[int, PlacementContext] = {}
    for placement in placements:
        assert placement.id is not None
        deal = deals.get(placement.id)
        if deal is None:
            continue
        year = placement.season_year
        if year not in overrides:
            overrides[year] = seasons.season_settings(session, year=year)
        found[placement.id] = PlacementContext(
            placement=placement,
            deal=deal,
            overrides=overrides[year],
            checkins=checkins.get(placement.id, {}),
            evaluations=evaluations.get(placement.id, {}),
            followups=followups.get(placement.id, {}),
            programme=programmes.get(placement.proposal_id),
        )
    return found


def _deals(session: Session, placements: Sequence[Placement]) -> dict[int, Deal]:
    """The deal behind each placement, in five queries however many placements there are
    (the dispatcher loads a whole batch at once)."""
    proposals = {
        p.id: p
        for p in session.exec(
            select(Proposal).where(col(Proposal.id).in_([p.proposal_id for p in placements]))
        )
    }
    slots = {
        s.id: s
        for s in session.exec(
            select(HostSlot).where(col(HostSlot.id).in_([p.slot_id for p in placements]))
        )
    }
    people_ids = {p.host_id for p in placements} | {p.intern_id for p in placements}
    people = {
        p.id: p
        for p in session.exec(select(Participant).where(col(Participant.id).in_(people_ids)))
    }
    wishes = {
        (w.intern_id, w.season_year): w
        for w in session.exec(
            select(Wish).where(col(Wish.intern_id).in_([p.intern_id for p in placements]))
        )
    }
    deals: dict[int, Deal] = {}
    for placement in placements:
        proposal = proposals.get(placement.proposal_id)
        slot = slots.get(placement.slot_id)
        host = people.get(slot.host_id) if slot is not None else None
        intern = people.get(placement.intern_id)
        if placement.id is None or proposal is None or slot is None or host is None:
            continue
        if intern is None:
            continue
        wish = wishes.get((intern.id or 0, placement.season_year))
        deals[placement.id] = Deal(proposal, slot, host, intern, wish)
    return dict(zip(deals, with_cohosts(session, list(deals.values())), strict=True))


def placement_context(session: Session, *, placement_id: int) -> PlacementContext | None:
    return placement_contexts(session, placement_ids=[placement_id]).get(placement_id)


def placements_of(
    session: Session, *, user_id: str, years: Iterable[int]
) -> list[PlacementContext]:
    """The user's confirmed placements, as host, co-host or intern, in the given season
    years."""
    person = participants.participant(session, slack_user_id=user_id)
    me = person.id if person is not None and person.id is not None else -1
    cohosted = select(HostSlot.id).where(HostSlot.cohost_user_id == user_id)
    ids = session.exec(
        select(Placement.id)
        .where(
            or_(
                col(Placement.host_id) == me,
                col(Placement.intern_id) == me,
                col(Placement.slot_id).in_(cohosted),
            ),
            col(Placement.season_year).in_(list(years)),
            Placement.status == PlacementStatus.CONFIRMED,
        )
        .order_by(col(Placement.id))
    ).all()
    contexts = placement_contexts(session, placement_ids=[i for i in ids if i is not None])
    return [contexts[i] for i in ids if i is not None and i in contexts]


# Saving answers ---------------------------------------------------------------------------


class SaveRefusal(StrEnum):
    UNKNOWN = "unknown"  # no such placement, or it was withdrawn
    NOT_YOURS = "not_yours"
    CLOSED = "closed"


def _lock_placement(
    session: Session, *, placement_id: int, user_id: str
) -> tuple[Placement, Role] | SaveRefusal:
    # The row lock on the placement serialises two answers to the same placement (two quick
    # presses), so the check-then-insert below never trips the unique constraint.
    placement = session.exec(
        select(Placement).where(Placement.id == placement_id).with_for_update()
    ).first()
    if placement is None or placement.status != PlacementStatus.CONFIRMED:
        return SaveRefusal.UNKNOWN
    people = {
        p.id: p.slack_user_id
        for p in session.exec(
            select(Participant).where(
                col(Participant.id).in_([placement.host_id, placement.intern_id])
            )
        )
    }
    cohost = session.exec(
        select(HostSlot.cohost_user_id).where(HostSlot.id == placement.slot_id)
    ).first()
    role = role_in(
        user_id,
        host=people.get(placement.host_id, ""),
        intern=people.get(placement.intern_id, ""),
        cohost=cohost,
    )
    return SaveRefusal.NOT_YOURS if role is None else (placement, role)


# Values a column may hold; the forms offer only these, so another is a programming error.
_ALLOWED: Final[dict[str, range]] = {
    "rating": RATINGS,
    "recommend": RECOMMEND,
    "goals_met": RATINGS,
}
Answered = CheckIn | Evaluation | FollowUp
AnswerTable = type[CheckIn] | type[Evaluation] | type[FollowUp]
# The columns without a default: a first answer must give them.
_FIRST_NEEDS: Final[dict[type[Answered], tuple[str, ...]]] = {
    CheckIn: ("rating",),
    Evaluation: ("benefit", "recommend"),
    FollowUp: ("practised",),
}


def save_answer(
    session: Session,
    *,
    table: AnswerTable,
    placement_id: int,
    user_id: str,
    values: Mapping[str, int | str | bool],
    now: datetime,
    closes_at: datetime,
) -> Answered | SaveRefusal:
    """Record or change one side's check-in or evaluation. A column left out keeps what is
    stored (a press of a rating button keeps the comment); a first answer needs every
    column that has no default (a comment needs a rating, given or stored)."""
    if now >= closes_at:
        return SaveRefusal.CLOSED
    for column, allowed in _ALLOWED.items():
        if column in values and values[column] not in allowed:
            raise ValueError(f"{column} must be {allowed.start}..{allowed.stop - 1}")
    locked = _lock_placement(session, placement_id=placement_id, user_id=user_id)
    if isinstance(locked, SaveRefusal):
        return locked
    _, role = locked
    answer = cast(
        Answered | None,
        session.exec(
            select(table).where(col(table.placement_id) == placement_id, col(table.role) == role)
        ).first(),
    )
    if answer is None:
        missing = [column for column in _FIRST_NEEDS[table] if column not in values]
        if missing:
            raise ValueError(f"a first {table.__name__} needs {', '.join(missing)}")
        first = {"placement_id": placement_id, "role": role, "updated_at": now, **values}
        answer = table.model_validate(first)
    for column, value in values.items():
        setattr(answer, column, value)
    answer.updated_at = now
    session.add(answer)
    session.flush()
    return answer


# The coordinators' figures ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedbackSummary:
    """Answers of one season's confirmed placements; shares are 0..1, None without answers."""

    checkins: int
    checkin_average: float | None
    evaluations: int
    benefit_share: float | None  # answered "ja" to "Fik du konkret udbytte?"
    partly_share: float | None  # answered "delvist"
    recommend_share: float | None  # 9–10 on "Vil du anbefale det?"
    nps: float | None  # % promoters (9–10) − % detractors (0–6), −100..100


def feedback_answers(session: Session, year: int) -> tuple[list[int], list[tuple[str, int]]]:
    """Check-in ratings and (benefit, recommend) evaluation answers of the season's confirmed
    placements."""
    confirmed = select(Placement.id).where(
        Placement.season_year == year, Placement.status == PlacementStatus.CONFIRMED
    )
    ratings = list(
        session.exec(select(CheckIn.rating).where(col(CheckIn.placement_id).in_(confirmed))).all()
    )
    answers = list(
        session.exec(
            select(Evaluation.benefit, Evaluation.recommend).where(
                col(Evaluation.placement_id).in_(confirmed)
            )
        ).all()
    )
    return ratings, answers


def feedback_summary(session: Session, year: int) -> FeedbackSummary:
    ratings, answers = feedback_answers(session, year)
    n = len(answers)

    def share(count: int) -> float | None:
        return count / n if n else None

    promoters = sum(1 for _, r in answers if r >= PROMOTER_FROM)
    detractors = sum(1 for _, r in answers if r <= DETRACTOR_UNTIL)
    return FeedbackSummary(
        checkins=len(ratings),
        checkin_average=sum(ratings) / len(ratings) if ratings else None,
        evaluations=n,
        benefit_share=share(sum(1 for b, _ in answers if b == Benefit.YES)),
        partly_share=share(sum(1 for b, _ in answers if b == Benefit.PARTLY)),
        recommend_share=share(promoters),
        nps=100.0 * (promoters - detractors) / n if n else None,
    )
