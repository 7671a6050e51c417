"""Workers: `praktik serve --workers N` against gunicorn with aiohttp's GunicornWebWorker
serving the same app (bench/gunicorn_app.py), in one sitting, alternating.

    .venv/bin/python bench/workers.py [--pg URL] [--workers 2] [--rounds 3]
                                      [--presses 400] [--concurrency 20]

Per round and per runner, on a fresh PostgreSQL database and a local fake Slack:
start-up (spawn until GET /healthz answers 200 and all N workers are up), signed *Anmod*
presses over HTTP (requests/s, ack latency p50/p95), what a worker's SIGKILL does (how
long until the service answers again, or until the set is down), and what the supervisor's
SIGKILL leaves behind (how long until no worker is left, orphans after 10 s). Medians over
the rounds are printed last. Loopback only; every wait is bounded.

Why `praktik serve --workers N` runs gunicorn: at commit 0100cff it still ran our own
supervisor (multiprocessing spawn, SO_REUSEPORT, ctypes prctl PR_SET_PDEATHSIG). Two
sittings of `bench/workers.py --rounds 3` (2 workers, 400 presses at concurrency 20,
PostgreSQL, a shared 2-core machine), medians of the 6 alternating rounds:

    runner      start-up  presses/s  p50 ms  p95 ms  a worker SIGKILLed      supervisor SIGKILLed
    supervisor   14.0 s      82        209     503    set down, exit 1 (1.9 s) workers gone in 0.12 s
    gunicorn     11.6 s      87        194     511    replaced in 0.17 s,      workers gone in 1.2 s
                                                      the other serving on

A third, quieter sitting (3 rounds, the supervisor run from a checkout of 0100cff with
`--praktik`): supervisor 4.5 s, 147/s, p50 110 ms, p95 272 ms; gunicorn 7.4 s, 162/s,
108 ms, 274 ms. Spread between rounds (presses/s 64-182 and 78-173, start-up 4-21 s and
3-19 s) is wider than the difference: gunicorn is not measurably worse, keeps one port and a dispatcher
and expiry job in every worker, and our supervisor went. Now both runners are gunicorn;
the bench stays to compare our glue with bare gunicorn.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shlex
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from load import (  # noqa: E402
    create_database,
    drop_database,
    free_port,
    press_body,
    seed,
    signed,
    workspace_env,
)

from bot.sandbox.fake_slack import FakeSlack  # noqa: E402

BIN = Path(sys.executable).parent


def children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in listed.split()]


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


PRAKTIK = [str(BIN / "praktik")]  # --praktik: another command line, e.g. an older checkout


def ours(env: dict[str, str], port: int, count: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*PRAKTIK, "serve", "--workers", str(count)],
        env={**env, "PORT": str(port)},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def gunicorn(env: dict[str, str], port: int, count: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "gunicorn_app:app",
            "--pythonpath",
            str(ROOT / "bench"),
            "--worker-class",
            "aiohttp.GunicornWebWorker",
            "--workers",
            str(count),
            "--bind",
            f"127.0.0.1:{port}",
            "--graceful-timeout",
            "75",
        ],
        env={**env, "PORT": str(port), "PRAKTIK_WORKERS": str(count)},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def workers_of(proc: subprocess.Popen[bytes]) -> list[int]:
    # Ours: the spawn context adds a resource tracker beside the workers.
    return [p for p in children(proc.pid) if "resource_tracker" not in cmdline(p)]


async def healthy(http: aiohttp.ClientSession, port: int) -> bool:
    try:
        async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
            return r.status == 200
    except (aiohttp.ClientError, OSError):
        return False


async def until(check: Callable[[], object], limit: float, step: float = 0.02) -> float | None:
    """Seconds until `check()` (sync or async) is true; None after `limit`."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        got = check()
        if asyncio.iscoroutine(got):
            got = await got
        if got:
            return time.perf_counter() - started
        await asyncio.sleep(step)
    return None


async def presses(
    port: int, fake: FakeSlack, slots: list[int], interns: list[str], total: int, level: int
) -> tuple[float, float, float, int]:
    rng = random.Random(total)
    queue: asyncio.Queue[str] = asyncio.Queue()
    for _ in range(total):
        user = rng.choice(interns)
        queue.put_nowait(press_body(user, rng.choice(slots), fake.new_response_url(user, "C"))[0])
    latencies: list[float] = []
    errors = 0
    url = f"http://127.0.0.1:{port}/slack/events"
    kind = "application/x-www-form-urlencoded"

    async def worker(http: aiohttp.ClientSession) -> None:
        nonlocal errors
        while not queue.empty():
            body = queue.get_nowait()
            started = time.perf_counter()
            async with http.post(
                url, data=body.encode(), headers={"Content-Type": kind, **signed(body)}
            ) as r:
                await r.read()
                errors += r.status != 200
            latencies.append(time.perf_counter() - started)

    connector = aiohttp.TCPConnector(limit=level, force_close=True)  # new connections:
    timeout = aiohttp.ClientTimeout(total=30)  # the kernel spreads them over the workers
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        started = time.perf_counter()
        await asyncio.gather(*(worker(http) for _ in range(level)))
        elapsed = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100)
    return total / elapsed, q[49] * 1000, q[94] * 1000, errors


async def one_round(
    name: str, start: Callable[..., subprocess.Popen[bytes]], env: dict[str, str], args: argparse.Namespace,
    fake: FakeSlack, slots: list[int], interns: list[str],
) -> dict[str, float | str]:  # fmt: skip
    row: dict[str, float | str] = {}
    timeout = aiohttp.ClientTimeout(total=2)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        # Start-up, then a worker's SIGKILL.
        port = free_port()
        proc = start(env, port, args.workers)
        try:
            up = await until(
                lambda: len(workers_of(proc)) == args.workers and healthy(http, port), 90
            )
            row["startup_s"] = up if up is not None else float("nan")
            await presses(port, fake, slots, interns, args.workers * 20, args.workers)  # warm
            rps, p50, p95, errors = await presses(
                port, fake, slots, interns, args.presses, args.concurrency
            )
            row.update(rps=rps, p50_ms=p50, p95_ms=p95, errors=errors)
            victim, *others = workers_of(proc)
            os.kill(victim, signal.SIGKILL)
            killed = time.perf_counter()

            def restored() -> bool:
                now = workers_of(proc)
                return victim not in now and len(now) == args.workers

            back = await until(lambda: proc.poll() is not None or restored(), 90)
            if proc.poll() is not None:
                gone = await until(lambda: not any(alive(p) for p in others), 30)
                row["worker_kill"] = f"set down, exit {proc.returncode}"
                row["worker_kill_s"] = (time.perf_counter() - killed) if gone is not None else -1
            else:
                await until(lambda: healthy(http, port), 30)
                row["worker_kill"] = "worker restarted"
                row["worker_kill_s"] = back if back is not None else -1
        finally:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(90)
        # The supervisor's SIGKILL: are its workers left serving?
        port = free_port()
        proc = start(env, port, args.workers)
        try:
            await until(lambda: len(workers_of(proc)) == args.workers and healthy(http, port), 90)
            pids = workers_of(proc)
            proc.kill()
            proc.wait(10)
            gone = await until(lambda: not any(alive(p) for p in pids), 10)
            row["orphans_gone_s"] = gone if gone is not None else float("nan")
            row["orphans_after_10s"] = sum(alive(p) for p in pids)
        finally:
            for pid in workers_of(proc) + pids:
                if alive(pid):
                    os.kill(pid, signal.SIGKILL)
    print(name, row, flush=True)
    return row


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--pg",
        default=os.environ.get("PRAKTIK_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--presses", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument(
        "--praktik",
        help="command that runs `praktik` (default: this venv's), e.g. "
        "'.venv/bin/python -c \"import sys; sys.path.insert(0, OLD); from bot.cli import main; "
        "sys.exit(main())\"' for a checkout OLD of an older commit",
    )
    args = parser.parse_args()
    if args.praktik:
        PRAKTIK[:] = shlex.split(args.praktik)
    url = create_database(args.pg)
    fake = FakeSlack(trigger_ttl=None)
    await fake.start()
    runners = {"praktik": ours, "gunicorn": gunicorn}
    rows: dict[str, list[dict[str, float | str]]] = {name: [] for name in runners}
    try:
        slots, interns = seed(url, 2000, 4000)
        env = workspace_env(fake, url, 4000)
        env = {k: v for k, v in env.items() if k not in ("PRAKTIK_WORKERS", "PORT")}
        for n in range(args.rounds):
            order = list(runners) if n % 2 == 0 else list(reversed(runners))
            for name in order:
                rows[name].append(
                    await one_round(name, runners[name], env, args, fake, slots, interns)
                )
    finally:
        await fake.stop()
        drop_database(args.pg, url)
    print(f"\nmedians over {args.rounds} rounds, {args.workers} workers, "
          f"{args.presses} presses at concurrency {args.concurrency}:")  # fmt: skip
    for name, got in rows.items():
        medians = {
            key: statistics.median(float(r[key]) for r in got)
            for key in got[0]
            if not isinstance(got[0][key], str)
        }
        shown = "  ".join(f"{k} {v:.2f}" for k, v in medians.items())
        print(f"{name:9} {shown}  worker SIGKILL: {got[0]['worker_kill']}")


if __name__ == "__main__":
    asyncio.run(main())
