from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from bot.sandbox.harness import Harness
from tests.stress.hostile import Watch


@pytest.fixture
def watch(harness: Harness, caplog: pytest.LogCaptureFixture) -> Callable[[], Watch]:
    """Slack calls and error logs from one hostile example onwards."""
    caplog.set_level(logging.WARNING)
    return lambda: Watch(harness, caplog)
