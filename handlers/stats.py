"""`/praktik admin stats|eksport`: the season's figures and its CSV export
(bot.service.stats; routed, checked and audited by handlers.admin)."""

from __future__ import annotations

from bot.service import stats
from handlers.commands import CommandCall


async def season_stats(call: CommandCall) -> None:
    await call.ack()
    await call.respond(
        **(await stats.stats_command(call.env, user_id=call.user_id, args=call.args)).to_dict()
    )


async def export(call: CommandCall) -> None:
    await call.ack()
    await call.respond(
        **(await stats.export_command(call.env, user_id=call.user_id, args=call.args)).to_dict()
    )
