"""Values kept for a while in one process: what every request reads and almost nothing writes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """Values kept for `ttl` seconds; `forget` drops them at once after a change here.

    Another process's change shows within `ttl`. At most `size` values are kept: past that,
    the expired ones go, then the oldest.
    """

    def __init__(
        self, ttl: float = 1.0, timer: Callable[[], float] = time.monotonic, size: int = 10_000
    ) -> None:
        self.ttl = ttl
        self.size = size
        self._timer = timer
        self._lock = threading.Lock()
        self._values: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        with self._lock:
            found = self._values.get(key)
            if found is None or self._timer() - found[0] >= self.ttl:
                return None
            return found[1]

    def put(self, key: K, value: V) -> None:
        with self._lock:
            now = self._timer()
            self._values.pop(key, None)  # re-inserted last: the dict's order is the age
            self._values[key] = (now, value)
            if len(self._values) > self.size:
                for old in [k for k, (at, _) in self._values.items() if now - at >= self.ttl]:
                    del self._values[old]
            while len(self._values) > self.size:
                del self._values[next(iter(self._values))]

    def drop(self, key: K) -> None:
        with self._lock:
            self._values.pop(key, None)

    def forget(self) -> None:
        with self._lock:
            self._values.clear()
