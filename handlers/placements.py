"""Requests, proposals and placements: *Anmod*, accept/decline, and the withdraw buttons
that `/praktik afmeld` offers (bot.service.placements)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.placement import ANSWERING, Refusal, Role
from bot.service import Env, placements
from handlers.payloads import BlockAction, number
from handlers.presses import answer_presser, replace_or_answer


async def on_request(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    slot_id = press.action.number
    if slot_id is None:
        await answer_presser(env, press, placements.refusal(Refusal.NOT_OPEN))
        return
    await placements.request(
        env, user_id=press.user_id, slot_id=slot_id, answer=partial(answer_presser, env, press)
    )


async def _on_answer(press: BlockAction, env: Env, *, accept: bool) -> None:
    proposal_text, _, role_text = press.action.value.partition(":")
    proposal_id = number(proposal_text)
    role = next((r for r in ANSWERING if r.value == role_text), None)
    if proposal_id is None or role is None:
        await answer_presser(env, press, placements.refusal(Refusal.UNKNOWN))
        return
    answered = await placements.answer(
        env, user_id=press.user_id, proposal_id=proposal_id, role=role, accept=accept
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
