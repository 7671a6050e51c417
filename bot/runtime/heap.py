"""The garbage collector's policy in a serving process.

CPython's full collection walks every object it tracks, and while it does the event loop
answers nobody. Objects that live as long as the process (modules, the app) or as long as
one search index are moved out of the collector's sight with gc.freeze(); what dies of them
is still freed by reference counting. What the pauses cost is in bench/load.py's docstring.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_serving = False  # a process-wide policy: only `praktik serve` turns it on, never the tests


def freeze_long_lived() -> None:
    """At start-up of a serving process, once everything long-lived has been built."""
    global _serving
    with _lock:
        _serving = True
        gc.collect()
        gc.freeze()


def refreeze() -> None:
    """After a new long-lived structure replaced an old one (the search index): collect the
    frozen objects that died in cycles since the last freeze, then freeze what lives now.
    One pause per index build instead of one per full collection."""
    with _lock:
        if not _serving:
            return
        gc.unfreeze()
        gc.collect()
        gc.freeze()
