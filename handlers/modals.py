"""How a placement's form is opened from its button, and how a modal's submission is
answered: shared by the features whose service opens the modal for a proposal (or says why
not) and reads the whole view back, returning the inline errors or None when it was saved."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from slack_bolt.async_app import AsyncAck

from bot.buttons.values import ProposalButton
from bot.service import Env
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from handlers.payloads import BlockAction, ViewSubmission
from handlers.presses import answer_presser


class Submit(Protocol):
    def __call__(
        self, env: Env, /, *, user_id: str, state: ViewState
    ) -> Awaitable[dict[str, str] | None]: ...


class OpenModal(Protocol):
    def __call__(
        self, env: Env, /, *, user_id: str, proposal_id: int, trigger_id: str
    ) -> Awaitable[Message | None]: ...


def on_open(open_modal: OpenModal) -> Callable[..., Awaitable[None]]:
    """The listener for a button on a placement that opens its form (*Ret dage*, *Ret mine
    mål*, *Skriv programmet*): the modal, or the reason it cannot open told to the presser."""

    async def on_press(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
        await ack()
        press = BlockAction.parse(body)
        refused = await open_modal(
            env,
            user_id=press.user_id,
            proposal_id=ProposalButton.id_of(press.action.value),
            trigger_id=press.trigger_id,
        )
        await answer_presser(env, press, refused)

    return on_press


def on_submit(submit: Submit) -> Callable[..., Awaitable[None]]:
    """The view_submission listener for `submit`: errors stay in the open modal, so they
    can only go back with the ack (Slack closes the modal on a plain ack)."""

    async def on_form(ack: AsyncAck, body: dict[str, Any], env: Env) -> None:
        sent = ViewSubmission.parse(body)
        errors = await submit(env, user_id=sent.user_id, state=sent.state)
        if errors:
            await ack(response_action="errors", errors=errors)
        else:
            await ack()

    return on_form
