"""A sign-up rush under Slack's enforced limits: 1,000 *Anmod* presses within a minute.

    .venv/bin/python bench/rush.py [--pg URL] [--presses 1000] [--seconds 60] [--workers 1]

Seeds a fresh PostgreSQL database (10,000 open slots, 20,000 participants who signed up
earlier, so their profiles are stored), starts `praktik serve` (a subprocess: the real app,
its pacing and its dispatcher) against the local fake Slack enforcing Slack's limits
(`FakeSlack(limits="slack")`: tiers, about 1/s per channel, 500 posts a minute for the
workspace). Then `--presses` different interns press *Anmod* on a random slot, spread
evenly over `--seconds`, and it waits until every intern has an answer and every host
asked has the DM. Prints ack latency, the time to each intern's answer and to the last
host DM (the ideal for that: host DMs ÷ the posting limit), 429s received, and Web API
calls by method. Loopback only; bounded.

What it found: the hosts' DMs, paced behind the posting limit, were each then stored where
its buttons are with a write of its own – a thread hop and a round trip per DM, a tenth of
a press's CPU. Those writes are now gathered into one (bot/runtime/batch.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import (  # noqa: E402
    Level,
    calls_by_method,
    create_database,
    drop_database,
    follow_ups,
    free_port,
    pct,
    press_body,
    seed,
    signed,
    stop_all,
    wait_ready,
    workspace_env,
)
from bot.sandbox.fake_slack import FakeSlack  # noqa: E402
from models.db import normalise_url  # noqa: E402

POSTS_PER_MINUTE = 500


async def rush(port: int, fake: FakeSlack, presses: list[tuple[str, int]], seconds: float) -> Level:
    """Open loop: press i goes out at i × seconds / len(presses), whatever came before."""
    url = f"http://127.0.0.1:{port}/slack/events"
    latencies: list[float] = []
    pressed: list[tuple[str, float]] = []
    errors = 0
    step = seconds / len(presses)

    async def one(http: aiohttp.ClientSession, n: int, user: str, slot: int) -> None:
        nonlocal errors
        await asyncio.sleep(n * step)
        body, kind = press_body(user, slot, fake.new_response_url(user, "CBENCH"))
        pressed.append((user, time.monotonic()))
        started = time.perf_counter()
        async with http.post(
            url, data=body.encode(), headers={"Content-Type": kind, **signed(body)}
        ) as r:
            await r.read()
            errors += r.status != 200
        latencies.append(time.perf_counter() - started)

    timeout = aiohttp.ClientTimeout(total=30)
    connector = aiohttp.TCPConnector(limit=200)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:
        started = time.perf_counter()
        await asyncio.gather(*(one(http, n, u, s) for n, (u, s) in enumerate(presses)))
        elapsed = time.perf_counter() - started
    return Level(latencies, elapsed, errors, pressed, time.monotonic())


def requests_made(url: str) -> list[str]:
    """The hosts asked: one per request stored (a refused press asks nobody)."""
    engine = create_engine(normalise_url(url))
    with engine.connect() as c:
        hosts = [
            str(r[0])
            for r in c.execute(
                text(
                    "SELECT p.slack_user_id FROM proposal r JOIN hostslot s ON s.id = r.slot_id"
                    " JOIN participant p ON p.id = s.host_id"
                )
            )
        ]
    engine.dispose()
    return hosts


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pg",
        default=os.environ.get("PRAKTIK_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--presses", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    url = create_database(args.pg)
    fake = FakeSlack(trigger_ttl=None, limits="slack", posts_per_minute=POSTS_PER_MINUTE)
    await fake.start()
    proc: subprocess.Popen[bytes] | None = None
    try:
        slots, interns = seed(url, 10_000, 20_000)
        port = free_port()
        env = {**workspace_env(fake, url, 20_000), "PORT": str(port)}
        praktik = str(Path(sys.executable).with_name("praktik"))
        proc = subprocess.Popen(
            [praktik, "serve", "--workers", str(args.workers)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        await wait_ready(port, "/healthz")
        rng = random.Random(37)
        who = rng.sample(interns, args.presses)
        presses = [(user, rng.choice(slots)) for user in who]
        started = time.monotonic()
        run = await rush(port, fake, presses, args.seconds)
        waits, _, missing = await follow_ups(fake, run, limit=600)
        hosts = requests_made(url)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            posted = [c for c in fake.calls_to("chat.postMessage") if c.error is None]
            if len(posted) >= len(hosts):
                break
            await asyncio.sleep(0.5)
        last_dm = max((c.at for c in posted), default=started) - started
        dm_to = {str(c.params.get("channel")) for c in posted}
        calls = len(fake.calls)
        limited = sum(1 for c in fake.calls if c.error == "ratelimited")
        lat = run.latencies
        print(
            f"rush: {args.presses} Anmod presses over {args.seconds:.0f} s, "
            f"Slack's limits enforced, {args.workers} serving process(es)"
        )
        print(
            f"  ack ms: p50 {pct(lat, 50):.0f}  p95 {pct(lat, 95):.0f}  p99 {pct(lat, 99):.0f}"
            f"  (errors {run.errors})"
        )
        print(
            f"  intern's answer ms: p50 {pct(waits, 50):.0f}  p95 {pct(waits, 95):.0f}  "
            f"p99 {pct(waits, 99):.0f}  answered {len(waits)}  missing {missing}"
        )
        ideal = len(hosts) / POSTS_PER_MINUTE * 60
        print(
            f"  host DMs: {len(posted)} posted for {len(hosts)} requests "
            f"({len(set(hosts) - dm_to)} hosts without their DM); last one {last_dm:.0f} s "
            f"after the first press (ideal for {len(hosts)} at {POSTS_PER_MINUTE}/min: "
            f"{ideal:.0f} s, or the rush's length)"
        )
        print(f"  429s: {limited} of {calls} calls ({limited / max(calls, 1):.2%})")
        print(f"  Web API calls by method: {calls_by_method(fake)}")
    finally:
        stop_all([proc] if proc is not None else [])
        await fake.stop()
        drop_database(args.pg, url)


if __name__ == "__main__":
    asyncio.run(main())
