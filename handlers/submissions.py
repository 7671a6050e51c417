"""Modal submissions: validate, answer inline errors or close, then do the work."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.ids import Callback
from bot.service import Env, cohosts, slots
from bot.service import find as finding


def _user(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


async def on_slot_form(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], env: Env) -> None:
    form = await slots.validate_slot(env, view)
    cohost_errors = cohosts.check(view, user_id=_user(body))
    if isinstance(form, dict) or cohost_errors:
        errors = form if isinstance(form, dict) else {}
        await ack(response_action="errors", errors={**errors, **cohost_errors})
        return
    saved = await slots.save_slot(env, user_id=_user(body), form=form)
    if isinstance(saved, dict):
        await ack(response_action="errors", errors=saved)
        return
    await ack()
    await cohosts.apply(env, host=_user(body), slot=saved.slot, view=view)
    await slots.confirm_slot(env, user_id=_user(body), saved=saved)


async def on_wish_form(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], env: Env) -> None:
    form = await finding.validate_wish(env, view, user_id=_user(body))
    if isinstance(form, dict):
        await ack(response_action="errors", errors=form)
        return
    await ack()
    await finding.save_wish(env, user_id=_user(body), form=form)


def register(app: AsyncApp) -> None:
    app.view(Callback.SLOT_FORM)(on_slot_form)
    app.view(Callback.WISH_FORM)(on_wish_form)
