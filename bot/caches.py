"""Per-process caches of what every request reads and almost nothing writes."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from bot.search import SearchCache
from bot.views.slots import RenderedSlots
from models.tables import SeasonSettings

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """Values kept for `ttl` seconds; `forget` drops them at once after a change here.

    Another process's change shows within `ttl`, which is what the season settings can bear.
    """

    def __init__(self, ttl: float = 1.0, timer: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
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
            self._values[key] = (self._timer(), value)

    def forget(self) -> None:
        with self._lock:
            self._values.clear()


@dataclass
class Caches:
    search: SearchCache = field(default_factory=SearchCache)
    seasons: Recent[int, SeasonSettings] = field(default_factory=Recent)
    season_reload: asyncio.Lock = field(default_factory=asyncio.Lock)
    slot_blocks: RenderedSlots = field(default_factory=RenderedSlots)
