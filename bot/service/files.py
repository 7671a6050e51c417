"""Files to a user: the statistics chart, exports, the season report, calendar files."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.service import Env

log = logging.getLogger("praktik.files")


async def upload(env: Env, *, user_id: str, **file: Any) -> bool:
    """A file (or `file_uploads`) into the user's DM with the app (files.upload v2 needs a
    channel ID). False when Slack refused (logged, not raised)."""
    try:
        opened = await env.client.conversations_open(users=user_id)
        await env.client.files_upload_v2(channel=opened["channel"]["id"], **file)
    except SlackApiError as error:
        log.warning("upload failed: %s", error.response.get("error"))
        return False
    return True
