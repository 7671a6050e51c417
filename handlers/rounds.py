"""The matching round: `/praktik admin match …`, its preview's page buttons and the
*Send forslag* buttons (bot.service.rounds; steering words go to bot.service.steering).

The command is routed (access check and audit) by handlers.admin; the buttons check
again in the service, because anyone can replay a button's payload.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.matching.solvers import Mode
from bot.service import Env, rounds, steering
from bot.texts import rounds as t
from bot.views.common import notice
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
        if isinstance(said, dict):  # refused, or not understood: nothing changed
            await call.respond(**said)
            return
        note = said
    content = await rounds.preview_message(call.env, user_id=call.user_id, note=note)
    await call.respond(**content)  # a refusal is logged (handlers.middleware)


async def on_page(ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond) -> None:
    await ack()
    press = BlockAction.parse(body)
    content = await rounds.page(env, user_id=press.user_id, value=press.action.value)
    await respond(replace_original=True, **content)


def _send_value(value: str) -> tuple[Mode, int] | None:
    """ "<mode>:<round>" from the pressed button, or None when it is not one of ours."""
    mode_text, _, round_text = value.partition(":")
    mode = next((m for m in Mode if m.value == mode_text), None)
    if mode is None or not (round_text.isascii() and round_text.isdigit()) or len(round_text) > 6:
        return None
    return mode, int(round_text)


async def on_send(ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond) -> None:
    await ack()
    press = BlockAction.parse(body)
    parsed = _send_value(press.action.value)
    if parsed is None:
        await respond(replace_original=False, **notice(t.BAD_BUTTON))
        return
    mode, round_no = parsed
    content = await rounds.send(env, user_id=press.user_id, mode=mode, round_no=round_no)
    await respond(replace_original=True, **content)
