"""Small writes gathered into one: what is put within `window` seconds of the first put is
written together (one thread hop, one round trip), and every put returns once its items
are stored, or raises what the write raised, as a write of its own would.

In a sign-up rush the hosts' DMs go out paced, several at once (bot.slack.pacing wakes
them together), and each is then stored where its buttons are: gathered, that is one write
instead of one per DM. What a write per DM cost is in bench/rush.py's docstring.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
Write = Callable[[list[T]], Awaitable[object]]

WINDOW_SECONDS = 0.02  # about how far apart the answers to DMs sent together arrive


class Batch(Generic[T]):
    def __init__(self, window: float = WINDOW_SECONDS) -> None:
        self.window = window
        self._items: list[T] = []
        self._written: asyncio.Future[None] | None = None
        self._writes: set[asyncio.Task[None]] = set()

    async def put(self, items: Sequence[T], write: Write[T]) -> None:
        """Store `items` with whatever else is put within the window. Every put of one
        Batch must pass the same `write` (the window's first one is used)."""
        if not items:
            return
        if self._written is None:
            loop = asyncio.get_running_loop()
            self._written = loop.create_future()
            loop.call_later(self.window, self._flush, write)
        self._items.extend(items)
        # Shielded: a caller that is cancelled does not cancel the others' write.
        await asyncio.shield(self._written)

    def _flush(self, write: Write[T]) -> None:
        items, written = self._items, self._written
        self._items, self._written = [], None
        assert written is not None
        task = asyncio.ensure_future(self._write(items, write, written))
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)

    @staticmethod
    async def _write(items: list[T], write: Write[T], written: asyncio.Future[None]) -> None:
        try:
            await write(items)
        except asyncio.CancelledError:
            written.cancel()
            raise
        except Exception as error:
            written.set_exception(error)
            # Every put has been cancelled meanwhile: nobody is left to read the error.
            written.add_done_callback(lambda done: done.exception())
        else:
            written.set_result(None)
