"""`/praktik …`: parse the text and hand over to the subcommand's handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.commands import closest_subcommand, parse
from bot.ids import Command, Sub
from bot.service import Env
from bot.views.help import help_message, typo_message


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
_routes: dict[Sub, SubHandler] = {}


def subcommand(sub: Sub) -> Callable[[SubHandler], SubHandler]:
    """Register the handler of one subcommand; other handler modules add theirs."""

    def decorate(fn: SubHandler) -> SubHandler:
        _routes[sub] = fn
        return fn

    return decorate


async def on_praktik(
    ack: AsyncAck,
    command: dict[str, Any],
    respond: AsyncRespond,
    env: Env,
) -> None:
    invocation = parse(str(command.get("text") or ""))
    handler = _routes.get(invocation.sub) if invocation.sub else None
    if handler is None:
        unknown = None if invocation.sub is Sub.HELP else invocation.word
        meant = closest_subcommand(unknown) if unknown else None
        if unknown and meant:
            await ack(**typo_message(unknown, f"/praktik {meant} {invocation.args}"))
            return
        await ack(**help_message(unknown))
        return
    call = CommandCall(
        ack=ack,
        respond=respond,
        env=env,
        user_id=str(command["user_id"]),
        channel_id=str(command.get("channel_id") or ""),
        trigger_id=str(command.get("trigger_id") or ""),
        args=invocation.args,
    )
    await handler(call)


def register(app: AsyncApp) -> None:
    app.command(Command.PRAKTIK)(on_praktik)
