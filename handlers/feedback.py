"""Check-in and evaluation: the DM buttons, the two modals and `/praktik checkin`."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck

from bot.service import Env
from bot.service import feedback as service
from bot.slack import dm
from bot.views.feedback import Where
from handlers.commands import CommandCall
from handlers.payloads import BlockAction, ViewSubmission


def _placement(press: BlockAction) -> int:
    return press.action.number or 0


def _where(press: BlockAction) -> Where:
    """The DM the button sits in, so its answer can be shown there."""
    return Where(_placement(press), press.channel_id, press.message_ts)


async def _tell(env: Env, press: BlockAction, content: dict[str, Any] | None) -> None:
    if content is not None:
        await dm.ephemeral(env.client, press.channel_id, press.user_id, content)


async def on_rate(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    # Bolt matched the action ID on RATE_PATTERN, so it ends in the rating 1–5.
    rating = int(press.action.action_id[-1])
    refusal = await service.rate(
        env,
        user_id=press.user_id,
        placement_id=_placement(press),
        rating=rating,
        where=_where(press),
    )
    await _tell(env, press, refusal)


async def on_comment(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    refusal = await service.open_checkin(
        env,
        user_id=press.user_id,
        placement_id=_placement(press),
        trigger_id=press.trigger_id,
        where=_where(press),
    )
    await _tell(env, press, refusal)


async def on_evaluate(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    refusal = await service.open_evaluation(
        env,
        user_id=press.user_id,
        placement_id=_placement(press),
        trigger_id=press.trigger_id,
        where=_where(press),
    )
    await _tell(env, press, refusal)


async def on_checkin_form(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    sent = ViewSubmission.parse(body)
    saved = await service.submit_checkin(env, user_id=sent.user_id, view=sent.view)
    if isinstance(saved, dict):
        await ack(response_action="errors", errors=saved)
        return
    await ack()
    await service.show_saved(env, saved)


async def on_evaluation_form(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    sent = ViewSubmission.parse(body)
    saved = await service.submit_evaluation(env, user_id=sent.user_id, view=sent.view)
    if isinstance(saved, dict):
        await ack(response_action="errors", errors=saved)
        return
    await ack()
    await service.show_saved(env, saved)


async def checkin(call: CommandCall) -> None:
    await call.ack()
    answer = await service.checkin_command(
        call.env, user_id=call.user_id, channel_id=call.channel_id, trigger_id=call.trigger_id
    )
    if answer is not None:
        await call.respond(**answer)
