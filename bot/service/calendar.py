"""The calendar files of a placement: sent to both sides when it is confirmed, and a
cancellation of the same events when it is withdrawn (after the transaction committed)."""

from __future__ import annotations

from dataclasses import replace

from bot import ics
from bot.season import Season
from bot.service import Env
from bot.service.files import upload
from bot.texts import calendar as t
from bot.views.common import place_text
from models.proposals import Deal

FIRST, CANCELLED = 0, 1  # SEQUENCE of the confirmation's events, and of their cancellation


def visits(deal: Deal, season: Season) -> list[tuple[str, ics.Visit]]:
    """(recipient, what their calendar shows) for the host and the intern."""
    days = [season.day(d) for d in sorted(deal.proposal.days) if 1 <= d <= 5]
    proposal_id = deal.proposal.id or 0
    host, intern = deal.host, deal.intern
    host_name = host.name or host.slack_user_id
    intern_name = intern.name or intern.slack_user_id
    workplace = deal.slot.workplace
    where = t.location(workplace, place_text(deal.slot.municipality, deal.slot.region))
    found = [
        (
            host.slack_user_id,
            ics.Visit(
                proposal_id=proposal_id,
                side="host",
                days=days,
                summary=t.summary_host(intern_name),
                description=t.description_host(intern_name, workplace),
                location=where,
                other=intern_name,
                other_id=intern.slack_user_id,
            ),
        ),
        (
            intern.slack_user_id,
            ics.Visit(
                proposal_id=proposal_id,
                side="intern",
                days=days,
                summary=t.summary_intern(workplace),
                description=t.description_intern(host_name, workplace),
                location=where,
                other=host_name,
                other_id=host.slack_user_id,
            ),
        ),
    ]
    cohost = deal.slot.cohost_user_id
    if cohost:  # the co-host's calendar shows the host's side, as events of their own
        found.append((cohost, replace(found[0][1], side="cohost")))
    return found


async def send_calendar(env: Env, *, deal: Deal, season: Season, cancelled: bool) -> None:
    """Both sides get their .ics file in their DM with the app."""
    method, sequence = ("CANCEL", CANCELLED) if cancelled else ("REQUEST", FIRST)
    for user, visit in visits(deal, season):
        content = ics.calendar(
            visit,
            method=method,
            sequence=sequence,
            stamp=env.now(),
            organizer_name=t.ORGANIZER_NAME,
        )
        await upload(
            env,
            user_id=user,
            file=content,
            filename=t.filename(deal.proposal.season_year, cancelled),
            title=t.CALENDAR_NAME,
            initial_comment=t.COMMENT_CANCEL if cancelled else t.comment_invite(len(visit.days)),
        )
