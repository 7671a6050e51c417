"""The whole `praktik match` command against the `matching` package's solve alone.

    .venv/bin/python bench/match_cli.py --size medium

Writes bench/matching.py's seeded instance as the coordinators' CSV lists, times the
command end to end (a fresh interpreter: start-up, imports, reading and checking both
files, preference lists, solving, figures, JSON out) for both modes, then times only
`HospitalResident.solve` of the `matching` package on the same lists (its instance is
built from the same CSV-derived preference lists; building it is not counted).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

_spec = importlib.util.spec_from_file_location("bench_matching", HERE / "matching.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

from bot.domain.geo import by_region  # noqa: E402

DAY_NAMES = ("man", "tir", "ons", "tor", "fre")


def write_csv(folder: Path, n_wishes: int, n_slots: int, seed: int) -> tuple[Path, Path]:
    slots, wishes = bench.generate(n_wishes, n_slots, seed)
    towns = by_region()
    hosts_path, interns_path = folder / "hosts.csv", folder / "interns.csv"
    with hosts_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "id",
                "name",
                "organisation",
                "sector",
                "municipality",
                "capacity",
                "days",
                "topics",
                "ranking",
            ]
        )
        for s in slots:
            w.writerow(
                [
                    f"h{s.id}",
                    f"Vært {s.id}",
                    f"Arbejdsplads {s.id}",
                    s.sector.value,
                    s.municipality,
                    s.capacity,
                    ";".join(DAY_NAMES[d - 1] for d in sorted(s.days)),
                    ";".join(sorted(s.topics)),
                    ";".join(f"i{x}" for x in s.ranking),
                ]
            )
    with interns_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "id",
                "name",
                "organisation",
                "sector",
                "municipality",
                "days",
                "topics",
                "wanted_sectors",
                "wanted_regions",
                "choices",
            ]
        )
        for x in wishes:
            w.writerow(
                [
                    f"i{x.id}",
                    f"Praktikant {x.id}",
                    f"Arbejdsplads {x.id}",
                    x.sector.value if x.sector else "",
                    towns[x.region][0].name if x.region else "",
                    ";".join(DAY_NAMES[d - 1] for d in sorted(x.days)),
                    ";".join(sorted(x.topics)),
                    ";".join(sorted(s.value for s in x.wanted_sectors)),
                    ";".join(sorted(x.wanted_regions)),
                    ";".join(f"h{c}" for c in x.choices),
                ]
            )
    return hosts_path, interns_path


def time_command(hosts: Path, interns: Path, mode: str, runs: int) -> tuple[float, dict]:
    cmd = [
        sys.executable,
        "-m",
        "bot.cli",
        "match",
        "--hosts",
        str(hosts),
        "--interns",
        str(interns),
        "--mode",
        mode,
        "--json",
    ]
    best, out = float("inf"), ""
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
        best = min(best, time.perf_counter() - t0)
        out = done.stdout
    return best, json.loads(out)


def time_matching_package(hosts: Path, interns: Path) -> tuple[float, int]:
    from bot.matching.preferences import build_preferences
    from bot.sheets import csvio

    host_rows = csvio.read_hosts(hosts.read_bytes(), extras=False)
    intern_rows = csvio.read_interns(interns.read_bytes())
    prefs = build_preferences([r.profile for r in host_rows], [r.profile for r in intern_rows])
    t0 = time.perf_counter()
    found = bench.solve_with_matching_package(prefs)
    return time.perf_counter() - t0, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="medium", choices=sorted(bench.SIZES))
    parser.add_argument("--seed", type=int, default=37)
    parser.add_argument("--runs", type=int, default=3, help="command runs per mode (best kept)")
    parser.add_argument("--skip-package", action="store_true")
    args = parser.parse_args()
    n_wishes, n_slots = bench.SIZES[args.size]
    with tempfile.TemporaryDirectory() as tmp:
        hosts, interns = write_csv(Path(tmp), n_wishes, n_slots, args.seed)
        size_mb = (hosts.stat().st_size + interns.stat().st_size) / 1e6
        print(f"{n_wishes:,} interns x {n_slots:,} hosts as CSV ({size_mb:.1f} MB)")
        timings = {}
        for mode in ("stabil", "flest"):
            seconds, found = time_command(hosts, interns, mode, args.runs)
            m = found["metrics"]
            timings[mode] = seconds
            print(
                f"  praktik match --mode {mode:<6} --json  {seconds:6.2f} s  "
                f"placed {m['placed_pct']} %  blocking {m['blocking_pairs']}"
            )
        if args.skip_package or importlib.util.find_spec("matching") is None:
            print("  matching package: skipped")
            return
        seconds, placed = time_matching_package(hosts, interns)
        print(f"  matching.HospitalResident.solve alone   {seconds:6.2f} s  placed {placed}")
        for mode, own in timings.items():
            print(f"  whole command ({mode}) is {seconds / own:.1f}x faster than its solve")


if __name__ == "__main__":
    main()
