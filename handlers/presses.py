"""How a button press is answered when its message is not simply replaced: shared by the
features whose buttons may be pressed where no response_url is given (App Home)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncRespond

from bot.service import Env
from bot.slack import dm
from bot.slack.message import Message
from handlers.payloads import BlockAction


async def answer_presser(env: Env, press: BlockAction, content: Message | None) -> None:
    """An ephemeral to whoever pressed (through the response_url when there is one)."""
    if content is not None:
        await dm.answer(
            env.client,
            response_url=press.response_url,
            channel=press.channel_id,
            user_id=press.user_id,
            content=content,
        )


async def replace_or_answer(
    press: BlockAction, env: Env, respond: AsyncRespond, content: Message
) -> None:
    """Replace the pressed message when it has a response_url; App Home's buttons have
    none, so there the presser gets an ephemeral instead."""
    if press.response_url:
        await respond(replace_original=True, **content.to_dict())
    else:
        await answer_presser(env, press, content)
