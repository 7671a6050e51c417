"""`GET /metrics` of `praktik serve --workers 2`: every scrape, whichever worker answers it,
adds up both workers' figures; a search, two presses and a dispatched DM move them."""

from __future__ import annotations

import asyncio
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.sandbox.fake_slack import FakeSlack
from bot.sandbox.person import Workspace
from tests.metrics_scrape import assert_counters_moved, press_search_and_dm, scrape
from tests.stress.procs import ROOT, free_port, health, scratch_database, serve_env
from tests.stress.test_workers import children
from tests.stress.two_sites import NOW
from tests.waiting import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@dataclass
class Running:
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    fake: FakeSlack
    workspace: Workspace

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _start(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.stress.serve", "--workers", "2"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _metrics_folders(workers: list[int]) -> set[Path]:
    """Each worker has its figures' files mapped into memory: their directory."""
    return {
        Path(line.split()[-1]).parent
        for pid in workers
        for line in Path(f"/proc/{pid}/maps").read_text().splitlines()
        if "praktik-metrics-" in line
    }


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*.db"))


@pytest.fixture
async def two_workers(tmp_path: Path) -> AsyncIterator[Running]:
    secret = secrets.token_hex(16)
    with scratch_database() as url:
        async with FakeSlack(trigger_ttl=None) as fake:
            port = free_port()
            env = serve_env(
                database_url=url,
                api_url=fake.api_url,
                token=fake.bot_token,
                secret=secret,
                port=port,
                now=NOW,
                interval=1.0,
            )
            log = tmp_path / "serve.log"
            process = _start(env, log)
            try:
                await asyncio.to_thread(
                    wait_until,
                    lambda: len(children(process.pid)) == 2 and health(port) == 200,
                    limit=60,
                    step=0.2,
                    what="two workers",
                )
                ws = Workspace(
                    fake, f"http://127.0.0.1:{port}/slack/events", secret, quiet_period=0.5
                )
                yield Running(process, port, log, fake, ws)
            finally:
                process.terminate()
                await asyncio.to_thread(process.wait, 60)
            assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


async def test_every_scrape_sums_both_workers_and_the_counters_move(
    two_workers: Running,
) -> None:
    before, after, posts = await press_search_and_dm(
        two_workers.workspace, two_workers.fake, two_workers.port
    )
    assert_counters_moved(before, after, posts=posts)
    # Each scrape is a new connection, which the kernel hands to either worker: all of
    # them show the same sums (the outbox gauges are read from the one database).
    seen = [await asyncio.to_thread(scrape, two_workers.port) for _ in range(8)]
    for figures in seen:
        for name, labels in (
            ("praktik_requests_total", {"kind": "action", "outcome": "ok"}),
            ("praktik_requests_total", {"kind": "view_submission", "outcome": "ok"}),
            ("praktik_outbox_rows", {"status": "sent"}),
        ):
            assert figures.get_one(name, **labels) == after.get_one(name, **labels), name
    labels = {value for _, pairs in after for _, value in pairs}
    assert not labels & {"UBO", "UANNA", "Bo Hansen", "Anna Jensen", "ærø"}, labels


async def test_the_run_s_metrics_directory_is_removed_when_the_set_stops(
    two_workers: Running,
) -> None:
    workers = children(two_workers.process.pid)
    folders = await asyncio.to_thread(_metrics_folders, workers)
    assert len(folders) == 1
    folder = folders.pop()
    assert await asyncio.to_thread(_has_files, folder)
    two_workers.process.terminate()
    assert await asyncio.to_thread(two_workers.process.wait, 60) == 0
    assert not await asyncio.to_thread(folder.exists)
