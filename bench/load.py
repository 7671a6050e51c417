"""Load: ack latency of `praktik serve` on PostgreSQL under rising concurrency, beside a floor.

    .venv/bin/python bench/load.py [--pg URL] [--slots 10000] [--participants 20000]
                                   [--levels 1,10,50,200] [--requests 400]

Seeds a fresh PostgreSQL database (10,000 open slots, 20,000 participants), starts the real
app (`praktik serve`, a subprocess) and a minimal Bolt app (bench/floor_app.py, the floor),
both talking to a local fake Slack in this process. Then, per concurrency level, it sends
signed `/praktik find <søgeord>` commands (80 %) and *Anmod* presses (20 %) over HTTP and
prints ack latency p50/p95/p99 and requests per second for both. Loopback only; bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from sqlalchemy import create_engine, insert, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import texts  # noqa: E402
from bot.geo import municipalities  # noqa: E402
from bot.sandbox.fake_slack import FakeSlack  # noqa: E402
from bot.sandbox.wire import signature  # noqa: E402
from models.db import Database, normalise_url  # noqa: E402
from models.tables import HostSlot, Participant  # noqa: E402

SECRET = "bench-signing-secret"
YEAR = 2027
PRESS_SHARE = float(os.environ.get("PRAKTIK_BENCH_PRESS_SHARE", "0.2"))
QUERIES = [
    "ærø",
    "aarhus",
    "klima",
    "digitalisering",
    "odense kommune",
    "ledelse sundhed",
    "bibliotek",
    "region",
    "styrelsen",
    "børn og unge",
    "zzz",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def create_database(admin_url: str) -> str:
    name = f"praktik_load_{uuid.uuid4().hex[:8]}"
    engine = create_engine(normalise_url(admin_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + "/" + name


def drop_database(admin_url: str, url: str) -> None:
    engine = create_engine(normalise_url(admin_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    engine.dispose()


def seed(url: str, slots: int, participants: int) -> tuple[list[int], list[str]]:
    db = Database(url)
    db.upgrade()
    rng = random.Random(37)
    now = datetime.now(UTC)
    places = municipalities()
    people = [
        {
            "slack_user_id": f"U{i:07d}",
            "name": f"Deltager {i}",
            "title": "udviklingskonsulent",
            "workplace": "",
            "sector": rng.choice(["stat", "region", "kommune"]),
            "created_at": now,
            "updated_at": now,
        }
        for i in range(participants)
    ]
    with db.engine.begin() as c:
        c.execute(insert(Participant), people)
        ids = [r[0] for r in c.execute(text("SELECT id FROM participant ORDER BY id"))]
        rows = []
        for host_id in ids[:slots]:
            place = rng.choice(places)
            rows.append(
                {
                    "host_id": host_id,
                    "season_year": YEAR,
                    "capacity": rng.randint(1, 3),
                    "confirmed": 0,
                    "workplace": f"{place.name} Kommune, {rng.choice(['Jobcenter', 'Bibliotek', 'Digitalisering', 'Borgerservice'])}",
                    "sector": "kommune",
                    "municipality": place.code,
                    "region": place.region,
                    "days": sorted(rng.sample([1, 2, 3, 4, 5], rng.randint(1, 5))),
                    "topics": rng.sample(list(texts.DEFAULT_TOPICS), 3),
                    "description": "Du følger vores hverdag og møder borgere og kolleger.",
                    "status": "open",
                    "created_at": now,
                    "updated_at": now,
                }
            )
        c.execute(insert(HostSlot), rows)
        slot_ids = [r[0] for r in c.execute(text("SELECT id FROM hostslot ORDER BY id"))]
    db.dispose()
    return slot_ids, [p["slack_user_id"] for p in people[slots:]]


def signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature(SECRET, ts, body)}


def command_body(user: str, query: str) -> tuple[str, str]:
    form = {
        "token": "x",
        "team_id": "T0PRAKTIK",
        "team_domain": "praktik",
        "channel_id": "CBENCH",
        "channel_name": "bench",
        "user_id": user,
        "user_name": user.lower(),
        "command": "/praktik",
        "text": f"find {query}",
        "api_app_id": "A0PRAKTIK",
        "is_enterprise_install": "false",
        "response_url": "http://127.0.0.1:9/none",
        "trigger_id": "1.2.bench",
    }
    return urlencode(form), "application/x-www-form-urlencoded"


def press_body(user: str, slot_id: int) -> tuple[str, str]:
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "team_id": "T0PRAKTIK"},
        "api_app_id": "A0PRAKTIK",
        "token": "x",
        "trigger_id": "1.2.bench",
        "team": {"id": "T0PRAKTIK", "domain": "praktik"},
        "enterprise": None,
        "is_enterprise_install": False,
        "container": {
            "type": "message",
            "message_ts": "1.1",
            "channel_id": "CBENCH",
            "is_ephemeral": True,
        },
        "channel": {"id": "CBENCH", "name": "bench"},
        "response_url": "http://127.0.0.1:9/none",
        "actions": [
            {
                "action_id": "request_slot",
                "block_id": "b",
                "value": str(slot_id),
                "type": "button",
                "text": {"type": "plain_text", "text": "Anmod"},
                "action_ts": "1.1",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"


async def wait_ready(port: int, path: str, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            try:
                async with http.get(f"http://127.0.0.1:{port}{path}") as r:
                    if r.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"server on {port} did not start")


async def run_level(
    port: int, level: int, total: int, slots: list[int], interns: list[str], rng: random.Random
) -> tuple[list[float], float, int]:
    jobs = []
    for _ in range(total):
        user = rng.choice(interns)
        jobs.append(
            press_body(user, rng.choice(slots))
            if rng.random() < PRESS_SHARE
            else command_body(user, rng.choice(QUERIES))
        )
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    latencies: list[float] = []
    errors = 0
    url = f"http://127.0.0.1:{port}/slack/events"
    connector = aiohttp.TCPConnector(limit=level)

    async def worker(http: aiohttp.ClientSession) -> None:
        nonlocal errors
        while not queue.empty():
            body, kind = queue.get_nowait()
            started = time.perf_counter()
            async with http.post(
                url, data=body.encode(), headers={"Content-Type": kind, **signed(body)}
            ) as r:
                await r.read()
                if r.status != 200:
                    errors += 1
            latencies.append(time.perf_counter() - started)

    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        started = time.perf_counter()
        await asyncio.gather(*(worker(http) for _ in range(level)))
        elapsed = time.perf_counter() - started
    return latencies, elapsed, errors


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--pg",
        default=os.environ.get("PRAKTIK_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--slots", type=int, default=10_000)
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--levels", default="1,10,50,200")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="serving processes: `praktik serve --workers N` and N floor processes",
    )
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]

    url = create_database(args.pg)
    procs: list[subprocess.Popen[bytes]] = []
    fake = FakeSlack(trigger_ttl=None)
    await fake.start()
    try:
        t0 = time.perf_counter()
        slots, interns = seed(url, args.slots, args.participants)
        print(
            f"seeded {len(slots)} open slots and {args.participants} participants in {time.perf_counter() - t0:.1f} s"
        )
        for i in range(args.participants):
            fake.add_user(f"U{i:07d}", name=f"d{i}", real_name=f"Deltager {i}")
        app_port, floor_port = free_port(), free_port()
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": fake.bot_token,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.api_url,
            "DATABASE_URL": url,
            "PRAKTIK_YEAR": str(YEAR),
        }
        praktik = str(Path(sys.executable).with_name("praktik"))
        procs.append(
            subprocess.Popen(
                [praktik, "serve", "--workers", str(args.workers)],
                env={**env, "PORT": str(app_port)},
                cwd=ROOT,
            )
        )
        procs.extend(
            subprocess.Popen(
                [sys.executable, str(ROOT / "bench" / "floor_app.py")],
                env={**env, "PORT": str(floor_port)},
                cwd=ROOT,
            )
            for _ in range(args.workers)
        )
        await wait_ready(app_port, "/healthz")
        await wait_ready(floor_port, "/slack/events")
        # Warm-up: the first search builds the index (measured separately).
        started = time.perf_counter()
        await run_level(app_port, 1, 1, slots, interns, random.Random(0))
        print(
            f"first request (builds the search index): {(time.perf_counter() - started) * 1000:.0f} ms\n"
        )
        print(
            f"{'conc':>5} {'server':>6} {'n':>5} {'err':>4} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  p99 vs floor"
        )
        for level in levels:
            rows = {}
            for name, port in (("floor", floor_port), ("app", app_port)):
                lat, elapsed, errors = await run_level(
                    port, level, args.requests, slots, interns, random.Random(level)
                )
                rows[name] = (lat, elapsed, errors)
            for name in ("floor", "app"):
                lat, elapsed, errors = rows[name]
                ratio = pct(rows["app"][0], 99) / max(pct(rows["floor"][0], 99), 0.001)
                note = f"{ratio:.2f}x" if name == "app" else ""
                print(
                    f"{level:>5} {name:>6} {len(lat):>5} {errors:>4} {len(lat) / elapsed:>7.0f} "
                    f"{pct(lat, 50):>8.1f} {pct(lat, 95):>8.1f} {pct(lat, 99):>8.1f}  {note}"
                )
        calls = len(fake.calls)
        methods: dict[str, int] = {}
        for call in fake.calls:
            methods[call.method] = methods.get(call.method, 0) + 1
        print("Web API calls by method:", dict(sorted(methods.items())))

        print(
            f"\nfake Slack received {calls} Web API calls from the app "
            f"(users.info, conversations.open, chat.postMessage, views.publish)"
        )
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        await fake.stop()
        drop_database(args.pg, url)


if __name__ == "__main__":
    asyncio.run(main())
