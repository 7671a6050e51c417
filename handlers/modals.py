"""How a modal's submission is answered: shared by the features whose service reads the
whole view and returns the inline errors, or None when it was saved."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from slack_bolt.async_app import AsyncAck

from bot.service import Env
from handlers.payloads import ViewSubmission


class Submit(Protocol):
    def __call__(
        self, env: Env, /, *, user_id: str, view: dict[str, Any]
    ) -> Awaitable[dict[str, str] | None]: ...


def on_submit(submit: Submit) -> Callable[..., Awaitable[None]]:
    """The view_submission listener for `submit`: errors stay in the open modal, so they
    can only go back with the ack (Slack closes the modal on a plain ack)."""

    async def on_form(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
        sent = ViewSubmission.parse(body)
        errors = await submit(env, user_id=sent.user_id, view=sent.view)
        if errors:
            await ack(response_action="errors", errors=errors)
        else:
            await ack()

    return on_form
