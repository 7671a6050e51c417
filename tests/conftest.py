from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.sandbox.wire import ANSWER_LIMIT_VARIABLE, wait_for_answers
from models.db import Database
from tests.databases import BACKENDS, fresh_database

# How long a test's Slack waits for the app's answer: a guard against a hang, not Slack's 3 s,
# which bench/load.py and bench/socket_ack.py measure (see bot/sandbox/wire.py). A test about
# the limit itself passes its own.
HANG_GUARD_S = 30.0


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: runs on PostgreSQL (PRAKTIK_TEST_DATABASE_URL)")
    config.addinivalue_line(
        "markers",
        "slow: takes seconds (real processes, a PostgreSQL server of its own, many tries); "
        "part of the default run and started first, deselect with -m 'not slow'",
    )
    wait_for_answers(HANG_GUARD_S)
    os.environ[ANSWER_LIMIT_VARIABLE] = str(HANG_GUARD_S)  # the sandbox and demo processes


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first: the suite runs on several workers (pyproject's addopts), and a
    long test started last would leave the others idle at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with fresh_database(request.param, tmp_path) as database:
        yield database


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    with fresh_database("sqlite", tmp_path) as database:
        yield database


# --- the app over HTTP with the local fake Slack --------------------------------------

from collections.abc import AsyncIterator  # noqa: E402
from datetime import datetime  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from bot.process.clock import ManualClock  # noqa: E402
from bot.sandbox.harness import Harness  # noqa: E402

CPH = ZoneInfo("Europe/Copenhagen")
ADMIN = "UKOORD01"


@pytest.fixture
def clock() -> ManualClock:
    """Sign-up time in the 2027 season."""
    return ManualClock(datetime(2027, 5, 3, 10, 0, tzinfo=CPH))


@pytest.fixture
async def harness(db: Database, clock: ManualClock) -> AsyncIterator[Harness]:
    running = await Harness.start(db=db, clock=clock, admins=frozenset({ADMIN}), trigger_ttl=None)
    try:
        yield running
    finally:
        await running.stop()
