"""What the metrics cost, seen from inside: the share of a serving worker's CPU samples spent
in the code that counts (prometheus_client, bot.registry.metrics, the multiprocess files).

    .venv/bin/pip install py-spy            # a sampling profiler; not a dependency of the app
    .venv/bin/python bench/metrics_profile.py [load.py's arguments, e.g. --slots 2000 ...]

Runs bench/load.py as it is (the app with metrics on, the floor beside it), attaches py-spy to
each of the app's `praktik serve --workers N` workers once they are up, and when the load is
done counts the samples: all of them, and those with a frame of the counting code anywhere in
the stack (its callees included). Also prints load.py's own table.

Why a second measure beside `load.py --metrics-off`: that one compares two servers, and two
servers of the very same app already differ by up to ±11 % CPU per request on these machines
(the same run with metrics on in both: +4.5 %, -10.9 %), which hides a cost of a few percent.
A sample's stack does not depend on a neighbour's noise.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A frame from any of these counts as the metrics' work.
COUNTING = ("prometheus_client/", "bot/registry/metrics.py", "bot/runtime/multiproc.py")
DEFAULT_LOAD = ["--slots", "2000", "--participants", "4000", "--levels", "10,50"]


def py_spy() -> str | None:
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


def children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(p) for p in found]


def app_workers(load: subprocess.Popen[bytes], expected: int, limit: float = 120.0) -> list[int]:
    """The workers of the app's gunicorn master, a child of load.py running `praktik serve`."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        for pid in children(load.pid):
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"serve" in command:
                workers = children(pid)
                if len(workers) >= expected:
                    return workers
        time.sleep(0.5)
    raise RuntimeError("the app's workers did not start")


def shares(raw: Path) -> tuple[int, Counter[str]]:
    """All samples in py-spy's raw (collapsed) output, and those in each part of COUNTING."""
    total, counted = 0, Counter[str]()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        total += int(count)
        for part in COUNTING:
            if part in stack:
                counted[part] += int(count)
        if any(part in stack for part in COUNTING):
            counted["any"] += int(count)
    return total, counted


def main() -> int:
    spy = py_spy()
    if spy is None:
        print("py-spy not found: .venv/bin/pip install py-spy", file=sys.stderr)
        return 2
    arguments = sys.argv[1:] or DEFAULT_LOAD
    workers = 2
    if "--workers" in arguments:
        workers = int(arguments[arguments.index("--workers") + 1])
    else:
        arguments += ["--workers", str(workers)]
    load = subprocess.Popen([sys.executable, str(ROOT / "bench" / "load.py"), *arguments], cwd=ROOT)
    folder = Path(tempfile.mkdtemp(prefix="praktik-profile-"))
    spies: list[tuple[int, subprocess.Popen[bytes]]] = []
    try:
        for pid in app_workers(load, workers):
            out = folder / f"{pid}.txt"
            spies.append(
                (
                    pid,
                    subprocess.Popen(
                        [
                            spy,
                            "record",
                            "-p",
                            str(pid),
                            "-r",
                            "100",
                            "--format",
                            "raw",
                            "-o",
                            str(out),
                        ],
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    ),
                )
            )
        status = load.wait()
        for _, proc in spies:
            proc.wait(60)  # py-spy writes its file when the worker it watched has exited
        print("\nSamples of the app's workers (py-spy, 100 a second, while not idle):")
        every, counting = 0, Counter[str]()
        for pid, _ in spies:
            raw = folder / f"{pid}.txt"
            if not raw.exists():
                print(f"  worker {pid}: no profile written")
                continue
            total, counted = shares(raw)
            every += total
            counting += counted
            print(f"  worker {pid}: {total} samples, {counted['any'] / max(total, 1):.2%} counting")
        for part in COUNTING:
            print(f"  {part:<28} {counting[part]:>6} ({counting[part] / max(every, 1):.2%})")
        print(
            f"  {'the metrics in all':<28} {counting['any']:>6} ({counting['any'] / max(every, 1):.2%})"
        )
        return status
    finally:
        if load.poll() is None:
            load.terminate()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
