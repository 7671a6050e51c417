"""Preference orders for matching, built from the score rules (bot.matching.rules).

Scoring every slot for every intern is out of reach at 100k slots x 50k interns, so slots
are indexed as bit masks in buckets and each intern's list is the best of a sample.
"""

from __future__ import annotations

import functools
import itertools
import operator
import zlib
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from bot.domain.geo import REGIONS, Sector
from bot.matching.rules import (
    CROSS_SECTOR_POINTS,
    DAY_POINTS,
    MAX_TOPICS,
    REGION_POINTS,
    REQUEST_POINTS,
    TOPIC_POINTS,
    WANTED_SECTOR_POINTS,
    WEEKDAYS,
    SlotId,
    SlotProfile,
    WishId,
    WishProfile,
    check_weight,
    id_key,
    max_score,
)

# Each intern's list: their compatible explicit choices, then at most LIST_CAP more slots.
# Instances with at most EXACT_SCAN slots score every slot, so the list is the true top.
# Above that, scoring every slot for every intern (100k x 50k) is out of reach, and the
# LIST_CAP slots are the best-scoring among about POOL_SIZE sampled from the intern's
# buckets: (any or a shared topic) x (wanted regions, else home region) x (their days),
# each read from an offset drawn from the intern's id, so that interns with the same
# profile do not all crowd onto the same few slots. Only when that finds too few does the
# sample widen to other regions. Blocking pairs are counted w.r.t. these truncated orders.
LIST_CAP = 20
POOL_SIZE = 48
EXACT_SCAN = 256

PROGRESS_EVERY = 2047  # report after every 2048 wishes (a mask: the test is one AND)

SECTORS: tuple[Sector, ...] = (Sector.STAT, Sector.REGION, Sector.KOMMUNE)

_P = TypeVar("_P", SlotProfile, WishProfile)


@dataclass(slots=True)
class Preferences:
    """Both sides' orders over the pairs that matching may use, as flat arrays.

    Index i is the i-th wish and s the s-th slot with room, both in id order. The list of
    wish i is slot_of[start[i]:start[i+1]], best first. host_key[p] orders the wishes at
    slot slot_of[p] (lower is preferred, unique per slot, and key % len(wishes) == i): the
    host's explicit ranking first, then descending score, then id.
    """

    slots: tuple[SlotProfile, ...]
    wishes: tuple[WishProfile, ...]
    start: array[int]
    slot_of: array[int]
    host_key: array[int]
    any_compatible: bytes  # per wish: 1 when some slot with room shares a day
    cross_sector_weight: int
    wish_index: dict[WishId, int] = field(default_factory=dict)

    def order(self, wish_id: WishId) -> tuple[SlotId, ...]:
        i = self.wish_index[wish_id]
        return tuple(self.slots[s].id for s in self.slot_of[self.start[i] : self.start[i + 1]])


@dataclass(slots=True)
class _SlotIndex:
    """Slots as bit masks and small ints, so that scoring a pair is a few int operations."""

    slots: tuple[SlotProfile, ...]
    by_id: dict[SlotId, int]
    days: list[int]
    topics: list[int]
    region: list[int]
    cell: list[int]  # sector * n_regions + region: the index into a wish's table of points
    vocab: dict[str, int]
    region_index: dict[str, int]
    n_regions: int  # the last region index stands for "no region"
    all_days: int
    # (topic + 1, region, day) -> slots in id order; topic -1 holds every slot. None when
    # the instance is small enough to score every slot.
    buckets: dict[int, list[int]] | None

    def bucket_key(self, topic: int, region: int, day: int) -> int:
        return ((topic + 1) * self.n_regions + region) * 5 + day


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _day_mask(days: frozenset[int]) -> int:
    return sum(1 << (d - 1) for d in days if d in WEEKDAYS)


_DAY_BITS = [_bits(mask) for mask in range(32)]


def _unique_sorted(items: Sequence[_P], kind: str) -> tuple[_P, ...]:
    ordered = tuple(sorted(items, key=lambda x: id_key(x.id)))
    for a, b in itertools.pairwise(ordered):
        if a.id == b.id:
            raise ValueError(f"duplicate {kind} id {a.id!r}")
    return ordered


def _index_slots(slots: tuple[SlotProfile, ...], wishes: Sequence[WishProfile]) -> _SlotIndex:
    seen = {s.region for s in slots} | {w.region for w in wishes}
    for w in wishes:
        seen |= w.wanted_regions
    names = list(REGIONS) + sorted(r for r in seen if r is not None and r not in REGIONS)
    region_index = {r: k for k, r in enumerate(names)}
    n_regions = len(names) + 1
    vocab = {t: k for k, t in enumerate(sorted({t for s in slots for t in s.topics}))}
    days = [_day_mask(s.days) for s in slots]
    topics = [sum(1 << vocab[t] for t in s.topics) for s in slots]
    region = [region_index[s.region] if s.region else n_regions - 1 for s in slots]
    cell = [SECTORS.index(s.sector) * n_regions + r for s, r in zip(slots, region, strict=True)]
    index = _SlotIndex(
        slots=slots,
        by_id={s.id: k for k, s in enumerate(slots)},
        days=days,
        topics=topics,
        region=region,
        cell=cell,
        vocab=vocab,
        region_index=region_index,
        n_regions=n_regions,
        all_days=functools.reduce(operator.or_, days, 0),
        buckets=None,
    )
    if len(slots) > EXACT_SCAN:
        buckets: dict[int, list[int]] = {}
        for s in range(len(slots)):
            for t in [-1, *_bits(topics[s])]:
                for d in _bits(days[s]):
                    buckets.setdefault(index.bucket_key(t, region[s], d), []).append(s)
        index.buckets = buckets
    return index


def _sample(buckets: dict[int, list[int]], keys: list[int], h: int, pool: set[int]) -> None:
    """Add about POOL_SIZE slots from the buckets, each read from offset h (wrapping)."""
    lists = [b for k in keys if (b := buckets.get(k))]
    if not lists:
        return
    per = -(-POOL_SIZE // len(lists))
    for b in lists:
        size = len(b)
        if size <= per:
            pool.update(b)
        else:
            o = h % size
            pool.update(b[o : o + per])
            if o + per > size:
                pool.update(b[: o + per - size])


def _pool(
    index: _SlotIndex, wish: WishProfile, dm: int, tm: int, wanted_r: frozenset[int], need: int
) -> set[int]:
    """Compatible slots to score: all of them, or a sample of the wish's buckets."""
    if index.buckets is None:
        days = index.days
        return {s for s in range(len(days)) if dm & days[s]}
    roi = sorted(wanted_r) if wanted_r else range(index.n_regions)
    day_bits = _DAY_BITS[dm]
    h = zlib.crc32(str(wish.id).encode())
    nr = index.n_regions
    pool: set[int] = set()
    # index.bucket_key(t, r, d), inlined: this runs for every intern.
    keys = [((t + 1) * nr + r) * 5 + d for t in [-1, *_bits(tm)] for r in roi for d in day_bits]
    _sample(index.buckets, keys, h, pool)
    if len(pool) < need:
        rest = [r for r in range(nr) if r not in roi]
        _sample(index.buckets, [r * 5 + d for r in rest for d in day_bits], h, pool)
    return pool


def build_preferences(
    slots: Sequence[SlotProfile],
    wishes: Sequence[WishProfile],
    *,
    cross_sector_weight: int = CROSS_SECTOR_POINTS,
    list_cap: int = LIST_CAP,
    progress: Callable[[int], None] | None = None,
) -> Preferences:
    """Each wish's list (choices, then up to list_cap more by score) and the hosts' keys.

    progress, if given, is told how many wishes are done now and then (for a progress bar).
    """
    check_weight(cross_sector_weight)
    ordered = _unique_sorted(wishes, "wish")
    index = _index_slots(tuple(s for s in _unique_sorted(slots, "slot") if s.capacity > 0), ordered)
    n, m = len(ordered), len(index.slots)
    smax = max_score(cross_sector_weight)
    wish_index = {w.id: k for k, w in enumerate(ordered)}
    ranked_by: dict[int, dict[int, int]] = {}  # wish -> {slot: place in host's ranking}
    for s, slot in enumerate(index.slots):
        known = [w for wid in slot.ranking if (w := wish_index.get(wid)) is not None]
        for pos, w in enumerate(dict.fromkeys(known)):
            ranked_by.setdefault(w, {})[s] = pos

    s_days, s_topics = index.days, index.topics
    s_kind = [c * 32 + d for c, d in zip(index.cell, s_days, strict=True)]
    cells: dict[tuple[int, int, frozenset[int]], list[int]] = {}
    tables: dict[tuple[int, int, frozenset[int], int], list[int]] = {}
    start = array("q", [0])
    slot_of = array("i")
    host_key = array("q")
    any_compatible = bytearray(n)
    day_masks: dict[frozenset[int], int] = {}
    topic_masks: dict[frozenset[str], int] = {}
    for i, wish in enumerate(ordered):
        if progress is not None and not i & PROGRESS_EVERY:
            progress(i)
        dm = day_masks.get(wish.days, -1)
        if dm < 0:
            dm = day_masks[wish.days] = _day_mask(wish.days)
        any_compatible[i] = 1 if dm & index.all_days else 0
        tm = topic_masks.get(wish.topics, -1)
        if tm < 0:
            vocab = index.vocab
            tm = topic_masks[wish.topics] = sum(1 << vocab[t] for t in wish.topics if t in vocab)
        own = SECTORS.index(wish.sector) if wish.sector is not None else -1
        wanted_s = sum(1 << SECTORS.index(x) for x in wish.wanted_sectors)
        wanted_r = _wanted_regions(wish, index.region_index)
        # Per slot kind (sector, region, days): smax less every part but topics and request.
        rest = tables.get((own, wanted_s, wanted_r, dm))
        if rest is None:
            g = cells.get((own, wanted_s, wanted_r))
            if g is None:
                g = cells[(own, wanted_s, wanted_r)] = [
                    (cross_sector_weight if own >= 0 and sec != own else 0)
                    + (REGION_POINTS if r in wanted_r else 0)
                    + (WANTED_SECTOR_POINTS if wanted_s >> sec & 1 else 0)
                    for sec in range(len(SECTORS))
                    for r in range(index.n_regions)
                ]
            on_days = [smax - DAY_POINTS * (dm & days).bit_count() for days in range(32)]
            rest = tables[(own, wanted_s, wanted_r, dm)] = [d - c for c in g for d in on_days]
        chosen = list(
            dict.fromkeys(
                s for c in wish.choices if (s := index.by_id.get(c, -1)) >= 0 and dm & s_days[s]
            )
        )
        pool = _pool(index, wish, dm, tm, wanted_r, list_cap + len(chosen))
        pool.difference_update(chosen)
        if tm.bit_count() <= MAX_TOPICS:  # no cap to apply: the hot path
            keyed = [
                (rest[s_kind[s]] - TOPIC_POINTS * (tm & s_topics[s]).bit_count()) * m + s
                for s in pool
            ]
        else:
            keyed = [
                (rest[s_kind[s]] - TOPIC_POINTS * min((tm & s_topics[s]).bit_count(), MAX_TOPICS))
                * m
                + s
                for s in pool
            ]
        keyed.sort()
        del keyed[list_cap:]
        row = chosen + [k % m for k in keyed]
        # Host key = (n + smax - score) * n + i; a request adds REQUEST_POINTS to the score.
        keys = [
            (n - REQUEST_POINTS + rest[s_kind[s]] - TOPIC_POINTS * min(shared, MAX_TOPICS)) * n + i
            for s in chosen
            if (shared := (tm & s_topics[s]).bit_count()) >= 0
        ]
        keys += [(n + k // m) * n + i for k in keyed]
        if (places := ranked_by.get(i)) is not None:
            for p, s in enumerate(row):
                if (place := places.get(s)) is not None:
                    keys[p] = place * n + i
        slot_of.extend(row)
        host_key.extend(keys)
        start.append(len(slot_of))

    if progress is not None:
        progress(n)
    return Preferences(
        slots=index.slots,
        wishes=ordered,
        start=start,
        slot_of=slot_of,
        host_key=host_key,
        any_compatible=bytes(any_compatible),
        cross_sector_weight=cross_sector_weight,
        wish_index=wish_index,
    )


def _wanted_regions(wish: WishProfile, region_index: dict[str, int]) -> frozenset[int]:
    if wish.wanted_regions:
        return frozenset(region_index[r] for r in wish.wanted_regions)
    if wish.region is not None:
        return frozenset((region_index[wish.region],))
    return frozenset()
