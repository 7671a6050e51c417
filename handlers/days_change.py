"""*Ret dage* on a confirmed placement, its modal, and the other side's answer."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck

from bot.buttons.values import DaysChangeButton
from bot.registry.ids import DaysAction
from bot.service import Env
from bot.service import days_change as service
from handlers.modals import on_open, on_submit
from handlers.payloads import BlockAction
from handlers.presses import answer_presser

on_change = on_open(service.open_modal)


on_form = on_submit(service.submit)


async def on_answer(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    answered = await service.answer(
        env,
        user_id=press.user_id,
        change_id=DaysChangeButton.id_of(press.action.value),
        accept=press.action.action_id == DaysAction.ACCEPT,
    )
    await answer_presser(env, press, answered)
