"""Benchmark of bot.outbox.dispatcher: DMs per second through the local fake Slack.

    .venv/bin/python bench/dispatch.py                 # SQLite file in a temporary folder
    .venv/bin/python bench/dispatch.py --pg postgresql://postgres@127.0.0.1:5432/test
    .venv/bin/python bench/dispatch.py --slack-limits --pg …   # a T−14 wave, bench/wave.py

Every DM is a real outbox row of a real placement, claimed, built from the placement,
sent with one chat.postMessage to the user ID over HTTP and recorded. Scenarios:

- no limit: every DM to its own channel, the fake answers as fast as it can;
- per-channel 1/s: hosts with several interns get several welcome DMs at once, and the fake
  answers 429 + Retry-After: 1 to a second post in the same channel within a second
  (fake.rate_limit); once reacting to the 429s, once pacing posts per channel
  (bot.slack.pacing, as production does).

The ceiling beside each figure: for "no limit", the same HTTP calls without the database
(raw client loop, same concurrency and connection reuse); with the per-channel limit, the
lower of that and what the limit allows for this batch (k DMs per channel need k−1 s).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from slack_sdk.web.async_client import AsyncWebClient  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlmodel import Session  # noqa: E402

from bench.wave import run_wave  # noqa: E402
from bot.domain.season import COPENHAGEN, Season  # noqa: E402
from bot.outbox.dispatcher import Dispatcher  # noqa: E402
from bot.sandbox.fake_slack import FakeSlack  # noqa: E402
from bot.slack.pacing import PacedWebClient, Pacer  # noqa: E402
from models.db import Database, normalise_url  # noqa: E402
from models.tables import (  # noqa: E402
    HostSlot,
    OutboxMessage,
    Participant,
    Placement,
    Proposal,
)

SEASON = Season.for_year(2027)
WELCOME_AT = datetime(2027, 9, 13, 8, 30, tzinfo=COPENHAGEN)
RUN_AT = datetime(2027, 9, 13, 9, 0, tzinfo=COPENHAGEN)
CONCURRENCY = 16


@dataclass
class Row:
    scenario: str
    dms: int
    channels: int
    seconds: float
    ceiling: float
    rate_limited: int

    @property
    def rate(self) -> float:
        return self.dms / self.seconds


def seed(session: Session, *, hosts: int, per_host: int) -> list[str]:
    """`hosts` hosts with `per_host` confirmed interns each; one welcome DM per placement,
    due, to the host. Returns the host user IDs."""
    now = RUN_AT
    host_ids = []
    for h in range(hosts):
        host = Participant(slack_user_id=f"UH{h:05d}", name=f"Vært {h}", created_at=now,
                           updated_at=now)  # fmt: skip
        session.add(host)
        session.flush()
        assert host.id is not None
        slot = HostSlot(host_id=host.id, season_year=2027, workplace=f"Arbejdsplads {h}",
                        sector="kommune", municipality="101", capacity=per_host,
                        confirmed=per_host, days=[1, 2, 3, 4, 5], created_at=now,
                        updated_at=now)  # fmt: skip
        session.add(slot)
        session.flush()
        assert slot.id is not None
        for i in range(per_host):
            intern = Participant(slack_user_id=f"UI{h:05d}{i:02d}", name=f"Praktikant {h}-{i}",
                                 created_at=now, updated_at=now)  # fmt: skip
            session.add(intern)
            session.flush()
            assert intern.id is not None
            proposal = Proposal(season_year=2027, slot_id=slot.id, intern_id=intern.id,
                                origin="request", status="confirmed", days=[1, 2, 3, 4, 5],
                                created_at=now)  # fmt: skip
            session.add(proposal)
            session.flush()
            assert proposal.id is not None
            placement = Placement(season_year=2027, proposal_id=proposal.id, slot_id=slot.id,
                                  host_id=host.id, intern_id=intern.id, days=[1, 2, 3, 4, 5],
                                  confirmed_at=now)  # fmt: skip
            session.add(placement)
            session.flush()
            session.add(OutboxMessage(key=f"p{placement.id}:welcome:{host.slack_user_id}",
                                      placement_id=placement.id, recipient=host.slack_user_id,
                                      kind="welcome", due_at=WELCOME_AT,
                                      created_at=now))  # fmt: skip
        host_ids.append(host.slack_user_id)
    return host_ids


@contextmanager
def database(pg_url: str | None) -> Iterator[Database]:
    if pg_url is None:
        with tempfile.TemporaryDirectory() as folder:
            db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
            db.upgrade()
            try:
                yield db
            finally:
                db.dispose()
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalise_url(pg_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in pg_url else "?"
    db = Database(f"{pg_url}{separator}options={quote(f'-csearch_path={schema}')}")
    try:
        db.upgrade()
        yield db
    finally:
        db.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def client(fake: FakeSlack, *, pace: bool = False) -> AsyncWebClient:
    """`pace`: the production pacing (bot.slack.pacing), here only its per-channel bucket:
    the fake limits nothing else."""
    pacer = Pacer(paced=pace, posts_per_minute=1e9)
    return PacedWebClient(
        pacer=pacer,
        bulk=True,
        retries_on_429=0,
        token=fake.bot_token,
        base_url=fake.api_url,
        retry_handlers=[],
    )


async def raw_ceiling(dms: int) -> float:
    """DMs/s for the same call per DM without any database work."""
    async with FakeSlack() as fake, aiohttp.ClientSession() as session:
        for n in range(dms):
            fake.add_user(f"UR{n:05d}", name=f"r{n}", real_name=f"R {n}")
        web = client(fake)
        web.session = session
        gate = asyncio.Semaphore(CONCURRENCY)
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "God praktik i dag!"}}]

        async def one(n: int) -> None:
            async with gate:
                await web.chat_postMessage(
                    channel=f"UR{n:05d}", text="God praktik i dag!", blocks=blocks
                )

        started = time.perf_counter()
        await asyncio.gather(*(one(n) for n in range(dms)))
        return dms / (time.perf_counter() - started)


async def scenario(
    name: str,
    pg_url: str | None,
    *,
    hosts: int,
    per_host: int,
    limit: bool,
    pace: bool,
    workers: int,
    ceiling: float,
) -> Row:
    with database(pg_url) as db:
        users = await db.run(seed, hosts=hosts, per_host=per_host)
        async with FakeSlack() as fake:
            for user in users:
                fake.add_user(user, name=user.lower(), real_name=user)
            if limit:
                fake.rate_limit("chat.postMessage", per_channel_per_second=1)
            extra = [Database(db.url) for _ in range(workers - 1)]  # one engine per "process"
            dispatchers = [
                Dispatcher(
                    engine,
                    client(fake, pace=pace),
                    lambda _overrides: SEASON,
                    worker_id=f"bench{n}",
                    concurrency=CONCURRENCY,
                )
                for n, engine in enumerate([db, *extra])
            ]
            started = time.perf_counter()
            reports = await asyncio.gather(*(d.run_once(RUN_AT) for d in dispatchers))
            seconds = time.perf_counter() - started
            for engine in extra:
                engine.dispose()
            sent = sum(r.sent for r in reports)
            expected = hosts * per_host
            posted = [c for c in fake.calls_to("chat.postMessage") if c.error is None]
            assert sent == expected == len(posted), (sent, expected, len(posted))
            return Row(name, sent, hosts, seconds, ceiling, sum(r.rate_limited for r in reports))


async def bench(pg_url: str | None, dms: int, channels: int) -> list[Row]:
    raw = await raw_ceiling(dms)
    per_channel = dms // channels
    limited = min(raw, dms / max(per_channel - 1, 1))
    plans = [  # name, hosts, DMs per host, rate limit, paced, dispatchers, ceiling
        ("no limit", dms, 1, False, False, 1, raw),
        ("no limit, 2 dispatchers", dms, 1, False, False, 2, raw),
        ("1/s per channel, 429s", channels, per_channel, True, False, 1, limited),
        ("1/s per channel, paced", channels, per_channel, True, True, 1, limited),
    ]
    rows = []
    for name, hosts, per_host, limit, pace, workers, ceiling in plans:
        rows.append(
            await scenario(
                name,
                pg_url,
                hosts=hosts,
                per_host=per_host,
                limit=limit,
                pace=pace,
                workers=workers,
                ceiling=ceiling,
            )
        )
    return rows


def table(rows: list[Row], backend: str) -> str:
    head = f"{'scenario':<26} {'DMs':>5} {'channels':>8} {'seconds':>8} {'DMs/s':>7} "
    head += f"{'ceiling':>8} {'429s':>5}"
    lines = [f"backend: {backend}", head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.scenario:<26} {r.dms:>5} {r.channels:>8} {r.seconds:>8.2f} {r.rate:>7.0f} "
            f"{r.ceiling:>8.0f} {r.rate_limited:>5}"
        )
    return "\n".join(lines)


async def _wave(args: argparse.Namespace) -> int:
    with database(args.pg) as db:
        wave = await run_wave(
            db,
            people=args.people,
            speed=args.speed,
            posts_per_minute=args.posts_per_minute,
            concurrency=CONCURRENCY,
        )
    print(f"backend: {'PostgreSQL' if args.pg else 'SQLite'}")
    print("\n".join(wave.lines(args.posts_per_minute, args.speed)))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL URL (default: SQLite file)")
    parser.add_argument("--dms", type=int, default=500, help="DMs per scenario (default 500)")
    parser.add_argument(
        "--channels", type=int, default=100, help="channels in the rate-limited runs (default 100)"
    )
    parser.add_argument(
        "--slack-limits",
        action="store_true",
        help="a T−14 wave under Slack's enforced limits instead (bench/wave.py)",
    )
    parser.add_argument("--people", type=int, default=10_000, help="wave: participants")
    parser.add_argument("--speed", type=float, default=10.0, help="wave: Slack's clock ×")
    parser.add_argument("--posts-per-minute", type=float, default=500, help="wave: workspace")
    args = parser.parse_args(argv)
    if args.slack_limits:
        return asyncio.run(_wave(args))
    rows = asyncio.run(bench(args.pg, args.dms, args.channels))
    print(table(rows, "PostgreSQL" if args.pg else "SQLite"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
