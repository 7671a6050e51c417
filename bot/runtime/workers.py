"""`praktik serve --workers N`: N serving processes on one port, so every core does work.

Each worker is a whole `praktik serve` (app, dispatcher, expiry job) in its own interpreter,
listening with SO_REUSEPORT; the kernel spreads incoming connections over them. They share
nothing but the database, exactly like processes on several machines (README, "Drift").

The supervisor only starts and stops them: SIGTERM/SIGINT is passed on and each worker
finishes its requests and its dispatch run (see bot/runtime/jobs.py). A worker that dies on its own
takes the others down and the supervisor exits 1, so the service manager restarts the
whole set, instead of this process hiding a crash loop.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import wait
from types import FrameType

log = logging.getLogger("praktik.workers")

STOP_GRACE_SECONDS = 75.0  # longer than a worker's own drain of a dispatch run (60 s)
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def supervise(
    count: int, target: Callable[[], object], *, grace: float = STOP_GRACE_SECONDS
) -> int:
    """Run `target` in `count` fresh processes until a signal or a worker's death."""
    context = multiprocessing.get_context("spawn")  # fresh interpreters: no forked pools
    workers = [
        context.Process(target=target, name=f"praktik-serve-{n + 1}", daemon=False)
        for n in range(count)
    ]
    stopping = False

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    code = 0
    try:
        for worker in workers:
            worker.start()
        log.info("started %d serving processes", count)
        while not stopping:
            wait([w.sentinel for w in workers], timeout=0.5)
            ended = [w for w in workers if w.exitcode is not None]
            if ended and not stopping:
                log.error(
                    "serving process %s ended (exit code %s): stopping the others",
                    ended[0].name,
                    ended[0].exitcode,
                )
                code = 1
                break
    finally:
        _stop(workers, grace)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code


def die_with_supervisor() -> None:
    """In a worker: be sent SIGTERM when the supervisor dies, even by SIGKILL, so no worker
    is left serving on its own (Linux prctl PR_SET_PDEATHSIG; elsewhere nothing happens)."""
    supervisor = multiprocessing.parent_process()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if supervisor is not None and os.getppid() != supervisor.pid:  # died before the prctl
        os.kill(os.getpid(), signal.SIGTERM)


def _stop(workers: Sequence[multiprocessing.process.BaseProcess], grace: float) -> None:
    for worker in workers:
        if worker.pid is not None and worker.exitcode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for worker in workers:
        if worker.pid is None:
            continue
        worker.join(max(0.0, deadline - time.monotonic()))
        if worker.exitcode is None:
            log.error("serving process %s did not stop in %.0f s: killed", worker.name, grace)
            worker.kill()
            worker.join(5)
