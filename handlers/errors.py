"""The one global error handler: the log gets the trace, the user a Danish sentence."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.views.errors import error_modal, error_text
from handlers.payloads import Origin

log = logging.getLogger("praktik.errors")


async def on_error(
    error: Exception, body: dict[str, Any], client: AsyncWebClient, response: BoltResponse | None
) -> BoltResponse | None:
    kind = body.get("type") or ("slash_command" if "command" in body else "event")
    log.error("listener failed on %s", kind, exc_info=error)
    if response is not None:
        # Not acknowledged yet: the answer itself carries the message.
        if kind == "view_submission":
            body_json = json.dumps({"response_action": "update", "view": error_modal().to_dict()})
            return BoltResponse(
                status=200, body=body_json, headers={"content-type": "application/json"}
            )
        if kind == "slash_command":
            return BoltResponse(
                status=200,
                body=json.dumps(error_text().to_dict()),
                headers={"content-type": "application/json"},
            )
        await _tell(client, body)
        return BoltResponse(status=200, body="")
    await _tell(client, body)
    return None


async def _tell(client: AsyncWebClient, body: dict[str, Any]) -> None:
    origin = Origin.parse(body)
    user, channel = origin.user_id, origin.channel_id
    if not user:
        return
    try:
        if channel:
            await client.chat_postEphemeral(channel=channel, user=user, **error_text().to_dict())
        else:
            await client.chat_postMessage(channel=user, **error_text().to_dict())
    except SlackApiError:
        # In a channel the bot is not in, fall back to a DM.
        try:
            await client.chat_postMessage(channel=user, **error_text().to_dict())
        except SlackApiError:
            log.warning("could not tell the user about the failure")
