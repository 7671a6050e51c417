"""At most one redraw per person per `window` seconds, always of the latest state.

App Home is redrawn after every change for both sides of it; a person whose requests are
answered one after another would otherwise get a views.publish (Tier 4: about 100 a
minute for the whole workspace) per change. The first change draws at once; changes within
the window after it are gathered into one redraw at the window's end, which reads the state
as it is then, so nothing is lost and nothing stale is shown last.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from bot.runtime.inflight import InFlight

log = logging.getLogger("praktik.coalesce")

WINDOW_SECONDS = 3.0

Draw = Callable[[], Awaitable[None]]


class Coalescer:
    def __init__(
        self,
        window: float = WINDOW_SECONDS,
        *,
        timer: Callable[[], float] = time.monotonic,
        inflight: InFlight | None = None,
    ) -> None:
        self.window = window
        self._timer = timer
        # A redraw waiting for its moment is work in flight: the sandbox and the tests wait
        # for it as for a request's listener.
        self._inflight = inflight or InFlight()
        self._last: dict[str, float] = {}
        self._pending: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def run(self, key: str, draw: Draw) -> None:
        """Draw now, or once at the end of the window (whatever is asked meanwhile)."""
        if key in self._pending:
            return  # the redraw already due reads the state as it is then
        wait = self._last.get(key, float("-inf")) + self.window - self._timer()
        if wait <= 0:
            self._drawn(key)
            await draw()
            return
        self._pending.add(key)
        self._inflight.enter()
        task = asyncio.ensure_future(self._later(key, wait, draw))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _later(self, key: str, wait: float, draw: Draw) -> None:
        try:
            await asyncio.sleep(wait)
            # Taken off before drawing: a change made while this draws gets a redraw of its own.
            self._pending.discard(key)
            self._drawn(key)
            await draw()
        except Exception:
            log.exception("a delayed redraw failed")
        finally:
            self._pending.discard(key)
            self._inflight.leave()

    def _drawn(self, key: str) -> None:
        now = self._timer()
        if len(self._last) > 10_000:
            for old in [k for k, at in self._last.items() if now - at >= self.window]:
                del self._last[old]
        self._last[key] = now
