"""CPU per request of the metrics themselves, in multiprocess mode (files, as under
`praktik serve --workers N`), beside a request's whole CPU from bench/load.py.

    .venv/bin/python bench/metrics_cost.py [--requests 20000]

A request updates about four figures (its kind and outcome, its ack time, one or two Web
API calls); bench/load.py --metrics-off measures the whole app with and without them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="praktik-bench-metrics-")

from bot.registry.metrics import Metrics


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20_000)
    n = parser.parse_args().requests
    metrics = Metrics(multiprocess=True)
    started = time.process_time()
    for _ in range(n):
        metrics.request("action", "ok")
        metrics.acked("action", 0.012)
        metrics.slack_call("chat.postMessage", "ok")
        metrics.slack_call("views.publish", "ok")
    per_request = (time.process_time() - started) / n * 1e6
    print(f"metrics: {per_request:.1f} µs CPU per request (4 updates, multiprocess files)")
    print("a request's whole CPU (bench/load.py, 2 workers): about 3,300 µs")
    print(f"share: {per_request / 3300:.2%}")


if __name__ == "__main__":
    main()
