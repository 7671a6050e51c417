"""Coordinators: access, audit, the season's settings and announcements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from bot.buttons.values import Announcement
from bot.domain.season import Phase, Season, local_date, next_allowed
from bot.process.current import approval_required
from bot.service import Env
from bot.slack.message import Message
from bot.views import admin as views
from bot.views.admin import AnnounceProblem, SettingProblem
from bot.views.forms import DEFAULT_TOPICS
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
    return views.season_facts(
        season,
        approval=approval_required(env.settings, overrides),
        weight=overrides.cross_sector_weight,
        phase=season.phase(env.now()),
    )


def _whole_number(value: str, low: int, high: int) -> int | None:
    """ASCII digits only: "²" and "١" pass isdigit() but not int(), and int() refuses
    strings of more than 4,300 digits."""
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        return None
    number = int(value)
    return number if low <= number <= high else None


def check_deadline(season: Season, deadline: date, now: datetime) -> Message | None:
    """Why the sign-up deadline cannot move to `deadline`, or None. It must lie ahead, and
    before the introductions (T−14) so that the season's phases keep their order; once the
    introductions have begun the deadline can no longer move at all."""
    phase = season.phase(now)
    if phase not in (Phase.SIGNUP, Phase.MATCHING):
        return views.deadline_phase_passed(phase)
    today = local_date(now, season.tz)
    if deadline < today:
        return views.deadline_past(deadline, today)
    intros = local_date(season.intros_start_at, season.tz)
    if deadline >= intros:
        return views.deadline_too_late(deadline, intros)
    return None


def _parse_setting(
    season: Season, key: str, value: str, now: datetime
) -> tuple[str, object] | Message:
    """(column, value) to store, or the answer saying why it cannot be stored."""
    if key == "frist":
        try:
            deadline = date.fromisoformat(value)
        except ValueError:
            return views.setting_refused(SettingProblem.DATE)
        why = check_deadline(season, deadline, now)
        return why if why is not None else ("signup_deadline", deadline)
    if key == "svarfrist":
        days = _whole_number(value, 1, 60)
        return (
            views.setting_refused(SettingProblem.DAYS) if days is None else ("proposal_days", days)
        )
    if key == "godkendelse":
        on = views.on_off(value)
        return (
            views.setting_refused(SettingProblem.ON_OFF) if on is None else ("manager_approval", on)
        )
    if key in ("vægt", "vaegt"):
        weight = _whole_number(value, 0, 100)
        if weight is None:
            return views.setting_refused(SettingProblem.WEIGHT)
        return ("cross_sector_weight", weight)
    return views.setting_refused(SettingProblem.UNKNOWN)


async def season_command(env: Env, *, user_id: str, args: str) -> Message:
    season, overrides = await env.season()
    if args:
        key, _, value = args.partition(" ")
        parsed = _parse_setting(season, key.casefold(), value.strip().casefold(), env.now())
        if isinstance(parsed, Message):
            return parsed
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
        return views.season_saved(season_text(env, season, overrides))
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
        return views.announce_refused(AnnounceProblem.EMPTY)
    if len(text) > ANNOUNCE_MAX:
        return views.announce_refused(AnnounceProblem.TOO_LONG)
    audience = await _audience(env)
    now = (audience.current,)
    count = await env.db.read(_recipients, years=now)
    last_count = 0
    if audience.last is not None:
        last_count = await env.db.read(_recipients, years=(audience.last.year,))
    if audience.last is None or last_count == 0:  # nobody of last season to remind
        if count == 0:
            return views.announce_refused(AnnounceProblem.NOBODY)
        return views.announce_to_current(text, audience.current, count)
    both_count = await env.db.read(_recipients, years=(audience.last.year, audience.current))
    if both_count == 0:
        return views.announce_refused(AnnounceProblem.NOBODY)
    return views.announce_to_choose(
        text,
        current=audience.current,
        count=count,
        last=audience.last,
        last_count=last_count,
        both_count=both_count,
    )


async def announce_send(env: Env, *, user_id: str, sent: Announcement | None) -> Message:
    """`sent` None: a value longer than any button of ours carries, so too long a text."""
    if not await env.is_coordinator(user_id):
        await audit(env, actor=user_id, action="announce", allowed=False)
        return views.not_coordinator()
    if sent is None:
        return views.announce_refused(AnnounceProblem.TOO_LONG)
    audience = await _audience(env)
    # An old button names no season: it was meant for the season in force.
    years = sent.years or (audience.current,)
    text = clean_text(sent.text)
    if not text or len(text) > ANNOUNCE_MAX:
        return views.announce_refused(AnnounceProblem.TOO_LONG if text else AnnounceProblem.EMPTY)
    allowed = {audience.current} | ({audience.last.year} if audience.last else set())
    if gone := sorted(set(years) - allowed):
        return views.announce_season_over(gone[0])
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
    return views.announce_planned(added)


# emner ---------------------------------------------------------------------------------


async def topics_command(env: Env, *, user_id: str, args: str) -> Message:
    """List the topics, or add one: `/praktik admin emne tilføj <navn>`."""
    verb, _, name = args.partition(" ")
    if verb.casefold() in ("tilføj", "tilfoej", "ny"):
        name = clean_text(name)
        if not name or len(name) > TOPIC_MAX:
            return views.topic_invalid()
        added = await env.db.run(
            repo.add_topic, name=name, added_by=user_id, defaults=DEFAULT_TOPICS
        )
        await audit(env, actor=user_id, action="topic add", allowed=True, topic=name, added=added)
        return views.topic_added(name, added=added)
    if verb:
        return views.topics_usage()
    names = await env.db.read(repo.topics, defaults=DEFAULT_TOPICS)
    return views.topics_list(names)
