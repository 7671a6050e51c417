"""Co-hosting: a host names a colleague who shares the hosting. The co-host sees the slot,
gets the host's DMs about requests, proposals and placements, and may answer for the host's
side (the first answer counts)."""

from __future__ import annotations

from functools import partial

from bot.process.current import season_of
from bot.service import Env
from bot.service.home import refresh_homes
from bot.slack import dm
from bot.slack.people import profile_of
from bot.slack.view_state import ViewState
from bot.views.cohosts import CohostBlock, cohost_added, cohost_error, cohost_removed
from models import cohosts as repo
from models.cohosts import cohost_and_plan
from models.placements import Deal
from models.tables import HostSlot


def host_side(deal: Deal) -> list[str]:
    """Everyone who speaks for the host: the host, and the co-host if there is one."""
    cohost = deal.slot.cohost_user_id
    return [deal.host.slack_user_id, *([cohost] if cohost else [])]


def chosen(state: ViewState) -> str | None:
    """The co-host picked in the slot modal (None: nobody)."""
    return state.first(CohostBlock.SLOT_COHOST).user or None


async def check(env: Env, state: ViewState, *, user_id: str) -> dict[str, str]:
    """Inline errors for the co-host field: nobody hosts with themselves, and nobody is on
    both sides of one placement (an intern of the slot, or her manager, as co-host)."""
    cohost = chosen(state)
    if cohost == user_id:
        return cohost_error(both_sides=False)
    if cohost is not None:
        season, _ = await env.season()
        taken = await env.db.read(
            repo.conflict_of_host, host_user_id=user_id, year=season.year, user_id=cohost
        )
        if taken:
            return cohost_error(both_sides=True)
    return {}


async def apply(env: Env, *, host: str, slot: HostSlot, state: ViewState) -> None:
    """Store the co-host picked in the modal, and move the slot's placements' planned DMs
    to them; tell the new one, and the one taken off."""
    assert slot.id is not None
    cohost = chosen(state)
    if cohost and cohost != slot.cohost_user_id:
        # Read (and keep) their name now: the intern's messages and calendar name them.
        await profile_of(env.client, cohost, db=env.db, clock=env.clock, known=env.caches.profiles)
    before = await env.db.run(
        cohost_and_plan,
        slot_id=slot.id,
        cohost=cohost,
        seasons=partial(season_of, env.settings),
        now=env.now(),
    )
    if before == cohost:
        return
    if before:
        await dm.send(env.client, before, cohost_removed(host, slot))
    if cohost:
        await dm.send(env.client, cohost, cohost_added(host, slot))
    await refresh_homes(env, [u for u in (before, cohost) if u])
