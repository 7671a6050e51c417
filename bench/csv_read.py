"""Reading the sign-up lists: today's reader (bot.sheets.csvio) beside the one before
Danish Excel files were read (commit 7ccc3e1: `,` only, English columns, no quote checks),
loaded from git in the same run.

    .venv/bin/python bench/csv_read.py --size large

Both read the same files written by bench/match_cli.py; the new reader also reads them as
Danish Excel saves them (`;`, BOM, CRLF, Danish column names).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

_spec = importlib.util.spec_from_file_location("bench_match_cli", HERE / "match_cli.py")
assert _spec is not None and _spec.loader is not None
match_cli = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(match_cli)

from bot.sheets import csvio  # noqa: E402
from bot.texts import csvio as t  # noqa: E402

BASE = "7ccc3e1"  # the last commit whose reader took only `,` and English columns


def old_reader() -> types.ModuleType:
    source = subprocess.run(
        ["git", "show", f"{BASE}:bot/csvio.py"],  # where it lived then
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # It imported the profiles from bot.scoring, now bot.matching.rules.
    source = source.replace("from bot.scoring import", "from bot.matching.rules import")
    module = types.ModuleType("csvio_before")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, "csvio_before.py", "exec"), module.__dict__)
    return module


def as_excel(data: bytes) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    rows[0] = [t.COLUMN_LABELS.get(c, c) for c in rows[0]]
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def best(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="medium", choices=sorted(match_cli.bench.SIZES))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    n_wishes, n_slots = match_cli.bench.SIZES[args.size]
    before = old_reader()
    with tempfile.TemporaryDirectory() as folder:
        hosts_path, interns_path = match_cli.write_csv(Path(folder), n_wishes, n_slots, 37)
        hosts, interns = hosts_path.read_bytes(), interns_path.read_bytes()
    excel_hosts, excel_interns = as_excel(hosts), as_excel(interns)
    assert csvio.read_hosts(excel_hosts) == csvio.read_hosts(hosts)

    def both(reader: types.ModuleType, h: bytes, i: bytes) -> Callable[[], object]:
        return lambda: (reader.read_hosts(h), reader.read_interns(i))

    print(
        f"{n_slots} hosts, {n_wishes} interns ({len(hosts) + len(interns):,} bytes), "
        f"best and median of {args.runs} runs"
    )
    for label, fn in (
        ("before (, English columns)", both(before, hosts, interns)),
        ("now    (, English columns)", both(csvio, hosts, interns)),
        ("now    (; BOM CRLF Danish)", both(csvio, excel_hosts, excel_interns)),
    ):
        low, mid = best(fn, args.runs)
        print(f"  {label}: {low * 1000:7.1f} ms  (median {mid * 1000:7.1f} ms)")


if __name__ == "__main__":
    main()
