"""`/praktik netværk <søgeord>`: the time of one search as the network grows.

    .venv/bin/python bench/network_search.py [--sizes 200 1000 5000] [--runs 20]

A search ranks the entries on an index kept per process and built again only when an entry
changes (bot.service.network._ranked, with a bot.search.SearchCache like the slots'). Each
row: N entries in a fresh SQLite file; the milliseconds per search (median / slowest of
`--runs` rounds over a few typical queries) of the search as the app runs it, through the
database, with the index kept; and of one whose index was built afresh (the first search
after an entry changed). Baseline measured in the same run: building the index on every
search, which is what the first version of this feature did.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from sqlmodel import Session

from bot import search
from bot.search import SearchCache
from bot.service.network import _docs, _ranked
from models.db import Database
from models.tables import NetworkEntry

QUERIES = ("klima", "aarhus kommune", "praktikant 2026", "digitalisering region", "styrelsen")
PLACES = ("Ærø Kommune", "Aarhus Kommune", "Region Midtjylland", "Styrelsen for Dataforsyning")
CODES = ("492", "751", "791", "101")
TOPICS = ("klima", "ledelse", "digitalisering", "sundhed", "borgerinddragelse")


def entries(n: int, rng: random.Random) -> list[NetworkEntry]:
    now = datetime(2027, 10, 1, tzinfo=UTC)
    return [
        NetworkEntry(
            slack_user_id=f"U{i:08d}",
            name=f"Deltager {i}",
            title="Konsulent",
            workplace=rng.choice(PLACES),
            sector=rng.choice(("stat", "region", "kommune")),
            municipality=rng.choice(CODES),
            topics=rng.sample(TOPICS, 2),
            did=[
                {
                    "role": rng.choice(("host", "intern")),
                    "year": rng.choice((2025, 2026, 2027)),
                    "workplace": rng.choice(PLACES),
                }
            ],
            opted_in_at=now,
            updated_at=now,
        )
        for i in range(n)
    ]


def add(session: Session, *, rows: list[NetworkEntry]) -> None:
    session.add_all(rows)


def timed(call: Callable[[str], object], runs: int) -> tuple[float, float]:
    spent = []
    for _ in range(runs):
        began = time.perf_counter()
        for query in QUERIES:
            call(query)
        spent.append((time.perf_counter() - began) * 1000 / len(QUERIES))
    return statistics.median(spent), max(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print(
        f"{'entries':>8} {'kept index ms':>16} {'rebuilt ms':>16} {'baseline: built per search':>28}"
    )
    for size in args.sizes:
        rows = entries(size, random.Random(size))
        with tempfile.TemporaryDirectory() as folder:
            db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
            db.upgrade()
            db.call(add, rows=rows)
            cache = SearchCache()
            kept = timed(partial(_search, db, cache, 0), args.runs)
            fresh = timed(partial(_search_fresh, db), args.runs)
            built = timed(partial(_built_per_search, db), args.runs)
            db.dispose()
        cells = [f"{a:.2f} / {b:.2f}" for a, b in (kept, fresh, built)]
        print(f"{size:>8} {cells[0]:>16} {cells[1]:>16} {cells[2]:>28}")


def _search(db: Database, cache: SearchCache, writes: int, query: str) -> object:
    return db.call_read(_ranked, cache=cache, writes=writes, user_id="U-nobody", query=query)


def _search_fresh(db: Database, query: str) -> object:
    return _search(db, SearchCache(), 0, query)


def _built(session: Session, *, query: str) -> list[int]:
    docs = _docs(session)
    return search.Index(docs).rank(query)


def _built_per_search(db: Database, query: str) -> object:
    return db.call_read(_built, query=query)


if __name__ == "__main__":
    main()
