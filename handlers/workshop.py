"""`/praktik admin workshop [status]`, its modal, and the invitation's two buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.ids import WorkshopAction, WorkshopCallback
from bot.service import Env
from bot.service import workshop as service
from bot.service.admin import notice
from bot.slack import dm
from bot.texts import workshop as t
from handlers.admin import admin_command
from handlers.commands import CommandCall


@admin_command("workshop")
async def workshop(call: CommandCall) -> None:
    word = call.args.casefold()
    if word == "status":
        await call.ack(**await service.status(call.env))
    elif not word:
        await call.ack()
        await service.open_modal(call.env, trigger_id=call.trigger_id)
    else:
        await call.ack(**notice(t.USAGE))


def _user(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


async def on_form(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], env: Env) -> None:
    errors = await service.submit(env, user_id=_user(body), view=view)
    if errors:
        await ack(response_action="errors", errors=errors)
    else:
        await ack()


async def on_answer(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    action = (body.get("actions") or [{}])[0]
    value = str(action.get("value") or "")
    channel = str((body.get("channel") or {}).get("id") or "")
    refusal = await service.answer(
        env,
        user_id=_user(body),
        workshop_id=int(value) if value.isascii() and value.isdigit() and len(value) < 12 else 0,
        coming=action.get("action_id") == WorkshopAction.COMING,
        channel=channel,
        ts=str((body.get("message") or {}).get("ts") or ""),
    )
    if refusal is not None:
        await dm.ephemeral(env.client, channel, _user(body), refusal)


def register(app: AsyncApp) -> None:
    app.view(WorkshopCallback.FORM)(on_form)
    app.action(WorkshopAction.COMING)(on_answer)
    app.action(WorkshopAction.NOT_COMING)(on_answer)
