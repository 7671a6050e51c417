"""Check-in and evaluation: the DM buttons, the two modals and `/praktik checkin`."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.ids import RATE_PATTERN, FeedbackAction, FeedbackCallback, Sub
from bot.service import Env
from bot.service import feedback as service
from bot.slack import dm
from bot.views.feedback import Where
from handlers.commands import CommandCall, subcommand


def _user(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


def _channel(body: dict[str, Any]) -> str:
    return str((body.get("channel") or {}).get("id") or "")


def _action(body: dict[str, Any]) -> dict[str, Any]:
    actions = body.get("actions") or [{}]
    first = actions[0]
    return first if isinstance(first, dict) else {}


def _placement(body: dict[str, Any]) -> int:
    value = str(_action(body).get("value") or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else 0


def _where(body: dict[str, Any]) -> Where:
    """The DM the button sits in, so its answer can be shown there."""
    ts = str((body.get("message") or {}).get("ts") or "")
    return Where(_placement(body), _channel(body), ts)


async def _tell(env: Env, body: dict[str, Any], content: dict[str, Any] | None) -> None:
    if content is not None:
        await dm.ephemeral(env.client, _channel(body), _user(body), content)


async def on_rate(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    rating = int(str(_action(body).get("action_id", ""))[-1])
    refusal = await service.rate(
        env,
        user_id=_user(body),
        placement_id=_placement(body),
        rating=rating,
        where=_where(body),
    )
    await _tell(env, body, refusal)


async def on_comment(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    refusal = await service.open_checkin(
        env,
        user_id=_user(body),
        placement_id=_placement(body),
        trigger_id=str(body.get("trigger_id") or ""),
        where=_where(body),
    )
    await _tell(env, body, refusal)


async def on_evaluate(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    refusal = await service.open_evaluation(
        env,
        user_id=_user(body),
        placement_id=_placement(body),
        trigger_id=str(body.get("trigger_id") or ""),
        where=_where(body),
    )
    await _tell(env, body, refusal)


async def on_checkin_form(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], env: Env
) -> None:
    saved = await service.submit_checkin(env, user_id=_user(body), view=view)
    if isinstance(saved, dict):
        await ack(response_action="errors", errors=saved)
        return
    await ack()
    await service.show_saved(env, saved)


async def on_evaluation_form(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], env: Env
) -> None:
    saved = await service.submit_evaluation(env, user_id=_user(body), view=view)
    if isinstance(saved, dict):
        await ack(response_action="errors", errors=saved)
        return
    await ack()
    await service.show_saved(env, saved)


@subcommand(Sub.CHECKIN)
async def checkin(call: CommandCall) -> None:
    await call.ack()
    answer = await service.checkin_command(
        call.env, user_id=call.user_id, channel_id=call.channel_id, trigger_id=call.trigger_id
    )
    if answer is not None:
        await call.respond(**answer)


def register(app: AsyncApp) -> None:
    app.action(re.compile(RATE_PATTERN))(on_rate)
    app.action(FeedbackAction.COMMENT)(on_comment)
    app.action(FeedbackAction.EVALUATE)(on_evaluate)
    app.view(FeedbackCallback.CHECKIN)(on_checkin_form)
    app.view(FeedbackCallback.EVALUATION)(on_evaluation_form)
