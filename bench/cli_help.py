"""`praktik --help`, the first thing a new operator types: wall time and peak memory.

    .venv/bin/python bench/cli_help.py [--runs 5]

Each command runs in a fresh interpreter (the installed `praktik` script) with its stdout
discarded; a row shows the fastest wall time of the runs and the largest peak RSS
(`wait4`). Baselines measured in the same run: an empty interpreter (`python -c pass`),
and the imports `praktik --help` used to make before it built its parser (the app, the
demo, the outbox and report commands: slack_bolt, sqlalchemy, matplotlib, ortools …).

With those imports at the top of bot/cli.py, `praktik --help` took 2.5 s and 171 MB; now
each command's implementation is imported inside its function, when it runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRAKTIK = str(Path(sys.executable).with_name("praktik"))
PYTHON = sys.executable
OLD_HELP_IMPORTS = "import bot.entry.app, bot.demo.command, bot.offline.outbox_cli, bot.offline.report_cli, bot.cli"

ROWS: tuple[tuple[str, list[str]], ...] = (
    ("python -c pass (baseline)", [PYTHON, "-c", "pass"]),
    ("old --help's imports (baseline)", [PYTHON, "-c", OLD_HELP_IMPORTS]),
    ("praktik --help", [PRAKTIK, "--help"]),
    ("praktik match --help", [PRAKTIK, "match", "--help"]),
    ("praktik serve --help", [PRAKTIK, "serve", "--help"]),
    ("praktik outbox --help", [PRAKTIK, "outbox", "--help"]),
)


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one run."""
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.stderr is not None
    error = process.stderr.read()
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {error.decode()[-500:]}")
    return seconds, usage.ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per command (fastest kept)")
    args = parser.parse_args()
    print(f"{'command':<34} {'wall (best of ' + str(args.runs) + ')':>18} {'max RSS':>10}")
    for name, command in ROWS:
        runs = [measure(command) for _ in range(args.runs)]
        best = min(seconds for seconds, _ in runs)
        peak = max(rss for _, rss in runs)
        print(f"{name:<34} {best:>16.3f} s {peak:>7.0f} MB")


if __name__ == "__main__":
    main()
