"""Sending to one person: a DM, and updating a message we sent before."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.errors import Verdict, verdict
from bot.slack.message import Message

log = logging.getLogger("praktik.dm")


@dataclass(frozen=True, slots=True)
class Refused:
    """Slack's answer to a DM it did not post: its error code (`http_503` without one; the
    exception's name, with status 0, when Slack did not answer at all)."""

    error: str
    status: int = 200

    @property
    def lasting(self) -> bool:
        """No retry would mend it: the person cannot receive, or Slack refuses the message.
        Slack being away or busy is never lasting, nor is an error it does not document."""
        return verdict(self.error, self.status) is Verdict.PERMANENT


async def post(client: AsyncWebClient, user_id: str, content: Message) -> tuple[str, str] | Refused:
    """Post to the user's DM: (channel, ts), or what Slack said when it refused (logged).

    Posted to the user ID: Slack puts it in the app's DM with them, so one call does it
    (conversations.open first would spend a Tier 3 call on every DM)."""
    try:
        posted = await client.chat_postMessage(channel=user_id, **content.to_dict())
    except SlackApiError as error:
        answer = error.response
        code = answer.get("error") if isinstance(answer.data, dict) else None
        if code == "channel_not_found":
            code = "user_not_found"  # posted to the user ID: no such (active) user
        refused = Refused(str(code or f"http_{answer.status_code}"), answer.status_code)
        log.warning("DM failed: %s", refused.error)
        return refused
    except (aiohttp.ClientError, TimeoutError, OSError) as error:
        # Slack unreachable or silent: a person pressing a button gets a kind answer rather
        # than the error handler's sentence, and nothing is recorded as refused.
        log.warning("DM failed: Slack did not answer (%s)", type(error).__name__)
        return Refused(type(error).__name__, 0)
    return str(posted["channel"]), str(posted["ts"])


async def send(client: AsyncWebClient, user_id: str, content: Message) -> tuple[str, str] | None:
    """`post`, for a DM whose refusal only needs logging: None when Slack refused."""
    sent = await post(client, user_id, content)
    return None if isinstance(sent, Refused) else sent


async def update(client: AsyncWebClient, channel: str, ts: str, content: Message) -> None:
    try:
        await client.chat_update(channel=channel, ts=ts, **content.to_dict())
    except SlackApiError as error:
        log.warning("chat.update failed: %s", error.response.get("error"))


async def ephemeral(client: AsyncWebClient, channel: str, user_id: str, content: Message) -> None:
    """An ephemeral where the user is; a DM when the channel does not allow it (e.g. App Home)."""
    try:
        if channel:
            await client.chat_postEphemeral(channel=channel, user=user_id, **content.to_dict())
            return
    except SlackApiError as error:
        log.info("ephemeral failed (%s), sending a DM instead", error.response.get("error"))
    await send(client, user_id, content)


async def answer(
    client: AsyncWebClient,
    *,
    response_url: str,
    channel: str,
    user_id: str,
    content: Message,
) -> None:
    """The answer to whoever pressed a button: through the interaction's response_url,
    which spends none of the Web API's budget (chat.postEphemeral is Tier 4, about 100 a
    minute: a sign-up rush would queue behind it), else as an ephemeral (App Home has no
    response_url)."""
    if response_url:
        body = {"response_type": "ephemeral", "replace_original": False, **content.to_dict()}
        try:
            if await _post_response(client, response_url, body):
                return
        except (aiohttp.ClientError, TimeoutError) as error:
            log.info("response_url failed (%s), answering with an ephemeral", type(error).__name__)
    await ephemeral(client, channel, user_id, content)


async def _post_response(client: AsyncWebClient, url: str, body: dict[str, Any]) -> bool:
    # The app's shared HTTP session (bot.entry.app), so an answer opens no connection of its own.
    timeout = aiohttp.ClientTimeout(total=client.timeout)
    if client.session is not None:
        async with client.session.post(url, json=body, timeout=timeout) as response:
            return response.status == 200
    async with (
        aiohttp.ClientSession(timeout=timeout) as session,
        session.post(url, json=body) as response,
    ):
        return response.status == 200
