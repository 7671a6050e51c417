"""Buttons: edit, request (*Anmod*), show more, accept/decline, withdraw."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.service import Env, deals, privacy, slots
from bot.service import find as finding
from bot.slack import dm
from handlers.payloads import BlockAction, number
from models.deals import Refusal, Role


async def answer_presser(env: Env, press: BlockAction, content: dict[str, Any] | None) -> None:
    """An ephemeral to whoever pressed (through the response_url when there is one)."""
    if content is not None:
        await dm.answer(
            env.client,
            response_url=press.response_url,
            channel=press.channel_id,
            user_id=press.user_id,
            content=content,
        )


async def on_edit_slot(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    await slots.open_slot_modal(env, user_id=press.user_id, trigger_id=press.trigger_id)


async def on_edit_wish(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    await finding.open_wish_modal(env, user_id=press.user_id, trigger_id=press.trigger_id)


async def on_request(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    slot_id = press.action.number
    if slot_id is None:
        await answer_presser(env, press, deals.refusal(Refusal.NOT_OPEN))
        return
    await deals.request(
        env, user_id=press.user_id, slot_id=slot_id, answer=partial(answer_presser, env, press)
    )


async def on_more(ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond) -> None:
    await ack()
    press = BlockAction.parse(body)
    offset_text, _, query = press.action.value.partition("|")
    offset = number(offset_text) or 0
    content = await finding.find(env, user_id=press.user_id, query=query, offset=offset)
    await respond(replace_original=True, **content)


async def _on_answer(press: BlockAction, env: Env, *, accept: bool) -> None:
    proposal_text, _, role_text = press.action.value.partition(":")
    proposal_id = number(proposal_text)
    role = next((r for r in Role if r.value == role_text), None)
    if proposal_id is None or role is None:
        await answer_presser(env, press, deals.refusal(Refusal.UNKNOWN))
        return
    answered = await deals.answer(
        env, user_id=press.user_id, proposal_id=proposal_id, role=role, accept=accept
    )
    await answer_presser(env, press, answered)


async def on_accept(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    await _on_answer(BlockAction.parse(body), env, accept=True)


async def on_decline(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    await _on_answer(BlockAction.parse(body), env, accept=False)


async def on_withdraw_host(
    ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond
) -> None:
    await ack()
    press = BlockAction.parse(body)
    content = await deals.withdraw(env, user_id=press.user_id, role=Role.HOST)
    await _withdrawn(press, env, respond, content)


async def on_withdraw_intern(
    ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond
) -> None:
    await ack()
    press = BlockAction.parse(body)
    content = await deals.withdraw(env, user_id=press.user_id, role=Role.INTERN)
    await _withdrawn(press, env, respond, content)


async def _withdrawn(
    press: BlockAction, env: Env, respond: AsyncRespond, content: dict[str, Any]
) -> None:
    if press.response_url:
        await respond(replace_original=True, **content)
    else:
        await answer_presser(env, press, content)


async def on_delete_my_data(
    ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond
) -> None:
    await ack()
    press = BlockAction.parse(body)
    content = await privacy.delete_my_data(env, user_id=press.user_id)
    await _withdrawn(press, env, respond, content)
