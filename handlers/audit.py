"""`/praktik admin log`: the coordinators' own actions (bot.service.audit; routed, checked
and audited, this command too, by handlers.admin)."""

from __future__ import annotations

from bot.service import audit
from handlers.commands import CommandCall


async def admin_log(call: CommandCall) -> None:
    await call.ack(**(await audit.log_command(call.env, args=call.args)).to_dict())
