"""Fixtures the scenario tests share (the `harness` itself is in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from models.db import Database
from tests.conftest import ADMIN


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


@pytest.fixture
async def socket_harness(db: Database, clock: ManualClock) -> AsyncIterator[Harness]:
    """The same app over Socket Mode: every gesture goes as an envelope on the WebSocket."""
    running = await Harness.start(
        db=db, clock=clock, admins=frozenset({ADMIN}), trigger_ttl=None, socket=True
    )
    try:
        yield running
    finally:
        await running.stop()
