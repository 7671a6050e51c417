"""`praktik serve --workers N`: N serving processes on one port, started and stopped as one."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import subprocess
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.sandbox.fake_slack import FakeSlack
from bot.sandbox.person import Workspace
from tests.scenario.flows import offer, wish
from tests.stress.procs import (
    BIN,
    ROOT,
    free_port,
    health,
    scratch_database,
    serve_env,
)
from tests.talk import shown
from tests.waiting import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in listed.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@dataclass
class Workers:
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    workspace: Workspace

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def workers(self) -> list[int]:
        return children(self.process.pid)  # gunicorn's workers, forked from the command


@contextlib.contextmanager
def _started(env: dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - our own CLI, fixed arguments
            [str(BIN / "praktik"), "serve", "--workers", "2"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


@pytest.fixture
async def workers(tmp_path: Path) -> AsyncIterator[Workers]:
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
            )
            log = tmp_path / "serve.log"
            with _started(env, port, log) as process:
                ws = Workspace(fake, f"http://127.0.0.1:{port}/slack/events", secret)
                running = Workers(process, port, log, ws)
                await asyncio.to_thread(
                    wait_until,
                    lambda: len(running.workers()) == 2 and health(port) == 200,
                    limit=60,
                    step=0.2,
                    what="two workers",
                )
                seen = running.workers()
                try:
                    yield running
                finally:
                    for pid in seen:  # whatever the test did, leave no worker behind
                        with contextlib.suppress(ProcessLookupError):
                            os.kill(pid, signal.SIGKILL)
                assert "Traceback" not in running.output(), running.output()[-3000:]


async def test_two_workers_serve_one_port_and_stop_together_on_sigterm(
    workers: Workers,
) -> None:
    ws = workers.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await wish(anna)
    for _ in range(10):  # new connections, spread by the kernel over both workers
        await anna.command("/praktik", "find ærø")
        assert "Ærø Kommune" in shown(anna.ephemerals[-1])
    await anna.press("Anmod")
    await ws.settle()
    assert any("vil gerne i praktik" in shown(m) for m in bo.dms)

    pids = workers.workers()
    workers.process.send_signal(signal.SIGTERM)
    assert await asyncio.to_thread(workers.process.wait, 60) == 0
    assert not any(alive(p) for p in pids)


async def test_a_worker_that_dies_is_replaced_while_the_other_goes_on_serving(
    workers: Workers,
) -> None:
    first, second = workers.workers()
    os.kill(first, signal.SIGKILL)
    await asyncio.to_thread(
        wait_until,
        lambda: first not in workers.workers() and len(workers.workers()) == 2,
        limit=60,
        step=0.1,
        what="a new worker",
    )
    assert workers.process.poll() is None and alive(second)
    assert health(workers.port) == 200
    assert f"Worker (pid:{first}) was sent SIGKILL" in workers.output()


async def test_workers_stop_when_their_supervisor_is_killed(workers: Workers) -> None:
    pids = workers.workers()
    workers.process.kill()  # SIGKILL: the supervisor cannot pass anything on
    await asyncio.to_thread(
        wait_until,
        lambda: not any(alive(p) for p in pids),
        limit=60,
        step=0.2,
        what="workers gone",
    )


def test_several_workers_on_sqlite_are_refused_with_a_reason(tmp_path: Path) -> None:
    env = serve_env(
        database_url=f"sqlite:///{tmp_path / 'praktik.db'}",
        api_url="http://127.0.0.1:9/api/",
        token="xoxb-test",
        secret="0123456789abcdef0123456789abcdef",
        port=free_port(),
    )
    done = subprocess.run(  # noqa: S603 - our own CLI, fixed arguments
        [str(BIN / "praktik"), "serve", "--workers", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Flere serverprocesser kræver PostgreSQL" in done.stderr
    assert not (tmp_path / "praktik.db").exists()  # nothing was started
