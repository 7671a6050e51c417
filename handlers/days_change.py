"""*Ret dage* on a confirmed placement, its modal, and the other side's answer."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.ids import DaysAction, DaysCallback
from bot.service import Env
from bot.service import days_change as service
from handlers.deals import answer_presser, user_of


def _value(body: dict[str, Any]) -> int:
    value = str(((body.get("actions") or [{}])[0]).get("value") or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else 0


async def on_change(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    refused = await service.open_modal(
        env,
        user_id=user_of(body),
        proposal_id=_value(body),
        trigger_id=str(body.get("trigger_id") or ""),
    )
    await answer_presser(env, body, refused)


async def on_form(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], env: Env) -> None:
    errors = await service.submit(env, user_id=user_of(body), view=view)
    if errors:
        await ack(response_action="errors", errors=errors)
    else:
        await ack()


async def on_answer(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    action = (body.get("actions") or [{}])[0]
    answered = await service.answer(
        env,
        user_id=user_of(body),
        change_id=_value(body),
        accept=action.get("action_id") == DaysAction.ACCEPT,
    )
    await answer_presser(env, body, answered)


def register(app: AsyncApp) -> None:
    app.action(DaysAction.CHANGE)(on_change)
    app.view(DaysCallback.FORM)(on_form)
    app.action(DaysAction.ACCEPT)(on_answer)
    app.action(DaysAction.DECLINE)(on_answer)
