"""Values kept for a while in one process: what every request reads and almost nothing writes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar, overload

from cachetools import TTLCache

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


class Recent(TTLCache[K, V]):
    """Values kept for `ttl` seconds; `forget` drops them at once after a change here.

    Another process's change shows within `ttl`. At most `size` values are kept: past that,
    the expired ones go, then the least recently used. The policy is cachetools' TTLCache;
    this adds the names the services use and a lock, since even a read reorders it.
    """

    def __init__(
        self, ttl: float = 1.0, timer: Callable[[], float] = time.monotonic, size: int = 10_000
    ) -> None:
        super().__init__(maxsize=size, ttl=ttl, timer=timer)
        self._lock = threading.RLock()

    @overload
    def get(self, key: K, /) -> V | None: ...
    @overload
    def get(self, key: K, default: V | T, /) -> V | T: ...
    def get(self, key: K, default: object = None, /) -> object:
        with self._lock:
            return super().get(key, default)

    def __setitem__(self, key: K, value: V) -> None:
        with self._lock:
            super().__setitem__(key, value)

    def put(self, key: K, value: V) -> None:
        self[key] = value

    def drop(self, key: K) -> None:
        with self._lock:
            self.pop(key, None)

    def forget(self) -> None:
        with self._lock:
            self.clear()
