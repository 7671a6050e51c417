"""Matching rounds the matching tests share: one small enough to follow by hand, and
random ones for the properties (a hypothesis strategy)."""

from __future__ import annotations

from hypothesis import strategies as st

from bot.domain.geo import REGIONS, Sector
from bot.matching.rules import SlotProfile, WishProfile

HOVED = REGIONS[0]


def slot(id: str, days: set[int], **kw: object) -> SlotProfile:
    base: dict[str, object] = dict(
        capacity=1,
        sector=Sector.KOMMUNE,
        municipality=None,
        region=HOVED,
        topics=frozenset(),
    )
    return SlotProfile(id=id, days=frozenset(days), **(base | kw))  # type: ignore[arg-type]


def wish(id: str, days: set[int], **kw: object) -> WishProfile:
    base: dict[str, object] = dict(sector=Sector.STAT, region=HOVED, topics=frozenset())
    return WishProfile(id=id, days=frozenset(days), **(base | kw))  # type: ignore[arg-type]


# --- a round small enough to follow by hand -------------------------------------------
# Anna can come Monday or Tuesday and asks for X, then Y. Bo can only come Monday, when
# only X is open, and asks for X. X's host ranks Anna first. Cai can only come Wednesday.
X = slot("X", {1}, ranking=("anna",))
Y = slot("Y", {2})
ANNA = wish("anna", {1, 2}, choices=("X", "Y"))
BO = wish("bo", {1}, choices=("X",))
CAI = wish("cai", {3})
ROUND = ([X, Y], [ANNA, BO, CAI])


# --- random instances -----------------------------------------------------------------

TOPICS = ["klima", "data", "ledelse", "sundhed"]
days_st = st.frozensets(st.integers(1, 5), min_size=1, max_size=5)
sector_st = st.sampled_from(list(Sector))
region_st = st.sampled_from(REGIONS[:3])


@st.composite
def instances(draw: st.DrawFn, max_slots: int = 8) -> tuple[list[SlotProfile], list[WishProfile]]:
    n_slots = draw(st.integers(0, max_slots))
    n_wishes = draw(st.integers(0, 10))
    slot_ids = list(range(100, 100 + n_slots))
    wish_ids = [f"w{k:02d}" for k in range(n_wishes)]
    slots = [
        SlotProfile(
            id=i,
            capacity=draw(st.integers(0, 3)),
            days=draw(days_st),
            sector=draw(sector_st),
            municipality=None,
            region=draw(st.none() | region_st),
            topics=draw(st.frozensets(st.sampled_from(TOPICS), max_size=3)),
            ranking=tuple(draw(st.lists(st.sampled_from(wish_ids), max_size=4)))
            if wish_ids
            else (),
        )
        for i in slot_ids
    ]
    choice_st = st.sampled_from([*slot_ids, 999]) if slot_ids else st.just(999)
    wishes = [
        WishProfile(
            id=i,
            sector=draw(st.none() | sector_st),
            region=draw(st.none() | region_st),
            days=draw(days_st),
            topics=draw(st.frozensets(st.sampled_from(TOPICS), max_size=3)),
            wanted_sectors=draw(st.frozensets(sector_st, max_size=2)),
            wanted_regions=draw(st.frozensets(region_st, max_size=2)),
            choices=tuple(draw(st.lists(choice_st, max_size=4))),
        )
        for i in wish_ids
    ]
    return slots, wishes
