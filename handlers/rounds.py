"""The matching round: `/praktik admin match …`, its preview's page buttons and the
*Send forslag* buttons (bot.service.rounds; steering words go to bot.service.steering).

The command is routed (access check and audit) by handlers.admin; the buttons check
again in the service, because anyone can replay a button's payload.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.buttons.values import MatchPage, MatchSend
from bot.service import Env, rounds, steering
from bot.slack.message import Message
from bot.views.rounds import bad_button
from handlers.commands import CommandCall
from handlers.payloads import BlockAction


async def match(call: CommandCall) -> None:
    await call.ack()  # a round takes a moment to compute; the preview follows
    verb, _, rest = call.args.partition(" ")
    note = None
    if verb:
        said = await steering.steer_command(
            call.env, user_id=call.user_id, verb=verb.casefold(), args=rest
        )
        if isinstance(said, Message):  # refused, or not understood: nothing changed
            await call.respond(**said.to_dict())
            return
        note = said
    content = await rounds.preview_message(call.env, user_id=call.user_id, note=note)
    await call.respond(**content.to_dict())  # a refusal is logged (handlers.middleware)


async def on_page(ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond) -> None:
    await ack()
    press = BlockAction.parse(body)
    shown = MatchPage.decode(press.action.value)
    content = await rounds.page(env, user_id=press.user_id, shown=shown)
    await respond(replace_original=True, **content.to_dict())


async def on_send(ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond) -> None:
    await ack()
    press = BlockAction.parse(body)
    pressed = MatchSend.decode(press.action.value)
    if pressed is None:
        await respond(replace_original=False, **bad_button().to_dict())
        return
    content = await rounds.send(
        env, user_id=press.user_id, mode=pressed.mode, round_no=pressed.round_no
    )
    await respond(replace_original=True, **content.to_dict())
