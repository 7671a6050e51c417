"""An intern's wish for the season: saving it, and the slots not to suggest to her again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from models.erasures import signed_up_again
from models.forms import WISH_TEXTS, WishForm
from models.participants import Profile, ensure_participant
from models.tables import Answer, Participant, Proposal, ProposalStatus, Wish, WishStatus


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
    wish.manager_user_id = form.manager_user_id
    for name in WISH_TEXTS:
        setattr(wish, name, getattr(form, name))
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
    superseded one is no reason (bot.domain.placement: a closed one never blocks the pair)."""
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
