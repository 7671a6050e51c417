"""Global middleware: hand each listener its database, clock and settings via `context`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse

from bot.caches import Caches
from bot.clock import Clock
from bot.config import Settings
from bot.service import Env
from models.db import Database

Next = Callable[[], Awaitable[Any]]


def inject(
    *, db: Database, clock: Clock, settings: Settings
) -> Callable[[AsyncBoltContext, Next], Awaitable[Any]]:
    caches = Caches()

    async def inject_dependencies(context: AsyncBoltContext, next: Next) -> Any:
        context["db"] = db
        context["clock"] = clock
        context["settings"] = settings
        context["env"] = Env(
            client=context.client, db=db, clock=clock, settings=settings, caches=caches
        )
        return await next()

    return inject_dependencies


async def same_team_only(context: AsyncBoltContext, next: Next) -> Any:
    """A payload naming a workspace other than the one our token belongs to is refused."""
    authorized = context.authorize_result
    if (
        context.team_id
        and authorized
        and authorized.team_id
        and context.team_id != authorized.team_id
    ):
        return BoltResponse(status=403, body="")
    return await next()
