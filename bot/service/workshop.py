"""The kick-off workshop: the coordinator creates it (before week 37), every participant is
invited through the outbox, answers may change until the day before, and those who come are
reminded the working day before."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from bot.domain.season import (
    at_local,
    is_working_day,
    local_date,
    next_allowed,
)
from bot.service import Env
from bot.service.admin import audit
from bot.service.home import refresh_home
from bot.slack import dm
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.views import workshop as views
from bot.views.common import notice
from bot.views.refusals import refusal_text
from models import workshop as repo
from models.admin import participants
from models.tables import Workshop
from models.workshop import AnswerRefusal, WorkshopDetails

REMINDER_AT = time(9, 0)


def reminder_due(day: date) -> datetime:
    """09:00 on the working day before the workshop."""
    before = day - timedelta(days=1)
    while not is_working_day(before):
        before -= timedelta(days=1)
    return at_local(before, REMINDER_AT)


async def open_modal(env: Env, *, trigger_id: str) -> None:
    current = await env.db.read(repo.workshop_of, year=await env.year())
    await env.client.views_open(trigger_id=trigger_id, view=views.modal(current).to_dict())


def _save_and_invite(
    session: Session,
    *,
    year: int,
    details: WorkshopDetails,
    actor: str,
    now: datetime,
    due: datetime,
) -> tuple[Workshop, bool, int]:
    """Save the workshop and plan its DMs in one transaction: (workshop, created, invited)."""
    before = repo.workshop_of(session, year=year)
    was = None if before is None else (before.day, before.time, before.place, before.note)
    workshop, created = repo.save_workshop(
        session, year=year, details=details, actor=actor, now=now
    )
    assert workshop.id is not None
    is_now = (workshop.day, workshop.time, workshop.place, workshop.note)
    told: list[str] = []
    if was is not None and was != is_now:
        # Any change, the note too: an invitation not sent yet goes out as the workshop is.
        told = repo.refresh_planned_invitations(
            session, workshop_id=workshop.id, payload=views.invitation(workshop).to_dict()
        )
    if was is not None and was[:3] != is_now[:3]:
        # Only a new date, time or place is news to those invited: the "moved" DM names
        # nothing else. Its still-planned predecessor is superseded by this one.
        repo.supersede_moved(session, workshop_id=workshop.id)
        repo.plan_dms(
            session,
            kind=repo.KIND_MOVED,
            workshop_id=workshop.id,
            recipients=told,
            payload=views.moved(workshop).to_dict(),
            now=now,
            due=due,
        )
    invited = repo.plan_dms(
        session,
        kind=repo.KIND_INVITE,
        workshop_id=workshop.id,
        recipients=participants(session, year=year),
        payload=views.invitation(workshop).to_dict(),
        now=now,
        due=due,
    )
    if not created:
        repo.reschedule_reminders(
            session,
            workshop_id=workshop.id,
            payload=views.reminder(workshop).to_dict(),
            due=reminder_due(workshop.day),
        )
    return workshop, created, invited


async def submit(env: Env, *, user_id: str, state: ViewState) -> dict[str, str] | None:
    """The modal: inline errors, or save, invite and tell the coordinator (None)."""
    if not await env.is_coordinator(user_id):
        await audit(env, actor=user_id, action="workshop", allowed=False)
        return views.not_coordinator()
    season, _ = await env.season()
    form = views.read_form(state, local_date(env.now(), season.tz), season)
    if isinstance(form, dict):
        return form
    workshop, created, invited = await env.db.run(
        _save_and_invite,
        year=season.year,
        details=form,
        actor=user_id,
        now=env.now(),
        due=next_allowed(env.now(), season),
    )
    await audit(env, actor=user_id, action="workshop", allowed=True, invited=invited)
    await dm.send(env.client, user_id, views.saved(workshop, created=created, invited=invited))
    return None


async def answer(
    env: Env, *, user_id: str, workshop_id: int, coming: bool, channel: str, ts: str
) -> Message | None:
    """*Jeg kommer* / *Jeg kommer ikke*: store it, show it in the invitation. Returns a
    refusal for the presser, if any."""
    season, _ = await env.season()
    result = await env.db.run(
        repo.answer,
        workshop_id=workshop_id,
        user_id=user_id,
        coming=coming,
        now=env.now(),
        today=local_date(env.now(), season.tz),
        reminder_due=reminder_due,
        reminder_payload=lambda found: views.reminder(found).to_dict(),
    )
    if isinstance(result, AnswerRefusal):
        return notice(refusal_text(result))
    workshop, given = result
    if channel and ts:
        content = views.invitation(workshop, coming=given.coming)
        await dm.update(env.client, channel, ts, content)
    await refresh_home(env, user_id=user_id)  # the answer shows in App Home too
    return None


async def status(env: Env) -> Message:
    found = await env.db.read(repo.attendance, year=await env.year())
    return views.none_yet() if found is None else views.overview(found)
