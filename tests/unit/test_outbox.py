"""Planning a placement's DMs: the timeline (docs/product.md), late confirmations, re-planning."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.season import COPENHAGEN, Season, to_local
from bot.domain.timeline import (
    HOST_ONLY,
    TIMELINE,
    DMKind,
    PlannedDM,
    SkipReason,
    diff_plans,
    dm_key,
    plan_placement,
    skip_reason,
    still_meaningful,
)
from tests.outbox_seed import DMS_PER_PLACEMENT

CPH = COPENHAGEN
SEASON = Season.for_year(2027)
HOST, INTERN = "UHOST01", "UINTERN01"
MON_TO_FRI = [date(2027, 9, d) for d in range(13, 18)]
TUE_WED = [date(2027, 9, 14), date(2027, 9, 15)]
JUNE = datetime(2027, 6, 20, 10, 0, tzinfo=CPH)


def local(mo: int, d: int, h: int = 0, mi: int = 0, y: int = 2027) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=CPH)


def plan(
    days: list[date], now: datetime = JUNE, season: Season = SEASON, placement_id: int = 42
) -> list[PlannedDM]:
    return plan_placement(
        placement_id=placement_id,
        host_id=HOST,
        intern_id=INTERN,
        days=days,
        season=season,
        now=now,
    )


def timeline(planned: list[PlannedDM]) -> list[tuple[DMKind, datetime]]:
    """One (kind, local time) per DM, checking host and intern got the same moment."""
    by_kind: dict[DMKind, set[datetime]] = {}
    for dm in planned:
        by_kind.setdefault(dm.kind, set()).add(dm.due_at)
    for kind, moments in by_kind.items():
        assert len(moments) == 1, kind
        roles = ["host"] if kind in HOST_ONLY else ["host", "intern"]
        assert sorted(dm.role for dm in planned if dm.kind is kind) == roles
    return [(kind, to_local(moments.pop(), CPH)) for kind, moments in by_kind.items()]


# --- the timeline ------------------------------------------------------------------------


def test_product_example_monday_to_friday_2027() -> None:
    planned = plan(MON_TO_FRI)

    assert len(planned) == DMS_PER_PLACEMENT
    assert timeline(planned) == [
        (DMKind.INTRO, local(8, 30, 9, 0)),
        (DMKind.PROGRAMME_REMINDER, local(9, 6, 9, 0)),
        (DMKind.PRACTICAL, local(9, 9, 9, 0)),
        (DMKind.WELCOME, local(9, 13, 8, 30)),
        (DMKind.CHECKIN, local(9, 17, 15, 0)),
        (DMKind.EVALUATION, local(9, 22, 9, 0)),
        (DMKind.FOLLOWUP, local(12, 16, 9, 0)),
    ]
    assert {dm.recipient: dm.role for dm in planned} == {HOST: "host", INTERN: "intern"}
    assert all(dm.due_at.tzinfo is UTC for dm in planned)
    assert planned == sorted(planned, key=lambda dm: dm.due_at)


def test_placement_on_tuesday_and_wednesday_only() -> None:
    assert timeline(plan(TUE_WED)) == [
        (DMKind.INTRO, local(8, 31, 9, 0)),
        (DMKind.PROGRAMME_REMINDER, local(9, 7, 9, 0)),
        (DMKind.PRACTICAL, local(9, 10, 9, 0)),  # 2 working days before Tuesday: Friday
        (DMKind.WELCOME, local(9, 14, 8, 30)),
        (DMKind.CHECKIN, local(9, 15, 15, 0)),
        (DMKind.EVALUATION, local(9, 20, 9, 0)),  # Thu, Fri, Mon
        (DMKind.FOLLOWUP, local(12, 14, 9, 0)),
    ]


def test_days_with_a_gap_count_from_first_and_last_day() -> None:
    moments = dict(timeline(plan([date(2027, 9, 17), date(2027, 9, 13)])))
    assert moments[DMKind.WELCOME] == local(9, 13, 8, 30)
    assert moments[DMKind.CHECKIN] == local(9, 17, 15, 0)


def test_followup_on_a_sunday_moves_to_monday() -> None:
    # A Monday-only placement: 90 days after 13 September 2027 is Sunday 12 December.
    moments = dict(timeline(plan([date(2027, 9, 13)])))
    assert moments[DMKind.FOLLOWUP] == local(12, 13, 9, 0)
    assert moments[DMKind.EVALUATION] == local(9, 16, 9, 0)


def test_local_times_hold_across_the_change_to_winter_time() -> None:
    season = Season.for_year(2026)
    planned = plan(list(season.days), now=local(6, 20, y=2026), season=season)
    due = {dm.kind: dm.due_at for dm in planned}
    assert due[DMKind.WELCOME] == datetime(2026, 9, 7, 6, 30, tzinfo=UTC)  # 08:30 CEST
    assert due[DMKind.FOLLOWUP] == datetime(2026, 12, 10, 8, 0, tzinfo=UTC)  # 09:00 CET


def test_every_due_moment_is_inside_the_send_window() -> None:
    for days in (MON_TO_FRI, TUE_WED, [date(2027, 9, 13)], [date(2027, 9, 17)]):
        for dm in plan(days):
            moment = to_local(dm.due_at, CPH)
            assert moment.isoweekday() <= 5
            assert 8 <= moment.hour < 17


# --- late confirmation -------------------------------------------------------------------


def test_confirmed_five_days_before_week37_sends_the_intro_now() -> None:
    now = local(9, 8, 14, 0)  # Wednesday
    # No programme reminder: the intro, going out now, asks for the programme itself.
    assert timeline(plan(MON_TO_FRI, now=now))[:3] == [
        (DMKind.INTRO, now),
        (DMKind.PRACTICAL, local(9, 9, 9, 0)),
        (DMKind.WELCOME, local(9, 13, 8, 30)),
    ]


def test_the_programme_reminder_is_planned_only_while_its_moment_is_ahead() -> None:
    in_time = dict(timeline(plan(MON_TO_FRI, now=local(9, 6, 8, 59))))
    assert in_time[DMKind.PROGRAMME_REMINDER] == local(9, 6, 9, 0)
    assert in_time[DMKind.INTRO] == local(9, 6, 8, 59)
    late = plan(MON_TO_FRI, now=local(9, 6, 9, 1))
    assert DMKind.PROGRAMME_REMINDER not in {dm.kind for dm in late}
    assert len(late) == DMS_PER_PLACEMENT - len(HOST_ONLY)


def test_confirmed_in_the_evening_sends_the_intro_next_morning() -> None:
    moments = dict(timeline(plan(MON_TO_FRI, now=local(9, 8, 18, 30))))
    assert moments[DMKind.INTRO] == local(9, 9, 8, 0)
    assert moments[DMKind.PRACTICAL] == local(9, 9, 9, 0)


def test_confirmed_on_the_weekend_before_gets_everything_monday_before_the_welcome() -> None:
    assert timeline(plan(MON_TO_FRI, now=local(9, 11, 12, 0)))[:3] == [
        (DMKind.INTRO, local(9, 13, 8, 0)),
        (DMKind.PRACTICAL, local(9, 13, 8, 0)),
        (DMKind.WELCOME, local(9, 13, 8, 30)),
    ]


def test_confirmed_on_the_first_day_skips_intro_and_practical() -> None:
    now = local(9, 13, 10, 0)
    assert [kind for kind, _ in timeline(plan(MON_TO_FRI, now=now))] == [
        DMKind.WELCOME,
        DMKind.CHECKIN,
        DMKind.EVALUATION,
        DMKind.FOLLOWUP,
    ]
    assert dict(timeline(plan(MON_TO_FRI, now=now)))[DMKind.WELCOME] == now


def test_confirmed_after_the_first_day_closed_drops_the_welcome() -> None:
    planned = plan(MON_TO_FRI, now=local(9, 13, 17, 30))
    assert [kind for kind, _ in timeline(planned)] == [
        DMKind.CHECKIN,
        DMKind.EVALUATION,
        DMKind.FOLLOWUP,
    ]


def test_registered_after_the_week_still_gets_checkin_until_the_evaluation() -> None:
    assert timeline(plan(MON_TO_FRI, now=local(9, 20, 10, 0)))[:2] == [
        (DMKind.CHECKIN, local(9, 20, 10, 0)),
        (DMKind.EVALUATION, local(9, 22, 9, 0)),
    ]
    late = timeline(plan(MON_TO_FRI, now=local(9, 22, 10, 0)))
    assert [kind for kind, _ in late] == [DMKind.EVALUATION, DMKind.FOLLOWUP]
    assert late[0][1] == local(9, 22, 10, 0)


def test_nothing_is_planned_after_the_season_closed() -> None:
    assert plan(MON_TO_FRI, now=local(1, 15, 0, 0, y=2028)) == []


# --- keys and re-planning ----------------------------------------------------------------


def test_key_names_placement_kind_recipient_and_anchor_day() -> None:
    keys = {dm.key for dm in plan(MON_TO_FRI)}
    assert len(keys) == DMS_PER_PLACEMENT
    assert "p42:welcome:UHOST01:2027-09-13" in keys
    assert "p42:followup:UINTERN01:2027-09-17" in keys
    assert "p42:programme_reminder:UHOST01:2027-09-13" in keys
    assert "p42:programme_reminder:UINTERN01:2027-09-13" not in keys
    assert dm_key(7, DMKind.CHECKIN, "U1", date(2027, 9, 15)) == "p7:checkin:U1:2027-09-15"


def test_planning_twice_gives_the_same_plan() -> None:
    assert plan(MON_TO_FRI) == plan(MON_TO_FRI)
    assert plan(MON_TO_FRI, now=JUNE) == plan(MON_TO_FRI, now=JUNE + timedelta(days=30))
    assert plan(list(reversed(MON_TO_FRI)) + MON_TO_FRI) == plan(MON_TO_FRI)


def test_late_replanning_keeps_the_keys_of_what_is_left() -> None:
    early = {dm.key for dm in plan(MON_TO_FRI)}
    late = {dm.key for dm in plan(MON_TO_FRI, now=local(9, 13, 10, 0))}
    assert late < early


def test_replanning_the_same_days_adds_and_cancels_nothing() -> None:
    existing = {dm.key for dm in plan(MON_TO_FRI)}
    assert diff_plans(existing, plan(MON_TO_FRI)) == ([], set())


def test_moving_the_last_day_replans_only_the_moments_after_it() -> None:
    before = plan(MON_TO_FRI)
    after = plan(MON_TO_FRI[:3])  # Monday–Wednesday

    to_add, to_cancel = diff_plans({dm.key for dm in before}, after)

    moved = {DMKind.CHECKIN, DMKind.EVALUATION, DMKind.FOLLOWUP}
    assert {dm.kind for dm in to_add} == moved
    assert len(to_add) == 6
    assert all(dm.key.endswith(":2027-09-15") for dm in to_add)
    assert to_cancel == {dm.key for dm in before if dm.kind in moved}


def test_moving_both_ends_replans_everything() -> None:
    before = plan(MON_TO_FRI)
    to_add, to_cancel = diff_plans({dm.key for dm in before}, plan(TUE_WED))
    assert len(to_add) == len(before) == DMS_PER_PLACEMENT
    assert to_cancel == {dm.key for dm in before}


def test_diff_adds_a_key_once() -> None:
    planned = plan(MON_TO_FRI)
    to_add, to_cancel = diff_plans(set(), planned + planned)
    assert to_add == planned
    assert to_cancel == set()


# --- is it still worth sending? ----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "due_at", "now", "reason"),
    [
        (DMKind.INTRO, local(8, 30, 9), local(8, 30, 9), None),
        (DMKind.INTRO, local(9, 13, 8, 0), local(9, 12, 20), None),
        (DMKind.INTRO, local(9, 13, 8, 30), local(9, 12, 20), SkipReason.PLACEMENT_STARTED),
        (DMKind.PROGRAMME_REMINDER, local(9, 6, 9), local(9, 13, 8, 29), None),
        (DMKind.PROGRAMME_REMINDER, local(9, 6, 9), local(9, 13, 9), SkipReason.PLACEMENT_STARTED),
        (DMKind.PROGRAMME_CHANGED, local(9, 10, 9), local(9, 13, 9), SkipReason.PLACEMENT_STARTED),
        (DMKind.PRACTICAL, local(9, 9, 9), local(9, 13, 8, 29), None),
        (DMKind.PRACTICAL, local(9, 9, 9), local(9, 13, 10), SkipReason.PLACEMENT_STARTED),
        (DMKind.WELCOME, local(9, 13, 8, 30), local(9, 13, 23, 59), None),
        (DMKind.WELCOME, local(9, 13, 8, 30), local(9, 14, 0, 0), SkipReason.FIRST_DAY_OVER),
        (DMKind.CHECKIN, local(9, 17, 15), local(9, 22, 8, 59), None),
        (DMKind.CHECKIN, local(9, 17, 15), local(9, 22, 9, 0), SkipReason.EVALUATION_DUE),
        (DMKind.EVALUATION, local(9, 22, 9), local(1, 14, 23, 59, y=2028), None),
        (DMKind.EVALUATION, local(9, 22, 9), local(1, 15, 0, 0, y=2028), SkipReason.SEASON_CLOSED),
        (DMKind.FOLLOWUP, local(12, 16, 9), local(12, 16, 9), None),
        (DMKind.FOLLOWUP, local(12, 16, 9), local(1, 15, 9, y=2028), SkipReason.SEASON_CLOSED),
        # A future due moment is judged at that moment, not at `now`.
        (DMKind.WELCOME, local(9, 14, 8, 0), local(9, 1), SkipReason.FIRST_DAY_OVER),
    ],
)
def test_still_meaningful_and_skip_reason(
    kind: DMKind, due_at: datetime, now: datetime, reason: SkipReason | None
) -> None:
    first, last = MON_TO_FRI[0], MON_TO_FRI[-1]
    assert skip_reason(kind, due_at, first, last, now, season=SEASON) == reason
    assert still_meaningful(kind, due_at, first, last, now, season=SEASON) is (reason is None)


def test_every_planned_dm_is_meaningful_when_due() -> None:
    first, last = MON_TO_FRI[0], MON_TO_FRI[-1]
    for dm in plan(MON_TO_FRI):
        assert still_meaningful(dm.kind, dm.due_at, first, last, dm.due_at, season=SEASON)


def test_reason_codes_are_short_strings() -> None:
    assert str(SkipReason.PLACEMENT_STARTED) == "placement_started"
    assert str(SkipReason.PROGRAMME_WRITTEN) == "programme_written"
    assert [str(kind) for kind in DMKind] == [
        "intro",
        "programme_reminder",
        "practical",
        "welcome",
        "checkin",
        "evaluation",
        "followup",
        "programme_changed",
    ]
    assert DMKind.PROGRAMME_CHANGED not in TIMELINE  # planned by an edit, not by the days


# --- refused input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "message"),
    [([], "at least one day"), ([date(2027, 9, 20)], "outside week 37")],
)
def test_days_must_be_in_week37(days: list[date], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plan(days)


def test_host_and_intern_must_differ() -> None:
    with pytest.raises(ValueError, match="same user"):
        plan_placement(
            placement_id=1, host_id=HOST, intern_id=HOST, days=MON_TO_FRI, season=SEASON, now=JUNE
        )


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        plan(MON_TO_FRI, now=datetime(2027, 6, 20, 10, 0))
