"""The dispatcher against the local fake Slack: claims, outcomes, errors and retries."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, col, select

from bot import texts
from bot.outbox.dispatcher import Dispatcher, decide
from bot.outbox.rules import Settle
from bot.registry.ids import DMKind
from bot.sandbox.fake_slack import FakeSlack
from bot.texts import stats as stats_texts
from bot.views.stats import home_blocks, stats_message
from models.db import Database
from models.outbox_repo import Claimed
from models.tables import (
    OutboxMessage,
    OutboxStatus,
    Placement,
    PlacementStatus,
)
from tests.outbox_seed import (
    JUNE,
    client_for,
    local,
    people,
    seasons,
    seed_placements,
)


def rows(session: Session, **where: Any) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(col(OutboxMessage.due_at), col(OutboxMessage.id))
    for name, value in where.items():
        query = query.where(getattr(OutboxMessage, name) == value)
    return list(session.exec(query).all())


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as running:
        yield running


def dispatcher(db: Database, fake: FakeSlack, **options: Any) -> Dispatcher:
    options.setdefault("worker_id", "w1")
    return Dispatcher(db, client_for(fake), seasons, **options)


def posted(fake: FakeSlack) -> list[Any]:
    """chat.postMessage calls Slack accepted."""
    return [c for c in fake.calls_to("chat.postMessage") if c.error is None]


def keys_posted(fake: FakeSlack) -> list[str]:
    return [str(c.params["metadata"]["event_payload"]["key"]) for c in posted(fake)]


# --- sending -----------------------------------------------------------------------------


async def test_due_dms_go_out_once_and_the_slack_ts_is_recorded(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=1)
    people(fake, made)
    worker = dispatcher(db, fake)

    assert (await worker.run_once(local(8, 30, 8, 59))).claimed == 0
    report = await worker.run_once(local(8, 30, 9))
    assert (report.claimed, report.sent) == (2, 2)
    assert (await worker.run_once(local(8, 30, 9, 1))).claimed == 0

    sent = await db.run(rows, status=OutboxStatus.SENT)
    assert sorted(r.recipient for r in sent) == ["UH0000", "UI0000"]
    assert {r.kind for r in sent} == {DMKind.INTRO}
    for row in sent:
        assert row.channel == fake.dm_channel(row.recipient)
        assert row.slack_ts and row.sent_at == local(8, 30, 9)
        assert row.claimed_by == "w1" and row.attempts == 1
    assert sorted(keys_posted(fake)) == sorted(r.key for r in sent)


async def test_a_missing_slack_user_fails_with_the_reason_and_the_other_still_gets_it(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=1)
    fake.add_user("UH0000", name="host", real_name="Host")  # the intern is not in Slack
    report = await dispatcher(db, fake).run_once(local(8, 30, 9))
    assert (report.sent, report.failed) == (1, 1)
    failed = await db.run(rows, status=OutboxStatus.FAILED)
    assert [(r.recipient, r.reason) for r in failed] == [(made[0][2], "user_not_found")]


async def test_a_deactivated_user_fails_as_not_found(db: Database, fake: FakeSlack) -> None:
    made = await db.run(seed_placements, count=1)
    people(fake, made)
    fake.users[made[0][1]].deleted = True
    report = await dispatcher(db, fake).run_once(local(8, 30, 9))
    assert (report.sent, report.failed, report.reasons) == (1, 1, {"user_not_found": 1})


async def test_ratelimited_waits_as_slack_says_and_sends_each_dm_once(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=2)
    people(fake, made)
    fake.fail("chat.postMessage", status=429, retry_after=1, times=3)
    started = time.monotonic()
    report = await dispatcher(db, fake).run_once(local(8, 30, 9))
    assert time.monotonic() - started >= 1.0  # Retry-After: 1 was honoured
    assert report.rate_limited == 3 and report.sent == 4
    assert len(posted(fake)) == 4 and len(set(keys_posted(fake))) == 4
    assert [r.attempts for r in await db.run(rows, status=OutboxStatus.SENT)] == [1] * 4


async def test_a_long_retry_after_gives_the_row_back_for_after_the_wait(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=1)
    people(fake, made)
    waits: list[float] = []

    async def no_sleep(seconds: float) -> None:
        waits.append(seconds)

    fake.fail("chat.postMessage", status=429, retry_after=120, times=2)
    worker = dispatcher(db, fake, sleep=no_sleep, max_wait=60.0)
    report = await worker.run_once(local(8, 30, 9))
    assert report.postponed == 2 and waits == []
    planned = await db.run(rows, kind=DMKind.INTRO)
    assert {(r.status, r.due_at, r.attempts) for r in planned} == {
        ("planned", local(8, 30, 9, 2), 0)
    }
    assert (await worker.run_once(local(8, 30, 9, 1))).claimed == 0
    assert (await worker.run_once(local(8, 30, 9, 2))).sent == 2


async def test_server_errors_back_off_up_to_a_quarter_of_an_hour_and_use_up_no_attempt(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=1)
    people(fake, made)
    fake.fail("chat.postMessage", status=500, times=None)
    worker = dispatcher(db, fake)
    now = local(8, 30, 9)
    delays = []
    for _ in range(7):
        assert (await worker.run_once(now)).retried == 2
        row = (await db.run(rows, kind=DMKind.INTRO))[0]
        assert (row.status, row.reason, row.attempts) == ("planned", "http_500", 0)
        delays.append(row.due_at - now)
        now = row.due_at
    assert delays == [timedelta(minutes=m) for m in (1, 2, 4, 8, 15, 15, 15)]
    assert row.outage_tries == 7
    assert await db.run(rows, status=OutboxStatus.FAILED) == []


async def test_an_error_slack_does_not_document_fails_after_five_attempts(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=1)
    people(fake, made)
    fake.fail("chat.postMessage", error="invalid_auth", times=None)
    worker = dispatcher(db, fake)
    now = local(8, 30, 9)
    delays = []
    for _ in range(4):
        assert (await worker.run_once(now)).retried == 2
        row = (await db.run(rows, kind=DMKind.INTRO))[0]
        delays.append(row.due_at - now)
        now = row.due_at
    assert delays == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert (await worker.run_once(now)).failed == 2
    failed = await db.run(rows, status=OutboxStatus.FAILED)
    assert {r.reason for r in failed} == {"invalid_auth (after 5 attempts)"}
    assert posted(fake) == []


async def test_a_row_the_app_cannot_prepare_fails_after_five_attempts_and_the_rest_go_out(
    db: Database, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.outbox import dispatcher as module
    from models.stats import season_stats

    made = await db.run(seed_placements, count=1)
    people(fake, made)
    _, host, intern = made[0]
    real = module.decide

    def broken(row: Claimed, *args: Any, **kwargs: Any) -> Any:
        if row.recipient == host:  # a defect that only the host's rows meet
            raise KeyError("programme")
        return real(row, *args, **kwargs)

    monkeypatch.setattr(module, "decide", broken)
    worker = dispatcher(db, fake)
    now = local(8, 30, 9)
    delays = []
    for run in range(4):
        report = await worker.run_once(now)
        assert (report.sent, report.retried) == ((1, 1) if run == 0 else (0, 1))
        row = (await db.run(rows, recipient=host))[0]
        assert (row.status, row.reason, row.attempts) == ("planned", module.NOT_PREPARED, run + 1)
        delays.append(row.due_at - now)
        now = row.due_at
    # Backed off as an error Slack does not document, then failed: not claimed for ever.
    assert delays == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert (await worker.run_once(now)).failed == 1
    failed = await db.run(rows, status=OutboxStatus.FAILED)
    assert [(r.recipient, r.reason) for r in failed] == [
        (host, f"{module.NOT_PREPARED} (after 5 attempts)")
    ]
    assert [c.params["channel"] for c in posted(fake)] == [intern]
    # The coordinator reads why, in Danish, with the attempts.
    shown = json.dumps(stats_message(await db.run(season_stats, year=2027)).to_dict(),
                       ensure_ascii=False)  # fmt: skip
    assert stats_texts.FAILED_REASONS[module.NOT_PREPARED] in shown and "(efter 5 forsøg)" in shown


async def test_one_server_error_is_retried_and_the_dm_goes_out_once(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=1)
    people(fake, made)
    fake.fail("chat.postMessage", error="internal_error", status=503, times=1)
    worker = dispatcher(db, fake)
    first = await worker.run_once(local(8, 30, 9))
    assert (first.sent, first.retried) == (1, 1)
    assert (await worker.run_once(local(8, 30, 9, 1))).sent == 1
    assert len(posted(fake)) == 2 and len(set(keys_posted(fake))) == 2


async def test_outside_the_send_window_a_dm_waits_for_monday_morning(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=1)
    people(fake, made)
    worker = dispatcher(db, fake)
    saturday = local(9, 4, 11)  # both intro (30/8) and practical (9/9) — only intro is due
    report = await worker.run_once(saturday)
    assert (report.postponed, report.sent) == (2, 0)
    assert {r.due_at for r in await db.run(rows, kind=DMKind.INTRO)} == {local(9, 6, 8)}
    assert (await worker.run_once(local(9, 6, 8))).sent == 2


async def test_missed_while_down_goes_out_if_still_meaningful_else_is_skipped(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=2)
    people(fake, made)
    worker = dispatcher(db, fake)
    # Down from before 30 Aug until 10 Sep: intro, the host's programme reminder (6/9) and
    # practical are late but still useful (no programme was written).
    missed = [r for r in await db.run(rows) if r.due_at <= local(9, 10, 10)]
    assert {r.kind for r in missed} == {DMKind.INTRO, DMKind.PROGRAMME_REMINDER, DMKind.PRACTICAL}
    report = await worker.run_once(local(9, 10, 10))
    assert (report.sent, report.skipped) == (len(missed), 0)
    # Down again until Tuesday of the week: the welcome (Monday 08:30) is over.
    report = await worker.run_once(local(9, 14, 10))
    assert (report.sent, report.skipped, report.reasons) == (0, 4, {"first_day_over": 4})


async def test_late_intro_and_practical_are_skipped_once_the_placement_started(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=1)
    people(fake, made)
    report = await dispatcher(db, fake).run_once(local(9, 13, 9))
    assert report.sent == 2  # the welcome
    skipped = await db.run(rows, status=OutboxStatus.SKIPPED)
    assert {(r.kind, r.reason) for r in skipped} == {
        (DMKind.INTRO, "placement_started"),
        (DMKind.PROGRAMME_REMINDER, "placement_started"),
        (DMKind.PRACTICAL, "placement_started"),
    }


async def test_a_placement_withdrawn_after_the_claim_is_cancelled_not_sent(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=1)
    people(fake, made)

    def withdraw(session: Session) -> None:
        placement = session.get(Placement, made[0][0])
        assert placement is not None
        placement.status = PlacementStatus.WITHDRAWN
        session.add(placement)

    await db.run(withdraw)  # rows still planned: as if withdrawn while they were claimed
    report = await dispatcher(db, fake).run_once(local(8, 30, 9))
    assert (report.cancelled, report.sent, report.reasons) == (2, 0, {"placement_withdrawn": 2})


async def test_a_claim_of_a_dead_worker_is_taken_over_after_the_lease(
    db: Database, fake: FakeSlack
) -> None:
    made = await db.run(seed_placements, count=1)
    people(fake, made)
    crashed_at = local(8, 30, 9)

    def die_mid_send(session: Session) -> None:
        for row in rows(session, kind=DMKind.INTRO):
            row.status, row.claimed_by, row.claimed_at = "sending", "dead", crashed_at
            row.attempts = 1
            session.add(row)

    await db.run(die_mid_send)
    worker = dispatcher(db, fake, lease=timedelta(minutes=10))
    assert (await worker.run_once(crashed_at + timedelta(minutes=9))).claimed == 0
    report = await worker.run_once(crashed_at + timedelta(minutes=11))
    assert report.sent == 2
    # The dead worker's claim counted the attempt; taking it over counts none.
    assert {(r.claimed_by, r.attempts) for r in await db.run(rows, kind=DMKind.INTRO)} == {
        ("w1", 1)
    }


async def test_a_late_answer_after_a_takeover_changes_nothing(
    db: Database, fake: FakeSlack
) -> None:
    from models.outbox_repo import claim_due, mark_sent

    made = await db.run(seed_placements, count=1)
    people(fake, made)
    now = local(8, 30, 9)
    first = await db.run(claim_due, now=now, worker_id="slow", limit=10, lease=timedelta(1))
    later = now + timedelta(days=2)
    second = await db.run(claim_due, now=later, worker_id="fast", limit=10, lease=timedelta(1))
    assert [c.id for c in first] == [c.id for c in second]
    assert not await db.run(
        mark_sent, outbox_id=first[0].id, worker_id="slow", channel="D1", ts="1.0", now=now
    )
    assert await db.run(
        mark_sent, outbox_id=first[0].id, worker_id="fast", channel="D1", ts="2.0", now=later
    )


async def test_an_announcement_row_is_sent_with_its_own_content(
    db: Database, fake: FakeSlack
) -> None:
    fake.add_user("UANNA", name="anna", real_name="Anna")

    def announce(session: Session) -> None:
        session.add(OutboxMessage(key="besked:1", recipient="UANNA", kind="announcement",
                                  due_at=JUNE, created_at=JUNE,
                                  payload={"text": "Husk uge 37!"}))  # fmt: skip

    await db.run(announce)
    assert (await dispatcher(db, fake).run_once(JUNE)).sent == 1
    assert posted(fake)[0].params["text"] == "Husk uge 37!"


# --- several dispatchers at once ---------------------------------------------------------


async def test_two_dispatchers_on_one_database_send_500_dms_exactly_once(
    db: Database, fake: FakeSlack
) -> None:
    # 10 Sep: intro (30/8, missed) and practical (9/9) for host and intern, and the host's
    # programme reminder (6/9): 5 DMs for each of 100 placements.
    made = await db.run(seed_placements, count=100)
    people(fake, made)
    other = Database(db.url)  # a second process: its own engine and connection pool
    try:
        # At most one batch in flight each: neither can claim every row before the other
        # starts (on SQLite a fast first worker could otherwise take all ten batches).
        workers = [
            Dispatcher(database, client_for(fake), seasons, worker_id=w, batch=50, max_in_flight=50)
            for database, w in ((db, "a"), (other, "b"))
        ]
        reports = await asyncio.gather(*(w.run_once(local(9, 10, 10)) for w in workers))
    finally:
        other.dispose()
    assert sum(r.sent for r in reports) == 500
    assert all(r.sent > 0 for r in reports), reports  # both took part
    keys = keys_posted(fake)
    assert len(keys) == 500 and len(set(keys)) == 500
    sent = await db.run(rows, status=OutboxStatus.SENT)
    assert len(sent) == 500 and {r.claimed_by for r in sent} == {"a", "b"}
    assert {r.attempts for r in sent} == {1}


# --- the decision, pure ------------------------------------------------------------------


def test_decide_cancels_rows_of_unknown_placements_and_gives_up_after_max_attempts() -> None:
    row = Claimed(id=1, key="k", placement_id=7, recipient="U1", kind="intro",
                  due_at=local(8, 30, 9), attempts=1)  # fmt: skip
    gone = decide(row, None, None, local(8, 30, 9), max_attempts=5)
    assert isinstance(gone, Settle) and gone.reason == "placement_missing"
    tired = Claimed(id=1, key="k", placement_id=7, recipient="U1", kind="intro",
                    due_at=local(8, 30, 9), attempts=6)  # fmt: skip
    given_up = decide(tired, None, None, local(8, 30, 9), max_attempts=5)
    assert isinstance(given_up, Settle) and given_up.reason == "gave_up_after_5_attempts"


async def test_coordinators_see_the_dms_that_could_not_be_delivered(
    db: Database, fake: FakeSlack
) -> None:
    from models.stats import FailedDM, season_stats

    made = await db.run(seed_placements, count=1)
    fake.add_user("UH0000", name="host", real_name="Host")  # the intern is not in Slack
    await dispatcher(db, fake).run_once(local(8, 30, 9))
    stats = await db.run(season_stats, year=2027)
    assert stats.failed_dms == [FailedDM(made[0][2], DMKind.INTRO, "user_not_found")]
    shown = json.dumps(stats_message(stats).to_dict(), ensure_ascii=False)
    assert stats_texts.failed_header(1) in shown
    intro = texts.DM_KIND_LABELS[DMKind.INTRO]
    assert stats_texts.failed_line(made[0][2], intro, "user_not_found") in shown
    home = json.dumps([b.to_dict() for b in home_blocks(stats)], ensure_ascii=False)
    assert "1 besked kunne ikke leveres" in home
