"""Requests, proposals and placements: *Anmod*, accept/decline, and the withdraw buttons
that `/praktik afmeld` offers (bot.service.placements)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.buttons.values import ProposalAnswer, SlotButton
from bot.domain.placement import Refusal, Role
from bot.service import Env, placements
from handlers.payloads import BlockAction
from handlers.presses import answer_presser, replace_or_answer


async def on_request(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    slot = SlotButton.decode(press.action.value)
    if slot is None:
        await answer_presser(env, press, placements.refusal(Refusal.NOT_OPEN))
        return
    await placements.request(
        env, user_id=press.user_id, slot_id=slot.id, answer=partial(answer_presser, env, press)
    )


async def _on_answer(press: BlockAction, env: Env, *, accept: bool) -> None:
    pressed = ProposalAnswer.decode(press.action.value)
    if pressed is None:
        await answer_presser(env, press, placements.refusal(Refusal.UNKNOWN))
        return
    answered = await placements.answer(
        env,
        user_id=press.user_id,
        proposal_id=pressed.proposal_id,
        role=pressed.role,
        accept=accept,
    )
    await answer_presser(env, press, answered)


async def on_accept(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    await _on_answer(BlockAction.parse(body), env, accept=True)


async def on_decline(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    await _on_answer(BlockAction.parse(body), env, accept=False)


def _withdraws(role: Role) -> Callable[..., Awaitable[None]]:
    """The withdraw button of one side: `/praktik afmeld` offers one per role."""

    async def on_withdraw(
        ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond
    ) -> None:
        await ack()
        press = BlockAction.parse(body)
        content = await placements.withdraw(env, user_id=press.user_id, role=role)
        await replace_or_answer(press, env, respond, content)

    return on_withdraw


on_withdraw_host = _withdraws(Role.HOST)
on_withdraw_intern = _withdraws(Role.INTERN)
