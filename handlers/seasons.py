"""`/praktik admin sæson`: open a season (bot.service.seasons), or show and set the current
season's settings (bot.service.admin.season_command); routed and audited by handlers.admin."""

from __future__ import annotations

from bot.domain.commands import season_opening
from bot.service import admin, seasons
from handlers.commands import CommandCall


async def season(call: CommandCall) -> None:
    opening = season_opening(call.args)
    if opening is not None:
        await call.ack(
            **(await seasons.open_command(call.env, user_id=call.user_id, args=opening)).to_dict()
        )
        return
    await call.ack(
        **(await admin.season_command(call.env, user_id=call.user_id, args=call.args)).to_dict()
    )
