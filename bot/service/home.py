"""App Home and /praktik status: the user's overview, drawn when the tab is opened and
redrawn after every change for those who have opened it."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from functools import partial

from slack_sdk.errors import SlackApiError

from bot.domain.season import Season, signup_open
from bot.service import Env
from bot.service.seasons import parse_year
from bot.service.stats import coordinator_blocks
from bot.slack.message import Message
from bot.views.common import notice
from bot.views.status import home_view, status_message, withdraw_prompt
from models import home
from models.overview import Overview, overview

log = logging.getLogger("praktik.home")


async def _overview(env: Env, user_id: str, year: int | None = None) -> Overview:
    now = env.now()
    if year is not None:  # the person asked for one season
        return await env.db.read(overview, user_id=user_id, year=year, now=now)
    # Once the next season is open, last season's follow-up is still running.
    year = await env.year()
    earlier = Season.for_year(year - 1, tz=env.settings.tz)
    earlier_year = earlier.year if now < earlier.closes_at else None
    return await env.db.read(
        overview, user_id=user_id, year=year, now=now, earlier_year=earlier_year
    )


async def home_opened(env: Env, *, user_id: str) -> None:
    """app_home_opened: remember that this person looks at the tab, and draw it."""
    await env.db.run(home.remember_opened, user_id=user_id, now=env.now())
    await publish_home(env, user_id=user_id)


async def refresh_home(env: Env, *, user_id: str) -> None:
    await refresh_homes(env, [user_id])


async def refresh_homes(
    env: Env, user_ids: Iterable[str], *, opened: Collection[str] | None = None
) -> None:
    """Redraw the tabs of those who have opened theirs; the others' tabs are drawn when they
    open them. Drawing a tab nobody has seen cost a third of a button press's work.
    `opened`: who has, when the caller read it in its own transaction already."""
    wanted = sorted({u for u in user_ids if u})
    if opened is None:
        opened = await env.db.read(home.opened_of, user_ids=wanted)
    for user_id in wanted:
        if user_id in opened:
            await publish_home(env, user_id=user_id)


async def publish_home(env: Env, *, user_id: str) -> None:
    """Draw the tab: now, or with the person's other changes of the next few seconds
    (bot.runtime.coalesce: one views.publish, of the latest state)."""
    await env.caches.homes.run(user_id, partial(_draw_home, env, user_id))


async def _draw_home(env: Env, user_id: str) -> None:
    season, _ = await env.season()
    extra = None
    if await env.is_coordinator(user_id):
        extra = await coordinator_blocks(env, user_id)
    view = home_view(
        await _overview(env, user_id),
        season,
        user_id,
        extra=extra,
        welcome=signup_open(season, env.now()),
    )
    try:
        await env.client.views_publish(user_id=user_id, view=view.to_dict())
    except SlackApiError as error:
        log.warning("views.publish failed: %s", error.response.get("error"))


async def status(env: Env, *, user_id: str, args: str = "") -> Message:
    year = parse_year(args, example=await env.year())
    if isinstance(year, str):
        return notice(year)
    season, _ = await env.season(year)
    return status_message(await _overview(env, user_id, year), season, user_id)


async def withdraw_options(env: Env, *, user_id: str) -> Message:
    season, _ = await env.season()
    return withdraw_prompt(await _overview(env, user_id), user_id, season)
