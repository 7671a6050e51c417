"""`/praktik …`: parse the text and hand over to the subcommand's handler.

The routes come from the table in `handlers/__init__.py`; this module only dispatches.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.domain.commands import closest, parse
from bot.registry.ids import Sub
from bot.service import Env
from bot.views.help import help_message, typo_message
from handlers.payloads import SlashCommand


@dataclass(frozen=True, slots=True)
class CommandCall:
    """Everything a subcommand handler may use, gathered once by the `/praktik` listener."""

    ack: AsyncAck
    respond: AsyncRespond
    env: Env
    user_id: str
    channel_id: str
    trigger_id: str
    args: str


SubHandler = Callable[[CommandCall], Awaitable[None]]
CommandListener = Callable[[AsyncAck, dict[str, Any], AsyncRespond, Env], Awaitable[None]]


def praktik(routes: Mapping[Sub, SubHandler]) -> CommandListener:
    """The `/praktik` listener over `routes`; a word without a route gets help, or the
    subcommand it most likely misspells."""

    # Bolt passes arguments by parameter name: keep these names.
    async def on_praktik(
        ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, env: Env
    ) -> None:
        sent = SlashCommand.parse(command)
        invocation = parse(sent.text)
        handler = routes.get(invocation.sub) if invocation.sub else None
        if handler is None:
            unknown = None if invocation.sub is Sub.HELP else invocation.word
            meant = closest(unknown, routes) if unknown else None
            if unknown and meant:
                await ack(**typo_message(unknown, f"/praktik {meant} {invocation.args}").to_dict())
                return
            await ack(**help_message(unknown).to_dict())
            return
        call = CommandCall(
            ack=ack,
            respond=respond,
            env=env,
            user_id=sent.user_id,
            channel_id=sent.channel_id,
            trigger_id=sent.trigger_id,
            args=invocation.args,
        )
        await handler(call)

    return on_praktik
