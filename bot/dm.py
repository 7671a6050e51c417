"""Sending to one person: a DM, and updating a message we sent before."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger("praktik.dm")


async def send(
    client: AsyncWebClient, user_id: str, content: dict[str, Any]
) -> tuple[str, str] | None:
    """Post to the user's DM; (channel, ts) or None when Slack refused (logged, not raised).

    Posted to the user ID: Slack puts it in the app's DM with them, so one call does it
    (conversations.open first would spend a Tier 3 call on every DM)."""
    try:
        posted = await client.chat_postMessage(channel=user_id, **content)
    except SlackApiError as error:
        log.warning("DM failed: %s", error.response.get("error"))
        return None
    return str(posted["channel"]), str(posted["ts"])


async def update(client: AsyncWebClient, channel: str, ts: str, content: dict[str, Any]) -> None:
    try:
        await client.chat_update(channel=channel, ts=ts, **content)
    except SlackApiError as error:
        log.warning("chat.update failed: %s", error.response.get("error"))


async def ephemeral(
    client: AsyncWebClient, channel: str, user_id: str, content: dict[str, Any]
) -> None:
    """An ephemeral where the user is; a DM when the channel does not allow it (e.g. App Home)."""
    try:
        if channel:
            await client.chat_postEphemeral(channel=channel, user=user_id, **content)
            return
    except SlackApiError as error:
        log.info("ephemeral failed (%s), sending a DM instead", error.response.get("error"))
    await send(client, user_id, content)
