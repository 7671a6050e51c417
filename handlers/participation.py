"""The participants' subcommands: tilbyd, find, status and afmeld."""

from __future__ import annotations

from bot.ids import Sub
from bot.service import find as finding
from bot.service import home, privacy, slots
from handlers.commands import CommandCall, subcommand


@subcommand(Sub.OFFER)
async def offer(call: CommandCall) -> None:
    await call.ack()
    await slots.open_slot_modal(call.env, user_id=call.user_id, trigger_id=call.trigger_id)


@subcommand(Sub.FIND)
async def find(call: CommandCall) -> None:
    if not call.args:
        await call.ack()
        await finding.open_wish_modal(call.env, user_id=call.user_id, trigger_id=call.trigger_id)
        return
    await call.ack(**await finding.find(call.env, user_id=call.user_id, query=call.args))


@subcommand(Sub.STATUS)
async def status(call: CommandCall) -> None:
    await call.ack(**await home.status(call.env, user_id=call.user_id, args=call.args))


@subcommand(Sub.WITHDRAW)
async def withdraw(call: CommandCall) -> None:
    await call.ack(**await home.withdraw_options(call.env, user_id=call.user_id))


@subcommand(Sub.MY_DATA)
async def my_data(call: CommandCall) -> None:
    await call.ack()
    await call.respond(**await privacy.my_data(call.env, user_id=call.user_id, args=call.args))


@subcommand(Sub.DELETE_MY_DATA)
async def delete_my_data(call: CommandCall) -> None:
    await call.ack(**privacy.delete_prompt())
