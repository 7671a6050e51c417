"""Coordinators: access, audit, the season's settings and announcements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from bot.buttons.values import Announcement
from bot.domain.season import Phase, Season, day_label, local_date, next_allowed
from bot.process.current import approval_required
from bot.registry.ids import AdminAction
from bot.service import Env
from bot.slack.message import Message
from bot.texts import DEFAULT_TOPICS, dates
from bot.texts import admin as t
from bot.texts import season as season_t
from bot.views import admin as views
from bot.views.common import notice
from bot.views.mrkdwn import literal
from models import admin as admin_queries
from models import audit as audit_log
from models import topics as repo
from models.forms import TOPIC_MAX, clean_text
from models.tables import SeasonSettings

ANNOUNCE_MAX = 1900


async def audit(env: Env, *, actor: str, action: str, allowed: bool, **detail: Any) -> None:
    await env.db.run(
        audit_log.record, actor=actor, action=action, allowed=allowed, now=env.now(), detail=detail
    )


# sæson ---------------------------------------------------------------------------------


def season_text(env: Env, season: Season, overrides: SeasonSettings) -> str:
    week = f"{day_label(season.days[0])} – {day_label(season.days[-1])}"
    return t.season_facts(
        season.year,
        week,
        dates.day(season.signup_deadline, year=True),
        season.proposal_days,
        approval_required(env.settings, overrides),
        overrides.cross_sector_weight,
        t.PHASES[season.phase(env.now()).value],
    )


def _whole_number(value: str, low: int, high: int) -> int | None:
    """ASCII digits only: "²" and "١" pass isdigit() but not int(), and int() refuses
    strings of more than 4,300 digits."""
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        return None
    number = int(value)
    return number if low <= number <= high else None


def check_deadline(season: Season, deadline: date, now: datetime) -> str | None:
    """Why the sign-up deadline cannot move to `deadline`, or None. It must lie ahead, and
    before the introductions (T−14) so that the season's phases keep their order; once the
    introductions have begun the deadline can no longer move at all."""
    phase = season.phase(now)
    if phase not in (Phase.SIGNUP, Phase.MATCHING):
        return season_t.phase_passed(t.PHASES[phase.value])
    today = local_date(now, season.tz)
    if deadline < today:
        return season_t.deadline_past(dates.day(deadline, year=True), dates.day(today, year=True))
    intros = local_date(season.intros_start_at, season.tz)
    if deadline >= intros:
        return season_t.deadline_too_late(
            dates.day(deadline, year=True), dates.day(intros, year=True)
        )
    return None


def _parse_setting(season: Season, key: str, value: str, now: datetime) -> tuple[str, object] | str:
    """(column, value) to store, or the Danish reason it cannot be stored."""
    if key == "frist":
        try:
            deadline = date.fromisoformat(value)
        except ValueError:
            return t.ERR_DATE
        why = check_deadline(season, deadline, now)
        return why if why is not None else ("signup_deadline", deadline)
    if key == "svarfrist":
        days = _whole_number(value, 1, 60)
        return t.ERR_DAYS if days is None else ("proposal_days", days)
    if key == "godkendelse":
        return ("manager_approval", value == t.ON) if value in (t.ON, t.OFF) else t.ERR_ON_OFF
    if key in ("vægt", "vaegt"):
        weight = _whole_number(value, 0, 100)
        return t.ERR_WEIGHT if weight is None else ("cross_sector_weight", weight)
    return t.SEASON_USAGE


async def season_command(env: Env, *, user_id: str, args: str) -> Message:
    season, overrides = await env.season()
    if args:
        key, _, value = args.partition(" ")
        parsed = _parse_setting(season, key.casefold(), value.strip().casefold(), env.now())
        if isinstance(parsed, str):
            return notice(parsed)
        field, stored = parsed
        await env.db.run(
            admin_queries.store_setting,
            year=season.year,
            field=field,
            value=stored,
            actor=user_id,
            now=env.now(),
        )
        env.caches.seasons.forget()

        await audit(
            env, actor=user_id, action="season set", allowed=True, field=field, value=str(stored)
        )
        season, overrides = await env.season()
        return notice(f"{t.SEASON_SAVED}\n{season_text(env, season, overrides)}")
    return views.season_settings(season_text(env, season, overrides))


# besked --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Audience:
    """Whom an announcement may reach now: the season in force and, while its evaluations
    and follow-up still run, the season before it."""

    current: int
    last: Season | None


async def _audience(env: Env) -> _Audience:
    current = await env.year()
    last, _ = await env.season(current - 1)
    # After the next season opens, last season's people still have an evaluation and a
    # follow-up to answer: the coordinator may need to remind them.
    running = last.phase(env.now()) is Phase.AFTER_WEEK
    return _Audience(current, last if running else None)


def _recipients(session: Session, *, years: tuple[int, ...]) -> int:
    return len({u for year in years for u in admin_queries.participants(session, year=year)})


async def announce_preview(env: Env, *, text: str) -> Message:
    text = clean_text(text)  # control characters alone would leave an empty, invalid block
    if not text:
        return notice(t.ANNOUNCE_EMPTY)
    if len(text) > ANNOUNCE_MAX:
        return notice(t.ANNOUNCE_TOO_LONG)
    audience = await _audience(env)
    now = (audience.current,)
    count = await env.db.read(_recipients, years=now)
    last_count = 0
    if audience.last is not None:
        last_count = await env.db.read(_recipients, years=(audience.last.year,))
    if audience.last is None or last_count == 0:  # nobody of last season to remind
        if count == 0:
            return notice(t.ANNOUNCE_NONE)
        reaches = t.announce_recipients(count, now)
        choice = views.AnnounceChoice(
            t.ANNOUNCE_SEND, AdminAction.ANNOUNCE_SEND, Announcement(now, text), reaches
        )
        return views.announce_preview(text, t.announce_preview(count, now), [choice])
    last, both = (audience.last.year,), (audience.last.year, audience.current)
    both_count = await env.db.read(_recipients, years=both)
    if both_count == 0:
        return notice(t.ANNOUNCE_NONE)
    head = t.announce_choose(
        audience.current,
        count,
        audience.last.year,
        last_count,
        dates.day(audience.last.close_date - timedelta(days=1), year=True),
    )
    choices = [
        views.AnnounceChoice(
            t.announce_only(years[0]) if len(years) == 1 else t.ANNOUNCE_BOTH,
            action,
            Announcement(years, text),
            t.announce_recipients(reached, years),
        )
        for years, action, reached in (
            (now, AdminAction.ANNOUNCE_SEND, count),
            (last, AdminAction.ANNOUNCE_SEND_LAST, last_count),
            (both, AdminAction.ANNOUNCE_SEND_BOTH, both_count),
        )
        if reached
    ]
    return views.announce_preview(text, head, choices)


async def announce_send(env: Env, *, user_id: str, sent: Announcement | None) -> Message:
    """`sent` None: a value longer than any button of ours carries, so too long a text."""
    if not await env.is_coordinator(user_id):
        await audit(env, actor=user_id, action="announce", allowed=False)
        return views.not_coordinator()
    if sent is None:
        return notice(t.ANNOUNCE_TOO_LONG)
    audience = await _audience(env)
    # An old button names no season: it was meant for the season in force.
    years = sent.years or (audience.current,)
    text = clean_text(sent.text)
    if not text or len(text) > ANNOUNCE_MAX:
        return notice(t.ANNOUNCE_TOO_LONG if text else t.ANNOUNCE_EMPTY)
    allowed = {audience.current} | ({audience.last.year} if audience.last else set())
    if gone := sorted(set(years) - allowed):
        return notice(t.announce_season_over(gone[0]))
    season, _ = await env.season()
    due = next_allowed(env.now(), season)
    added = await env.db.run(
        admin_queries.plan_announcement,
        years=tuple(sorted(years, reverse=True)),
        text=text,
        payload=views.announcement(text).to_dict(),
        now=env.now(),
        due=due,
    )
    await audit(
        env, actor=user_id, action="announce", allowed=True, recipients=added, years=list(years)
    )
    return notice(t.announce_planned(added))


# emner ---------------------------------------------------------------------------------


async def topics_command(env: Env, *, user_id: str, args: str) -> Message:
    """List the topics, or add one: `/praktik admin emne tilføj <navn>`."""
    verb, _, name = args.partition(" ")
    if verb.casefold() in ("tilføj", "tilfoej", "ny"):
        name = clean_text(name)
        if not name or len(name) > TOPIC_MAX:
            return notice(t.TOPIC_INVALID)
        added = await env.db.run(
            repo.add_topic, name=name, added_by=user_id, defaults=DEFAULT_TOPICS
        )
        await audit(env, actor=user_id, action="topic add", allowed=True, topic=name, added=added)
        shown = literal(name, 200)
        return notice(t.topic_added(shown) if added else t.topic_exists(shown))
    if verb:
        return notice(t.TOPICS_USAGE)
    names = await env.db.read(repo.topics, defaults=DEFAULT_TOPICS)
    return notice(t.topics_list(literal(", ".join(names), 2500)))
