"""The programme for a placement's days: *Skriv programmet* → modal → saved for this and
any of the host's other placements ticked; the intern is told once for a burst of edits
(an outbox row, models.programme) and everyone's calendar is updated by UID."""

from __future__ import annotations

from bot.service import Env
from bot.service.calendar import send_programme_changed
from bot.service.cohosts import host_side
from bot.service.home import refresh_homes
from bot.slack import dm
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.views import programme as views
from bot.views.common import notice
from bot.views.programme import ProgrammeBlock, day_block
from bot.views.refusals import refusal_text
from models import programme as repo
from models.days_change import calendar_sequence
from models.programme import ProgrammeRefusal
from models.programme_form import parse


async def open_modal(
    env: Env, *, user_id: str, proposal_id: int, trigger_id: str
) -> Message | None:
    """The modal, or the reason it cannot open (for an ephemeral)."""
    now = env.now()
    found = await env.db.read(repo.writable, proposal_id=proposal_id, user_id=user_id, now=now)
    if isinstance(found, ProgrammeRefusal):
        return notice(refusal_text(found))
    deal, _ = found
    programme = await env.db.read(repo.programme_of, proposal_id=proposal_id)
    others = await env.db.read(repo.also_for, deal=deal, user_id=user_id, now=now)
    season, _ = await env.season(deal.proposal.season_year)
    await env.client.views_open(
        trigger_id=trigger_id, view=views.modal(deal, season, programme, others).to_dict()
    )
    return None


async def submit(env: Env, *, user_id: str, state: ViewState) -> dict[str, str] | None:
    """Save the programme; bad input is answered inline and saves nothing."""
    proposal_id = state.metadata_id
    now = env.now()
    found = await env.db.read(repo.writable, proposal_id=proposal_id, user_id=user_id, now=now)
    if isinstance(found, ProgrammeRefusal):
        # The address is in every programme modal, whatever the days: the refusal shows there.
        return {ProgrammeBlock.ADDRESS: refusal_text(found)}
    deal, placement = found
    form = parse(
        days=views.days_of(state, sorted(placement.days)),
        address=state.text(ProgrammeBlock.ADDRESS),
        meeting_point=state.text(ProgrammeBlock.MEETING_POINT),
        phone=state.text(ProgrammeBlock.PHONE),
    )
    if isinstance(form, dict):
        return views.faults(form)
    wanted = views.chosen(state)
    if wanted:
        others = await env.db.read(repo.also_for, deal=deal, user_id=user_id, now=now)
        allowed = {str(o.proposal.id) for o in others}
        if not set(wanted) <= allowed:  # a forged value, or one that began meanwhile
            return views.also_for_fault()
    ids = [proposal_id, *(int(w) for w in wanted)]
    saved = await env.db.run(repo.save, proposal_ids=ids, user_id=user_id, form=form, now=now)
    if isinstance(saved, ProgrammeRefusal):
        return {day_block(ProgrammeBlock.TEXT, min(placement.days)): refusal_text(saved)}
    await dm.send(env.client, user_id, views.saved(len(saved)))
    everyone: set[str] = set()
    for one in saved:
        season, _ = await env.season(one.deal.proposal.season_year)
        sequence = await env.db.read(calendar_sequence, proposal_id=one.deal.proposal.id or 0)
        await send_programme_changed(
            env, deal=one.deal, season=season, programme=one.programme, sequence=sequence
        )
        everyone |= {*host_side(one.deal), one.deal.intern.slack_user_id}
    await refresh_homes(env, everyone)
    return None
