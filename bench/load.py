"""Load: ack latency of `praktik serve` on PostgreSQL under rising concurrency, beside a floor.

    .venv/bin/python bench/load.py [--pg URL] [--slots 10000] [--participants 20000]
                                   [--levels 1,10,50,200] [--requests 400] [--workers N]
                                   [--metrics-off | --same] [--rounds 1]

Seeds a fresh PostgreSQL database (10,000 open slots, 20,000 participants), starts the real
app (`praktik serve --workers N`, a subprocess; N defaults to the number of cores) and as
many processes of a minimal Bolt app (bench/floor_app.py, the floor), both talking to a
local fake Slack in this process. Then, per concurrency level, it sends signed
`/praktik find <søgeord>` commands (80 %) and *Anmod* presses (20 %) over HTTP and prints
ack latency p50/p95/p99, requests per second and CPU time per request (the serving
processes' user + system time, work after the ack included) for both, and for the app also how long
each *Anmod* took until the intern had the answer (the work after the ack). A search is
answered in its ack; a press is acked first. Loopback only; bounded.

`--metrics-off`: a third server, the same app with PRAKTIK_METRICS=0 (no counting, no
/metrics), measured in the same run, so the rows `app` and `nometr` show what the metrics
cost per request (`--same`: the third server has metrics on too, to show how much two
servers of one app differ by themselves). The two are fed the same mix from people of their own (the same people
would find their requests already made the second time, and be refused cheaply), and with
`--rounds N` take turns going first, N runs each per level, summed.

What it found, and what was changed for it:

- A full garbage collection walked the imported libraries and the search index of 10,000
  slots for about 100 ms, during which the event loop answered nobody: those pauses were
  the p99 of acks. The long-lived objects are now frozen out of the collector's sight
  (bot/runtime/heap.py).
- *Anmod* was three transactions per press (the intern's stored profile, the request, whose
  App Home to redraw); setting up their sessions and round trips was a third of a press's
  CPU, and the round trips most of the rest. It is now one transaction of four statements
  built once with parameters (models/requests.py).
- The metrics seemed to cost 37–46 % of a request's CPU; it was this bench feeding the app with
  and without metrics the same people, so the second found its requests already made. Each
  now has people of its own, and `--rounds` lets them take turns: the difference is within
  what two servers of one app differ by (`--same`), and py-spy finds 0.14 % of a worker's
  samples in the counting code (bench/metrics_profile.py).
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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from sqlalchemy import create_engine, insert, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import texts  # noqa: E402
from bot.domain.geo import municipalities  # noqa: E402
from bot.sandbox.fake_slack import FakeSlack  # noqa: E402
from bot.sandbox.wire import signature  # noqa: E402
from models.db import Database, normalise_url  # noqa: E402
from models.tables import HostSlot, Participant, SlackProfile  # noqa: E402

SECRET = "be9c4e1b0e3f4d5a8c7b6a5f4e3d2c1b"  # the shape of a Slack signing secret
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
    # Everyone signed up through the app, which read their profile from Slack then: a press
    # finds it stored (bot.slack.people) instead of spending users.info's Tier 4 budget.
    profiles = [
        {"slack_user_id": p["slack_user_id"], "name": p["name"], "title": p["title"],
         "fetched_at": now}
        for p in people
    ]  # fmt: skip
    with db.engine.begin() as c:
        c.execute(insert(Participant), people)
        c.execute(insert(SlackProfile), profiles)
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


def press_body(user: str, slot_id: int, response_url: str) -> tuple[str, str]:
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
        "response_url": response_url,
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


@dataclass
class Level:
    latencies: list[float]
    elapsed: float
    errors: int
    pressed: list[tuple[str, float]]  # (user, monotonic time sent) of each *Anmod*
    ended: float  # monotonic time of the last ack

    def joined(self, later: Level) -> Level:
        """Two runs at one level as one (the rounds of `--rounds`)."""
        return Level(
            self.latencies + later.latencies,
            self.elapsed + later.elapsed,
            self.errors + later.errors,
            self.pressed + later.pressed,
            later.ended,
        )


async def run_level(
    port: int,
    level: int,
    total: int,
    slots: list[int],
    interns: list[str],
    rng: random.Random,
    fake: FakeSlack,
) -> Level:
    jobs = []
    for _ in range(total):
        user = rng.choice(interns)
        answer_to = fake.new_response_url(user, "CBENCH")  # where Slack takes the answer
        jobs.append(
            (user, *press_body(user, rng.choice(slots), answer_to))
            if rng.random() < PRESS_SHARE
            else (user, *command_body(user, rng.choice(QUERIES)))
        )
    queue: asyncio.Queue[tuple[str, str, str]] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    latencies: list[float] = []
    pressed: list[tuple[str, float]] = []
    errors = 0
    url = f"http://127.0.0.1:{port}/slack/events"
    connector = aiohttp.TCPConnector(limit=level)

    async def worker(http: aiohttp.ClientSession) -> None:
        nonlocal errors
        while not queue.empty():
            user, body, kind = queue.get_nowait()
            if body.startswith("payload="):
                pressed.append((user, time.monotonic()))
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
    return Level(latencies, elapsed, errors, pressed, time.monotonic())


async def follow_ups(
    fake: FakeSlack, run: Level, limit: float = 120.0
) -> tuple[list[float], float, int]:
    """Seconds from each *Anmod* to the intern's answer (the ephemeral after the host was
    asked, or a refusal); seconds from the last ack until the last answer; answers missing.
    This is the work done after the acks, which the ack latency does not show."""
    deadline = time.monotonic() + limit
    while True:
        answers: dict[str, list[float]] = {}
        for call in fake.calls_to("chat.postEphemeral"):
            answers.setdefault(str(call.params.get("user")), []).append(call.at)
        for call in fake.calls_to("response_url"):
            user = fake.response_user(str(call.params["response_url"]))
            answers.setdefault(str(user), []).append(call.at)
        waits: list[float] = []
        answered_at: list[float] = []
        for user, sent in sorted(run.pressed, key=lambda p: p[1]):
            later = [at for at in answers.get(user, []) if at >= sent]
            if later:
                waits.append(later[0] - sent)
                answered_at.append(later[0])
                answers[user].remove(later[0])
        missing = len(run.pressed) - len(waits)
        if not missing or time.monotonic() > deadline:
            drained = max(answered_at, default=run.ended) - run.ended
            return waits, max(0.0, drained), missing
        await asyncio.sleep(0.2)


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int], *, system_only: bool = False) -> float:
    """User + system CPU time the processes have used so far (Linux /proc); `system_only`:
    the kernel's part alone (sockets, thread wake-ups: what round trips cost)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[12]) + (0 if system_only else int(fields[11]))  # stime, utime
    return total / TICK


def serving(proc: subprocess.Popen[bytes]) -> list[int]:
    """The process and its children (`praktik serve --workers N` serves from its children)."""
    try:
        kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    except OSError:
        kids = []
    return [proc.pid, *(int(k) for k in kids)]


def workspace_env(fake: FakeSlack, url: str, participants: int) -> dict[str, str]:
    """The participants known to the fake Slack; the environment of a serving process."""
    for i in range(participants):
        fake.add_user(f"U{i:07d}", name=f"d{i}", real_name=f"Deltager {i}")
    return {
        **os.environ,
        "SLACK_BOT_TOKEN": fake.bot_token,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": url,
        "PRAKTIK_YEAR": str(YEAR),
    }


def stop_all(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def calls_by_method(fake: FakeSlack) -> dict[str, int]:
    methods: dict[str, int] = {}
    for call in fake.calls:
        methods[call.method] = methods.get(call.method, 0) + 1
    return dict(sorted(methods.items()))


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
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
        default=os.cpu_count() or 1,
        help="serving processes: `praktik serve --workers N` and N floor processes "
        "(default: one per core)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="runs per level and server, summed; with --metrics-off the app with and "
        "without metrics take turns going first",
    )
    parser.add_argument(
        "--metrics-off",
        action="store_true",
        help="also run the app with PRAKTIK_METRICS=0, to compare",
    )
    parser.add_argument(
        "--same",
        action="store_true",
        help="instead of --metrics-off, a second app with metrics on: what two servers of "
        "one app differ by themselves",
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
        env = workspace_env(fake, url, args.participants)
        # The app and the app without metrics press for people of their own: given the same
        # people, the second would find every request already made and refuse it cheaply,
        # which once showed as metrics costing 40 % of a request's CPU. The floor stores
        # nothing.
        # `--same`: the third server has metrics on too (an A/A run), to show how much two
        # servers of one app differ by themselves.
        other = "same" if args.same else "nometr"
        people = {"app": interns[0::2], other: interns[1::2], "floor": interns}
        app_port, floor_port = free_port(), free_port()
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
        servers = [("floor", floor_port), ("app", app_port)]
        if args.metrics_off or args.same:
            off_port = free_port()
            procs.append(
                subprocess.Popen(
                    [praktik, "serve", "--workers", str(args.workers)],
                    env={
                        **env,
                        "PORT": str(off_port),
                        "PRAKTIK_METRICS": "1" if args.same else "0",
                    },
                    cwd=ROOT,
                )
            )
            servers.append((other, off_port))
            await wait_ready(off_port, "/healthz")
            warm_off = await run_level(
                off_port, 40, 400, slots, people[other], random.Random(1), fake
            )
            await follow_ups(fake, warm_off)
            await fake.quiet(2.0, limit=600)
        await wait_ready(app_port, "/healthz")
        await wait_ready(floor_port, "/slack/events")
        # Warm-up: the first search builds the index (measured separately).
        started = time.perf_counter()
        await run_level(app_port, 1, 1, slots, people["app"], random.Random(0), fake)
        print(
            f"first request (builds the search index): {(time.perf_counter() - started) * 1000:.0f} ms"
        )
        # Every worker builds its own index at its first search: warm them all (new
        # connections, spread by the kernel) so no level measures a build.
        warm = await run_level(app_port, 40, 400, slots, people["app"], random.Random(1), fake)
        await follow_ups(fake, warm)
        await fake.quiet(2.0, limit=600)  # the warm-up's host DMs, paced, are out too
        await run_level(floor_port, 40, 400, slots, people["floor"], random.Random(1), fake)
        print(f"warm-up: 400 requests to each server, {args.workers} worker(s) each\n")
        print(
            f"{'conc':>5} {'server':>6} {'n':>5} {'err':>4} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'cpu ms':>7} {'of it sys':>9}  p99 vs floor"
        )
        answered: list[str] = []
        pids = {
            "app": serving(procs[0]),
            "floor": [p.pid for p in procs[1 : 1 + args.workers]],
        }
        if args.metrics_off or args.same:
            pids[other] = serving(procs[-1])
        for level in levels:
            rows: dict[str, Level] = {}
            cpu: dict[str, float] = {}
            cpu_sys: dict[str, float] = {}
            waits: list[float] = []
            drained, missing = 0.0, 0
            for round_ in range(args.rounds):
                # The app with and without metrics take turns going first: whichever runs
                # second meets a database and a fake Slack the first has just warmed.
                order = servers if round_ % 2 == 0 else [*servers[:1], *reversed(servers[1:])]
                for name, port in order:
                    before = cpu_seconds(pids[name])
                    before_sys = cpu_seconds(pids[name], system_only=True)
                    run = await run_level(
                        port,
                        level,
                        args.requests,
                        slots,
                        people[name],
                        random.Random(level * 1000 + round_),
                        fake,
                    )
                    if name == "app":
                        # The next run starts once this one's work after the acks is done.
                        more, late, lost = await follow_ups(fake, run)
                        waits += more
                        drained, missing = max(drained, late), missing + lost
                    elif name == other:
                        await follow_ups(fake, run)
                    if name != "floor":
                        # The hosts' DMs go out paced (bot.slack.pacing: 500 posts a minute);
                        # their work is the presses' too, so the CPU is read once they are out.
                        await fake.quiet(2.0, limit=600)
                    cpu[name] = cpu.get(name, 0.0) + cpu_seconds(pids[name]) - before
                    cpu_sys[name] = (
                        cpu_sys.get(name, 0.0)
                        + cpu_seconds(pids[name], system_only=True)
                        - before_sys
                    )
                    rows[name] = run if name not in rows else rows[name].joined(run)
            answered.append(
                f"{level:>5} {len(waits):>6} {missing:>7} {pct(waits, 50):>8.0f} "
                f"{pct(waits, 95):>8.0f} {pct(waits, 99):>8.0f} {drained:>10.1f}"
            )
            sent = args.requests * args.rounds
            cpu = {name: seconds / sent * 1000 for name, seconds in cpu.items()}
            cpu_sys = {name: seconds / sent * 1000 for name, seconds in cpu_sys.items()}
            for name, _ in servers:
                run = rows[name]
                lat = run.latencies
                ratio = pct(rows["app"].latencies, 99) / max(
                    pct(rows["floor"].latencies, 99), 0.001
                )
                note = f"{ratio:.2f}x" if name == "app" else ""
                if name == other:
                    note = f"app cpu/req vs this: {cpu['app'] / max(cpu[name], 1e-9) - 1:+.1%}"
                print(
                    f"{level:>5} {name:>6} {len(lat):>5} {run.errors:>4} "
                    f"{len(lat) / run.elapsed:>7.0f} "
                    f"{pct(lat, 50):>8.1f} {pct(lat, 95):>8.1f} {pct(lat, 99):>8.1f} "
                    f"{cpu[name]:>7.2f} {cpu_sys[name]:>9.2f}  {note}"
                )
        print(
            "\n*Anmod* → the intern's answer (ephemeral), ms; drained: s from the level's last ack"
            " to its last answer"
        )
        print(
            f"{'conc':>5} {'presses':>6} {'missing':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
            f" {'drained s':>10}"
        )
        print("\n".join(answered))
        calls = len(fake.calls)
        print("Web API calls by method:", calls_by_method(fake))

        print(f"\nfake Slack received {calls} Web API calls from the app")
    finally:
        stop_all(procs)
        await fake.stop()
        drop_database(args.pg, url)


if __name__ == "__main__":
    asyncio.run(main())
