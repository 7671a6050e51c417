"""Ack latency over Socket Mode beside HTTP, in the same run, on the same machine.

    .venv/bin/python bench/socket_ack.py [--n 300] [--levels 1,10] [--pg URL]

Starts the real app twice in this process, each with its own local fake Slack and a fresh
database: once over HTTP (signed POSTs to /slack/events, as `praktik serve`) and once over
Socket Mode (the app's own WebSocket to the fake's Socket Mode side, as `praktik socket`).
Then, per concurrency level, it sends the same mix to both, interleaved so noise hits both
alike: `/praktik find klima` (answered in the ack), `/praktik tilbyd` (acked, then a modal
opens) and app_home_opened events (acked, then App Home is published). It prints ack
latency p50/p95/p99 as Slack sees it: from sending the request or envelope until the
answer or ack arrives. Loopback only; bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from statistics import quantiles
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.process.clock import ManualClock  # noqa: E402
from bot.sandbox.harness import Harness  # noqa: E402
from bot.sandbox.wire import Actor, app_home_opened_envelope  # noqa: E402
from models.db import Database  # noqa: E402

CPH = ZoneInfo("Europe/Copenhagen")
PEOPLE = 40


def gestures(harness: Harness) -> list[Callable[[], Awaitable[object]]]:
    fake, wire = harness.fake, harness.workspace.wire
    made: list[Callable[[], Awaitable[object]]] = []
    for i in range(PEOPLE):
        uid = f"UB{i:03d}"
        fake.add_user(uid, name=f"b{i}", real_name=f"Bruger {i}")
        actor = Actor(uid, f"b{i}")
        made.append(lambda a=actor: wire.slash_command(a, "/praktik", "find klima"))
        made.append(lambda a=actor: wire.slash_command(a, "/praktik", "tilbyd"))
        made.append(
            lambda u=uid: wire.event(
                app_home_opened_envelope(user_id=u, channel_id=fake.dm_channel(u), view=None)
            )
        )
    return made


async def measure(
    harness: Harness, n: int, concurrency: int, offset: int
) -> tuple[list[float], int]:
    todo = gestures(harness)
    times: list[float] = []
    failed = 0
    gate = asyncio.Semaphore(concurrency)

    async def one(k: int) -> None:
        nonlocal failed
        async with gate:
            began = time.perf_counter()
            try:
                answer = await todo[(offset + k) % len(todo)]()
            except (TimeoutError, OSError):
                failed += 1
                return
            if getattr(answer, "status", 200) != 200:
                failed += 1
                return
            times.append((time.perf_counter() - began) * 1000)

    await asyncio.gather(*(one(k) for k in range(n)))
    await harness.inflight.idle(60)
    return times, failed


def pct(values: list[float]) -> tuple[float, float, float]:
    cuts = quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300, help="requests per transport and level")
    parser.add_argument("--levels", default="1,10", help="concurrency levels")
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL server URL (default: SQLite)")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    clock = ManualClock(datetime(2027, 5, 3, 10, 0, tzinfo=CPH))
    with tempfile.TemporaryDirectory(prefix="praktik-bench-") as folder:
        dbs = {
            name: Database(args.pg or f"sqlite:///{Path(folder) / name}.db")
            for name in ("http", "socket")
        }
        for db in dbs.values():
            db.upgrade()
        runs = {
            "http": await Harness.start(db=dbs["http"], clock=clock, trigger_ttl=None),
            "socket": await Harness.start(
                db=dbs["socket"], clock=clock, trigger_ttl=None, socket=True
            ),
        }
        try:
            for harness in runs.values():  # warm both: imports, caches, first connections
                await measure(harness, 30, 5, 0)
            print(f"ack latency, {args.n} per transport and level; mix: find / tilbyd / home")
            print(
                f"{'conc':>5} {'transport':>9} {'n':>5} {'fail':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
            )
            for level in levels:
                results: dict[str, tuple[list[float], int]] = {"http": ([], 0), "socket": ([], 0)}
                # Interleaved in chunks, so a noisy moment of the machine hits both alike.
                for chunk in range(0, args.n, 50):
                    size = min(50, args.n - chunk)
                    for name, harness in runs.items():
                        times, failed = await measure(harness, size, level, chunk)
                        so_far = results[name]
                        results[name] = (so_far[0] + times, so_far[1] + failed)
                for name, (times, failed) in results.items():
                    p50, p95, p99 = pct(times)
                    print(
                        f"{level:>5} {name:>9} {len(times):>5} {failed:>5} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}"
                    )
            socket_side = runs["socket"].socket
            assert socket_side is not None
            late = [a for a in socket_side.acks if a.late or not a.known]
            print(
                f"socket: {len(socket_side.acks)} acks recorded by the fake, "
                f"{len(socket_side.failed)} not acked in 3 s, {len(late)} late or unknown"
            )
        finally:
            for harness in runs.values():
                await harness.stop()
            for db in dbs.values():
                db.dispose()


if __name__ == "__main__":
    asyncio.run(main())
