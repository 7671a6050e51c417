"""Search quality and speed: the Danish search beside the former one (bench/search_baseline.py).

    .venv/bin/python bench/search_quality.py [--slots 10000] [--repeat 5] [--pg URL]

Quality, on the relevance set in tests/search_relevance (realistic slots and Danish queries,
each with its relevant slots): recall@10 (share of queries with every relevant slot in the
top 10), first-hit rate (a relevant slot first), MRR, and the share passing both, overall
and per kind of query.

Speed: `--slots` synthetic open slots (the relevance set's workplaces, topics and sentences
spread over every municipality, each with a made-up compound so the vocabulary grows as a
real one does); each index built three times in turn (the fastest shown); then every query
of the relevance set and of bench/load.py timed `--repeat` times, the two searches in turn,
with the index's caches emptied first (a query seen for the first time: the slow case).
Prints build time and search p50/p99 for both.

With `--pg URL`, the alternative is measured too: PostgreSQL's full-text search (the
`danish` configuration: Snowball stems and stop words, fields weighted A–D, ts_rank, all
words required and, when that finds nothing, any word), on the relevance set and at
`--slots`, each query a round trip from this process (in a schema dropped afterwards).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import search_baseline as before  # noqa: E402
from load import QUERIES as LOAD_QUERIES  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import Connection  # noqa: E402

from bot import texts  # noqa: E402
from bot.domain.geo import municipalities, municipality  # noqa: E402
from models.db import normalise_url  # noqa: E402
from tests.search_relevance import Figures, Query, Slot, evaluate, index, queries, slots  # noqa: E402


def old_index(listed: Sequence[Slot]) -> before.Index:
    return before.Index([(s.id, before.fields(**s.described())) for s in listed])


def synthetic(n: int, seed: int = 37) -> list[Slot]:
    rng = random.Random(seed)
    models = slots()
    places = municipalities()
    sentences = [p.strip() for s in models for p in s.description.split(".") if p.strip()]
    units = [s.workplace.split(", ")[-1] for s in models]
    nouns = sorted({w.strip(".,:;").lower() for s in sentences for w in s.split() if len(w) > 5})
    made: list[Slot] = []
    for slot_id in range(1, n + 1):
        model = rng.choice(models)
        place = rng.choice(places)
        central = model.sector == "stat" and rng.random() < 0.5
        compound = rng.choice(nouns) + rng.choice(nouns)
        made.append(
            Slot(
                id=slot_id,
                workplace=f"{place.name} Kommune, {rng.choice(units)}"
                if model.sector == "kommune"
                else model.workplace,
                sector=model.sector,
                municipality="stat" if central else place.code,
                topics=model.topics,
                description=". ".join(rng.sample(sentences, 2)) + f". Vi arbejder med {compound}.",
            )
        )
    return made


def show_quality(name: str, figures: Figures) -> None:
    print(
        f"  {name:<8} recall@10 {figures.recall:6.1%}   first hit {figures.first_hit:6.1%}"
        f"   MRR {figures.mrr:.3f}   both {figures.passed:6.1%}"
    )


def timed(
    searches: Sequence[tuple[Callable[[str], object], Callable[[], None]]],
    asked: Sequence[str],
    repeat: int,
) -> list[list[float]]:
    """Milliseconds per query for each search, taken in turn query by query, so that the
    noise of a shared machine falls on both alike."""
    spent: list[list[float]] = [[] for _ in searches]
    for _ in range(repeat):
        for query in asked:
            for (search, forget), kept in zip(searches, spent, strict=True):
                forget()
                started = time.perf_counter()
                search(query)
                kept.append((time.perf_counter() - started) * 1000)
    return spent


_FTS_DOC = """
    setweight(to_tsvector('danish', workplace), 'A') ||
    setweight(to_tsvector('danish', place), 'A') ||
    setweight(to_tsvector('danish', topics), 'B') ||
    setweight(to_tsvector('danish', region || ' ' || sector), 'C') ||
    setweight(to_tsvector('danish', description), 'D')"""


def _fts_load(c: Connection, table: str, listed: Sequence[Slot]) -> None:
    c.execute(
        text(
            f"CREATE TABLE {table} (id int PRIMARY KEY, workplace text, place text, "
            "topics text, region text, sector text, description text, doc tsvector)"
        )
    )
    rows = []
    for s in listed:
        place = municipality(s.municipality)
        rows.append(
            {
                "id": s.id,
                "workplace": s.workplace,
                "place": f"{place.name} {place.official_name}"
                if place
                else texts.CENTRAL_ADMINISTRATION_LABEL,
                "topics": " ".join(s.topics),
                "region": s.region or "",
                "sector": texts.SECTOR_LABELS.get(s.sector, s.sector),
                "description": s.description,
            }
        )
    c.execute(
        text(
            f"INSERT INTO {table} (id, workplace, place, topics, region, sector, description) "
            "VALUES (:id, :workplace, :place, :topics, :region, :sector, :description)"
        ),
        rows,
    )
    c.execute(text(f"UPDATE {table} SET doc = {_FTS_DOC}"))
    c.execute(text(f"CREATE INDEX ON {table} USING gin (doc)"))
    c.execute(text(f"ANALYZE {table}"))


def _fts_rank(c: Connection, table: str) -> Callable[[str], list[int]]:
    every = text(
        f"SELECT id FROM {table}, plainto_tsquery('danish', :q) q WHERE doc @@ q "
        "ORDER BY ts_rank(doc, q) DESC, id"
    )
    some = text(
        f"SELECT id FROM {table}, websearch_to_tsquery('danish', :q) q WHERE doc @@ q "
        "ORDER BY ts_rank(doc, q) DESC, id"
    )

    def rank(query: str) -> list[int]:
        found = [r[0] for r in c.execute(every, {"q": query})]
        if not found:
            found = [r[0] for r in c.execute(some, {"q": " OR ".join(query.split())})]
        return found

    return rank


def postgres(url: str, asked: Sequence[Query], many: Sequence[Slot], repeat: int) -> None:
    engine = create_engine(normalise_url(url), isolation_level="AUTOCOMMIT")
    schema = f"bench_search_{uuid.uuid4().hex[:8]}"
    with engine.connect() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
        try:
            _fts_load(c, f"{schema}.relevance", slots())
            show_quality("pg fts", evaluate(_fts_rank(c, f"{schema}.relevance"), asked))
            _fts_load(c, f"{schema}.many", many)
            rank = _fts_rank(c, f"{schema}.many")
            times = timed([(rank, lambda: None)], [q.text for q in asked] + LOAD_QUERIES, repeat)
            cuts = statistics.quantiles(times[0], n=100)
            print(
                f"  pg fts   at {len(many)} slots: search p50 {cuts[49]:6.2f} ms"
                f"   p99 {cuts[98]:6.2f} ms   max {max(times[0]):6.2f} ms (a round trip each)"
            )
        finally:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--slots", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pg", help="also measure PostgreSQL full-text search at this URL")
    args = parser.parse_args()

    asked = queries()
    listed = slots()
    old_figures = evaluate(old_index(listed).rank, asked)
    new_figures = evaluate(index(listed).rank, asked)
    print(f"Relevance set: {len(listed)} slots, {len(asked)} queries (tests/search_relevance)")
    show_quality("before", old_figures)
    show_quality("now", new_figures)
    print("  per kind (share passing: every relevant slot in the top 10 and a relevant first hit):")
    for kind in dict.fromkeys(q.kind for q in asked):
        old, new = old_figures.of_kind(kind), new_figures.of_kind(kind)
        print(
            f"    {kind:<15} {len(old.outcomes):3d} queries   before {old.passed:6.1%}   now {new.passed:6.1%}"
        )
    lost = old_figures.passing() - new_figures.passing()
    print(f"  queries passing before and failing now: {sorted(lost) or 'none'}")

    many = synthetic(args.slots)
    texts_asked = [q.text for q in asked] + LOAD_QUERIES
    old_builds, new_builds = [], []
    for _ in range(3):  # in turn, the fastest of three (documents analysed included)
        started = time.perf_counter()
        old = old_index(many)
        old_builds.append(time.perf_counter() - started)
        started = time.perf_counter()
        new = index(many)
        new_builds.append(time.perf_counter() - started)
    old_build, new_build = min(old_builds), min(new_builds)
    gc.collect()  # both indexes out of the collector's sight, as in `praktik serve` (bot/runtime/heap.py)
    gc.freeze()

    def forget() -> None:  # every query as if seen for the first time
        new._word_cache.clear()
        new._rank_cache.clear()

    print(
        f"\nSpeed: {args.slots} slots, {len(texts_asked)} queries x {args.repeat}, "
        "caches emptied before each, the two searches in turn"
    )
    spent = timed([(old.rank, lambda: None), (new.rank, forget)], texts_asked, args.repeat)
    for name, build, times in (("before", old_build, spent[0]), ("now", new_build, spent[1])):
        cuts = statistics.quantiles(times, n=100)
        print(
            f"  {name:<8} build {build * 1000:7.0f} ms   search p50 {cuts[49]:6.2f} ms"
            f"   p99 {cuts[98]:6.2f} ms   max {max(times):6.2f} ms"
        )

    if args.pg:
        print("\nThe alternative: PostgreSQL full-text search")
        postgres(args.pg, asked, many, args.repeat)


if __name__ == "__main__":
    main()
