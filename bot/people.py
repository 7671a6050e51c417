"""Who a Slack user is, from users.info; the app still works when Slack cannot tell."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.recent import Recent
from models.repo import Profile

log = logging.getLogger("praktik.people")


async def profile_of(
    client: AsyncWebClient, user_id: str, *, known: Recent[str, Profile] | None = None
) -> Profile:
    """`known`: profiles read lately. users.info is rate-limited (Tier 4) and was one of
    every button press's calls; a changed name or title then shows within the cache's ttl."""
    found = known.get(user_id) if known is not None else None
    if found is not None:
        return found
    try:
        answer = await client.users_info(user=user_id)
    except SlackApiError as error:
        log.warning("users.info failed: %s", error.response.get("error"))
        return Profile(slack_user_id=user_id, name=user_id)  # not kept: asked again next time
    user = answer.get("user") or {}
    profile = user.get("profile") or {}
    name = str(profile.get("real_name") or user.get("real_name") or user.get("name") or user_id)
    read = Profile(
        slack_user_id=user_id, name=name[:200], title=str(profile.get("title") or "")[:200]
    )
    if known is not None:
        known.put(user_id, read)
    return read
