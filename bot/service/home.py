"""App Home and /praktik status: the user's overview, published after every change."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.service import Env
from bot.views.status import home_view, status_message, withdraw_prompt
from models.overview import Overview, overview

log = logging.getLogger("praktik.home")


async def _overview(env: Env, user_id: str) -> Overview:
    return await env.db.run(overview, user_id=user_id, year=env.year(), now=env.now())


async def refresh_home(env: Env, *, user_id: str) -> None:
    season, _ = await env.season()
    view = home_view(await _overview(env, user_id), season, user_id)
    try:
        await env.client.views_publish(user_id=user_id, view=view)
    except SlackApiError as error:
        log.warning("views.publish failed: %s", error.response.get("error"))


async def status(env: Env, *, user_id: str) -> dict[str, Any]:
    season, _ = await env.season()
    return status_message(await _overview(env, user_id), season, user_id)


async def withdraw_options(env: Env, *, user_id: str) -> dict[str, Any]:
    return withdraw_prompt(await _overview(env, user_id), user_id)
