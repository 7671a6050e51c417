"""`praktik socket`'s own port (PRAKTIK_METRICS_PORT): /metrics moves with a search, two
presses and a dispatched DM; /healthz is 503 while Slack is not connected or the database
does not answer, and 200 again once both are back.

The database is made unreachable honestly: a PostgreSQL server of the test's own is stopped
(pg_ctl stop) and started again; the app keeps its URL throughout.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.sandbox.fake_slack import FakeSlack
from bot.sandbox.fake_socket_mode import FakeSocketMode, SocketWire
from bot.sandbox.person import Workspace
from bot.texts import health as t
from tests.metrics_scrape import (
    assert_counters_moved,
    press_search_and_dm,
    wait_for_health,
)
from tests.scenario.test_socket_process import socket_env
from tests.stress.procs import BIN, ROOT, free_port, scratch_cluster
from tests.stress.two_sites import NOW

pytestmark = pytest.mark.slow  # real processes, one with a PostgreSQL server of its own


@dataclass
class Running:
    fake: FakeSlack
    socket: FakeSocketMode
    process: subprocess.Popen[bytes]
    port: int
    log: Path


async def _socket(tmp_path: Path, database_url: str) -> AsyncIterator[Running]:
    fake = FakeSlack(trigger_ttl=None)
    socket = FakeSocketMode(fake)
    await fake.start()
    port = free_port()
    env = socket_env(fake, database_url)
    env.update(
        PRAKTIK_METRICS_PORT=str(port),
        PRAKTIK_STRESS_NOW=NOW,
        PRAKTIK_STRESS_DISPATCH_INTERVAL="1",
    )
    log = tmp_path / "socket.log"
    process = _start(env, log)
    try:
        yield Running(fake, socket, process, port, log)
    finally:
        process.terminate()
        await asyncio.to_thread(process.wait, 60)
        await fake.stop()


def _start(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.stress.serve", "socket"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _upgrade(url: str) -> None:
    upgraded = subprocess.run(  # noqa: S603 - our own CLI, fixed arguments
        [str(BIN / "praktik"), "db", "upgrade"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert upgraded.returncode == 0, upgraded.stderr


@pytest.fixture
async def on_sqlite(tmp_path: Path) -> AsyncIterator[Running]:
    async for running in _socket(tmp_path, f"sqlite:///{tmp_path / 'praktik.db'}"):
        yield running


async def test_metrics_move_with_a_search_two_presses_and_a_dispatched_dm(
    on_sqlite: Running,
) -> None:
    await on_sqlite.socket.wait_connected()
    await wait_for_health(on_sqlite.port, 200)
    ws = Workspace(on_sqlite.fake, "", "", wire=SocketWire(on_sqlite.socket), quiet_period=0.5)
    before, after, posts = await press_search_and_dm(ws, on_sqlite.fake, on_sqlite.port)
    assert_counters_moved(before, after, posts=posts)
    assert after.get_one("praktik_socket_mode_connected") == 1
    assert "Traceback" not in on_sqlite.log.read_text()


async def test_healthz_is_503_while_slack_has_dropped_the_connection(on_sqlite: Running) -> None:
    fake, socket = on_sqlite.fake, on_sqlite.socket
    await socket.wait_connected()
    await wait_for_health(on_sqlite.port, 200)
    # Slack's edge answers 503 to every new connection until it heals.
    fake.fail("apps.connections.open", status=503, times=None)
    await socket.drop()
    body = json.loads(await wait_for_health(on_sqlite.port, 503))
    assert body == {"ok": False, "slack": False, "database": True, "reason": t.SLACK_NOT_CONNECTED}
    fake.heal("apps.connections.open")
    await wait_for_health(on_sqlite.port, 200)
    assert socket.connected_total == 2
    assert "Traceback" not in on_sqlite.log.read_text()


@pytest.mark.postgres
async def test_healthz_is_503_while_the_database_is_stopped(tmp_path: Path) -> None:
    with scratch_cluster() as cluster:
        await asyncio.to_thread(_upgrade, cluster.url)
        async for running in _socket(tmp_path, cluster.url):
            await running.socket.wait_connected()
            await wait_for_health(running.port, 200)
            await asyncio.to_thread(cluster.stop)
            body = json.loads(await wait_for_health(running.port, 503))
            assert body["database"] is False and body["slack"] is True
            assert body["reason"] == t.DATABASE_SILENT
            await asyncio.to_thread(cluster.start)
            await wait_for_health(running.port, 200)
