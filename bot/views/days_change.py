"""Block Kit for changing a confirmed placement's days: the button, the modal, the question."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.buttons.values import DaysChangeButton, ProposalButton
from bot.domain.season import Season
from bot.registry.ids import Action, DaysAction, DaysBlock, DaysCallback
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.texts import days_change as t
from bot.views.common import button, days_text, message, modal_view
from models.placements import Deal


def change_button(proposal_id: int | None) -> ButtonElement:
    return button(t.BUTTON, DaysAction.CHANGE, ProposalButton(proposal_id or 0).encode())


def modal(deal: Deal, season: Season, other: str) -> View:
    """Checkboxes of the week-37 days the slot offers, the agreed ones ticked."""
    options = [Option(value=str(d), text=season.weekday_label(d)) for d in sorted(deal.slot.days)]
    initial = [o for o in options if int(o.value or 0) in deal.proposal.days]
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(text=t.intro(other, days_text(deal.proposal.days, season)))
        ),
        InputBlock(
            block_id=DaysBlock.DAYS,
            label=t.DAYS_LABEL,
            hint=t.DAYS_HINT,
            element=CheckboxesElement(
                action_id=Action.FIELD, options=options, initial_options=initial or None
            ),
        ),
    ]
    return modal_view(
        DaysCallback.FORM,
        title=t.TITLE,
        submit=t.SUBMIT,
        close=t.CANCEL,
        private_metadata=str(deal.proposal.id or 0),
        blocks=blocks,
    )


def chosen_days(state: ViewState) -> list[str]:
    """The ticked values of the modal's checkboxes, as sent (validated by the caller)."""
    return state.selected_all(DaysBlock.DAYS)


def ask(change_id: int, text: str) -> Message:
    value = DaysChangeButton(change_id).encode()
    return message(
        text,
        [
            SectionBlock(text=MarkdownTextObject(text=text)),
            ActionsBlock(
                block_id=f"days_change_{change_id}",
                elements=[
                    button(t.ACCEPT, DaysAction.ACCEPT, value, style="primary"),
                    button(t.DECLINE, DaysAction.DECLINE, value, style="danger"),
                ],
            ),
        ],
    )
