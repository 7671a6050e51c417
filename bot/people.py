"""Who a Slack user is, from users.info; the app still works when Slack cannot tell."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from models.repo import Profile

log = logging.getLogger("praktik.people")


async def profile_of(client: AsyncWebClient, user_id: str) -> Profile:
    try:
        answer = await client.users_info(user=user_id)
    except SlackApiError as error:
        log.warning("users.info failed: %s", error.response.get("error"))
        return Profile(slack_user_id=user_id, name=user_id)
    user = answer.get("user") or {}
    profile = user.get("profile") or {}
    name = str(profile.get("real_name") or user.get("real_name") or user.get("name") or user_id)
    return Profile(
        slack_user_id=user_id, name=name[:200], title=str(profile.get("title") or "")[:200]
    )
