"""One search index per process, rebuilt when the open slots' content changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

from bot.search.index import Doc, Index


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The index and the seats taken per open slot (only slots with some taken), at one time."""

    index: Index
    taken: Mapping[int, int]
    full: frozenset[int]


class SearchCache:
    """One index per process, rebuilt when the slots' content version changes.

    The version and the seats taken are read again after any write by this process, and
    otherwise at most once per `recheck` seconds: a change made by another process may then
    take that long to show (a slot that filled meanwhile is refused kindly on request),
    which saves two table scans on every search under load.

    `on_rebuilt` is called after each new index is built (in a serving process
    bot.service.caches passes bot.runtime.heap.refreeze: the old index is garbage then).
    """

    def __init__(
        self,
        recheck: float = 1.0,
        timer: Callable[[], float] = time.monotonic,
        on_rebuilt: Callable[[], None] = lambda: None,
    ) -> None:
        self.recheck = recheck
        self._timer = timer
        self._on_rebuilt = on_rebuilt
        self._lock = threading.Lock()
        self._key: Hashable | None = None
        self._version: Hashable | None = None
        self._checked = -float("inf")
        self._writes = -1

        self._snapshot = Snapshot(Index([]), {}, frozenset())

    def get(
        self,
        key: Hashable,
        writes: int,
        version: Callable[[], Hashable],
        load: Callable[[], Sequence[Doc]],
        taken: Callable[[], Mapping[int, int]],
    ) -> Snapshot:
        """The index and the seats taken for `key` (the season), refreshed when due.

        Call it in a transaction that only reads (models.db.Database.read): its lock is
        held while `version`, `load` and `taken` read. Inside a write transaction, which on
        SQLite holds the write lock, another thread holding this lock and waiting for the
        write lock waited until its busy timeout ran out (10 s) and failed."""
        with self._lock:
            now = self._timer()
            stale = writes != self._writes or now - self._checked >= self.recheck
            if key != self._key or stale:
                index = self._snapshot.index
                current = version()
                if key != self._key or current != self._version:
                    index = Index(load())
                    self._on_rebuilt()
                    self._key, self._version = key, current
                seats = dict(taken())
                full = frozenset(i for i, n in seats.items() if 0 < index.listed(i)[0] <= n)
                self._snapshot = Snapshot(index, seats, full)
                self._checked, self._writes = now, writes
            return self._snapshot
