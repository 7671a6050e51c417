"""Waiting for a condition instead of sleeping: a test goes on as soon as the thing it waits
for has happened, and fails with what it was waiting for when it does not happen in time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


def wait_until(
    check: Callable[[], object], *, limit: float, step: float = 0.05, what: str = ""
) -> None:
    """Poll `check()` until it is true; fail the test after `limit` seconds.

    For checks that block (a database, another process): from async code, run it with
    `asyncio.to_thread`, or use `until` for checks that only read memory.
    """
    deadline = time.monotonic() + limit
    for _ in range(int(limit / step) + 2):
        if check():
            return
        if time.monotonic() > deadline:
            break
        time.sleep(step)
    raise AssertionError(f"{what or 'condition'} not reached within {limit} s")


async def until(
    check: Callable[[], object], *, limit: float, step: float = 0.01, what: str = ""
) -> None:
    """Like `wait_until`, on the event loop: the tasks under test run between the checks."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not check():
        if loop.time() > deadline:
            raise AssertionError(f"{what or 'condition'} not reached within {limit} s")
        await asyncio.sleep(step)
