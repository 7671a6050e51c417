"""Planning the DM timeline of one confirmed placement (docs/product.md, "The season"). Pure.

Both host and intern get every DM, but for the programme reminder, which goes to the host
side only (`HOST_ONLY`). A planned DM is identified by a stable key, so the caller
can store the plan as outbox rows with a unique key: re-planning the same placement with the
same days yields the same keys (nothing is sent twice), and changing the days yields new
keys exactly for the moments that moved (see `dm_key` and `diff_plans`).

Late planning (a placement confirmed after some moments have passed): a past moment is
moved to the first allowed sending moment after `now`, and then kept only if the DM still
means something at that moment (`still_meaningful`); a reminder (`IN_TIME_ONLY`) is not
planned late at all. The dispatcher asks the same question
again when it is about to send.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from bot.domain.placement import Role
from bot.domain.season import (
    Season,
    add_working_days,
    at_local,
    next_allowed,
    next_working_day,
    start_of_day,
    to_utc,
)
from bot.registry.ids import DMKind


class SkipReason(StrEnum):
    """Why a DM is no longer worth sending."""

    PLACEMENT_STARTED = "placement_started"  # intro/practical once the first day began
    FIRST_DAY_OVER = "first_day_over"  # welcome after the first day
    EVALUATION_DUE = "evaluation_due"  # check-in once the evaluation takes over
    SEASON_CLOSED = "season_closed"  # evaluation/follow-up after the season closed
    STALE = "stale"  # a DM with fixed content after its `fixed_until`
    PROGRAMME_WRITTEN = "programme_written"  # the reminder found the programme there


DUE_TIME: dict[DMKind, time] = {
    DMKind.INTRO: time(9, 0),
    DMKind.PROGRAMME_REMINDER: time(9, 0),
    DMKind.PRACTICAL: time(9, 0),
    DMKind.WELCOME: time(8, 30),
    DMKind.CHECKIN: time(15, 0),
    DMKind.EVALUATION: time(9, 0),
    DMKind.FOLLOWUP: time(9, 0),
}

_FROM_FIRST_DAY = frozenset(
    {DMKind.INTRO, DMKind.PROGRAMME_REMINDER, DMKind.PRACTICAL, DMKind.WELCOME}
)
# The planned timeline; PROGRAMME_CHANGED is planned by an edit, not by the days.
TIMELINE: tuple[DMKind, ...] = tuple(k for k in DMKind if k in DUE_TIME)
# Who gets each: the reminder asks the host side for what only it writes.
HOST_ONLY = frozenset({DMKind.PROGRAMME_REMINDER})
# Planned only while their moment is ahead: a placement confirmed after T−7 gets its intro
# at once, which asks for the programme itself, so a reminder beside it would be noise.
IN_TIME_ONLY = frozenset({DMKind.PROGRAMME_REMINDER})


@dataclass(frozen=True)
class PlannedDM:
    recipient: str  # Slack user ID
    role: Role
    kind: DMKind
    due_at: datetime  # aware UTC
    key: str  # stable idempotency key, see `dm_key`


# How long after its moment a DM with fixed content is still worth sending: news goes stale
# in days (a coordinator's message, an expired proposal, a reminder of tomorrow's workshop),
# an invitation stays open for weeks. Later than this – Slack was away all that time – it is
# skipped rather than sent late.
FIXED_LIFETIME: dict[str, timedelta] = {
    "announcement": timedelta(days=3),
    "expired": timedelta(days=2),
    "invitation": timedelta(days=14),
    "workshop": timedelta(days=7),
    "workshop_reminder": timedelta(hours=18),
    "workshop_moved": timedelta(days=2),
    "retention": timedelta(days=14),  # the coordinators' warning: good until the day itself
}
DEFAULT_FIXED_LIFETIME = timedelta(days=3)


def fixed_until(kind: str, due: datetime) -> datetime:
    """The moment from which a DM with fixed content of `kind`, due at `due`, is skipped."""
    return due + FIXED_LIFETIME.get(kind, DEFAULT_FIXED_LIFETIME)


def anchor_day(kind: DMKind, first_day: date, last_day: date) -> date:
    """The placement day a DM's moment is counted from: the first day or the last day."""
    return first_day if kind in _FROM_FIRST_DAY else last_day


def due_day(kind: DMKind, first_day: date, last_day: date) -> date:
    """The local date of a DM by the timeline's rules (before the send window is applied)."""
    anchor = anchor_day(kind, first_day, last_day)
    match kind:
        case DMKind.INTRO:
            return anchor - timedelta(days=14)
        case DMKind.PROGRAMME_REMINDER:
            return anchor - timedelta(days=7)
        case DMKind.PRACTICAL:
            return add_working_days(anchor, -2)
        case DMKind.WELCOME | DMKind.CHECKIN:
            return anchor
        case DMKind.EVALUATION:
            return add_working_days(anchor, 3)
        case DMKind.FOLLOWUP:
            return next_working_day(anchor + timedelta(days=90))
        case DMKind.PROGRAMME_CHANGED:
            raise ValueError("a programme change is planned by the edit, not by the days")


def scheduled_at(kind: DMKind, first_day: date, last_day: date, season: Season) -> datetime:
    """The moment a DM is due when planned in time: its rule, then the send window (UTC)."""
    moment = at_local(due_day(kind, first_day, last_day), DUE_TIME[kind], season.tz)
    return next_allowed(moment, season)


def dm_key(placement_id: int, kind: DMKind, recipient: str, anchor: date) -> str:
    """Idempotency key, e.g. "p42:welcome:U123:2027-09-13".

    It holds the anchor day only (first day for intro/practical/welcome, last day for the
    rest), not both: moving the last day re-plans the check-in, evaluation and follow-up
    but leaves the already planned (or sent) intro, practical and welcome alone. It holds
    neither `now` nor the due time, so re-planning later never duplicates a DM.
    """
    return f"p{placement_id}:{kind}:{recipient}:{anchor.isoformat()}"


def meaningful_until(kind: DMKind, first_day: date, last_day: date, season: Season) -> datetime:
    """The instant (UTC) from which a DM is no longer worth sending.

    - intro, programme reminder and change, practical: the welcome moment (first day
      08:30): they prepare a placement and are noise once it has started; a confirmation
      late on the evening before still gets them at 08:00, just before the welcome;
    - welcome: the end of the first day;
    - checkin: the evaluation moment, which asks the same and more;
    - evaluation, followup: when the season closes.
    """
    match kind:
        case DMKind.INTRO | DMKind.PROGRAMME_REMINDER | DMKind.PRACTICAL | DMKind.PROGRAMME_CHANGED:
            return scheduled_at(DMKind.WELCOME, first_day, last_day, season)
        case DMKind.WELCOME:
            return start_of_day(first_day + timedelta(days=1), season.tz)
        case DMKind.CHECKIN:
            return scheduled_at(DMKind.EVALUATION, first_day, last_day, season)
        case DMKind.EVALUATION | DMKind.FOLLOWUP:
            return season.closes_at


_SKIP_REASON = {
    DMKind.INTRO: SkipReason.PLACEMENT_STARTED,
    DMKind.PROGRAMME_REMINDER: SkipReason.PLACEMENT_STARTED,
    DMKind.PROGRAMME_CHANGED: SkipReason.PLACEMENT_STARTED,
    DMKind.PRACTICAL: SkipReason.PLACEMENT_STARTED,
    DMKind.WELCOME: SkipReason.FIRST_DAY_OVER,
    DMKind.CHECKIN: SkipReason.EVALUATION_DUE,
    DMKind.EVALUATION: SkipReason.SEASON_CLOSED,
    DMKind.FOLLOWUP: SkipReason.SEASON_CLOSED,
}


def skip_reason(
    kind: DMKind,
    due_at: datetime,
    first_day: date,
    last_day: date,
    now: datetime,
    *,
    season: Season,
) -> SkipReason | None:
    """Why a DM due at `due_at` should not be sent when it would go out (the later of
    `due_at` and `now`); None if it should be sent.
    """
    sends_at = max(to_utc(due_at), to_utc(now))
    if sends_at < meaningful_until(kind, first_day, last_day, season):
        return None
    return _SKIP_REASON[kind]


def still_meaningful(
    kind: DMKind,
    due_at: datetime,
    first_day: date,
    last_day: date,
    now: datetime,
    *,
    season: Season,
) -> bool:
    """Whether a DM due at `due_at` is still worth sending, as judged at `now`."""
    return skip_reason(kind, due_at, first_day, last_day, now, season=season) is None


def plan_placement(
    *,
    placement_id: int,
    host_id: str,
    intern_id: str,
    days: Iterable[date],
    season: Season,
    now: datetime,
) -> list[PlannedDM]:
    """Every DM of a confirmed placement for host and intern, sorted by due time.

    `days` are the placement days, all in the season's week 37 (gaps allowed: the first
    and last day count). A moment already past at `now` is moved to the first allowed
    sending moment after `now`, and dropped if the DM is no longer meaningful by then (a
    reminder is dropped at once).
    """
    placement_days = sorted(set(days))
    if not placement_days:
        raise ValueError("a placement needs at least one day")
    outside = [d for d in placement_days if d not in season.days]
    if outside:
        raise ValueError(f"days outside week 37 of {season.year}: {outside}")
    if host_id == intern_id:
        raise ValueError(f"host and intern are the same user {host_id}")
    first_day, last_day = placement_days[0], placement_days[-1]
    now_utc = to_utc(now)
    soonest = next_allowed(now_utc, season)
    recipients = ((Role.HOST, host_id), (Role.INTERN, intern_id))

    planned: list[PlannedDM] = []
    for kind in TIMELINE:
        due_at = scheduled_at(kind, first_day, last_day, season)
        if due_at < now_utc:
            if kind in IN_TIME_ONLY:
                continue
            due_at = soonest
        if not still_meaningful(kind, due_at, first_day, last_day, now_utc, season=season):
            continue
        anchor = anchor_day(kind, first_day, last_day)
        planned.extend(
            PlannedDM(
                recipient=recipient,
                role=role,
                kind=kind,
                due_at=due_at,
                key=dm_key(placement_id, kind, recipient, anchor),
            )
            for role, recipient in recipients
            if role is Role.HOST or kind not in HOST_ONLY
        )
    kind_order = list(DMKind)
    planned.sort(key=lambda dm: (dm.due_at, kind_order.index(dm.kind), dm.role))
    return planned


def diff_plans(
    existing_keys: Set[str], new: Sequence[PlannedDM]
) -> tuple[list[PlannedDM], set[str]]:
    """What to insert and which keys to cancel when re-planning a placement.

    `existing_keys` must be the keys of all the placement's outbox rows, sent ones
    included: a sent DM whose key is planned again is then not added again. Cancelling
    a key applies to unsent rows only; a sent one it names has nothing left to cancel.
    """
    new_keys = {dm.key for dm in new}
    to_add: list[PlannedDM] = []
    added: set[str] = set()
    for dm in new:
        if dm.key not in existing_keys and dm.key not in added:
            to_add.append(dm)
            added.add(dm.key)
    return to_add, set(existing_keys) - new_keys


def cohost_copies(
    planned: Sequence[PlannedDM], *, cohost: str | None, placement_id: int, days: Sequence[date]
) -> list[PlannedDM]:
    """The host's DMs again, every one of them, for the co-host under keys of their own: a
    co-host shares the hosting, so is asked for a check-in and an evaluation of their own
    too (stored under the co-host's role, models.feedback)."""
    if not cohost or not days:
        return []
    first, last = min(days), max(days)
    return [
        replace(
            dm,
            recipient=cohost,
            key=dm_key(placement_id, dm.kind, cohost, anchor_day(dm.kind, first, last)),
        )
        for dm in planned
        if dm.role is Role.HOST
    ]
