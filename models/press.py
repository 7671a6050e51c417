"""*Anmod* in one transaction: the intern's stored profile, the request itself, and whose
App Home to redraw. Each was a transaction of its own (three per press, a third of the
press's CPU spent setting up sessions and round trips).

A press is the app's commonest write, so its statements are few and built once, with
parameters: SQLAlchemy then computes each one's cache key once, not per press."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, select
from sqlmodel import Session, col

from models.deals import Deal, Outcome, Refusal, Result
from models.erasures import erased_key
from models.repo import Profile, ensure_participant
from models.tables import (
    Answer,
    ErasedUser,
    HomeOpened,
    HostSlot,
    Participant,
    Placement,
    PlacementStatus,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
    SlackProfile,
    SlotStatus,
    Wish,
)

# The slot, its host, and whether the presser had their data erased (models.erasures).
_SLOT = (
    select(
        HostSlot,
        Participant,
        select(col(ErasedUser.key)).where(col(ErasedUser.key) == bindparam("erased_key")).exists(),
    )
    .join(Participant, col(Participant.id) == col(HostSlot.host_id))
    .where(col(HostSlot.id) == bindparam("slot_id"))
)
# After the intern's row is locked: placed this season already? a pending request for this
# slot already? their wish, if any.
_SEEN = (
    select(
        select(col(Placement.id))
        .where(
            col(Placement.intern_id) == bindparam("intern_id"),
            col(Placement.season_year) == bindparam("year"),
            col(Placement.status) == PlacementStatus.CONFIRMED,
        )
        .exists(),
        select(col(Proposal.id))
        .where(
            col(Proposal.slot_id) == bindparam("slot_id"),
            col(Proposal.intern_id) == bindparam("intern_id"),
            col(Proposal.status) == ProposalStatus.PENDING,
        )
        .limit(1)
        .scalar_subquery(),
        Wish,
    )
    .select_from(Participant)
    .outerjoin(
        Wish,
        and_(
            col(Wish.intern_id) == col(Participant.id),
            col(Wish.season_year) == bindparam("year"),
        ),
    )
    .where(col(Participant.id) == bindparam("intern_id"))
)
# The press's two plain reads as Core statements built once (models.profiles.stored_profile
# and models.home.opened_of read the same through the ORM): no entity to load, and the
# statement's cache key is computed once, not per press.
_PROFILE = select(
    col(SlackProfile.name), col(SlackProfile.title), col(SlackProfile.fetched_at)
).where(col(SlackProfile.slack_user_id) == bindparam("user_id"))
_OPENED = select(col(HomeOpened.slack_user_id)).where(
    col(HomeOpened.slack_user_id).in_(bindparam("user_ids", expanding=True))
)


@dataclass(frozen=True)
class Pressed:
    # None: no stored profile read from Slack since `fresh_since`; nothing was written.
    # The caller reads Slack (bot.slack.people) and presses again with the profile.
    result: Result | None
    intern: Profile | None = None
    opened: frozenset[str] = frozenset()  # those concerned who have opened their App Home


def press_request(
    session: Session,
    *,
    slot_id: int,
    user_id: str,
    intern: Profile | None,
    fresh_since: datetime,
    year: int,
    now: datetime,
    approval_required: bool,
) -> Pressed:
    """`intern`: the profile if the process knows it already, else read here when fresh."""
    if intern is None:
        stored = session.connection().execute(_PROFILE, {"user_id": user_id}).first()
        if stored is None or stored.fetched_at < fresh_since:
            return Pressed(None)
        intern = Profile(slack_user_id=user_id, name=stored.name, title=stored.title)
    result = request_slot(
        session,
        slot_id=slot_id,
        intern=intern,
        year=year,
        now=now,
        approval_required=approval_required,
    )
    if result.refusal is not None or result.deal is None:
        return Pressed(result, intern)
    deal = result.deal
    concerned = {deal.host.slack_user_id, deal.slot.cohost_user_id, user_id} - {None}
    wanted = sorted(u for u in concerned if u)
    opened = session.connection().execute(_OPENED, {"user_ids": wanted}).scalars()
    return Pressed(result, intern, frozenset(opened))


def _refuse(refusal: Refusal, deal: Deal | None = None) -> Result:
    return Result(outcome=None, deal=deal, refusal=refusal)


def request_slot(
    session: Session,
    *,
    slot_id: int,
    intern: Profile,
    year: int,
    now: datetime,
    approval_required: bool,
) -> Result:
    row = session.execute(
        _SLOT, {"slot_id": slot_id, "erased_key": erased_key(intern.slack_user_id)}
    ).first()
    if row is None:
        return _refuse(Refusal.NOT_OPEN)
    slot, host, erased = row[0], row[1], row[2]
    if slot.status != SlotStatus.OPEN or slot.season_year != year:
        return _refuse(Refusal.NOT_OPEN)
    if host.slack_user_id == intern.slack_user_id:
        return _refuse(Refusal.OWN_SLOT)
    if slot.confirmed >= slot.capacity:
        return _refuse(Refusal.FULL)
    if erased:
        return _refuse(Refusal.ERASED)
    # One request of an intern at a time (a double click reaching two processes): the
    # person's row is locked, so the second then sees the first one's pending proposal
    # below instead of adding another. The reads below are statements of their own, after
    # the lock: each sees what the first one committed.
    person = ensure_participant(session, profile=intern, now=now, lock=True)
    assert person.id is not None and slot.id is not None
    seen = session.execute(
        _SEEN, {"intern_id": person.id, "slot_id": slot.id, "year": year}
    ).first()
    assert seen is not None
    if seen[0]:
        return _refuse(Refusal.ALREADY_PLACED)
    wish: Wish | None = seen[2]
    existing = session.get(Proposal, seen[1]) if seen[1] is not None else None
    if existing is not None:
        return _refuse(Refusal.ALREADY_REQUESTED, Deal(existing, slot, host, person, wish))
    days = sorted(set(slot.days) & set(wish.days)) if wish else sorted(slot.days)
    if not days:
        return _refuse(Refusal.NO_COMMON_DAY)
    manager = wish.manager_user_id if wish else None
    if approval_required and manager is None:
        return _refuse(Refusal.NEED_MANAGER)
    proposal = Proposal(
        season_year=year,
        slot_id=slot.id,
        intern_id=person.id,
        origin=ProposalOrigin.REQUEST,
        intern_answer=Answer.ACCEPTED,  # asking is saying yes
        manager_user_id=manager if approval_required else None,
        manager_answer=Answer.PENDING if approval_required else None,
        days=days,
        created_at=now,
    )
    session.add(proposal)
    session.flush()
    return Result(Outcome.CREATED, Deal(proposal, slot, host, person, wish))
