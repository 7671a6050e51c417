"""`/praktik admin rapport [år]`: the season report (routed and audited by handlers.admin)."""

from __future__ import annotations

from bot.service import report
from handlers.commands import CommandCall


async def season_report(call: CommandCall) -> None:
    await call.ack()  # drawing the PDF takes a moment; the answer follows
    await call.respond(
        **(await report.report_command(call.env, user_id=call.user_id, args=call.args)).to_dict()
    )
