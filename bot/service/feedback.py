"""Check-ins and evaluations: the rating buttons, the two modals and `/praktik checkin`.

Answers belong to a placement and a role (host or intern); only that placement's host and
intern can give them, and they can be changed until the season closes. Both are one flow
(open the modal, submit, store, redraw the DM or confirm), configured by a `Survey`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.domain.placement import Refusal, Role, Span, evaluation_open
from bot.domain.season import Season, start_of_day
from bot.process.current import season_of
from bot.registry.ids import DMKind
from bot.service import Env
from bot.slack import dm
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.views import feedback as views
from bot.views.common import notice
from bot.views.feedback import (
    CHECKIN_FORM,
    EVALUATION_FORM,
    FOLLOWUP_FORM,
    Form,
    Value,
    Where,
    feedback_modal,
    read_answer,
)
from bot.views.refusals import refusal_text
from bot.views.timeline import date_text, first_day, timeline_dm
from models.erasures import was_erased
from models.feedback import (
    AnswerTable,
    PlacementContext,
    SaveRefusal,
    placement_context,
    placements_of,
    save_answer,
)
from models.tables import CheckIn, Evaluation, FollowUp


@dataclass(frozen=True, slots=True)
class Survey:
    """What differs between the check-in and the evaluation; everything else is shared."""

    kind: DMKind  # the DM whose buttons open the form, redrawn with the answer
    form: Form  # the modal: callback ID, title, questions
    table: AnswerTable  # where the answers are stored
    # The evaluation and the follow-up look back on a visit: they belong to a completed one.
    completed_only: bool = False


CHECKIN = Survey(DMKind.CHECKIN, CHECKIN_FORM, CheckIn)
EVALUATION = Survey(DMKind.EVALUATION, EVALUATION_FORM, Evaluation, completed_only=True)
FOLLOWUP = Survey(DMKind.FOLLOWUP, FOLLOWUP_FORM, FollowUp, completed_only=True)


def _season(env: Env, ctx: PlacementContext) -> Season:
    return season_of(env.settings, ctx.overrides)


@dataclass(frozen=True, slots=True)
class Refused:
    text: str


@dataclass(frozen=True, slots=True)
class Allowed:
    ctx: PlacementContext
    role: Role
    season: Season


async def _allowed(
    env: Env, *, user_id: str, placement_id: int, completed_only: bool = False
) -> Allowed | str:
    """The placement, the user's role in it and its season, or the Danish refusal."""
    ctx = await env.db.read(placement_context, placement_id=placement_id)
    role = ctx.role_of(user_id) if ctx is not None else None
    if ctx is None or not ctx.confirmed or role is None:
        # After slet-mine-data the placement is withdrawn and the person no longer in it.
        if await env.db.read(was_erased, user_id=user_id):
            return refusal_text(Refusal.ERASED)
        if ctx is None or not ctx.confirmed:
            return refusal_text(SaveRefusal.UNKNOWN)
        return refusal_text(SaveRefusal.NOT_YOURS)
    season = _season(env, ctx)
    if env.now() >= season.closes_at:
        return refusal_text(SaveRefusal.CLOSED, closed_on=date_text(season.close_date))
    span = Span.of_week(ctx.placement.season_year, ctx.placement.days, season.tz)
    if completed_only and (span is None or not evaluation_open(span.stage(env.now()))):
        return views.not_over_yet()
    return Allowed(ctx, role, season)


async def _redraw(env: Env, *, placement_id: int, user_id: str, kind: DMKind, where: Where) -> None:
    """Show the stored answer in the DM the user answered from (chat.update)."""
    if not (where.channel and where.ts):
        return
    ctx = await env.db.read(placement_context, placement_id=placement_id)
    role = ctx.role_of(user_id) if ctx is not None else None
    if ctx is None or role is None:
        return
    await dm.update(
        env.client, where.channel, where.ts, timeline_dm(kind, ctx, role, _season(env, ctx))
    )


async def _store(
    env: Env, survey: Survey, *, user_id: str, placement_id: int, values: Mapping[str, Value]
) -> Refused | date:
    """The day the answer can be changed until, or why it was not stored."""
    allowed = await _allowed(
        env, user_id=user_id, placement_id=placement_id, completed_only=survey.completed_only
    )
    if isinstance(allowed, str):
        return Refused(allowed)
    saved = await env.db.run(
        save_answer,
        table=survey.table,
        placement_id=placement_id,
        user_id=user_id,
        values=values,
        now=env.now(),
        closes_at=allowed.season.closes_at,
    )
    if isinstance(saved, SaveRefusal):
        return Refused(refusal_text(saved, closed_on=date_text(allowed.season.close_date)))
    return allowed.season.close_date


# The DMs' buttons -----------------------------------------------------------------------


async def rate(
    env: Env, *, user_id: str, placement_id: int, rating: int, where: Where
) -> Message | None:
    """A rating button: store it, redraw the DM. Returns a refusal for the presser, if any."""
    stored = await _store(
        env, CHECKIN, user_id=user_id, placement_id=placement_id, values={"rating": rating}
    )
    if isinstance(stored, Refused):
        return notice(stored.text)
    await _redraw(env, placement_id=placement_id, user_id=user_id, kind=DMKind.CHECKIN, where=where)
    return None


async def open_form(
    env: Env, survey: Survey, *, user_id: str, placement_id: int, trigger_id: str, where: Where
) -> Message | None:
    """*Tilføj kommentar*, *Evaluér* or *Svar*: the survey's modal for this placement."""
    allowed = await _allowed(
        env, user_id=user_id, placement_id=placement_id, completed_only=survey.completed_only
    )
    if isinstance(allowed, str):
        return notice(allowed)
    view = feedback_modal(survey.form, [allowed.ctx], user_id, where)
    await env.client.views_open(trigger_id=trigger_id, view=view.to_dict())
    return None


# The modals ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Saved:
    """A stored answer, and where to say so once the modal has closed."""

    kind: DMKind
    user_id: str
    placement_id: int
    where: Where
    until: date  # the answer can be changed until the season closes


async def submit(
    env: Env, survey: Survey, *, user_id: str, state: ViewState
) -> Saved | dict[str, str]:
    """Store the modal's answer; Danish errors per block if it cannot be."""
    where = Where.decode(state.private_metadata)
    questions = None
    if survey.form.asked is not None:  # the questions depend on the side: read it first
        allowed = await _allowed(
            env,
            user_id=user_id,
            placement_id=where.placement_id,
            completed_only=survey.completed_only,
        )
        if isinstance(allowed, str):
            return {survey.form.questions[0].block_id: allowed}
        questions = survey.form.questions_for(allowed.ctx, allowed.role)
    answer = read_answer(survey.form, state, questions)
    if isinstance(answer, dict):
        return answer
    placement_id = answer.placement_id or where.placement_id
    stored = await _store(
        env, survey, user_id=user_id, placement_id=placement_id, values=answer.values
    )
    if isinstance(stored, Refused):
        # A refusal is shown under the first question: the modal has no other place for it.
        return {survey.form.questions[0].block_id: stored.text}
    return Saved(survey.kind, user_id, placement_id, where, stored)


async def show_saved(env: Env, saved: Saved) -> None:
    """After the modal closed: redraw the DM it came from, or confirm where the command was."""
    if saved.where.ts:
        await _redraw(
            env,
            placement_id=saved.placement_id,
            user_id=saved.user_id,
            kind=saved.kind,
            where=saved.where,
        )
    elif saved.where.channel:
        await dm.ephemeral(
            env.client, saved.where.channel, saved.user_id, views.answer_saved(saved.until)
        )


# /praktik checkin -----------------------------------------------------------------------


async def checkin_command(
    env: Env, *, user_id: str, channel_id: str, trigger_id: str
) -> Message | None:
    """Open the check-in form for the placement(s) under way or over; otherwise say why not."""
    now = env.now()
    year = await env.year()
    # Once the next season is open, last season's placements are still checked in on.
    contexts = await env.db.read(placements_of, user_id=user_id, years=[year - 1, year])
    if not contexts:
        return views.no_placement()
    open_now: list[PlacementContext] = []
    upcoming: list[tuple[Any, PlacementContext]] = []
    closed: list[Season] = []
    for ctx in contexts:
        season = _season(env, ctx)
        starts = first_day(ctx, season)
        if now >= season.closes_at:
            closed.append(season)
        elif now < start_of_day(starts, season.tz):
            upcoming.append((starts, ctx))
        else:
            open_now.append(ctx)
    if open_now:
        single = open_now[0].id if len(open_now) == 1 else 0
        view = feedback_modal(CHECKIN_FORM, open_now, user_id, Where(single, channel_id, ""))
        await env.client.views_open(trigger_id=trigger_id, view=view.to_dict())
        return None
    if upcoming:
        starts, _ = min(upcoming, key=lambda pair: pair[0])
        return views.not_started(starts)
    return views.season_closed(closed[-1].close_date)
