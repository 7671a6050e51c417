from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.db import Database
from tests.databases import BACKENDS, fresh_database


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: runs on PostgreSQL (PRAKTIK_TEST_DATABASE_URL)")


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
