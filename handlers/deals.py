"""Buttons: edit, request (*Anmod*), show more, accept/decline, withdraw."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.ids import Action, PrivacyAction
from bot.service import Env, deals, privacy, slots
from bot.service import find as finding
from bot.slack import dm
from models.deals import Refusal, Role


def user_of(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


def _channel(body: dict[str, Any]) -> str:
    return str((body.get("channel") or {}).get("id") or "")


def _value(body: dict[str, Any]) -> str:
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value") or "")


def _int(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


async def answer_presser(env: Env, body: dict[str, Any], content: dict[str, Any] | None) -> None:
    """An ephemeral to whoever pressed (through the response_url when there is one)."""
    if content is not None:
        await dm.answer(
            env.client,
            response_url=str(body.get("response_url") or ""),
            channel=_channel(body),
            user_id=user_of(body),
            content=content,
        )


async def on_edit_slot(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    await slots.open_slot_modal(env, user_id=user_of(body), trigger_id=str(body.get("trigger_id")))


async def on_edit_wish(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    await finding.open_wish_modal(
        env, user_id=user_of(body), trigger_id=str(body.get("trigger_id"))
    )


async def on_request(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    slot_id = _int(_value(body))
    if slot_id is None:
        await answer_presser(env, body, deals.refusal(Refusal.NOT_OPEN))
        return
    await deals.request(
        env, user_id=user_of(body), slot_id=slot_id, answer=partial(answer_presser, env, body)
    )


async def on_more(ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond) -> None:
    await ack()
    offset_text, _, query = _value(body).partition("|")
    offset = _int(offset_text) or 0
    content = await finding.find(env, user_id=user_of(body), query=query, offset=offset)
    await respond(replace_original=True, **content)


async def _on_answer(body: dict[str, Any], env: Env, *, accept: bool) -> None:
    proposal_text, _, role_text = _value(body).partition(":")
    proposal_id = _int(proposal_text)
    role = next((r for r in Role if r.value == role_text), None)
    if proposal_id is None or role is None:
        await answer_presser(env, body, deals.refusal(Refusal.UNKNOWN))
        return
    answered = await deals.answer(
        env, user_id=user_of(body), proposal_id=proposal_id, role=role, accept=accept
    )
    await answer_presser(env, body, answered)


async def on_accept(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    await _on_answer(body, env, accept=True)


async def on_decline(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    await _on_answer(body, env, accept=False)


async def on_withdraw_host(
    ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond
) -> None:
    await ack()
    await _withdrawn(
        body, env, respond, await deals.withdraw(env, user_id=user_of(body), role=Role.HOST)
    )


async def on_withdraw_intern(
    ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond
) -> None:
    await ack()
    await _withdrawn(
        body, env, respond, await deals.withdraw(env, user_id=user_of(body), role=Role.INTERN)
    )


async def _withdrawn(
    body: dict[str, Any], env: Env, respond: AsyncRespond, content: dict[str, Any]
) -> None:
    if body.get("response_url"):
        await respond(replace_original=True, **content)
    else:
        await answer_presser(env, body, content)


async def on_delete_my_data(
    ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond
) -> None:
    await ack()
    await _withdrawn(body, env, respond, await privacy.delete_my_data(env, user_id=user_of(body)))


def register(app: AsyncApp) -> None:
    app.action(PrivacyAction.DELETE_MY_DATA)(on_delete_my_data)
    app.action(Action.EDIT_SLOT)(on_edit_slot)
    app.action(Action.EDIT_WISH)(on_edit_wish)
    app.action(Action.REQUEST)(on_request)
    app.action(Action.MORE_RESULTS)(on_more)
    app.action(Action.ACCEPT)(on_accept)
    app.action(Action.DECLINE)(on_decline)
    app.action(Action.WITHDRAW_HOST)(on_withdraw_host)
    app.action(Action.WITHDRAW_INTERN)(on_withdraw_intern)
