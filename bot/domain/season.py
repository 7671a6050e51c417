"""The week 37 calendar: season dates and phases, working days and the DM send window.

Pure: nothing here reads the clock; `now` is always an argument. Every instant going in must
be timezone-aware and every instant coming out is an aware UTC datetime. Local wall-clock
time (Europe/Copenhagen unless a season says otherwise) exists only inside the calculations,
or when a caller asks for it with `to_local`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.texts import dates

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

ISO_WEEK = 37
WEEKDAYS = range(1, 6)  # ISO weekdays Monday..Friday

# Public holidays are not needed today (no Danish holiday falls on a date the outbox uses),
# but if they ever are, this set is the single place: `is_working_day` consults it, and
# through it working-day arithmetic and the DM send window do too.
HOLIDAYS: frozenset[date] = frozenset()


# The phase before the week starts when the first introduction DMs (T−14 days) go out.
INTRO_LEAD = timedelta(days=14)


# --- instants and local time -------------------------------------------------------------


def require_aware(instant: datetime, name: str = "instant") -> None:
    """Raise ValueError for a naive datetime: a naive time is a bug, never a local time."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {instant!r}")


def to_utc(instant: datetime) -> datetime:
    """The same instant as an aware UTC datetime."""
    require_aware(instant)
    return instant.astimezone(UTC)


def to_local(instant: datetime, tz: tzinfo = COPENHAGEN) -> datetime:
    """The same instant as an aware local datetime in `tz` (for display and calendar logic)."""
    require_aware(instant)
    return instant.astimezone(tz)


def local_date(instant: datetime, tz: tzinfo = COPENHAGEN) -> date:
    """The local calendar date of an instant."""
    return to_local(instant, tz).date()


def at_local(day: date, wall: time, tz: tzinfo = COPENHAGEN, *, fold: int = 0) -> datetime:
    """The UTC instant at which local clocks in `tz` show `wall` on `day`.

    Daylight saving makes some wall times ambiguous and some nonexistent:
    - ambiguous (02:00–02:59 on the last Sunday of October happens twice): `fold=0` picks
      the first occurrence (summer time), `fold=1` the second, as in PEP 495;
    - nonexistent (02:00–02:59 on the last Sunday of March is skipped): moved forward by
      the length of the gap, so 02:30 becomes 03:30 summer time. Never backwards, so a
      planned moment cannot land before the wall time it stands for.
    """
    if wall.tzinfo is not None:
        raise ValueError(f"wall must be a naive wall-clock time, got {wall!r}")
    local = datetime.combine(day, wall, tzinfo=tz)
    first = local.replace(fold=0).astimezone(UTC)
    second = local.replace(fold=1).astimezone(UTC)
    if first == second:
        return first
    exists = first.astimezone(tz).replace(tzinfo=None) == local.replace(tzinfo=None)
    if exists:
        return second if fold else first
    return max(first, second)


def start_of_day(day: date, tz: tzinfo = COPENHAGEN) -> datetime:
    """The UTC instant of local midnight at the start of `day`."""
    return at_local(day, time(0, 0), tz)


# --- working days ------------------------------------------------------------------------


def is_working_day(day: date) -> bool:
    """Monday–Friday and not in HOLIDAYS."""
    return day.weekday() < 5 and day not in HOLIDAYS


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after `day` (before it when n is negative); `day` itself if n == 0.

    `day` need not be a working day: Saturday + 1 is Monday, Sunday − 1 is Friday.
    """
    step = timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    current = day
    while remaining:
        current += step
        if is_working_day(current):
            remaining -= 1
    return current


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


# --- calendar of the season year ---------------------------------------------------------


def week37(year: int) -> tuple[date, ...]:
    """Monday..Friday of ISO week 37 of `year`."""
    return tuple(date.fromisocalendar(year, ISO_WEEK, d) for d in WEEKDAYS)


def default_signup_deadline(year: int) -> date:
    """The second Friday of June."""
    first_of_june = date(year, 6, 1)
    first_friday = first_of_june + timedelta(days=(4 - first_of_june.weekday()) % 7)
    return first_friday + timedelta(days=7)


def default_closes_on(year: int) -> date:
    """15 January of the following year.

    The latest 90-day follow-up DM of a season goes out in mid-December; a month more
    (Christmas included) lets late answers in before the season's data is frozen.
    """
    return date(year + 1, 1, 15)


def default_season_year(now: datetime, tz: tzinfo = COPENHAGEN) -> int:
    """The year of the next week 37 that has not ended (in local time).

    Up to and including Friday of week 37 of year Y it is Y; from the Saturday it is Y + 1.
    """
    today = local_date(now, tz)
    return today.year if today <= week37(today.year)[-1] else today.year + 1


def day_label(day: date) -> str:
    """Danish short label with date, e.g. "man 13. sep." (bot.texts.dates: one style)."""
    return dates.day(day)


# --- send window -------------------------------------------------------------------------


@dataclass(frozen=True)
class SendWindow:
    """When DMs may be sent: working days, local time in [start, end) — end is exclusive."""

    start: time = time(8, 0)
    end: time = time(17, 0)
    tz: tzinfo = COPENHAGEN

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError(f"send window start {self.start} must be before end {self.end}")

    def allows(self, instant: datetime) -> bool:
        """Whether a DM may be sent at `instant`."""
        return next_allowed(instant, self) == to_utc(instant)


DEFAULT_SEND_WINDOW = SendWindow()


def next_allowed(instant: datetime, window: SendWindow | Season = DEFAULT_SEND_WINDOW) -> datetime:
    """`instant` if a DM may be sent then, otherwise the next moment it may (as UTC).

    Saturday 10:00 → Monday 08:00; Tuesday 17:30 → Wednesday 08:00; 07:00 → 08:00 the same
    day. The window is applied to local wall time, so it holds across daylight saving.
    """
    send_window = window.send_window if isinstance(window, Season) else window
    local = to_local(instant, send_window.tz)
    day, wall = local.date(), local.time()
    if is_working_day(day):
        if wall < send_window.start:
            return at_local(day, send_window.start, send_window.tz)
        if wall < send_window.end:
            return to_utc(instant)
    return at_local(next_working_day(day + timedelta(days=1)), send_window.start, send_window.tz)


# --- the season --------------------------------------------------------------------------


class Phase(StrEnum):
    """Where a season stands; see `Season.phase` for the boundaries."""

    SIGNUP = "signup"
    MATCHING = "matching"
    BEFORE_WEEK = "before_week"
    DURING_WEEK = "during_week"
    AFTER_WEEK = "after_week"
    CLOSED = "closed"


@dataclass(frozen=True)
class Season:
    """One year's Innovationspraktik. Build it with `Season.for_year` to get the defaults."""

    year: int
    signup_deadline: date
    proposal_days: int = 7
    send_window_start: time = time(8, 0)
    send_window_end: time = time(17, 0)
    tz: tzinfo = COPENHAGEN
    closes_on: date | None = None  # None: `default_closes_on(year)`

    def __post_init__(self) -> None:
        if self.proposal_days < 1:
            raise ValueError(f"proposal_days must be at least 1, got {self.proposal_days}")
        if not self.signup_deadline < self.days[0]:
            raise ValueError(f"signup deadline {self.signup_deadline} is not before week 37")
        if not self.close_date > self.days[-1]:
            raise ValueError(f"season closes {self.close_date}, not after week 37")
        SendWindow(self.send_window_start, self.send_window_end, self.tz)  # validates

    @classmethod
    def for_year(
        cls,
        year: int,
        *,
        signup_deadline: date | None = None,
        proposal_days: int = 7,
        send_window_start: time = time(8, 0),
        send_window_end: time = time(17, 0),
        tz: tzinfo = COPENHAGEN,
        closes_on: date | None = None,
    ) -> Season:
        """The season of `year`, with the defaults for anything not given."""
        return cls(
            year=year,
            signup_deadline=(
                default_signup_deadline(year) if signup_deadline is None else signup_deadline
            ),
            proposal_days=proposal_days,
            send_window_start=send_window_start,
            send_window_end=send_window_end,
            tz=tz,
            closes_on=closes_on,
        )

    @property
    def days(self) -> tuple[date, ...]:
        """Monday..Friday of week 37."""
        return week37(self.year)

    def day(self, weekday: int) -> date:
        """The date of ISO weekday 1 (Monday)..5 (Friday) in week 37."""
        if weekday not in WEEKDAYS:
            raise ValueError(f"weekday must be 1..5, got {weekday}")
        return self.days[weekday - 1]

    def weekday_label(self, weekday: int) -> str:
        """Danish short label of a week 37 weekday, e.g. "man 13. sep."."""
        return day_label(self.day(weekday))

    @property
    def send_window(self) -> SendWindow:
        return SendWindow(self.send_window_start, self.send_window_end, self.tz)

    @property
    def close_date(self) -> date:
        return default_closes_on(self.year) if self.closes_on is None else self.closes_on

    def proposal_deadline(self, sent_at: datetime) -> datetime:
        """When a proposal sent at `sent_at` expires: the same local wall time
        `proposal_days` calendar days later (so a DST change does not shift it by an hour).
        """
        local = to_local(sent_at, self.tz)
        later = local.date() + timedelta(days=self.proposal_days)
        return at_local(later, local.time(), self.tz, fold=local.fold)

    # Phase boundaries, each local midnight as a UTC instant.

    @property
    def signup_closes_at(self) -> datetime:
        """End of the sign-up deadline day."""
        return start_of_day(self.signup_deadline + timedelta(days=1), self.tz)

    @property
    def intros_start_at(self) -> datetime:
        """Start of the day 14 days before Monday of week 37: the first intro DMs go out."""
        return start_of_day(self.days[0] - INTRO_LEAD, self.tz)

    @property
    def week_starts_at(self) -> datetime:
        """Start of Monday of week 37."""
        return start_of_day(self.days[0], self.tz)

    @property
    def week_ends_at(self) -> datetime:
        """Start of the Saturday after week 37."""
        return start_of_day(self.days[-1] + timedelta(days=1), self.tz)

    @property
    def closes_at(self) -> datetime:
        """From this instant check-ins, evaluations and follow-ups can no longer be changed."""
        return start_of_day(self.close_date, self.tz)

    def phase(self, now: datetime) -> Phase:
        """The season's phase at `now`. Boundaries are half-open, at local midnight:

        - SIGNUP       until the end of the sign-up deadline day;
        - MATCHING     until 14 days before Monday of week 37 (proposal rounds);
        - BEFORE_WEEK  until Monday of week 37 (intro and practical DMs go out);
        - DURING_WEEK  Monday..Friday of week 37;
        - AFTER_WEEK   until `closes_at` (check-ins, evaluations, 90-day follow-ups);
        - CLOSED       from `closes_at`.

        A phase whose start is configured to come after the next one's (a late sign-up
        deadline) is simply skipped.
        """
        instant = to_utc(now)
        boundaries = (
            (self.signup_closes_at, Phase.SIGNUP),
            (self.intros_start_at, Phase.MATCHING),
            (self.week_starts_at, Phase.BEFORE_WEEK),
            (self.week_ends_at, Phase.DURING_WEEK),
            (self.closes_at, Phase.AFTER_WEEK),
        )
        for ends_at, phase in boundaries:
            if instant < ends_at:
                return phase
        return Phase.CLOSED


# --- the season's life -------------------------------------------------------------------


def default_opens_on(year: int) -> date:
    """When season `year` opens unless the coordinator opens it sooner: the day the previous
    season closes (its evaluations' deadline, 15 January)."""
    return default_closes_on(year - 1)


def season_in_force(now: datetime, tz: tzinfo = COPENHAGEN, *, opens_on: date | None) -> int:
    """The season sign-ups go to and the coordinator works in at `now`.

    After week 37 of year Y − 1 the next season Y exists on the calendar, but Y − 1 stays in
    force (its check-ins, evaluations and 90-day follow-ups still running) until Y opens:
    on `opens_on` (the day the coordinator opened it, or the date they planned), at the
    latest on `default_opens_on(Y)`.
    """
    year = default_season_year(now, tz)
    latest = default_opens_on(year)
    opening = latest if opens_on is None else min(opens_on, latest)
    return year if local_date(now, tz) >= opening else year - 1


def signup_open(season: Season, now: datetime) -> bool:
    """Whether new slots and wishes can still be registered for `season`: until its week ends
    (an edit after that would change nothing but the figures)."""
    return to_utc(now) < season.week_ends_at
