"""A small progress bar on stderr for the offline commands, without a dependency.

Stages take fixed shares of the bar; within a stage the caller reports done/total. On a
terminal the bar redraws in place (at most ten times a second); into a file or pipe it
writes one line per stage, so logs stay readable.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TextIO

WIDTH = 30
REDRAW_SECONDS = 0.1


class Progress:
    def __init__(
        self,
        stream: TextIO,
        shares: Mapping[str, float],
        labels: Mapping[str, str],
        *,
        enabled: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream, self.labels, self.enabled, self.clock = stream, labels, enabled, clock
        self.tty = enabled and stream.isatty()
        total = sum(shares.values()) or 1.0
        self.starts: dict[str, float] = {}
        at = 0.0
        for name, share in shares.items():
            self.starts[name] = at
            at += share / total
        self.shares = {name: share / total for name, share in shares.items()}
        self.stage_name = ""
        self.last_draw = float("-inf")

    def stage(self, name: str) -> None:
        self.stage_name = name
        if self.enabled and not self.tty:
            self.stream.write(f"{self._fraction(0, 1):4.0%} {self.labels.get(name, name)}\n")
            self.stream.flush()
        self._draw(0, 1, force=True)

    def update(self, done: int, total: int) -> None:
        self._draw(done, total)

    def finish(self) -> None:
        if self.tty:
            self._draw(1, 1, force=True)
            self.stream.write("\n")
            self.stream.flush()

    def _fraction(self, done: int, total: int) -> float:
        start = self.starts.get(self.stage_name, 0.0)
        within = min(1.0, done / total) if total else 1.0
        return start + self.shares.get(self.stage_name, 0.0) * within

    def _draw(self, done: int, total: int, *, force: bool = False) -> None:
        if not self.tty:
            return
        now = self.clock()
        if not force and now - self.last_draw < REDRAW_SECONDS:
            return
        self.last_draw = now
        fraction = self._fraction(done, total)
        filled = round(WIDTH * fraction)
        label = self.labels.get(self.stage_name, self.stage_name)
        bar = "█" * filled + "·" * (WIDTH - filled)
        self.stream.write(f"\r{fraction:4.0%} {bar} {label:<24}")
        self.stream.flush()
