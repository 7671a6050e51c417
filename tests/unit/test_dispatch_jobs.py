"""The scheduler wiring (bot.serving.jobs) and `praktik outbox` (bot.offline.outbox_cli)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from aiohttp import web
from sqlalchemy import delete
from sqlmodel import Session, select

from bot.cli import main
from bot.outbox.dispatcher import Dispatcher
from bot.process.clock import ManualClock
from bot.registry.ids import DMKind
from bot.sandbox.fake_slack import FakeSlack
from bot.serving import jobs
from bot.texts import cli as h
from models.db import Database
from models.tables import OutboxMessage
from models.types import changed
from tests.outbox_seed import (
    DMS_PER_PLACEMENT,
    client_for,
    local,
    people,
    seasons,
    seed_placements,
)


async def test_the_job_runs_at_start_up_and_lets_a_run_finish_when_stopped(
    sqlite_db: Database,
) -> None:
    made = await sqlite_db.run(seed_placements, count=3)
    async with FakeSlack() as fake:
        people(fake, made)
        fake.fail("chat.postMessage", delay=0.3, times=1)  # a run still busy at the stop
        dispatcher = Dispatcher(sqlite_db, client_for(fake), seasons, worker_id="job")
        web_app = web.Application()
        job = jobs.attach(web_app, dispatcher, clock=ManualClock(local(8, 30, 9)), interval=3600)
        runner = web.AppRunner(web_app)
        await runner.setup()  # on_startup: the scheduler starts, its first run is now
        assert job.scheduler is not None and job.scheduler.running
        await fake.wait_for("chat.postMessage", timeout=5)
        await runner.cleanup()  # on_cleanup: waits for the run instead of cutting it off
        assert job.scheduler is None
    sent = [c for c in fake.calls_to("chat.postMessage") if c.error is None]
    assert len(sent) == 6


async def test_stopping_while_both_jobs_run_lets_them_finish_and_logs_no_trace(
    sqlite_db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    expired: list[int] = []

    async def slow_expiry() -> int:
        await asyncio.sleep(0.3)  # the slow job under test: still running at the stop
        expired.append(1)
        return 1

    made = await sqlite_db.run(seed_placements, count=1)
    async with FakeSlack() as fake:
        people(fake, made)
        fake.fail("chat.postMessage", delay=0.3, times=1)
        dispatcher = Dispatcher(sqlite_db, client_for(fake), seasons, worker_id="job")
        web_app = web.Application()
        jobs.attach(
            web_app,
            dispatcher,
            clock=ManualClock(local(8, 30, 9)),
            interval=3600,
            expire=slow_expiry,
        )
        runner = web.AppRunner(web_app)
        await runner.setup()
        await fake.wait_for("chat.postMessage", timeout=5)
        await runner.cleanup()  # both jobs are running: APScheduler cancels them
        # Checks that nothing happens, so there is no condition to wait for: a short grace
        # period in which APScheduler's cancelled tasks would log their traceback.
        await asyncio.sleep(0.05)
    assert expired == [1]
    assert "Traceback" not in caplog.text and "raised an exception" not in caplog.text


async def test_a_failing_run_is_logged_and_the_job_goes_on(
    sqlite_db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(Dispatcher):
        async def run_once(self, now: object) -> object:  # type: ignore[override]
            raise RuntimeError("database is away")

    async with FakeSlack() as fake:
        job = jobs.DispatchJob(
            Broken(sqlite_db, client_for(fake), seasons), clock=ManualClock(local(8, 30, 9))
        )
        await job.tick()
        await job.tick()
    assert caplog.text.count("dispatch run failed") == 2


def test_praktik_outbox_lists_and_filters_without_slack_tokens(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.outbox_repo import claim_due, mark_done

    sqlite_db.call(seed_placements, count=1)
    claimed = sqlite_db.call(
        claim_due, now=local(8, 30, 9), worker_id="w", limit=1, lease=timedelta(minutes=10)
    )
    sqlite_db.call(
        mark_done, outbox_id=claimed[0].id, worker_id="w", status="failed", reason="user_not_found"
    )
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", sqlite_db.url)

    assert main(["outbox"]) == 0
    everything = capsys.readouterr().out.splitlines()
    assert everything[0].split() == [
        "planlagt", "til", "sendt", "modtager", "slags", "status", "forsøg", "grund"
    ]  # fmt: skip
    n = DMS_PER_PLACEMENT
    assert len(everything) == 2 + n + 1
    assert everything[-1] == f"{n} DM'er: fejlet 1, planlagt {n - 1}"
    assert everything[2].startswith("man 30. aug. 2027 kl. 09.00")
    assert "introduktion" in everything[2] and "user_not_found" in everything[2]

    # Danish names and the stored English values are the same filter.
    for status in ("fejlet", "failed", "FEJLET"):
        assert main(["outbox", "--status", status]) == 0
        failed = capsys.readouterr().out.splitlines()
        assert len(failed) == 4 and "fejlet" in failed[2] and failed[-1] == "1 DM: fejlet 1"

    args = ["outbox", "--user", "UI0000", "--kind", "checkin", "--kind", "opfølgning"]
    assert main(args) == 0
    mine = capsys.readouterr().out.splitlines()
    assert [("checkin" in line, "opfølgning" in line) for line in mine[2:-1]] == [
        (True, False),
        (False, True),
    ]
    assert all("UI0000" in line for line in mine[2:-1])
    assert mine[2].startswith("fre 17. sep. 2027 kl. 15.00")
    assert mine[3].startswith("tor 16. dec. 2027 kl. 09.00")

    # The programme reminder, by its Danish name: the host's alone, a week before.
    reminder = h.KIND_NAMES[DMKind.PROGRAMME_REMINDER]
    assert main(["outbox", "--kind", reminder]) == 0
    reminders = capsys.readouterr().out.splitlines()
    assert len(reminders) == 4 and "UH0000" in reminders[2] and reminder in reminders[2]
    assert reminders[2].startswith("man 6. sep. 2027 kl. 09.00")

    with pytest.raises(SystemExit) as stopped:
        main(["outbox", "--kind", "velkomsten"])
    assert stopped.value.code == 2
    unknown = h.unknown_value("slags", "velkomsten", list(h.KIND_NAMES.values()))
    assert f"praktik outbox: fejl: argumentet --kind: {unknown}" in capsys.readouterr().err


def test_praktik_outbox_says_how_many_a_limit_left_out_and_finds_every_invitation(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.fixed_dms import plan_fixed

    sqlite_db.call(seed_placements, count=1)  # the DMs of one placement, and 2 invitations
    due = local(12, 20, 9)
    for key, kind in (("invite:2028:UI0000", "invitation"), ("workshop:2028:UH0000", "workshop")):
        sqlite_db.call(
            plan_fixed, rows={key: (key.split(":")[-1], {"text": "x"})}, kind=kind, now=due, due=due
        )
    monkeypatch.setenv("DATABASE_URL", sqlite_db.url)

    assert main(["outbox", "--limit", "5"]) == 0
    cut = capsys.readouterr().out.splitlines()
    assert len(cut) == 2 + 5 + 1
    n = DMS_PER_PLACEMENT + 2
    assert cut[-1] == f"5 af {n} DM'er vist (--limit 5): planlagt 5"
    assert main(["outbox", "--limit", "50"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{n} DM'er: planlagt {n}"

    # "invitation" is what a coordinator calls both; each has its own name in the table.
    assert main(["outbox", "--kind", "invitation"]) == 0
    both = capsys.readouterr().out.splitlines()
    assert [line.split()[8] for line in both[2:-1]] == ["sæsoninvitation", "workshopinvitation"]
    for kind, shown in (("workshopinvitation", "UH0000"), ("sæsoninvitation", "UI0000")):
        assert main(["outbox", "--kind", kind]) == 0
        one = capsys.readouterr().out.splitlines()
        assert len(one) == 4 and shown in one[2]


async def test_the_dispatcher_closes_the_http_session_it_opened(
    sqlite_db: Database,
) -> None:
    async with FakeSlack() as fake:
        client = client_for(fake)
        dispatcher = Dispatcher(sqlite_db, client, seasons, worker_id="w")
        await dispatcher.run_once(local(8, 30, 9))
        assert client.session is None
        await asyncio.sleep(0)  # one turn of the loop: what the close scheduled runs in the test


def _forget_plans(session: Session) -> int:
    """Data from before plans were written with the placement: confirmed, nothing planned."""
    return changed(session.execute(delete(OutboxMessage)))


async def test_placements_without_a_plan_are_planned_at_start_up_and_then_sent(
    sqlite_db: Database,
) -> None:
    made = await sqlite_db.run(seed_placements, count=3)
    assert await sqlite_db.run(_forget_plans) > 0
    async with FakeSlack() as fake:
        people(fake, made)
        dispatcher = Dispatcher(sqlite_db, client_for(fake), seasons, worker_id="job")
        clock = ManualClock(local(8, 30, 9))  # the intro DMs (T−14, 09:00) are due
        web_app = web.Application()
        jobs.attach(web_app, dispatcher, clock=clock, interval=3600)
        runner = web.AppRunner(web_app)
        await runner.setup()  # the planning job's first run is at start-up
        try:
            await fake.wait_for("chat.postMessage", timeout=10)
        finally:
            await runner.cleanup()
        assert await dispatcher.plan_missing(clock.now()) == 0  # planned once, not again
        report = await dispatcher.run_once(clock.now())
    keys = {
        c.params["metadata"]["event_payload"]["key"]
        for c in fake.calls_to("chat.postMessage")
        if c.error is None
    }
    assert {k.split(":")[1] for k in keys} == {"intro"}
    assert len(keys) == 6 and report.claimed == 0  # all sent by the first run
    planned = await sqlite_db.run(lambda s: s.exec(select(OutboxMessage)).all())
    assert len({r.placement_id for r in planned}) == 3
