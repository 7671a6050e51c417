"""A T−14 wave under Slack's enforced limits (`bench/dispatch.py --slack-limits`).

`people` participants in `people / 2` confirmed placements, each with its intro DM (T−14,
09:00) due to host and intern: `people` DMs at once, as on 30 August for week 37. The fake
Slack enforces Slack's limits (bot.sandbox.fake_limits: tiers, about 1/s per channel and a
workspace-wide posting limit) on a clock running `speed` times faster than real time; the
dispatcher, its paced client (bot.slack.pacing) and every wait run on the same clock. Printed in
Slack's time: how long the wave took beside the ideal (DMs ÷ the workspace's posting limit),
Web API calls per DM, 429s received, DMs lost and duplicated.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert
from sqlmodel import Session, col, select

from bot.domain.season import COPENHAGEN, Season
from bot.outbox.dispatcher import Dispatcher
from bot.sandbox.fake_limits import ScaledClock
from bot.sandbox.fake_slack import FakeSlack
from bot.slack.pacing import PacedWebClient, Pacer
from models.db import Database
from models.tables import (
    HostSlot,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Placement,
    Proposal,
)

SEASON = Season.for_year(2027)
INTRO_AT = datetime(2027, 8, 30, 9, 0, tzinfo=COPENHAGEN)  # T−14 of Monday 13 September
FIRST_DAY = "2027-09-13"


@dataclass
class Wave:
    dms: int
    slack_seconds: float
    real_seconds: float
    ideal_seconds: float
    calls: int
    ratelimited: int
    lost: int
    duplicated: int
    passes: int

    def lines(self, posts_per_minute: float, speed: float) -> list[str]:
        rate = self.dms / self.slack_seconds * 60
        return [
            f"T−14 wave, {self.dms} DMs, workspace posting limit {posts_per_minute:.0f}/min, "
            f"clock ×{speed:g}",
            f"  time to deliver (Slack's time) {self.slack_seconds / 60:6.1f} min  "
            f"ideal {self.ideal_seconds / 60:.1f} min  "
            f"({rate:.0f} DMs/min = {self.ideal_seconds / self.slack_seconds:.0%} of ideal; "
            f"{self.real_seconds:.0f} s real, {self.passes} dispatch runs)",
            f"  Web API calls per DM {self.calls / self.dms:.3f}  "
            f"429s {self.ratelimited} ({self.ratelimited / max(self.calls, 1):.2%} of calls)  "
            f"lost {self.lost}  duplicated {self.duplicated}",
        ]


def seed_wave(session: Session, *, people: int) -> list[str]:
    """`people // 2` placements with both intro DMs due at INTRO_AT; the recipients."""
    now = INTRO_AT
    pairs = people // 2
    participants, slots, proposals, placements, outbox = [], [], [], [], []
    users = []
    for n in range(pairs):
        host_pk, intern_pk, pk = 2 * n + 1, 2 * n + 2, n + 1
        host, intern = f"UH{n:06d}", f"UI{n:06d}"
        users += [host, intern]
        participants += [
            {"id": host_pk, "slack_user_id": host, "name": f"Vært {n}", "workplace":
             f"Kommune {n}", "created_at": now, "updated_at": now},
            {"id": intern_pk, "slack_user_id": intern, "name": f"Praktikant {n}",
             "workplace": "Styrelsen", "created_at": now, "updated_at": now},
        ]  # fmt: skip
        slots.append({"id": pk, "host_id": host_pk, "season_year": 2027, "workplace":
                      f"Kommune {n}", "sector": "kommune", "municipality": "101", "capacity": 1,
                      "confirmed": 1, "days": [1, 2, 3, 4, 5], "topics": [], "description": "",
                      "status": "open", "created_at": now, "updated_at": now})  # fmt: skip
        proposals.append({"id": pk, "season_year": 2027, "slot_id": pk, "intern_id": intern_pk,
                          "origin": "request", "status": "confirmed", "host_answer": "accepted",
                          "intern_answer": "accepted", "days": [1, 2, 3, 4, 5],
                          "messages": {}, "created_at": now})  # fmt: skip
        placements.append({"id": pk, "season_year": 2027, "proposal_id": pk, "slot_id": pk,
                           "host_id": host_pk, "intern_id": intern_pk, "days": [1, 2, 3, 4, 5],
                           "status": "confirmed", "confirmed_at": now})  # fmt: skip
        for user in (host, intern):
            outbox.append({"key": f"p{pk}:intro:{user}:{FIRST_DAY}", "placement_id": pk,
                           "recipient": user, "kind": "intro", "due_at": now,
                           "status": "planned", "attempts": 0, "reason": "", "payload": {},
                           "created_at": now})  # fmt: skip
    for table, rows in (
        (Participant, participants),
        (HostSlot, slots),
        (Proposal, proposals),
        (Placement, placements),
        (OutboxMessage, outbox),
    ):
        for start in range(0, len(rows), 2000):
            session.execute(insert(table), rows[start : start + 2000])
    return users


def _unsettled(session: Session) -> int:
    return len(
        session.exec(
            select(OutboxMessage.id).where(
                col(OutboxMessage.status).in_([OutboxStatus.PLANNED, OutboxStatus.SENDING])
            )
        ).all()
    )


async def run_wave(
    db: Database, *, people: int, speed: float, posts_per_minute: float, concurrency: int
) -> Wave:
    users = await db.run(seed_wave, people=people)
    clock = ScaledClock(speed)
    async with FakeSlack(
        limits="slack", clock=clock, posts_per_minute=posts_per_minute, trigger_ttl=None
    ) as fake:
        for user in users:
            fake.add_user(user, name=user.lower(), real_name=user)
        pacer = Pacer(timer=clock, sleep=clock.sleep, posts_per_minute=posts_per_minute)
        client = PacedWebClient(
            pacer=pacer,
            bulk=True,
            retries_on_429=0,
            token=fake.bot_token,
            base_url=fake.api_url,
            retry_handlers=[],
        )
        worker = Dispatcher(
            db,
            client,
            lambda _overrides: SEASON,
            worker_id="wave",
            concurrency=concurrency,
            sleep=clock.sleep,
        )
        started, real = clock(), time.perf_counter()
        now, passes = INTRO_AT, 0
        while await db.run(_unsettled) and passes < 50:
            report = await worker.run_once(now)
            passes += 1
            if not report.claimed:  # only rows given back for later: move on to them
                await clock.sleep(1.0)
                now = INTRO_AT.__class__.fromtimestamp(now.timestamp() + 60, tz=INTRO_AT.tzinfo)
        slack_seconds, real_seconds = clock() - started, time.perf_counter() - real
        per_key = Counter(
            str(c.params["metadata"]["event_payload"]["key"])
            for c in fake.calls_to("chat.postMessage")
            if c.error is None
        )
    expected = {f"p{n // 2 + 1}:intro:{u}:{FIRST_DAY}" for n, u in enumerate(users)}
    return Wave(
        dms=len(expected),
        slack_seconds=slack_seconds,
        real_seconds=real_seconds,
        ideal_seconds=len(expected) / posts_per_minute * 60,
        calls=len(fake.calls),
        ratelimited=sum(1 for c in fake.calls if c.error == "ratelimited"),
        lost=len(expected - set(per_key)),
        duplicated=sum(n - 1 for n in per_key.values() if n > 1),
        passes=passes,
    )
