"""Files to a user: the statistics chart, exports, the season report, calendar files."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.service import Env
from models import profiles

log = logging.getLogger("praktik.files")


async def dm_channel(env: Env, *, user_id: str) -> str:
    """The app's DM channel with the user: conversations.open (Tier 3) once per person, ever;
    stored, so a restart does not ask again."""
    known = await env.db.read(profiles.dm_channel_of, user_id=user_id)
    if known is not None:
        return known
    opened = await env.client.conversations_open(users=user_id)
    channel = str(opened["channel"]["id"])
    await env.db.run(profiles.remember_dm_channel, user_id=user_id, channel_id=channel)
    return channel


async def upload(env: Env, *, user_id: str, **file: Any) -> bool:
    """A file (or `file_uploads`) into the user's DM with the app (files.upload v2 needs a
    channel ID). False when Slack refused (logged, not raised)."""
    try:
        channel = await dm_channel(env, user_id=user_id)
        await env.client.files_upload_v2(channel=channel, **file)
    except SlackApiError as error:
        log.warning("upload failed: %s", error.response.get("error"))
        return False
    return True
