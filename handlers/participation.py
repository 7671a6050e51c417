"""The participants' subcommands: tilbyd, find, status and afmeld."""

from __future__ import annotations

from bot.service import find as finding
from bot.service import home, privacy, slots
from handlers.commands import CommandCall


async def offer(call: CommandCall) -> None:
    await call.ack()
    await slots.open_slot_modal(call.env, user_id=call.user_id, trigger_id=call.trigger_id)


async def find(call: CommandCall) -> None:
    if not call.args:
        await call.ack()
        await finding.open_wish_modal(call.env, user_id=call.user_id, trigger_id=call.trigger_id)
        return
    await call.ack(**await finding.find(call.env, user_id=call.user_id, query=call.args))


async def status(call: CommandCall) -> None:
    await call.ack(**await home.status(call.env, user_id=call.user_id, args=call.args))


async def withdraw(call: CommandCall) -> None:
    await call.ack(**await home.withdraw_options(call.env, user_id=call.user_id))


async def my_data(call: CommandCall) -> None:
    await call.ack()
    await call.respond(**await privacy.my_data(call.env, user_id=call.user_id, args=call.args))


async def delete_my_data(call: CommandCall) -> None:
    await call.ack(**privacy.delete_prompt())
