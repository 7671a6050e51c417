"""Finding a slot: `/praktik find [ord]`, the *Ret* button on one's wish, *Vis flere*, and
the wish modal (bot.service.find)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.buttons.values import MoreResults
from bot.service import Env
from bot.service import find as finding
from handlers.commands import CommandCall
from handlers.payloads import BlockAction, ViewSubmission


async def find(call: CommandCall) -> None:
    if not call.args:
        await call.ack()
        await finding.open_wish_modal(call.env, user_id=call.user_id, trigger_id=call.trigger_id)
        return
    await call.ack(
        **(await finding.find(call.env, user_id=call.user_id, query=call.args)).to_dict()
    )


async def on_edit_wish(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    await finding.open_wish_modal(env, user_id=press.user_id, trigger_id=press.trigger_id)


async def on_more(ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond) -> None:
    await ack()
    press = BlockAction.parse(body)
    # A value not ours asks for no words: the service answers that an empty search finds nothing.
    more = MoreResults.decode(press.action.value) or MoreResults(0, "")
    content = await finding.find(env, user_id=press.user_id, query=more.query, offset=more.offset)
    await respond(replace_original=True, **content.to_dict())


async def on_wish_form(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    """Validate, answer inline errors or close, then save."""
    sent = ViewSubmission.parse(body)
    form = await finding.validate_wish(env, sent.state, user_id=sent.user_id)
    if isinstance(form, dict):
        await ack(response_action="errors", errors=form)
        return
    await ack()
    await finding.save_wish(env, user_id=sent.user_id, form=form)
