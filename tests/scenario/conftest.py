"""Fixtures the scenario tests share (the `harness` itself is in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.clock import ManualClock
from bot.sandbox.harness import Harness
from models.db import Database


@pytest.fixture
async def approving(db: Database, clock: ManualClock) -> AsyncIterator[Harness]:
    """The app with PRAKTIK_MANAGER_APPROVAL on: a placement waits for the intern's manager."""
    running = await Harness.start(
        db=db, clock=clock, trigger_ttl=None, praktik_manager_approval=True
    )
    try:
        yield running
    finally:
        await running.stop()
