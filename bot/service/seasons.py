"""The season's life: which season a command is about, opening the next season and inviting
last year's participants back, and keeping sign-ups out of a season whose week is over."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session

from bot.season import (
    Season,
    at_local,
    default_opens_on,
    default_season_year,
    local_date,
    next_allowed,
    signup_open,
)
from bot.service import Env
from bot.service.admin import audit
from bot.texts import dates
from bot.texts import season as t
from bot.views.common import notice
from bot.views.season import invitation, signup_not_open
from models import seasons
from models.outbox_repo import plan_fixed

FIRST_YEAR, LAST_YEAR = 2000, 2100
INVITE_AT = time(9, 0)
INVITE_WINDOW = timedelta(days=14)


def parse_year(args: str) -> int | str | None:
    """The year a command names (`stats 2027`), None when it names none, or why it is wrong."""
    word = args.strip()
    if not word:
        return None
    if not (word.isascii() and word.isdigit() and len(word) == 4):
        return t.ERR_YEAR
    year = int(word)
    return year if FIRST_YEAR <= year <= LAST_YEAR else t.no_such_season(year)


def date_label(day: date) -> str:
    return dates.day(day, year=True)


async def signup_refusal(env: Env) -> dict[str, Any] | None:
    """The modal to show instead of a sign-up form while the season in force has had its week
    and the next one has not opened yet; None when sign-ups are open."""
    season, _ = await env.season()
    if signup_open(season, env.now()):
        return None
    upcoming = await env.overrides(season.year + 1)
    opens = upcoming.opens_on or default_opens_on(season.year + 1)
    return signup_not_open(season.year + 1, date_label(opens))


# /praktik admin sæson åbn ÅR [ÅÅÅÅ-MM-DD] ----------------------------------------------


def _opening_day(env: Env, year: int, rest: str, in_force: int) -> date | str:
    if env.settings.praktik_year is not None:
        return t.pinned(env.settings.praktik_year)
    now = env.now()
    expected = default_season_year(now, env.settings.tz)
    if year != expected:
        return t.open_wrong_year(year, expected)
    if in_force == year:
        return t.already_open(year)
    today = local_date(now, env.settings.tz)
    if not rest:
        return today
    try:
        day = date.fromisoformat(rest)
    except ValueError:
        return t.OPEN_USAGE
    latest = default_opens_on(year)
    if day < today:
        return t.open_date_past(date_label(day))
    if day > latest:
        return t.open_date_too_late(date_label(day), date_label(latest))
    return day


async def open_command(env: Env, *, user_id: str, args: str) -> dict[str, Any]:
    word, _, rest = args.strip().partition(" ")
    year = parse_year(word)
    if not isinstance(year, int):
        return notice(year if isinstance(year, str) else t.OPEN_USAGE)
    day = _opening_day(env, year, rest.strip(), await env.year())
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
    if day == today:
        return notice(t.opened(year, invited))
    return notice(t.opens_planned(year, date_label(day), invited))


async def invite_back(env: Env) -> int:
    """A season that opened on its own (15 January, when the last one closed): last year's
    participants are invited all the same, once, within INVITE_WINDOW of the opening (the
    job runs every few minutes; a later first start does not send old news)."""
    if env.settings.praktik_year is not None:
        return 0
    year, now = await env.year(), env.now()
    season, overrides = await env.season(year)
    opened = overrides.opens_on or default_opens_on(year)
    today = local_date(now, season.tz)
    if not opened <= today <= opened + INVITE_WINDOW:
        return 0
    due = next_allowed(max(now, at_local(opened, INVITE_AT, season.tz)), season)
    return await env.db.run(_plan_invitations, year=year, now=now, due=due)


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
            f"invite:{year}:{u}": (u, invitation(year, host=h, intern=i)) for u, (h, i) in people
        },
        kind="invitation",
        now=now,
        due=due,
    )
