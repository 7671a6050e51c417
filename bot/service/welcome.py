"""A newcomer to the workspace (Slack's team_join) is welcomed while a season is open."""

from __future__ import annotations

import logging

from bot.domain.season import next_allowed, signup_open
from bot.service import Env
from bot.views import welcome as views
from models import welcome as repo

log = logging.getLogger("praktik.welcome")


async def joined(env: Env, *, user_id: str) -> bool:
    """Plan the welcome DM through the outbox (sent inside the send window, once per
    person); nothing while no season takes sign-ups. Whether one was planned."""
    season, _ = await env.season()
    now = env.now()
    if not signup_open(season, now):
        return False
    content = views.welcome_dm(season)
    planned = await env.db.run(
        repo.plan_welcome,
        user_id=user_id,
        payload=content.to_dict(),
        now=now,
        due=next_allowed(now, season),
    )
    if planned:
        log.info("Welcome planned for a newcomer")
    return planned
