"""The metrics directory of one `praktik serve --workers N` run, shared by its workers.

    with shared_metrics_directory():         # in gunicorn's master, before it forks
        ...                                  # each worker: Metrics(multiprocess=True)
    # removed when the set stops

prometheus_client's multiprocess mode keeps each worker's figures in files named after its
pid in the directory named by PROMETHEUS_MULTIPROC_DIR; a scrape of any worker adds them up.
The directory is made fresh for each run (figures of an earlier run must not count) and
removed at the end. A worker that exits is marked dead (`worker_exited`): its counters
still count – what it did happened – but its live gauges are dropped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

from prometheus_client import multiprocess, values

ENVIRONMENT = "PROMETHEUS_MULTIPROC_DIR"


@contextlib.contextmanager
def shared_metrics_directory() -> Iterator[str]:
    """The workers inherit the variable and the value store when gunicorn forks them."""
    folder = tempfile.mkdtemp(prefix="praktik-metrics-")
    # gunicorn forks the workers inside this block, and a worker leaves by SystemExit, which
    # unwinds through it in the worker too: only the master, which made it, may remove it –
    # else a worker's exit would take the directory from the others and fail the next boot.
    owner = os.getpid()
    earlier = os.environ.get(ENVIRONMENT)
    os.environ[ENVIRONMENT] = folder
    # prometheus_client picks its value store from the variable when first imported, which
    # may have been before it was set: pick again, so the metrics made from here on use files.
    values.ValueClass = values.get_value_class()  # type: ignore[no-untyped-call]
    try:
        yield folder
    finally:
        if os.getpid() == owner:
            _restore(earlier)
            shutil.rmtree(folder, ignore_errors=True)


def _restore(earlier: str | None) -> None:
    if earlier is None:
        os.environ.pop(ENVIRONMENT, None)
    else:
        os.environ[ENVIRONMENT] = earlier
    values.ValueClass = values.get_value_class()  # type: ignore[no-untyped-call]


def in_multiprocess_mode() -> bool:
    return bool(os.environ.get(ENVIRONMENT))


def worker_exited(_server: Any, worker: Any) -> None:
    """gunicorn's `child_exit` hook, run in the master for each worker that exits."""
    folder = os.environ.get(ENVIRONMENT)
    if folder:  # none with PRAKTIK_METRICS=0
        multiprocess.mark_process_dead(worker.pid, folder)  # type: ignore[no-untyped-call]
