"""Benchmark of bot.matching.solvers on seeded instances, against the `matching` package and a
plain OR-tools min-cost flow.

    .venv/bin/python bench/matching.py --sizes small,medium,large

Each (size, solver) runs in its own subprocess so that peak memory (ru_maxrss) is its own.
Preference lists are built once per subprocess by bot.matching.preferences and shared by every solver,
so the figures compare solvers on identical orders; "prefs" is that build time.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This file's folder comes first on sys.path and this file is named matching.py: drop the
# folder so that `matching` is the PyPI package, and put the repository root there.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

from bot.domain.geo import REGIONS, Sector, by_region  # noqa: E402
from bot.matching.preferences import Preferences, build_preferences  # noqa: E402
from bot.matching.rules import SlotProfile, WishProfile  # noqa: E402
from bot.matching.solvers import Mode, positions, result, solve  # noqa: E402

SIZES = {
    "small": (66, 65),  # the 131 participants of a real round, about half of them hosts
    "medium": (10_000, 5_000),
    "large": (100_000, 50_000),
}
SOLVERS = ("stabil", "flest", "matching-HR", "ortools-plain")
TOPICS = (
    "digitalisering", "klima", "borgerinddragelse", "ledelse", "data", "sundhed",
    "beskæftigelse", "skole", "ældre", "trafik", "byggeri", "økonomi", "jura", "kommunikation",
    "innovation", "velfærdsteknologi", "natur", "kultur", "integration", "sikkerhed",
    "indkøb", "hr", "psykiatri", "energi",
)  # fmt: skip
REGION_WEIGHTS = (0.32, 0.14, 0.21, 0.23, 0.10)
SECTOR_WEIGHTS = ((Sector.KOMMUNE, 0.5), (Sector.STAT, 0.3), (Sector.REGION, 0.2))
CHOICES = 10


def generate(n_wishes: int, n_slots: int, seed: int) -> tuple[list[SlotProfile], list[WishProfile]]:
    rng = random.Random(seed)
    towns = by_region()
    sets: dict[tuple[object, ...], frozenset[object]] = {}

    def shared(items: list[object]) -> frozenset[object]:
        # Equal sets share one object, as a loader that interns them would: keeps RSS real.
        key = tuple(sorted(items, key=str))
        return sets.setdefault(key, frozenset(key))

    sectors = [s for s, _ in SECTOR_WEIGHTS]
    sector_w = [w for _, w in SECTOR_WEIGHTS]
    popularity = [rng.paretovariate(1.5) for _ in range(n_slots)]
    slots: list[SlotProfile] = []
    by_region_day: dict[tuple[str, int], list[int]] = {}
    for k in range(n_slots):
        region = rng.choices(REGIONS, REGION_WEIGHTS)[0]
        days = shared(rng.sample(range(1, 6), rng.randint(1, 3)))
        ranking = tuple(rng.sample(range(n_wishes), 3)) if rng.random() < 0.05 else ()
        slots.append(
            SlotProfile(
                id=k,
                capacity=rng.randint(1, 3),
                days=days,  # type: ignore[arg-type]
                sector=rng.choices(sectors, sector_w)[0],
                municipality=rng.choice(towns[region]).name,
                region=region,
                topics=shared(rng.sample(TOPICS, rng.randint(1, 3))),  # type: ignore[arg-type]
                ranking=ranking,
            )
        )
        for d in days:
            by_region_day.setdefault((region, d), []).append(k)  # type: ignore[arg-type]
    cumulative: dict[tuple[str, int], list[float]] = {}
    for key, pool in by_region_day.items():
        total, acc = 0.0, []
        for s in pool:
            total += popularity[s]
            acc.append(total)
        cumulative[key] = acc
    wishes: list[WishProfile] = []
    for k in range(n_wishes):
        region = rng.choices(REGIONS, REGION_WEIGHTS)[0]
        days = rng.sample(range(1, 6), rng.randint(1, 3))
        wanted_regions = [region] if rng.random() < 0.5 else []
        wanted_sectors = rng.sample(sectors, rng.randint(1, 2)) if rng.random() < 0.4 else []
        pool = by_region_day.get((region, days[0]), [])
        if pool:
            picks = rng.choices(pool, cum_weights=cumulative[(region, days[0])], k=CHOICES)
            choices = tuple(dict.fromkeys(picks))
        else:
            choices = ()
        wishes.append(
            WishProfile(
                id=k,
                sector=rng.choices(sectors, sector_w)[0],
                region=region,
                days=shared(days),  # type: ignore[arg-type]
                topics=shared(rng.sample(TOPICS, rng.randint(1, 3))),  # type: ignore[arg-type]
                wanted_sectors=shared(wanted_sectors),  # type: ignore[arg-type]
                wanted_regions=shared(wanted_regions),  # type: ignore[arg-type]
                choices=choices,
            )
        )
    return slots, wishes


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def solve_with_matching_package(prefs: Preferences) -> dict[int | str, int | str]:
    from matching.games import HospitalResident

    sys.setrecursionlimit(100_000)
    resident_prefs = {}
    by_slot: dict[int, list[tuple[int, int]]] = {s: [] for s in range(len(prefs.slots))}
    for i, wish in enumerate(prefs.wishes):
        row = range(prefs.start[i], prefs.start[i + 1])
        resident_prefs[wish.id] = [prefs.slots[prefs.slot_of[p]].id for p in row]
        for p in row:
            by_slot[prefs.slot_of[p]].append((prefs.host_key[p], i))
    hospital_prefs = {
        prefs.slots[s].id: [prefs.wishes[i].id for _, i in sorted(v)] for s, v in by_slot.items()
    }
    capacities = {s.id: s.capacity for s in prefs.slots}
    game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
    found = game.solve(optimal="resident")
    return {r.name: h.name for h, residents in found.items() for r in residents}


def solve_with_plain_ortools(prefs: Preferences) -> list[int]:
    """The textbook build: one add_arc call per arc, cost = rank, and a costly bypass
    arc source -> sink so that every intern's unit of supply can be routed."""
    from ortools.graph.python import min_cost_flow

    n, m = len(prefs.wishes), len(prefs.slots)
    source, sink = n + m, n + m + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    for i in range(n):
        flow.add_arc_with_capacity_and_unit_cost(source, i, 1, 0)
    first_pair = flow.num_arcs()
    for i in range(n):
        first = prefs.start[i]
        for p in range(first, prefs.start[i + 1]):
            flow.add_arc_with_capacity_and_unit_cost(i, n + prefs.slot_of[p], 1, p - first + 1)
    for s, slot in enumerate(prefs.slots):
        flow.add_arc_with_capacity_and_unit_cost(n + s, sink, slot.capacity, 0)
    longest = max((prefs.start[i + 1] - prefs.start[i] for i in range(n)), default=0)
    flow.add_arc_with_capacity_and_unit_cost(source, sink, n, (longest + 1) * (n + 1))
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("plain min-cost flow failed")
    chosen = [-1] * n
    for i in range(n):
        for p in range(prefs.start[i], prefs.start[i + 1]):
            if flow.flow(first_pair + p):
                chosen[i] = p
    return chosen


def run_solver(solver: str, prefs: Preferences) -> tuple[Mode, list[int]]:
    if solver == "matching-HR":
        return Mode.STABIL, positions(prefs, solve_with_matching_package(prefs))
    if solver == "ortools-plain":
        return Mode.FLEST, solve_with_plain_ortools(prefs)
    return Mode(solver), solve(prefs, Mode(solver))


def run_case(size: str, solver: str, seed: int) -> dict[str, object]:
    # Warm up on a tiny round first, so one-off imports (numpy, inside OR-tools' bindings)
    # are not counted: the bot is a long-running process.
    run_solver(solver, build_preferences(*generate(2, 2, seed)))
    n_wishes, n_slots = SIZES[size]
    slots, wishes = generate(n_wishes, n_slots, seed)
    t0 = time.perf_counter()
    prefs = build_preferences(slots, wishes)
    t1 = time.perf_counter()
    before = rss_mb()
    mode, chosen = run_solver(solver, prefs)
    t2 = time.perf_counter()
    metrics = result(prefs, mode, chosen).metrics
    t3 = time.perf_counter()
    note = ""
    if solver == "matching-HR":
        same = chosen == solve(prefs, Mode.STABIL)
        note = "same matching as stabil" if same else "DIFFERS from stabil"
    return {
        "note": note,
        "prefs_s": t1 - t0,
        "solve_s": t2 - t1,
        "metrics_s": t3 - t2,
        "rss_before_mb": before,
        "peak_mb": rss_mb(),
        "pairs": len(prefs.slot_of),
        "placed_pct": metrics.placed_pct,
        "blocking": metrics.blocking_pairs,
        "mean_rank": metrics.mean_rank,
        "cross_pct": metrics.cross_sector_pct,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--solvers", default=",".join(SOLVERS))
    parser.add_argument("--seed", type=int, default=37)
    parser.add_argument("--case", help=argparse.SUPPRESS)  # size:solver, run in a child
    args = parser.parse_args()
    if args.case:
        size, solver = args.case.split(":")
        print(json.dumps(run_case(size, solver, args.seed)))
        return
    has_package = importlib.util.find_spec("matching") is not None
    header = (
        f"{'size':<22} {'solver':<14} {'prefs s':>8} {'solve s':>8} {'metrics s':>9} "
        f"{'RSS pre':>8} {'peak MB':>8} {'placed %':>8} {'cross %':>7} {'mean rk':>7} "
        f"{'blocking':>8}"
    )
    print(header)
    print("-" * len(header))
    for size in args.sizes.split(","):
        n_wishes, n_slots = SIZES[size]
        label = f"{n_wishes:,} x {n_slots:,}"
        for solver in args.solvers.split(","):
            if solver == "matching-HR" and not has_package:
                print(f"{label:<22} {solver:<14} skipped (package `matching` not installed)")
                continue
            if solver == "matching-HR" and size == "large":
                print(f"{label:<22} {solver:<14} skipped (does not finish in 10 min)")
                continue
            cmd = [sys.executable, __file__, "--case", f"{size}:{solver}", "--seed", str(args.seed)]
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{label:<22} {solver:<14} failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{label:<22} {solver:<14} {r['prefs_s']:>8.3f} {r['solve_s']:>8.3f} "
                f"{r['metrics_s']:>9.3f} {r['rss_before_mb']:>8.0f} {r['peak_mb']:>8.0f} "
                f"{r['placed_pct']:>8.1f} {r['cross_pct']:>7.1f} {r['mean_rank']!s:>7} "
                f"{r['blocking']:>8}  {r['note']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
