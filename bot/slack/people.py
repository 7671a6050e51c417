"""Who a Slack user is, from users.info; the app still works when Slack cannot tell.

users.info is rate-limited (Tier 4, about 100 calls a minute for the whole workspace), so a
profile is read from Slack once and kept in the database with its fetch time, read again
only when older than `STALE_AFTER`; each process also keeps the profiles it read lately
(`known`, a cachetools TTLCache such as bot.service.caches' `profiles`), which spares the
database read on most presses.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from cachetools import TTLCache
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.process.clock import Clock
from models.db import Database
from models.participants import Profile
from models.profiles import store_profile, stored_profile

log = logging.getLogger("praktik.people")

STALE_AFTER = timedelta(days=1)  # a changed name or title in Slack shows within this


async def profile_of(
    client: AsyncWebClient,
    user_id: str,
    *,
    db: Database,
    clock: Clock,
    known: TTLCache[str, Profile] | None = None,
) -> Profile:
    found = known.get(user_id) if known is not None else None
    if found is not None:
        return found
    now = clock.now()
    found = await db.read(stored_profile, user_id=user_id, fresh_since=now - STALE_AFTER)
    if found is None:
        found = await _from_slack(client, user_id)
        if found is None:
            return Profile(slack_user_id=user_id, name=user_id)  # not kept: asked again next time
        await db.run(store_profile, profile=found, now=now)
    if known is not None:
        known[user_id] = found
    return found


async def _from_slack(client: AsyncWebClient, user_id: str) -> Profile | None:
    try:
        answer = await client.users_info(user=user_id)
    except SlackApiError as error:
        log.warning("users.info failed: %s", error.response.get("error"))
        return None
    user = answer.get("user") or {}
    profile = user.get("profile") or {}
    name = str(profile.get("real_name") or user.get("real_name") or user.get("name") or user_id)
    return Profile(
        slack_user_id=user_id, name=name[:200], title=str(profile.get("title") or "")[:200]
    )
