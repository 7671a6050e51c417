"""Slack's team_join: someone new in the workspace (bot.service.welcome)."""

from __future__ import annotations

from typing import Any

from bot.service import Env, welcome
from handlers.payloads import TeamJoin


async def on_team_join(event: dict[str, Any], env: Env) -> None:
    joined = TeamJoin.parse(event)
    if joined.user_id is not None and not joined.is_bot:
        await welcome.joined(env, user_id=joined.user_id)
