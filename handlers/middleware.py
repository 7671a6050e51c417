"""Global middleware: hand each listener its database, clock and settings via `context`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook import WebhookResponse

from bot.process.clock import Clock
from bot.process.config import Settings
from bot.service import Env
from bot.service.caches import Caches
from bot.slack.coordinators import Coordinators
from models.db import Database

Next = Callable[[], Awaitable[Any]]

log = logging.getLogger("praktik.respond")


class CheckedRespond(AsyncRespond):
    """Bolt's `respond()`, which does not raise when Slack refuses the answer (e.g.
    `invalid_blocks`): the refusal is logged, so an answer Slack would not show cannot
    vanish without a trace (a match preview once did)."""

    async def __call__(self, *args: Any, **kwargs: Any) -> WebhookResponse:
        said = await super().__call__(*args, **kwargs)
        if said.status_code != 200:
            log.error("Slack refused an answer (%s): %s", said.status_code, said.body)
        return said


def inject(
    *,
    db: Database,
    clock: Clock,
    settings: Settings,
    client: AsyncWebClient | None = None,
    caches: Caches | None = None,
    coordinators: Coordinators | None = None,
) -> Callable[[AsyncBoltContext, Next], Awaitable[Any]]:
    """`client`: the app's one Web API client, used by every request instead of the copy
    Bolt makes per request, so all of them spend one budget (bot.slack.pacing).
    `coordinators`: the process's one membership source, so its cache serves every request."""
    caches = caches or Caches()
    coordinators = coordinators or Coordinators.from_settings(settings)

    async def inject_dependencies(context: AsyncBoltContext, next: Next) -> Any:
        if client is not None:
            context["client"] = client
        context["db"] = db
        context["clock"] = clock
        context["settings"] = settings
        said = context.respond
        if said is not None:
            context["respond"] = CheckedRespond(
                response_url=said.response_url, proxy=said.proxy, ssl=said.ssl
            )
        context["env"] = Env(
            client=context.client,
            db=db,
            clock=clock,
            settings=settings,
            coordinators=coordinators,
            caches=caches,
        )
        return await next()

    return inject_dependencies


async def same_team_only(context: AsyncBoltContext, body: dict[str, Any], next: Next) -> Any:
    """A payload naming a workspace other than the one our token belongs to is refused, and
    so is one naming an organisation (Enterprise Grid) other than the workspace's own – or
    any organisation, when the workspace belongs to none."""
    authorized = context.authorize_result
    home = authorized.team_id if authorized else None
    if home and {context.team_id, *_named_teams(body)} - {home, None}:
        return BoltResponse(status=403, body="")
    if authorized and _named_enterprises(body) - {authorized.enterprise_id}:
        return BoltResponse(status=403, body="")
    return await next()


def _named_enterprises(body: dict[str, Any]) -> set[str]:
    enterprise, team = body.get("enterprise"), body.get("team")
    authorizations = body.get("authorizations")
    named = [
        body.get("enterprise_id"),
        body.get("context_enterprise_id"),
        enterprise.get("id") if isinstance(enterprise, dict) else enterprise,
        team.get("enterprise_id") if isinstance(team, dict) else None,
    ]
    if isinstance(authorizations, list):
        named += [a.get("enterprise_id") for a in authorizations if isinstance(a, dict)]
    return {e for e in named if isinstance(e, str) and e}


def _named_teams(body: dict[str, Any]) -> set[str]:
    """Every workspace the payload speaks for. Bolt's `context.team_id` alone is not enough:
    for a view submission it is the view's `app_installed_team_id`, ours, even when the
    payload's team and user belong to another workspace."""
    team, user = body.get("team"), body.get("user")
    named = (
        body.get("team_id"),
        team.get("id") if isinstance(team, dict) else team,
        user.get("team_id") if isinstance(user, dict) else None,
    )
    return {t for t in named if isinstance(t, str) and t}
