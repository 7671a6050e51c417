"""*Ret dage* on a confirmed placement, its modal, and the other side's answer."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import dm
from bot.ids import DaysAction, DaysCallback
from bot.service import Env
from bot.service import days_change as service


def _user(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


def _value(body: dict[str, Any]) -> int:
    value = str(((body.get("actions") or [{}])[0]).get("value") or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else 0


async def _answer(env: Env, body: dict[str, Any], content: dict[str, Any] | None) -> None:
    if content is not None:
        await dm.answer(
            env.client,
            response_url=str(body.get("response_url") or ""),
            channel=str((body.get("channel") or {}).get("id") or ""),
            user_id=_user(body),
            content=content,
        )


async def on_change(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    refused = await service.open_modal(
        env,
        user_id=_user(body),
        proposal_id=_value(body),
        trigger_id=str(body.get("trigger_id") or ""),
    )
    await _answer(env, body, refused)


async def on_form(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], env: Env) -> None:
    errors = await service.submit(env, user_id=_user(body), view=view)
    if errors:
        await ack(response_action="errors", errors=errors)
    else:
        await ack()


async def on_answer(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    action = (body.get("actions") or [{}])[0]
    answered = await service.answer(
        env,
        user_id=_user(body),
        change_id=_value(body),
        accept=action.get("action_id") == DaysAction.ACCEPT,
    )
    await _answer(env, body, answered)


def register(app: AsyncApp) -> None:
    app.action(DaysAction.CHANGE)(on_change)
    app.view(DaysCallback.FORM)(on_form)
    app.action(DaysAction.ACCEPT)(on_answer)
    app.action(DaysAction.DECLINE)(on_answer)
