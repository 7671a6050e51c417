"""`/praktik admin workshop [status]`, its modal, and the invitation's two buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck

from bot.buttons.values import WorkshopButton
from bot.registry.ids import WorkshopAction
from bot.service import Env
from bot.service import workshop as service
from bot.slack import dm
from bot.views import workshop as views
from handlers.commands import CommandCall
from handlers.modals import on_submit
from handlers.payloads import BlockAction


async def workshop(call: CommandCall) -> None:
    word = call.args.casefold()
    if word == "status":
        await call.ack(**(await service.status(call.env)).to_dict())
    elif not word:
        await call.ack()
        await service.open_modal(call.env, trigger_id=call.trigger_id)
    else:
        await call.ack(**views.usage().to_dict())


on_form = on_submit(service.submit)


async def on_answer(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    refusal = await service.answer(
        env,
        user_id=press.user_id,
        workshop_id=WorkshopButton.id_of(press.action.value),
        coming=press.action.action_id == WorkshopAction.COMING,
        channel=press.channel_id,
        ts=press.message_ts,
    )
    if refusal is not None:
        await dm.ephemeral(env.client, press.channel_id, press.user_id, refusal)
