"""Coordinators: access, audit, the season's settings and announcements."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ConfirmObject,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from sqlmodel import Session, col, select

from bot.current import approval_required
from bot.ids import AdminAction
from bot.season import Phase, Season, day_label, local_date, next_allowed
from bot.service import Env
from bot.texts import DEFAULT_TOPICS, dates
from bot.texts import admin as t
from bot.texts import season as season_t
from bot.views.common import button, message
from bot.views.mrkdwn import angles, clip, escape
from models import audit as audit_log
from models import repo
from models.forms import TOPIC_MAX, clean_text
from models.outbox_repo import plan_fixed
from models.privacy import ERASED
from models.tables import HostSlot, Participant, SeasonSettings, Wish

ANNOUNCE_MAX = 1900


async def audit(env: Env, *, actor: str, action: str, allowed: bool, **detail: Any) -> None:
    await env.db.run(
        audit_log.record, actor=actor, action=action, allowed=allowed, now=env.now(), detail=detail
    )


def not_coordinator() -> dict[str, Any]:
    return message(t.NOT_COORDINATOR, [SectionBlock(text=t.NOT_COORDINATOR)])


def admin_help(unknown: str | None) -> dict[str, Any]:
    lines = "\n".join(f"`{angles(command)}` – {angles(what)}" for command, what in t.HELP_LINES)
    head = t.unknown(escape(clip(unknown, 60))) if unknown else f"*{t.HELP_TITLE}*"
    return message(head, [SectionBlock(text=MarkdownTextObject(text=f"{head}\n{lines}"))])


def notice(text: str) -> dict[str, Any]:
    return message(text, [SectionBlock(text=MarkdownTextObject(text=text))])


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


def _store(
    session: Session, *, year: int, field: str, value: object, actor: str, env_now: Any
) -> None:
    current = session.get(SeasonSettings, year) or SeasonSettings(year=year)
    setattr(current, field, value)
    current.updated_by, current.updated_at = actor, env_now
    session.add(current)


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


async def season_command(env: Env, *, user_id: str, args: str) -> dict[str, Any]:
    season, overrides = await env.season()
    if args:
        key, _, value = args.partition(" ")
        parsed = _parse_setting(season, key.casefold(), value.strip().casefold(), env.now())
        if isinstance(parsed, str):
            return notice(parsed)
        field, stored = parsed
        await env.db.run(
            _store, year=season.year, field=field, value=stored, actor=user_id, env_now=env.now()
        )
        env.caches.seasons.forget()

        await audit(
            env, actor=user_id, action="season set", allowed=True, field=field, value=str(stored)
        )
        season, overrides = await env.season()
        return notice(f"{t.SEASON_SAVED}\n{season_text(env, season, overrides)}")
    return message(
        t.SEASON_TITLE,
        [
            SectionBlock(text=MarkdownTextObject(text=season_text(env, season, overrides))),
            ContextBlock(elements=[MarkdownTextObject(text=t.SEASON_USAGE)]),
        ],
    )


# besked --------------------------------------------------------------------------------


def participants(session: Session, *, year: int) -> list[str]:
    """Everyone with a slot or a wish this season, each once; not those who erased their
    data (their row is kept, anonymous, for the figures: nobody to write to)."""
    hosts = select(HostSlot.host_id).where(HostSlot.season_year == year)
    interns = select(Wish.intern_id).where(Wish.season_year == year)
    rows = session.exec(
        select(Participant.slack_user_id)
        .where(col(Participant.id).in_(hosts) | col(Participant.id).in_(interns))
        .where(~col(Participant.slack_user_id).startswith(f"{ERASED}-"))
        .order_by(col(Participant.slack_user_id))
    ).all()
    return list(rows)


def announcement_blocks(text: str) -> list[Any]:
    # Plain text shows the message as written and stays within Slack's 3,000 characters,
    # where escaping for mrkdwn could make 1,900 characters of "&" five times as long.
    return [
        SectionBlock(text=MarkdownTextObject(text=f"*{t.ANNOUNCE_FROM}*")),
        SectionBlock(text=PlainTextObject(text=text, emoji=False)),
    ]


async def announce_preview(env: Env, *, text: str) -> dict[str, Any]:
    text = clean_text(text)  # control characters alone would leave an empty, invalid block
    if not text:
        return notice(t.ANNOUNCE_EMPTY)
    if len(text) > ANNOUNCE_MAX:
        return notice(t.ANNOUNCE_TOO_LONG)
    count = len(await env.db.run(participants, year=await env.year()))
    if count == 0:
        return notice(t.ANNOUNCE_NONE)
    confirm = ConfirmObject(
        title=t.ANNOUNCE_CONFIRM_TITLE,
        text=t.announce_preview(count),
        confirm=t.ANNOUNCE_CONFIRM_YES,
        deny=t.ANNOUNCE_CONFIRM_NO,
    )
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=t.announce_preview(count))),
        *announcement_blocks(text),
        ActionsBlock(
            elements=[
                button(
                    t.ANNOUNCE_SEND,
                    AdminAction.ANNOUNCE_SEND,
                    text,
                    style="primary",
                    confirm=confirm,
                )
            ]
        ),
    ]
    return message(t.announce_preview(count), blocks)


def _plan_announcement(session: Session, *, year: int, text: str, now: Any, due: Any) -> int:
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    # The DM shows what the preview showed: the text as written, mentions and links not
    # live (the fallback text for notifications is escaped the same way).
    payload = {"text": angles(text), "blocks": [b.to_dict() for b in announcement_blocks(text)]}
    return plan_fixed(
        session,
        rows={
            f"besked:{year}:{digest}:{u}": (u, payload) for u in participants(session, year=year)
        },
        kind="announcement",
        now=now,
        due=due,
    )


async def announce_send(env: Env, *, user_id: str, text: str) -> dict[str, Any]:
    if not env.settings.is_admin(user_id):
        await audit(env, actor=user_id, action="announce", allowed=False)
        return not_coordinator()
    text = clean_text(text)
    if not text or len(text) > ANNOUNCE_MAX:
        return notice(t.ANNOUNCE_TOO_LONG if text else t.ANNOUNCE_EMPTY)
    season, _ = await env.season()
    due = next_allowed(env.now(), season)
    added = await env.db.run(
        _plan_announcement, year=season.year, text=text, now=env.now(), due=due
    )
    await audit(env, actor=user_id, action="announce", allowed=True, recipients=added)
    return notice(t.announce_planned(added))


# emner ---------------------------------------------------------------------------------


async def topics_command(env: Env, *, user_id: str, args: str) -> dict[str, Any]:
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
        return notice(t.topic_added(escape(name)) if added else t.topic_exists(escape(name)))
    if verb:
        return notice(t.TOPICS_USAGE)
    names = await env.db.run(repo.topics, defaults=DEFAULT_TOPICS)
    return notice(t.topics_list(escape(", ".join(names))))
