"""The intern's manager in the loop: told of the agreement, and the intern told while the
manager's approval is pending."""

from __future__ import annotations

from bot.domain.season import Season
from bot.service import Env
from bot.slack import dm
from bot.views import manager as views
from models.placements import Deal


def manager_of(deal: Deal) -> str | None:
    """The manager the intern named (for this proposal, or in the wish), never a party."""
    named = deal.proposal.manager_user_id or (deal.wish.manager_user_id if deal.wish else None)
    parties = {deal.intern.slack_user_id, deal.host.slack_user_id}
    return named if named and named not in parties else None


async def tell_intern_manager_pending(env: Env, deal: Deal) -> None:
    """The host accepted and the manager is asked: the intern hears where it stands."""
    manager = manager_of(deal)
    if manager is None:
        return
    await dm.send(env.client, deal.intern.slack_user_id, views.waiting_for_manager(deal, manager))


async def tell_manager_agreed(env: Env, deal: Deal, season: Season) -> None:
    """The placement is confirmed: the manager the intern named hears it, as promised in the
    wish form (with approval on, as the end of what they approved)."""
    manager = manager_of(deal)
    if manager is None:
        return
    await dm.send(env.client, manager, views.manager_agreed(deal, season))
