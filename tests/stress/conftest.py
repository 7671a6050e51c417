from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from bot.sandbox.harness import Harness
from tests.stress.hostile import Watch


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: starts real processes (praktik serve, a PostgreSQL server); "
        "part of the default run, deselect with -m 'not slow'",
    )


@pytest.fixture
def watch(harness: Harness, caplog: pytest.LogCaptureFixture) -> Callable[[], Watch]:
    """Slack calls and error logs from one hostile example onwards."""
    caplog.set_level(logging.WARNING)
    return lambda: Watch(harness, caplog)
