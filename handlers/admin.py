"""`/praktik admin …`: the coordinators' commands. Every call is checked and audited here,
then handed to the word's handler, listed in the routing table in `handlers/__init__.py`.

What bot.service.admin does itself is here too: `besked` (announce) with its *Send* button,
and `emner` (topics).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.buttons.values import Announcement
from bot.domain.commands import HELP_WORDS, closest
from bot.service import Env
from bot.service import admin as admin_service
from bot.service.admin import audit
from bot.views.admin import admin_help, not_coordinator
from bot.views.help import typo_message
from handlers.commands import CommandCall, SubHandler
from handlers.payloads import BlockAction


def coordinators_only(routes: Mapping[str, SubHandler]) -> SubHandler:
    """The `/praktik admin` subcommand over `routes`: audit every call, refuse anyone who
    is not a coordinator, then dispatch on the first word."""

    async def admin(call: CommandCall) -> None:
        word, _, rest = call.args.partition(" ")
        key = word.casefold()
        allowed = await call.env.is_coordinator(call.user_id)
        await audit(call.env, actor=call.user_id, action=f"admin {key}".strip(), allowed=allowed)
        if not allowed:
            await call.ack(**not_coordinator().to_dict())
            return
        handler = routes.get(key)
        if handler is None:
            if key in HELP_WORDS:
                await call.ack(**admin_help(None).to_dict())
                return
            meant = closest(key, routes) if key else None
            if meant:
                await call.ack(
                    **typo_message(word, f"/praktik admin {meant} {rest}", admin=True).to_dict()
                )
                return
            await call.ack(**admin_help(word or None).to_dict())
            return
        await handler(
            CommandCall(
                ack=call.ack,
                respond=call.respond,
                env=call.env,
                user_id=call.user_id,
                channel_id=call.channel_id,
                trigger_id=call.trigger_id,
                args=rest.strip(),
            )
        )

    return admin


async def announce(call: CommandCall) -> None:
    await call.ack(**(await admin_service.announce_preview(call.env, text=call.args)).to_dict())


async def on_announce_send(
    ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond
) -> None:
    await ack()
    press = BlockAction.parse(body)
    sent = Announcement.decode(press.action.value)
    content = await admin_service.announce_send(env, user_id=press.user_id, sent=sent)
    await respond(replace_original=True, **content.to_dict())


async def topics(call: CommandCall) -> None:
    await call.ack(
        **(
            await admin_service.topics_command(call.env, user_id=call.user_id, args=call.args)
        ).to_dict()
    )
