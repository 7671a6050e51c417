"""The season's life: which season a command is about, opening the next season and inviting
last year's participants back, and keeping sign-ups out of a season whose week is over."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Generic, Protocol, TypeVar

from slack_sdk.models.views import View
from sqlmodel import Session

from bot.domain.season import (
    Season,
    at_local,
    default_opens_on,
    default_season_year,
    local_date,
    next_allowed,
    signup_open,
    to_utc,
)
from bot.service import Env
from bot.service.admin import audit
from bot.slack.message import Message
from bot.views import season as views
from bot.views.common import notice
from bot.views.forms import DEFAULT_TOPICS
from models import participants, seasons
from models import topics as topic_repo
from models.fixed_dms import plan_fixed
from models.tables import Participant, SeasonSettings

FIRST_YEAR, LAST_YEAR = 2000, 2100
INVITE_AT = time(9, 0)
INVITE_WINDOW = timedelta(days=14)

A = TypeVar("A")
A_co = TypeVar("A_co", covariant=True)


def parse_year(args: str, *, example: int) -> int | str | None:
    """The year a command names (`stats 2027`), None when it names none, or why it is wrong
    (showing `example`, a year the command takes, as the way to write one)."""
    word = args.strip()
    if not word:
        return None
    if not (word.isascii() and word.isdigit() and len(word) == 4):
        return views.bad_year(example)
    year = int(word)
    return year if FIRST_YEAR <= year <= LAST_YEAR else views.no_such_season(year)


async def season_named(env: Env, args: str) -> Season | str:
    """The season the command's argument names (default: the one in force), or the Danish
    sentence saying why the argument is no year."""
    year = parse_year(args, example=await env.year())
    if isinstance(year, str):
        return year
    season, _ = await env.season(year)
    return season


def past_deadline(season: Season, now: datetime) -> str | None:
    """The sign-up deadline, written out, when a sign-up at `now` comes after it (it is
    still taken, and joins the next matching round); None before it."""
    if to_utc(now) < season.signup_closes_at:
        return None
    return views.date_label(season.signup_deadline)


async def signup_refusal(env: Env) -> View | None:
    """The modal to show instead of a sign-up form while the season in force has had its week
    and the next one has not opened yet; None when sign-ups are open."""
    season, _ = await env.season()
    if signup_open(season, env.now()):
        return None
    upcoming = await env.overrides(season.year + 1)
    opens = upcoming.opens_on or default_opens_on(season.year + 1)
    return views.signup_not_open(season.year + 1, opens)


@dataclass(frozen=True)
class SignupStart(Generic[A]):
    """What a sign-up modal starts from: the person's answers (this season's, or last
    season's when they are back for another), their profile and the topics to offer."""

    answers: A | None
    person: Participant | None
    topics: list[str]
    season: Season
    overrides: SeasonSettings


class AnswersOf(Protocol[A_co]):
    def __call__(self, session: Session, /, *, slack_user_id: str, year: int) -> A_co | None: ...


def _signup_start(
    session: Session, *, answers_of: AnswersOf[A], user_id: str, year: int
) -> tuple[A | None, Participant | None, list[str]]:
    # Back for another season: the form starts from last year's answers.
    return (
        answers_of(session, slack_user_id=user_id, year=year)
        or answers_of(session, slack_user_id=user_id, year=year - 1),
        participants.participant(session, slack_user_id=user_id),
        topic_repo.topics(session, defaults=DEFAULT_TOPICS),
    )


async def open_signup_modal(
    env: Env,
    *,
    user_id: str,
    trigger_id: str,
    answers_of: AnswersOf[A],
    modal: Callable[[SignupStart[A]], View],
) -> None:
    """Open a sign-up form filled in from what the person answered before, or the notice
    that sign-ups are closed."""
    refusal = await signup_refusal(env)
    if refusal is not None:
        await env.client.views_open(trigger_id=trigger_id, view=refusal.to_dict())
        return
    season, overrides = await env.season()
    answers, person, topics = await env.db.read(
        _signup_start, answers_of=answers_of, user_id=user_id, year=season.year
    )
    start = SignupStart(answers, person, topics, season, overrides)
    await env.client.views_open(trigger_id=trigger_id, view=modal(start).to_dict())


# /praktik admin sæson åbn ÅR [ÅÅÅÅ-MM-DD] ----------------------------------------------


def _opening_day(env: Env, year: int, rest: str, in_force: int) -> date | str:
    if env.settings.praktik_year is not None:
        return views.pinned(env.settings.praktik_year)
    now = env.now()
    expected = default_season_year(now, env.settings.tz)
    if year != expected:
        return views.open_wrong_year(year, expected)
    if in_force == year:
        return views.already_open(year)
    today = local_date(now, env.settings.tz)
    if not rest:
        return today
    try:
        day = date.fromisoformat(rest)
    except ValueError:
        return views.open_usage()
    latest = default_opens_on(year)
    if day < today:
        return views.open_date_past(day)
    if day > latest:
        return views.open_date_too_late(day, latest)
    return day


async def open_command(env: Env, *, user_id: str, args: str) -> Message:
    word, _, rest = args.strip().partition(" ")
    in_force = await env.year()
    year = parse_year(word, example=in_force + 1)  # the one to open is the next
    if not isinstance(year, int):
        return notice(year if isinstance(year, str) else views.open_usage())
    day = _opening_day(env, year, rest.strip(), in_force)
    if isinstance(day, str):
        return notice(day)
    season, _ = await env.season(year)
    now = env.now()
    due = next_allowed(max(now, at_local(day, INVITE_AT, season.tz)), season)
    invited = await env.db.run(
        _open, year=year, day=day, actor=user_id, now=now, due=due, season=season
    )
    env.caches.seasons.forget()
    await audit(
        env, actor=user_id, action="season open", allowed=True, year=year, opens_on=str(day)
    )
    today = local_date(now, env.settings.tz)
    return views.opened(year, day, invited, today=day == today)


async def invite_back(env: Env) -> int:
    """A season that opened on its own (15 January, when the last one closed): last year's
    participants are invited all the same, once, within INVITE_WINDOW of the opening (the
    job runs every few minutes; a later first start does not send old news). Once planned,
    the process remembers it and later runs ask the database nothing."""
    if env.settings.praktik_year is not None:
        return 0
    year, now = await env.year(), env.now()
    if year in env.caches.invited_back:
        return 0
    season, overrides = await env.season(year)
    opened = overrides.opens_on or default_opens_on(year)
    today = local_date(now, season.tz)
    if not opened <= today <= opened + INVITE_WINDOW:
        return 0
    due = next_allowed(max(now, at_local(opened, INVITE_AT, season.tz)), season)
    planned = await env.db.run(_plan_invitations, year=year, now=now, due=due)
    env.caches.invited_back.add(year)
    return planned


def _open(
    session: Session,
    *,
    year: int,
    day: date,
    actor: str,
    now: datetime,
    due: datetime,
    season: Season,
) -> int:
    """Store the opening day and plan one invitation per returning participant (the key makes
    a second opening, or a changed date, plan none twice)."""
    seasons.set_opening(session, year=year, day=day, actor=actor, now=now)
    return _plan_invitations(session, year=year, now=now, due=due)


def _plan_invitations(session: Session, *, year: int, now: datetime, due: datetime) -> int:
    people = sorted(seasons.returning(session, year=year - 1).items())
    return plan_fixed(
        session,
        rows={
            f"invite:{year}:{u}": (u, views.invitation(year, host=h, intern=i).to_dict())
            for u, (h, i) in people
        },
        kind="invitation",
        now=now,
        due=due,
    )
