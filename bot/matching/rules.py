"""The transparent score of a (slot, wish) pair: its parts and their weights.

The same score ranks search results and wish suggestions, orders each intern's list of
slots and (after the host's own ranking) each host's list of interns in matching
(bot.matching.preferences builds those lists from these rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.geo import Sector

SlotId = int | str
WishId = int | str

# Integer points, so ties are exact and the UI can show the sum as plain arithmetic.
# The order of magnitude is the policy: an explicit request outweighs everything else
# together; at the default weights one shared topic outweighs any other single part,
# because the visit must be about something the intern works on; crossing sector (the
# programme's purpose, and the coordinator's knob: cross_sector_weight) comes next, then
# the wanted region, then a wanted sector; each shared day only breaks near-ties. Topics
# count up to MAX_TOPICS so that a long topic list cannot drown a request.
REQUEST_POINTS = 1000
TOPIC_POINTS = 10
MAX_TOPICS = 5
CROSS_SECTOR_POINTS = 6
REGION_POINTS = 4
WANTED_SECTOR_POINTS = 3
DAY_POINTS = 1
MAX_CROSS_SECTOR_WEIGHT = 100

WEEKDAYS = range(1, 6)


@dataclass(frozen=True, slots=True)
class SlotProfile:
    id: SlotId
    capacity: int
    days: frozenset[int]
    sector: Sector
    municipality: str | None
    region: str | None
    topics: frozenset[str]
    ranking: tuple[WishId, ...] = ()


@dataclass(frozen=True, slots=True)
class WishProfile:
    id: WishId
    sector: Sector | None
    region: str | None
    days: frozenset[int]
    topics: frozenset[str]
    wanted_sectors: frozenset[Sector] = frozenset()
    wanted_regions: frozenset[str] = frozenset()
    choices: tuple[SlotId, ...] = ()


class Part(StrEnum):
    REQUESTED = "requested"
    TOPICS = "topics"
    CROSS_SECTOR = "cross_sector"
    REGION = "region"
    WANTED_SECTOR = "wanted_sector"
    DAYS = "days"


@dataclass(frozen=True, slots=True)
class Score:
    total: int
    parts: tuple[tuple[Part, int], ...]  # non-zero parts only, in Part order

    def points(self, part: Part) -> int:
        return dict(self.parts).get(part, 0)


def id_key(value: SlotId | WishId) -> tuple[bool, int | str]:
    """Sort key for ids that may be ints or strings (ints first)."""
    return (isinstance(value, str), value)


def compatible(slot: SlotProfile, wish: WishProfile) -> bool:
    return not slot.days.isdisjoint(wish.days)


def crosses_sector(slot: SlotProfile, wish: WishProfile) -> bool:
    return wish.sector is not None and wish.sector != slot.sector


def region_wanted(slot: SlotProfile, wish: WishProfile) -> bool:
    """In a wanted region or, for a wish open to all regions, in the intern's home region."""
    if slot.region is None:
        return False
    if wish.wanted_regions:
        return slot.region in wish.wanted_regions
    return slot.region == wish.region


def check_weight(cross_sector_weight: int) -> None:
    if not 0 <= cross_sector_weight <= MAX_CROSS_SECTOR_WEIGHT:
        raise ValueError(f"cross_sector_weight must be 0..{MAX_CROSS_SECTOR_WEIGHT}")


def score(
    slot: SlotProfile, wish: WishProfile, *, cross_sector_weight: int = CROSS_SECTOR_POINTS
) -> Score:
    check_weight(cross_sector_weight)
    shared_topics = min(len(slot.topics & wish.topics), MAX_TOPICS)
    candidates = (
        (Part.REQUESTED, REQUEST_POINTS if slot.id in wish.choices else 0),
        (Part.TOPICS, TOPIC_POINTS * shared_topics),
        (Part.CROSS_SECTOR, cross_sector_weight if crosses_sector(slot, wish) else 0),
        (Part.REGION, REGION_POINTS if region_wanted(slot, wish) else 0),
        (Part.WANTED_SECTOR, WANTED_SECTOR_POINTS if slot.sector in wish.wanted_sectors else 0),
        (Part.DAYS, DAY_POINTS * len(slot.days & wish.days)),
    )
    parts = tuple((name, points) for name, points in candidates if points)
    return Score(sum(points for _, points in parts), parts)


def max_score(cross_sector_weight: int) -> int:
    return (
        REQUEST_POINTS
        + TOPIC_POINTS * MAX_TOPICS
        + cross_sector_weight
        + REGION_POINTS
        + WANTED_SECTOR_POINTS
        + DAY_POINTS * len(WEEKDAYS)
    )
