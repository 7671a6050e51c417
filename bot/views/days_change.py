"""Block Kit for changing a confirmed placement's days: the button, the modal, the question,
and what each side is told once it is answered."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

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
from bot.domain.placement import Role
from bot.domain.season import Season
from bot.registry.ids import Action, DaysAction, DaysCallback
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.texts import days_change as t
from bot.views.common import button, days_text, mention, message, modal_view, notice
from bot.views.placements import outcome
from models.placements import Deal
from models.tables import DaysChange


class DaysBlock(StrEnum):
    DAYS = "days_change_days"


def change_button(proposal_id: int | None) -> ButtonElement:
    return button(t.BUTTON, DaysAction.CHANGE, ProposalButton(proposal_id or 0).encode())


def modal(deal: Deal, season: Season, side: Role | None) -> View:
    """Checkboxes of the week-37 days the slot offers, the agreed ones ticked; `side` is
    the proposer's, and the intro names the other."""
    other = t.THE_HOST if side is Role.INTERN else mention(deal.intern.slack_user_id)
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


def question(change: DaysChange, season: Season) -> Message:
    """The other side's DM: the proposer's new days instead of the agreed ones, to answer."""
    old, new = days_text(change.old_days, season), days_text(change.days, season)
    return ask(change.id or 0, t.asked(change.proposer_user_id, old, new))


def sent(change: DaysChange, season: Season, answering: Sequence[str]) -> Message:
    """The proposer's receipt, naming who answers it."""
    names = " / ".join(mention(u) for u in answering)
    return notice(t.sent(names, days_text(change.days, season)))


def answered(change: DaysChange, season: Season, *, user_id: str, accept: bool) -> Message:
    """The question as it reads once `user_id` answered it (its buttons gone)."""
    line = t.accepted_line(user_id) if accept else t.declined_line(user_id)
    return outcome(question(change, season), line)


def declined(change: DaysChange, season: Season, *, user_id: str) -> Message:
    """To the proposing side: the agreed days stand."""
    return notice(t.declined(user_id, days_text(change.old_days, season)))


def changed(change: DaysChange, season: Season) -> Message:
    """To everyone in the placement once the new days are agreed."""
    return notice(t.changed(days_text(change.days, season), days_text(change.old_days, season)))
