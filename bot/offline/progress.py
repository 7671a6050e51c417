"""The one progress bar on stderr, for `praktik match` and `praktik demo`.

On a terminal tqdm draws it in place: it limits redraws to ten a second and fits the width.
Into a file or pipe it writes a line when a stage starts, at every tenth of a long stage and
when a stage's own bar is done, so logs stay readable and a slow run shows life.

tqdm rather than rich: one small module with no dependencies of its own (rich brings
pygments and markdown-it), and one bar is all we draw.

With `shares`, the stages fill fixed parts of one bar (the offline match: reading, lists,
solving, figures) and `done` ends it; without, each stage is a bar of its own, ended by
`done` (the demo's phases).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any, TextIO

from tqdm import tqdm

from bot.texts import demo as t

UNITS = 1000  # the bar's resolution
LONG = 100  # a stage of at least this many steps logs every tenth of it
BAR_FORMAT = "{percentage:3.0f}% {bar:30} {desc}"
BAR_CHARS = "·█"  # to be filled, filled
WIDTH = 80  # when the terminal does not tell its width


if TYPE_CHECKING:
    _Tqdm = tqdm[None]  # generic in its stubs only
else:
    _Tqdm = tqdm


class _Bar(_Tqdm):
    monitor_interval = 0  # no monitor thread: the caller's updates redraw the bar

    def __init__(self, describe: Callable[[], str], **kwargs: Any) -> None:
        self.describe = describe  # before tqdm's first draw, which comes in __init__
        super().__init__(**kwargs)

    @property
    def format_dict(self) -> MutableMapping[str, Any]:
        # The label and count are read when tqdm draws, not on every update.
        found = super().format_dict
        found["prefix"] = self.describe()
        return found


class Progress:
    def __init__(
        self,
        stream: TextIO | None,
        *,
        shares: Mapping[str, float] | None = None,
        labels: Mapping[str, str] | None = None,
        tty: bool | None = None,
    ) -> None:
        self.stream = stream
        self.tty = stream is not None and (stream.isatty() if tty is None else tty)
        self.labels = labels or {}
        whole = sum((shares or {}).values()) or 1.0
        self.shares = {name: share / whole for name, share in (shares or {}).items()}
        self.starts: dict[str, float] = {}
        at = 0.0
        for name, share in self.shares.items():
            self.starts[name] = at
            at += share
        self.name, self.total, self.count = "", 1, 0
        self.began = time.perf_counter()
        self._tenth = 0
        self._bar: _Bar | None = None

    def stage(self, name: str, total: int = 1) -> None:
        """A stage of `total` steps starts (a label's key when `labels` were given)."""
        self.name, self.total, self.count = name, max(1, total), 0
        self.began, self._tenth = time.perf_counter(), 0
        if self.stream is None:
            return
        if not self.tty:
            self._log(self._label())
        elif self._bar is None:
            self._bar = _Bar(
                self._describe,
                total=UNITS,
                initial=self._units(),
                file=self.stream,
                bar_format=BAR_FORMAT,
                ascii=BAR_CHARS,
                mininterval=0.1,
                leave=True,
                # A terminal that reports no size (a pty from `script`, some CI runners)
                # would make tqdm trim the line to nothing, or hide it as a nested bar.
                ncols=_width(self.stream),
                nrows=24,
            )
        else:
            self._move(force=True)

    def update(self, done: int) -> None:
        """`done` steps of the stage are done."""
        self.count = min(self.total, max(0, done))
        if self.stream is None:
            return
        if self.tty:
            self._move()
        elif self.total >= LONG and self._tenth < (tenth := self.count * 10 // self.total) < 10:
            self._tenth = tenth  # the tenth itself is logged by `done`
            self._log(self._counted())

    def tick(self, n: int = 1) -> None:
        self.update(self.count + n)

    def done(self) -> None:
        """The stage is done, and with it the bar."""
        self.count = self.total
        if self.stream is None:
            return
        if self._bar is not None:
            self._move(force=True)
            self._bar.close()  # leaves the line as it is and ends it
            self._bar = None
        elif not self.tty and not self.shares:
            self._log(self._counted())  # a stage's own bar: its time (one bar: its stages tell)

    def _fraction(self) -> float:
        within = self.count / self.total
        if not self.shares:
            return within
        return self.starts.get(self.name, 0.0) + self.shares.get(self.name, 0.0) * within

    def _units(self) -> int:
        return round(UNITS * self._fraction())

    def _label(self) -> str:
        return self.labels.get(self.name, self.name)

    def _counted(self) -> str:
        seconds = time.perf_counter() - self.began
        return t.progress(self._label(), self.count, self.total, seconds)

    def _describe(self) -> str:
        return self._counted() if self.total > 1 else self._label()

    def _move(self, *, force: bool = False) -> None:
        bar = self._bar
        if bar is None:
            return
        units = self._units()
        if force:
            bar.n = units
            bar.refresh()
        elif units != bar.n:
            bar.update(units - bar.n)  # tqdm redraws if the last draw is old enough

    def _log(self, text: str) -> None:
        assert self.stream is not None
        self.stream.write(f"{self._fraction():4.0%} {text}\n")
        self.stream.flush()


def _width(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or WIDTH
    except (AttributeError, OSError, ValueError):
        return WIDTH
