"""How well a placement fits the intern's wish: the share of what they asked for that the
host's slot offers, sorted into equal buckets for the coordinators' chart.

What an intern asks for: topics (each one counts in proportion), a wanted sector, a wanted
region. Whatever they left open fits any slot; an intern placed without a wish (by their
own request to a named host) got what they asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

BUCKETS = 4  # 0–24 %, 25–49 %, 50–74 %, 75–100 %: equal widths


class WishLike(Protocol):
    """What the intern asked for (a stored wish fits as it is: the domain reads no tables)."""

    @property
    def topics(self) -> Sequence[str]: ...
    @property
    def wanted_sectors(self) -> Sequence[str]: ...
    @property
    def wanted_regions(self) -> Sequence[str]: ...


class SlotLike(Protocol):
    """What the host's slot offers."""

    @property
    def topics(self) -> Sequence[str]: ...
    @property
    def sector(self) -> str: ...
    @property
    def region(self) -> str | None: ...


def fit(wish: WishLike | None, slot: SlotLike) -> float:
    """0..1: the mean over the things the intern asked for of how far the slot meets them."""
    if wish is None:
        return 1.0
    parts: list[float] = []
    if wish.topics:
        wanted = {t.casefold() for t in wish.topics}
        offered = {t.casefold() for t in slot.topics}
        parts.append(len(wanted & offered) / len(wanted))
    if wish.wanted_sectors:
        parts.append(1.0 if slot.sector in wish.wanted_sectors else 0.0)
    if wish.wanted_regions:
        parts.append(1.0 if slot.region in wish.wanted_regions else 0.0)
    return sum(parts) / len(parts) if parts else 1.0


def bucket(share: float) -> int:
    """0 .. BUCKETS-1; a full fit falls in the last bucket."""
    return min(BUCKETS - 1, int(share * BUCKETS))


def bucket_counts(shares: Iterable[float]) -> list[int]:
    counts = [0] * BUCKETS
    for share in shares:
        counts[bucket(share)] += 1
    return counts


def bucket_bounds() -> Sequence[tuple[int, int]]:
    """Per cent bounds of each bucket, both ends included: (0, 24), (25, 49), …, (75, 100)."""
    width = 100 // BUCKETS
    return [(k * width, 100 if k == BUCKETS - 1 else (k + 1) * width - 1) for k in range(BUCKETS)]
