"""A progress bar on stderr: one line redrawn in a terminal, a line per phase otherwise."""

from __future__ import annotations

import time
from typing import TextIO

from bot.texts import demo as t

WIDTH = 28


class Progress:
    def __init__(self, stream: TextIO | None, *, tty: bool | None = None) -> None:
        self.stream = stream
        self.tty = stream is not None and (stream.isatty() if tty is None else tty)
        self.name = ""
        self.total = 1
        self.count = 0
        self.started = time.perf_counter()
        self._drawn = 0.0

    def phase(self, name: str, total: int) -> None:
        self.name, self.total, self.count = name, max(1, total), 0
        self.started = time.perf_counter()
        self._draw(force=True)

    def tick(self, n: int = 1) -> None:
        self.count = min(self.total, self.count + n)
        self._draw()

    def done(self) -> None:
        self.count = self.total
        self._draw(force=True)
        if self.stream is not None:
            if self.tty:
                self.stream.write("\n")
            else:
                self.stream.write(self._line() + "\n")
            self.stream.flush()

    def _line(self) -> str:
        filled = round(WIDTH * self.count / self.total)
        bar = "█" * filled + "·" * (WIDTH - filled)
        seconds = time.perf_counter() - self.started
        return f"[{bar}] {t.progress(self.name, self.count, self.total, seconds)}"

    def _draw(self, *, force: bool = False) -> None:
        if self.stream is None:
            return
        if not self.tty:
            # A log gets a line at every tenth of a long phase, so a slow run shows life.
            step = max(1, self.total // 10)
            if not force and self.total >= 100 and self.count % step == 0:
                self.stream.write(self._line() + "\n")
                self.stream.flush()
            return
        now = time.perf_counter()
        if not force and now - self._drawn < 0.1:  # a redraw costs more than a gesture
            return
        self._drawn = now
        self.stream.write("\r\x1b[2K" + self._line())
        self.stream.flush()
