"""Retention: a daily job that warns the coordinators 14 days ahead (one DM each, through
the outbox) and makes each season anonymous once its date has come (models.retention)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.retention import retention_day, to_warn, warning_at
from bot.domain.season import next_allowed
from bot.process.clock import Clock
from bot.process.config import Settings
from bot.service import Env
from bot.slack.coordinators import Coordinators
from bot.views.retention import warning
from models import retention
from models.db import Database
from models.fixed_dms import plan_fixed
from models.retention import Outcome

log = logging.getLogger("praktik.retention")


def warning_key(year: int, user_id: str) -> str:
    # models.retention counts the warning as the season's own row by this prefix.
    return f"{retention.KIND_RETENTION}:{year}:{user_id}"


async def warn(env: Env, now: datetime) -> int:
    """Plan the warning of every season inside its last 14 days, once per coordinator."""
    months, tz = env.settings.praktik_retention_months, env.settings.tz
    found = await env.db.read(retention.seasons, tz=tz)
    planned = 0
    everyone = await env.coordinators.everyone(client=env.client, now=now)
    for year in to_warn([y for y, done in found.items() if done is None], now, months, tz):
        season, _ = await env.season(year)
        due = next_allowed(max(now, warning_at(year, months, tz)), season)
        payload = warning(year, retention_day(year, months)).to_dict()
        planned += await env.db.run(
            plan_fixed,
            rows={warning_key(year, a): (a, payload) for a in sorted(everyone)},
            kind=retention.KIND_RETENTION,
            now=now,
            due=due,
        )
    return planned


async def run(env: Env) -> list[Outcome]:
    """One daily run: warn, then anonymise what is due."""
    now = env.now()
    await warn(env, now)
    done = await env.db.run(
        retention.anonymise_due,
        now=now,
        months=env.settings.praktik_retention_months,
        tz=env.settings.tz,
    )
    for outcome in done:
        # Counts only: which rows changed, never whose.
        log.info("Season %s anonymised: %s rows changed", outcome.year, outcome.total)
    return done


def retention_job(
    settings: Settings,
    db: Database,
    clock: Clock,
    *,
    client: AsyncWebClient,
    coordinators: Coordinators,
) -> Callable[[], Awaitable[int]]:
    """A no-argument coroutine function for the scheduler's daily run. `coordinators` is the
    process's one source: the group's members are warned too."""
    env = Env(client=client, db=db, clock=clock, settings=settings, coordinators=coordinators)

    async def tick() -> int:
        try:
            return len(await run(env))
        except Exception:
            log.exception("retention failed; the next run tries again")
            return 0

    return tick
