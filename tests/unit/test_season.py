"""The week 37 calendar: dates, phases, working days and the DM send window across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.season import (
    COPENHAGEN,
    Phase,
    Season,
    SendWindow,
    add_working_days,
    at_local,
    day_label,
    default_season_year,
    default_signup_deadline,
    is_working_day,
    next_allowed,
    next_working_day,
    to_local,
    to_utc,
    week37,
)

CPH = COPENHAGEN


def local(y: int, mo: int, d: int, h: int = 0, mi: int = 0, *, fold: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=CPH, fold=fold)


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


# --- week 37 and the default season year -------------------------------------------------


def test_week37_of_2027_is_13_to_17_september() -> None:
    assert week37(2027) == tuple(date(2027, 9, d) for d in range(13, 18))


@pytest.mark.parametrize(
    ("year", "monday"),
    [(2024, date(2024, 9, 9)), (2026, date(2026, 9, 7)), (2032, date(2032, 9, 6))],
)
def test_week37_is_monday_to_friday(year: int, monday: date) -> None:
    days = week37(year)
    assert days[0] == monday
    assert [d.isoweekday() for d in days] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("now", "year"),
    [
        (local(2027, 1, 2, 12), 2027),
        (local(2027, 6, 11, 12), 2027),
        (local(2027, 9, 13, 8), 2027),
        (local(2027, 9, 17, 23, 59), 2027),  # Friday of week 37, not yet ended
        (local(2027, 9, 18, 0, 0), 2028),  # Saturday: week 37 has ended
        (local(2027, 12, 31, 23, 59), 2028),
        (utc(2027, 9, 17, 21, 59), 2027),  # 23:59 local
        (utc(2027, 9, 17, 22, 0), 2028),  # already Saturday 00:00 in Copenhagen
    ],
)
def test_default_season_year_turns_after_friday_of_week37_in_local_time(
    now: datetime, year: int
) -> None:
    assert default_season_year(now, CPH) == year


def test_default_season_year_refuses_naive_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        default_season_year(datetime(2027, 9, 18))


# --- the season --------------------------------------------------------------------------


def test_signup_deadline_defaults_to_second_friday_of_june() -> None:
    assert Season.for_year(2027).signup_deadline == date(2027, 6, 11)
    assert default_signup_deadline(2026) == date(2026, 6, 12)  # 1 June 2026 is a Monday
    assert default_signup_deadline(2029) == date(2029, 6, 8)  # 1 June 2029 is a Friday


def test_season_defaults_and_overrides() -> None:
    season = Season.for_year(2027)
    assert (season.proposal_days, season.send_window_start, season.send_window_end) == (
        7,
        time(8, 0),
        time(17, 0),
    )
    assert season.tz == CPH
    custom = Season.for_year(2027, signup_deadline=date(2027, 5, 28), proposal_days=5)
    assert custom.signup_deadline == date(2027, 5, 28)
    assert custom.proposal_days == 5


def test_season_days_and_danish_labels() -> None:
    season = Season.for_year(2027)
    assert season.days == week37(2027)
    assert season.day(1) == date(2027, 9, 13)
    assert season.day(5) == date(2027, 9, 17)
    assert [season.weekday_label(n) for n in range(1, 6)] == [
        "man 13. sep.",
        "tir 14. sep.",
        "ons 15. sep.",
        "tor 16. sep.",
        "fre 17. sep.",
    ]
    assert day_label(date(2027, 9, 18)) == "lør 18. sep."


@pytest.mark.parametrize("weekday", [0, 6, 7, -1])
def test_season_day_outside_monday_to_friday_is_refused(weekday: int) -> None:
    with pytest.raises(ValueError, match=r"1\.\.5"):
        Season.for_year(2027).day(weekday)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"proposal_days": 0},
        {"signup_deadline": date(2027, 9, 13)},
        {"closes_on": date(2027, 9, 17)},
        {"send_window_start": time(17, 0), "send_window_end": time(8, 0)},
    ],
)
def test_inconsistent_season_is_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Season.for_year(2027, **kwargs)  # type: ignore[arg-type]


def test_proposal_deadline_is_seven_days_later_same_wall_time() -> None:
    season = Season.for_year(2027)
    deadline = season.proposal_deadline(local(2027, 6, 14, 10, 15))
    assert deadline == local(2027, 6, 21, 10, 15)
    assert deadline.tzinfo is UTC


def test_proposal_deadline_keeps_wall_time_across_spring_forward() -> None:
    season = Season.for_year(2027)
    deadline = season.proposal_deadline(local(2027, 3, 25, 10, 0))  # CET, +01:00
    assert to_local(deadline) == local(2027, 4, 1, 10, 0)  # CEST, +02:00
    assert deadline == utc(2027, 4, 1, 8, 0)


def test_closes_at_is_start_of_15_january_next_year() -> None:
    season = Season.for_year(2027)
    assert season.closes_at == local(2028, 1, 15)
    assert season.closes_at == utc(2028, 1, 14, 23, 0)
    assert Season.for_year(2027, closes_on=date(2028, 1, 1)).closes_at == local(2028, 1, 1)


@pytest.mark.parametrize(
    ("now", "phase"),
    [
        (local(2027, 1, 1), Phase.SIGNUP),
        (local(2027, 6, 11, 23, 59), Phase.SIGNUP),  # the deadline day itself
        (local(2027, 6, 12, 0, 0), Phase.MATCHING),
        (local(2027, 8, 29, 23, 59), Phase.MATCHING),
        (local(2027, 8, 30, 0, 0), Phase.BEFORE_WEEK),  # T−14 of Monday: intros go out
        (local(2027, 9, 12, 23, 59), Phase.BEFORE_WEEK),
        (local(2027, 9, 13, 0, 0), Phase.DURING_WEEK),
        (local(2027, 9, 17, 23, 59), Phase.DURING_WEEK),
        (local(2027, 9, 18, 0, 0), Phase.AFTER_WEEK),
        (local(2027, 12, 16, 9, 0), Phase.AFTER_WEEK),  # follow-ups
        (local(2028, 1, 14, 23, 59), Phase.AFTER_WEEK),
        (local(2028, 1, 15, 0, 0), Phase.CLOSED),
        (utc(2028, 1, 14, 23, 0), Phase.CLOSED),
    ],
)
def test_phase_boundaries(now: datetime, phase: Phase) -> None:
    assert Season.for_year(2027).phase(now) is phase


def test_phase_is_a_string_for_storage_and_logs() -> None:
    assert str(Phase.BEFORE_WEEK) == "before_week"


# --- local time helpers ------------------------------------------------------------------


def test_to_utc_and_to_local_are_the_same_instant() -> None:
    moment = local(2027, 9, 13, 8, 30)
    assert to_utc(moment) == utc(2027, 9, 13, 6, 30)
    assert to_utc(moment).tzinfo is UTC
    assert to_local(utc(2027, 12, 16, 8, 0)).hour == 9
    with pytest.raises(ValueError):
        to_utc(datetime(2027, 9, 13, 8, 30))


def test_at_local_picks_first_or_second_of_an_ambiguous_time() -> None:
    # 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
    assert at_local(date(2026, 10, 25), time(2, 30)) == utc(2026, 10, 25, 0, 30)
    assert at_local(date(2026, 10, 25), time(2, 30), fold=1) == utc(2026, 10, 25, 1, 30)


@pytest.mark.parametrize("fold", [0, 1])
def test_at_local_moves_a_nonexistent_time_forward(fold: int) -> None:
    # 29 March 2026: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist.
    moment = at_local(date(2026, 3, 29), time(2, 30), fold=fold)
    assert moment == utc(2026, 3, 29, 1, 30)
    assert to_local(moment).time() == time(3, 30)


def test_at_local_refuses_an_aware_wall_time() -> None:
    with pytest.raises(ValueError):
        at_local(date(2027, 9, 13), time(8, 0, tzinfo=UTC))


# --- working days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2027, 9, 13), -2, date(2027, 9, 9)),  # Monday − 2 → Thursday
        (date(2027, 9, 14), -2, date(2027, 9, 10)),  # Tuesday − 2 → Friday
        (date(2027, 9, 17), 3, date(2027, 9, 22)),  # Friday + 3 → Wednesday
        (date(2027, 9, 17), 1, date(2027, 9, 20)),  # Friday + 1 → Monday
        (date(2027, 9, 15), 3, date(2027, 9, 20)),  # Wednesday + 3 → Monday
        (date(2027, 9, 18), 1, date(2027, 9, 20)),  # Saturday + 1 → Monday
        (date(2027, 9, 19), -1, date(2027, 9, 17)),  # Sunday − 1 → Friday
        (date(2027, 9, 13), 5, date(2027, 9, 20)),
        (date(2027, 9, 13), -5, date(2027, 9, 6)),
        (date(2027, 9, 18), 0, date(2027, 9, 18)),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


def test_next_working_day_rolls_a_weekend_forward_only() -> None:
    assert next_working_day(date(2027, 9, 15)) == date(2027, 9, 15)
    assert next_working_day(date(2027, 9, 18)) == date(2027, 9, 20)
    assert next_working_day(date(2027, 9, 19)) == date(2027, 9, 20)


def test_is_working_day() -> None:
    week = [date(2027, 9, 13) + timedelta(days=i) for i in range(7)]
    assert [is_working_day(d) for d in week] == [True] * 5 + [False] * 2


# --- send window -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (local(2027, 9, 18, 10, 0), local(2027, 9, 20, 8, 0)),  # Saturday → Monday 08:00
        (local(2027, 9, 19, 23, 0), local(2027, 9, 20, 8, 0)),  # Sunday night → Monday
        (local(2027, 9, 14, 17, 30), local(2027, 9, 15, 8, 0)),  # Tuesday 17:30 → Wednesday
        (local(2027, 9, 14, 7, 0), local(2027, 9, 14, 8, 0)),  # 07:00 → 08:00 same day
        (local(2027, 9, 14, 0, 0), local(2027, 9, 14, 8, 0)),
        (local(2027, 9, 14, 8, 0), local(2027, 9, 14, 8, 0)),  # start is inside
        (local(2027, 9, 14, 12, 34), local(2027, 9, 14, 12, 34)),
        (local(2027, 9, 14, 16, 59), local(2027, 9, 14, 16, 59)),
        (local(2027, 9, 14, 17, 0), local(2027, 9, 15, 8, 0)),  # end is outside
        (local(2027, 9, 17, 18, 0), local(2027, 9, 20, 8, 0)),  # Friday evening → Monday
    ],
)
def test_next_allowed(instant: datetime, expected: datetime) -> None:
    moved = next_allowed(instant)
    assert moved == expected
    assert moved.tzinfo is UTC


def test_next_allowed_accepts_a_season_or_a_window() -> None:
    saturday = local(2027, 9, 18, 10, 0)
    assert next_allowed(saturday, Season.for_year(2027)) == local(2027, 9, 20, 8, 0)
    late = SendWindow(start=time(9, 0), end=time(16, 0))
    assert next_allowed(local(2027, 9, 14, 8, 30), late) == local(2027, 9, 14, 9, 0)
    assert next_allowed(local(2027, 9, 14, 16, 0), late) == local(2027, 9, 15, 9, 0)
    assert late.allows(local(2027, 9, 14, 15, 59))
    assert not late.allows(local(2027, 9, 18, 12, 0))


def test_next_allowed_refuses_naive_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_allowed(datetime(2027, 9, 14, 12, 0))


# Daylight saving ends on Sunday 25 October 2026 (03:00 CEST → 02:00 CET) and starts on
# Sunday 29 March 2026 (02:00 CET → 03:00 CEST).


@pytest.mark.parametrize(
    "instant",
    [
        local(2026, 10, 23, 18, 0),  # Friday evening, still summer time
        local(2026, 10, 25, 2, 30, fold=0),  # the first 02:30
        local(2026, 10, 25, 2, 30, fold=1),  # the second 02:30
        local(2026, 10, 24, 12, 0),
    ],
)
def test_next_allowed_across_the_autumn_change(instant: datetime) -> None:
    moved = next_allowed(instant)
    assert moved == utc(2026, 10, 26, 7, 0)  # Monday 08:00 CET
    assert to_local(moved).time() == time(8, 0)


def test_friday_evening_before_autumn_change_waits_the_extra_hour() -> None:
    friday = local(2026, 10, 23, 18, 0)
    assert to_utc(friday) == utc(2026, 10, 23, 16, 0)
    # 62 wall-clock hours to Monday 08:00, plus the hour gained when clocks go back.
    assert next_allowed(friday) - to_utc(friday) == timedelta(hours=63)


@pytest.mark.parametrize(
    "instant",
    [
        local(2026, 3, 27, 18, 0),  # Friday evening, winter time
        local(2026, 3, 29, 2, 30),  # does not exist
        utc(2026, 3, 29, 1, 30),  # 03:30 CEST
    ],
)
def test_next_allowed_across_the_spring_change(instant: datetime) -> None:
    moved = next_allowed(instant)
    assert moved == utc(2026, 3, 30, 6, 0)  # Monday 08:00 CEST
    assert to_local(moved).time() == time(8, 0)


# --- the season's life -----------------------------------------------------------------

from bot.domain.season import default_opens_on, season_in_force  # noqa: E402


def test_last_season_stays_in_force_until_the_next_opens() -> None:
    cph = COPENHAGEN
    after_week = datetime(2027, 10, 20, 10, tzinfo=cph)
    assert season_in_force(after_week, cph, opens_on=None) == 2027
    assert season_in_force(after_week, cph, opens_on=date(2027, 10, 21)) == 2027
    assert season_in_force(after_week, cph, opens_on=date(2027, 10, 20)) == 2028
    assert default_opens_on(2028) == date(2028, 1, 15)
    assert season_in_force(datetime(2028, 1, 14, 23, 59, tzinfo=cph), cph, opens_on=None) == 2027
    assert season_in_force(datetime(2028, 1, 15, 0, 0, tzinfo=cph), cph, opens_on=None) == 2028
    # A planned date after the default opening does not hold the new season back.
    assert season_in_force(datetime(2028, 2, 1, tzinfo=cph), cph, opens_on=date(2028, 3, 1)) == 2028
    # Before and during week 37 the season of the year is in force, opened or not.
    assert season_in_force(datetime(2027, 5, 3, tzinfo=cph), cph, opens_on=None) == 2027
    assert season_in_force(datetime(2027, 9, 17, 12, tzinfo=cph), cph, opens_on=None) == 2027
