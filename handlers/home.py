"""One's own overview: App Home, drawn fresh each time it is opened, `/praktik status`, and
`/praktik afmeld`, which offers the withdraw buttons (bot.service.home; the buttons
themselves are answered in handlers.placements)."""

from __future__ import annotations

from typing import Any

from bot.service import Env, home
from handlers.commands import CommandCall
from handlers.payloads import HomeOpened


async def on_home_opened(event: dict[str, Any], env: Env) -> None:
    opened = HomeOpened.parse(event)
    if opened.tab == "home" and opened.user_id is not None:
        await home.home_opened(env, user_id=opened.user_id)


async def status(call: CommandCall) -> None:
    await call.ack(**(await home.status(call.env, user_id=call.user_id, args=call.args)).to_dict())


async def withdraw(call: CommandCall) -> None:
    await call.ack(**(await home.withdraw_options(call.env, user_id=call.user_id)).to_dict())
