"""Whoever hosts a deal: the host and the slot's co-host, as people the intern's messages,
status and calendar can name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlmodel import Session, col, select

from models.placements import Deal
from models.tables import Participant, SlackProfile


def cohost_people(session: Session, *, user_ids: Sequence[str]) -> dict[str, Participant]:
    """Co-hosts as people: their participant row if they signed up themselves, else a
    detached one named from their stored Slack profile (a co-host need never sign up)."""
    wanted = sorted(set(user_ids))
    if not wanted:
        return {}
    found = {
        p.slack_user_id: p
        for p in session.exec(select(Participant).where(col(Participant.slack_user_id).in_(wanted)))
    }
    missing = [u for u in wanted if u not in found]
    if missing:
        for profile in session.exec(
            select(SlackProfile).where(col(SlackProfile.slack_user_id).in_(missing))
        ):
            found[profile.slack_user_id] = Participant(
                slack_user_id=profile.slack_user_id, name=profile.name, title=profile.title
            )
    return {u: found.get(u) or Participant(slack_user_id=u) for u in wanted}


def with_cohosts(session: Session, deals: Sequence[Deal]) -> list[Deal]:
    """The deals with their slot's co-host filled in (one query for all of them)."""
    people = cohost_people(
        session, user_ids=[d.slot.cohost_user_id for d in deals if d.slot.cohost_user_id]
    )
    return [
        replace(d, cohost=people[d.slot.cohost_user_id]) if d.slot.cohost_user_id else d
        for d in deals
    ]


def with_cohost(session: Session, deal: Deal) -> Deal:
    return with_cohosts(session, [deal])[0]


def hosts(deal: Deal) -> list[Participant]:
    """Whoever hosts the deal's intern: the host, and the co-host if the slot has one."""
    cohost = deal.slot.cohost_user_id
    if not cohost:
        return [deal.host]
    if deal.cohost is None or deal.cohost.slack_user_id != cohost:
        return [deal.host, Participant(slack_user_id=cohost)]  # not looked up: the ID only
    return [deal.host, deal.cohost]
