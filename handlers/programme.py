"""*Skriv programmet* on a confirmed placement, and its modal."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck

from bot.buttons import ProposalButton
from bot.service import Env
from bot.service import programme as service
from handlers.modals import on_submit
from handlers.payloads import BlockAction
from handlers.presses import answer_presser


async def on_write(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    refused = await service.open_modal(
        env,
        user_id=press.user_id,
        proposal_id=ProposalButton.id_of(press.action.value),
        trigger_id=press.trigger_id,
    )
    await answer_presser(env, press, refused)


on_form = on_submit(service.submit)
