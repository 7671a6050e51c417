"""Offering a slot: `/praktik tilbyd`, the *Ret* button on one's slot, and the slot modal
(bot.service.slots; co-hosts are checked and added by bot.service.cohosts)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck

from bot.service import Env, cohosts, slots
from handlers.commands import CommandCall
from handlers.payloads import BlockAction, ViewSubmission


async def offer(call: CommandCall) -> None:
    await call.ack()
    await slots.open_slot_modal(call.env, user_id=call.user_id, trigger_id=call.trigger_id)


async def on_edit_slot(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    await slots.open_slot_modal(env, user_id=press.user_id, trigger_id=press.trigger_id)


async def on_slot_form(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    """Validate, answer inline errors or close, then do the work."""
    sent = ViewSubmission.parse(body)
    form = await slots.validate_slot(env, sent.state)
    cohost_errors = await cohosts.check(env, sent.state, user_id=sent.user_id)
    if isinstance(form, dict) or cohost_errors:
        errors = form if isinstance(form, dict) else {}
        await ack(response_action="errors", errors={**errors, **cohost_errors})
        return
    saved = await slots.save_slot(env, user_id=sent.user_id, form=form)
    if isinstance(saved, dict):
        await ack(response_action="errors", errors=saved)
        return
    await ack()
    await cohosts.apply(env, host=sent.user_id, slot=saved.slot, state=sent.state)
    await slots.confirm_slot(env, user_id=sent.user_id, saved=saved)
