"""One's own data: `/praktik privatliv` (the privacy notice, also behind *Om dine data*),
`/praktik mine-data`, `/praktik slet-mine-data` and its confirming button
(bot.service.privacy)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.service import Env, privacy
from bot.service import privacy_notice as notice_service
from bot.views import privacy as privacy_views
from handlers.commands import CommandCall
from handlers.payloads import BlockAction
from handlers.presses import replace_or_answer


async def my_data(call: CommandCall) -> None:
    await call.ack()
    await call.respond(
        **(await privacy.my_data(call.env, user_id=call.user_id, args=call.args)).to_dict()
    )


async def delete_my_data(call: CommandCall) -> None:
    await call.ack(**privacy_views.delete_prompt().to_dict())


async def on_delete_my_data(
    ack: AsyncAck, body: dict[str, Any], env: Env, respond: AsyncRespond
) -> None:
    await ack()
    press = BlockAction.parse(body)
    content = await privacy.delete_my_data(env, user_id=press.user_id)
    await replace_or_answer(press, env, respond, content)


async def privacy_notice(call: CommandCall) -> None:
    await call.ack(**(await notice_service.notice(call.env)).to_dict())


async def on_show_notice(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
    await ack()
    press = BlockAction.parse(body)
    await notice_service.show_notice(
        env, trigger_id=press.trigger_id, over_modal=press.view_type == "modal"
    )
