"""Offering a host slot: the modal, saving it, confirming it."""

from __future__ import annotations

from slack_sdk.models.views import View

from bot.service import Env, network
from bot.service.forms import parse_slot
from bot.service.home import refresh_home
from bot.service.seasons import SignupStart, open_signup_modal, past_deadline
from bot.slack import dm
from bot.slack.people import profile_of
from bot.slack.view_state import ViewState
from bot.views.forms import DEFAULT_TOPICS, SLOT_KEYS, keyed, read_state, slot_modal
from bot.views.slots import slot_refusals, slot_saved
from models import slots as repo
from models import topics as topic_repo
from models.forms import SlotForm
from models.tables import HostSlot


def _slot_form(start: SignupStart[HostSlot]) -> View:
    return slot_modal(
        slot=start.answers, host=start.person, topics=start.topics, season=start.season
    )


async def open_slot_modal(env: Env, *, user_id: str, trigger_id: str) -> None:
    await open_signup_modal(
        env, user_id=user_id, trigger_id=trigger_id, answers_of=repo.slot_of, modal=_slot_form
    )


async def validate_slot(env: Env, state: ViewState) -> SlotForm | dict[str, str]:
    topics = set(await env.db.read(topic_repo.topics, defaults=DEFAULT_TOPICS))
    return parse_slot(keyed(read_state(state), SLOT_KEYS), known_topics=topics, keys=SLOT_KEYS)


async def save_slot(env: Env, *, user_id: str, form: SlotForm) -> repo.SlotSaved | dict[str, str]:
    """Store the slot; the Danish refusals by block (shown inline) when the edit is not allowed."""
    profile = await profile_of(
        env.client, user_id, db=env.db, clock=env.clock, known=env.caches.profiles
    )
    year = await env.year()
    saved = await env.db.run(repo.save_slot, host=profile, year=year, form=form, now=env.now())
    if isinstance(saved, repo.EditConflict):
        return slot_refusals(saved, year=year)
    await network.refresh(env, user_id=user_id)  # taking part again shows in the network
    return saved


async def confirm_slot(env: Env, *, user_id: str, saved: repo.SlotSaved) -> None:
    season, _ = await env.season()
    deadline = past_deadline(season, env.now())
    await dm.send(
        env.client,
        user_id,
        slot_saved(saved.slot, season, created=saved.created, deadline=deadline),
    )
    await refresh_home(env, user_id=user_id)
