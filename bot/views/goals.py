"""The intern's learning goals: the modal that refines them, the host side's DM about a
change, and the lines `/praktik status` and App Home show."""

from __future__ import annotations

from enum import StrEnum

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.buttons.values import ProposalButton
from bot.registry.ids import Action, GoalsAction, GoalsCallback
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.texts import err_too_long
from bot.texts import goals as t
from bot.views.common import button, md, message, modal_view, notice, user_text
from bot.views.mrkdwn import workplace as workplace_text
from models.forms import GOALS_MAX, clean_text


class GoalsBlock(StrEnum):
    GOALS = "goals_text"
    GOALS_MET = "evaluation_goals_met"
    TAKE_HOME = "evaluation_take_home"
    INSPIRATION = "evaluation_inspiration"
    QUOTE = "feedback_quote"
    PRACTISED = "followup_practised"
    PRACTISED_WHAT = "followup_what"


# Shown to the host side beside a placement; the request's profile field shows up to 1,500.
GOALS_SHOWN = 1500


def edit_button(proposal_id: int | None) -> ButtonElement:
    return button(t.EDIT_GOALS, GoalsAction.EDIT, ProposalButton(proposal_id or 0).encode())


def goals_line(goals: str, *, own: bool) -> str:
    """The goals under a placement in status and App Home: hers, or her hosts' view of them."""
    label = t.YOUR_GOALS if own else t.INTERN_GOALS
    return f"*{label}:* {user_text(goals, GOALS_SHOWN) if goals else t.NO_GOALS}"


def goals_modal(*, proposal_id: int, workplace: str, goals: str) -> View:
    blocks: list[Block] = [
        md(t.goals_about(workplace_text(workplace))),
        InputBlock(
            block_id=GoalsBlock.GOALS,
            label=t.GOALS_LABEL,
            hint=t.GOALS_HINT,
            element=PlainTextInputElement(
                action_id=Action.FIELD,
                multiline=True,
                max_length=GOALS_MAX,
                initial_value=goals or None,
            ),
        ),
    ]
    return modal_view(
        GoalsCallback.FORM,
        title=t.GOALS_TITLE,
        submit=t.GOALS_SAVE,
        close=t.GOALS_CANCEL,
        private_metadata=str(proposal_id),
        blocks=blocks,
    )


def read_goals(state: ViewState) -> tuple[int, str] | dict[str, str]:
    """(proposal ID, goals) from the submitted modal, or the inline error: the goals are
    refused when empty or too long, never cut short."""
    proposal_id = state.metadata_id
    goals = clean_text(state.text(GoalsBlock.GOALS))
    if not goals:
        return {GoalsBlock.GOALS: t.ERR_GOALS_EMPTY}
    if len(goals) > GOALS_MAX:
        return {GoalsBlock.GOALS: err_too_long(GOALS_MAX, len(goals))}
    return proposal_id, goals


def goals_changed(*, intern: str, workplace: str, goals: str) -> Message:
    """The host side's DM: the latest goals (drawn when the first edit is planned, refreshed
    by every later one until it is sent)."""
    head = t.goals_changed_host(intern, workplace_text(workplace))
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=head)),
        md(user_text(goals, GOALS_SHOWN)),
    ]
    return message(head, blocks)


def goals_saved(*, changed: bool) -> Message:
    """To the intern: her goals are stored and the host side told, or they were as before."""
    return notice(t.GOALS_SAVED if changed else t.GOALS_UNCHANGED)
