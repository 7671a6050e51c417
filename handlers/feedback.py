"""Check-in and evaluation: the DM buttons, the two modals and `/praktik checkin`.

The two are one flow (`bot.service.feedback.Survey`); the listeners below are built once
per survey so each Slack ID still has a listener of its own name.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck

from bot.buttons.values import PlacementButton
from bot.service import Env
from bot.service import feedback as service
from bot.service.feedback import CHECKIN, EVALUATION, FOLLOWUP, Survey
from bot.slack import dm
from bot.slack.message import Message
from bot.views.feedback import Where
from handlers.commands import CommandCall
from handlers.payloads import BlockAction, ViewSubmission


def _where(press: BlockAction) -> Where:
    """The placement (the button's value) and the DM the button sits in, so its answer can
    be shown there."""
    return Where(PlacementButton.id_of(press.action.value), press.channel_id, press.message_ts)


async def _tell(env: Env, press: BlockAction, content: Message | None) -> None:
    if content is not None:
        await dm.ephemeral(env.client, press.channel_id, press.user_id, content)


async def on_rate(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    where = _where(press)
    # Bolt matched the action ID on RATE_PATTERN, so it ends in the rating 1–5.
    refusal = await service.rate(
        env,
        user_id=press.user_id,
        placement_id=where.placement_id,
        rating=int(press.action.action_id[-1]),
        where=where,
    )
    await _tell(env, press, refusal)


Listener = Callable[..., Awaitable[None]]


def _opens(survey: Survey) -> Listener:
    """The DM button that opens the survey's modal."""

    async def on_open(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
        await ack()
        press = BlockAction.parse(body)
        where = _where(press)
        refusal = await service.open_form(
            env,
            survey,
            user_id=press.user_id,
            placement_id=where.placement_id,
            trigger_id=press.trigger_id,
            where=where,
        )
        await _tell(env, press, refusal)

    return on_open


def _submits(survey: Survey) -> Listener:
    """The survey's modal, submitted."""

    async def on_form(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
        sent = ViewSubmission.parse(body)
        saved = await service.submit(env, survey, user_id=sent.user_id, state=sent.state)
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
on_followup = _opens(FOLLOWUP)
on_followup_form = _submits(FOLLOWUP)


async def checkin(call: CommandCall) -> None:
    await call.ack()
    answer = await service.checkin_command(
        call.env, user_id=call.user_id, channel_id=call.channel_id, trigger_id=call.trigger_id
    )
    if answer is not None:
        await call.respond(**answer.to_dict())
