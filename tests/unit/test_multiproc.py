"""The metrics directory of a `--workers` run: made by the master, shared by the workers it
forks inside the block, removed by the master alone – a worker's exit, which unwinds through
the same block in the forked process, must not take it from the others."""

from __future__ import annotations

import os
from pathlib import Path

from bot.runtime.multiproc import ENVIRONMENT, shared_metrics_directory


def test_a_forked_worker_leaving_keeps_the_directory_and_the_master_removes_it() -> None:
    earlier = os.environ.get(ENVIRONMENT)
    in_worker = False
    try:
        with shared_metrics_directory() as folder:
            assert os.environ[ENVIRONMENT] == folder and Path(folder).is_dir()
            pid = os.fork()
            if pid == 0:
                in_worker = True
                raise SystemExit(0)  # as gunicorn's workers leave: through this block
            _, status = os.waitpid(pid, 0)
            # The worker found the directory still there once it had left the block.
            assert os.waitstatus_to_exitcode(status) == 0
            assert Path(folder).is_dir()
    except SystemExit:
        if in_worker:
            os._exit(0 if Path(folder).is_dir() else 1)
        raise
    assert not Path(folder).exists()
    assert os.environ.get(ENVIRONMENT) == earlier
