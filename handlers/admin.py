"""`/praktik admin …`: the coordinators' commands. Every call is checked and audited."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.commands import HELP_WORDS, closest
from bot.ids import AdminAction, Sub
from bot.service import Env, seasons
from bot.service import admin as admin_service
from bot.service.admin import admin_help, audit, not_coordinator
from bot.views.help import typo_message
from handlers.commands import CommandCall, subcommand

AdminHandler = Callable[[CommandCall], Awaitable[None]]
_admin_routes: dict[str, AdminHandler] = {}


def admin_command(*words: str) -> Callable[[AdminHandler], AdminHandler]:
    """Register a coordinator subcommand (several spellings, e.g. "sæson" and "saeson")."""

    def decorate(fn: AdminHandler) -> AdminHandler:
        for word in words:
            _admin_routes[word] = fn
        return fn

    return decorate


@subcommand(Sub.ADMIN)
async def admin(call: CommandCall) -> None:
    word, _, rest = call.args.partition(" ")
    key = word.casefold()
    allowed = call.env.settings.is_admin(call.user_id)
    await audit(call.env, actor=call.user_id, action=f"admin {key}".strip(), allowed=allowed)
    if not allowed:
        await call.ack(**not_coordinator())
        return
    handler = _admin_routes.get(key)
    if handler is None:
        if key in HELP_WORDS:
            await call.ack(**admin_help(None))
            return
        meant = closest(key, _admin_routes) if key else None
        if meant:
            await call.ack(**typo_message(word, f"/praktik admin {meant} {rest}", admin=True))
            return
        await call.ack(**admin_help(word or None))
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


@admin_command("sæson", "saeson", "season")
async def season(call: CommandCall) -> None:
    verb, _, rest = call.args.partition(" ")
    if verb.casefold() in ("åbn", "aabn"):
        await call.ack(**await seasons.open_command(call.env, user_id=call.user_id, args=rest))
        return
    await call.ack(
        **await admin_service.season_command(call.env, user_id=call.user_id, args=call.args)
    )


@admin_command("besked")
async def announce(call: CommandCall) -> None:
    await call.ack(**await admin_service.announce_preview(call.env, text=call.args))


async def on_announce_send(
    ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond
) -> None:
    await ack()
    user = str((body.get("user") or {}).get("id") or "")
    text = str(((body.get("actions") or [{}])[0]).get("value") or "")
    await respond(
        replace_original=True, **await admin_service.announce_send(env, user_id=user, text=text)
    )


def register(app: AsyncApp) -> None:
    app.action(AdminAction.ANNOUNCE_SEND)(on_announce_send)


@admin_command("emner", "emne")
async def topics(call: CommandCall) -> None:
    await call.ack(
        **await admin_service.topics_command(call.env, user_id=call.user_id, args=call.args)
    )
