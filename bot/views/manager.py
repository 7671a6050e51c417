"""What the intern's manager, and the intern about her manager, are told."""

from __future__ import annotations

from bot.domain.season import Season
from bot.slack.message import Message
from bot.texts import changes
from bot.views.common import days_text, mention, notice
from bot.views.mrkdwn import literal
from bot.views.mrkdwn import workplace as workplace_text
from models.placements import Deal


def waiting_for_manager(deal: Deal, manager: str) -> Message:
    """To the intern: the host accepted, and `manager` is asked to approve."""
    workplace = workplace_text(deal.slot.workplace)
    return notice(changes.waiting_for_manager(workplace, mention(manager)))


def manager_agreed(deal: Deal, season: Season) -> Message:
    """To the manager: the placement is confirmed (with approval on, the end of what they
    approved)."""
    intern = f"{mention(deal.intern.slack_user_id)} ({literal(deal.intern.name, 100)})"
    workplace = workplace_text(deal.slot.workplace)
    days = days_text(deal.proposal.days, season)
    approved = deal.proposal.manager_user_id is not None
    text = (changes.manager_approved_confirmed if approved else changes.manager_told)(
        intern, workplace, days
    )
    return notice(text)
