"""Check-in and evaluation: the DM buttons, the two modals and `/praktik checkin`.

The two are one flow (`bot.service.feedback.Survey`); the listeners below are built once
per survey so each Slack ID still has a listener of its own name.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.ids import RATE_PATTERN, FeedbackAction, FeedbackCallback, Sub
from bot.service import Env
from bot.service import feedback as service
from bot.service.feedback import CHECKIN, EVALUATION, Survey
from bot.slack import dm
from bot.views.feedback import Where
from handlers.commands import CommandCall, subcommand

# Body parsing ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Press:
    """What the listeners read from a button press in a DM."""

    user_id: str
    channel_id: str
    action_id: str
    trigger_id: str
    where: Where  # the placement (the button's value) and the DM it sits in


def _user(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


def _press(body: dict[str, Any]) -> Press:
    channel = str((body.get("channel") or {}).get("id") or "")
    actions = body.get("actions") or [{}]
    action = actions[0] if isinstance(actions[0], dict) else {}
    value = str(action.get("value") or "")
    placement = int(value) if value.isascii() and value.isdigit() and len(value) < 12 else 0
    ts = str((body.get("message") or {}).get("ts") or "")
    return Press(
        user_id=_user(body),
        channel_id=channel,
        action_id=str(action.get("action_id", "")),
        trigger_id=str(body.get("trigger_id") or ""),
        where=Where(placement, channel, ts),
    )


# Listeners --------------------------------------------------------------------------------


async def _tell(env: Env, press: Press, content: dict[str, Any] | None) -> None:
    if content is not None:
        await dm.ephemeral(env.client, press.channel_id, press.user_id, content)


async def on_rate(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = _press(body)
    refusal = await service.rate(
        env,
        user_id=press.user_id,
        placement_id=press.where.placement_id,
        rating=int(press.action_id[-1]),
        where=press.where,
    )
    await _tell(env, press, refusal)


Listener = Callable[..., Awaitable[None]]


def _opens(survey: Survey) -> Listener:
    """The DM button that opens the survey's modal."""

    async def on_open(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
        await ack()
        press = _press(body)
        refusal = await service.open_form(
            env,
            survey,
            user_id=press.user_id,
            placement_id=press.where.placement_id,
            trigger_id=press.trigger_id,
            where=press.where,
        )
        await _tell(env, press, refusal)

    return on_open


def _submits(survey: Survey) -> Listener:
    """The survey's modal, submitted."""

    async def on_form(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], env: Env) -> None:
        saved = await service.submit(env, survey, user_id=_user(body), view=view)
        if isinstance(saved, dict):
            await ack(response_action="errors", errors=saved)
            return
        await ack()
        await service.show_saved(env, saved)

    return on_form


on_comment = _opens(CHECKIN)
on_evaluate = _opens(EVALUATION)
on_checkin_form = _submits(CHECKIN)
on_evaluation_form = _submits(EVALUATION)


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
