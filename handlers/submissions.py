"""Modal submissions: validate, answer inline errors or close, then do the work."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck

from bot.service import Env, cohosts, slots
from bot.service import find as finding
from handlers.payloads import ViewSubmission


async def on_slot_form(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    sent = ViewSubmission.parse(body)
    form = await slots.validate_slot(env, sent.view)
    cohost_errors = cohosts.check(sent.view, user_id=sent.user_id)
    if isinstance(form, dict) or cohost_errors:
        errors = form if isinstance(form, dict) else {}
        await ack(response_action="errors", errors={**errors, **cohost_errors})
        return
    saved = await slots.save_slot(env, user_id=sent.user_id, form=form)
    if isinstance(saved, dict):
        await ack(response_action="errors", errors=saved)
        return
    await ack()
    await cohosts.apply(env, host=sent.user_id, slot=saved.slot, view=sent.view)
    await slots.confirm_slot(env, user_id=sent.user_id, saved=saved)


async def on_wish_form(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    sent = ViewSubmission.parse(body)
    form = await finding.validate_wish(env, sent.view, user_id=sent.user_id)
    if isinstance(form, dict):
        await ack(response_action="errors", errors=form)
        return
    await ack()
    await finding.save_wish(env, user_id=sent.user_id, form=form)
