"""Refining the intern's learning goals for a confirmed placement: *Ret mine mål* → modal →
stored, and the host side told once for edits close together (an outbox row whose content
each later edit refreshes until it is sent)."""

from __future__ import annotations

from bot.service import Env
from bot.service.home import refresh_homes
from bot.slack import dm
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.views import goals as views
from bot.views.common import notice
from bot.views.goals import GoalsBlock
from bot.views.refusals import refusal_text
from bot.views.timeline import name_of
from models import goals as repo
from models.goals import GoalsContext, GoalsRefusal


async def _context(env: Env, *, user_id: str, proposal_id: int) -> GoalsContext | GoalsRefusal:
    return await env.db.read(
        repo.may_refine,
        proposal_id=proposal_id,
        user_id=user_id,
        tz=env.settings.tz,
        now=env.now(),
    )


async def open_modal(
    env: Env, *, user_id: str, proposal_id: int, trigger_id: str
) -> Message | None:
    """The modal with her current goals, or why it cannot open (for an ephemeral)."""
    found = await _context(env, user_id=user_id, proposal_id=proposal_id)
    if isinstance(found, GoalsRefusal):
        return notice(refusal_text(found))
    view = views.goals_modal(
        proposal_id=proposal_id, workplace=found.workplace, goals=found.placement.goals
    )
    await env.client.views_open(trigger_id=trigger_id, view=view.to_dict())
    return None


async def submit(env: Env, *, user_id: str, state: ViewState) -> dict[str, str] | None:
    """Store the goals; a refusal or a bad text is shown inline on the goals field."""
    read = views.read_goals(state)
    if isinstance(read, dict):
        return read
    proposal_id, goals = read
    found = await _context(env, user_id=user_id, proposal_id=proposal_id)
    if isinstance(found, GoalsRefusal):
        return {GoalsBlock.GOALS: refusal_text(found)}
    intern, workplace = name_of(found.intern), found.workplace
    refined = await env.db.run(
        repo.refine_goals,
        proposal_id=proposal_id,
        user_id=user_id,
        goals=goals,
        payload=lambda new: views.goals_changed(
            intern=intern, workplace=workplace, goals=new
        ).to_dict(),
        tz=env.settings.tz,
        now=env.now(),
    )
    if isinstance(refined, GoalsRefusal):
        return {GoalsBlock.GOALS: refusal_text(refined)}
    await dm.send(env.client, user_id, views.goals_saved(changed=refined.changed))
    await refresh_homes(env, [user_id, *refined.told])
    return None
