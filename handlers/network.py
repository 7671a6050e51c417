"""`/praktik netværk …`, and the buttons that show and confirm an entry (bot.service.network)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.service import Env, network
from handlers.commands import CommandCall
from handlers.payloads import BlockAction
from handlers.presses import answer_presser, replace_or_answer


async def network_command(call: CommandCall) -> None:
    await call.ack()
    await call.respond(
        **(await network.command(call.env, user_id=call.user_id, args=call.args)).to_dict()
    )


async def on_join(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    """The evaluation DM's button: the preview comes as an ephemeral, the DM stays."""
    await ack()
    press = BlockAction.parse(body)
    await answer_presser(env, press, await network.offer(env, user_id=press.user_id))


async def on_confirm(ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond) -> None:
    await ack()
    press = BlockAction.parse(body)
    await replace_or_answer(press, env, respond, await network.confirm(env, user_id=press.user_id))
