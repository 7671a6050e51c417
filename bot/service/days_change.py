"""Changing a confirmed placement's days: *Ret dage* → modal → the other side's
*Acceptér*/*Afslå* → the new days, the moved DM plan and a calendar update for everyone."""

from __future__ import annotations

from functools import partial

from bot.domain.placement import Role
from bot.domain.season import Season
from bot.process.current import season_of
from bot.service import Env
from bot.service.calendar import send_days_changed
from bot.service.cohosts import host_side
from bot.service.home import refresh_homes
from bot.slack import dm
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.views import days_change as views
from bot.views.common import notice
from bot.views.days_change import DaysBlock
from bot.views.refusals import refusal_text
from models import days_change as repo
from models.days_change import Changing, DaysRefusal
from models.placements import Deal


def _other_side(deal: Deal, side: Role) -> list[str]:
    """Who answers a proposal from `side`: the intern, or the host and co-host (first counts)."""
    return [deal.intern.slack_user_id] if side is Role.HOST else host_side(deal)


def _everyone(deal: Deal) -> list[str]:
    return [*host_side(deal), deal.intern.slack_user_id]


async def _own_season(env: Env, deal: Deal) -> Season:
    season, _ = await env.season(deal.proposal.season_year)
    return season


async def open_modal(
    env: Env, *, user_id: str, proposal_id: int, trigger_id: str
) -> Message | None:
    """The modal, or the reason it cannot open (for an ephemeral)."""
    found = await env.db.read(
        repo.changeable, proposal_id=proposal_id, user_id=user_id, now=env.now()
    )
    if isinstance(found, DaysRefusal):
        return notice(refusal_text(found))
    side = repo.side_of(found, user_id)
    season = await _own_season(env, found)
    await env.client.views_open(
        trigger_id=trigger_id, view=views.modal(found, season, side).to_dict()
    )
    return None


async def submit(env: Env, *, user_id: str, state: ViewState) -> dict[str, str] | None:
    """Propose the ticked days; a refusal is shown inline on the days field."""
    proposal_id = state.metadata_id
    found = await env.db.run(
        repo.propose,
        proposal_id=proposal_id,
        user_id=user_id,
        values=views.chosen_days(state),
        now=env.now(),
    )
    if isinstance(found, DaysRefusal):
        return {DaysBlock.DAYS: refusal_text(found)}
    change, deal = found.change, found.deal
    assert change.id is not None
    season = await _own_season(env, deal)
    question = views.question(change, season)
    answering = _other_side(deal, change.proposer_side)
    for user in answering:
        sent = await dm.send(env.client, user, question)
        if sent is not None:
            await env.db.run(
                repo.remember_message, change_id=change.id, channel=sent[0], ts=sent[1]
            )
    await dm.send(env.client, user_id, views.sent(change, season, answering))
    return None


async def answer(env: Env, *, user_id: str, change_id: int, accept: bool) -> Message | None:
    """*Acceptér*/*Afslå*; an ephemeral for the presser when nothing changed, else None."""
    season, _ = await env.season()
    found = await env.db.run(
        repo.decide,
        change_id=change_id,
        user_id=user_id,
        accept=accept,
        season=season,
        seasons=partial(season_of, env.settings),
        now=env.now(),
    )
    if found is DaysRefusal.ALREADY_DECIDED:
        return None  # a second press or a retried payload: the first one told everyone
    if isinstance(found, DaysRefusal):
        return notice(refusal_text(found))
    await _tell(env, found, user_id, accept)
    return None


async def _tell(env: Env, found: Changing, user_id: str, accept: bool) -> None:
    change, deal = found.change, found.deal
    season = await _own_season(env, deal)
    answered = views.answered(change, season, user_id=user_id, accept=accept)
    for where in change.messages:
        await dm.update(env.client, where["channel"], where["ts"], answered)
    if not accept:  # the proposing side hears it: the host and co-host hear it together
        proposers = (
            host_side(deal) if change.proposer_side is Role.HOST else [deal.intern.slack_user_id]
        )
        for user in proposers:
            await dm.send(env.client, user, views.declined(change, season, user_id=user_id))
        return
    removed = sorted(set(change.old_days) - set(change.days))
    for user in _everyone(deal):  # the news first, then the calendar file that goes with it
        await dm.send(env.client, user, views.changed(change, season))
    await send_days_changed(env, deal=deal, season=season, removed=removed, sequence=found.sequence)
    await refresh_homes(env, _everyone(deal))
