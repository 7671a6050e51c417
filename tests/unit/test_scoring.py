"""The transparent score, and the preference orders that matching is built on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.geo import REGIONS, Sector
from bot.matching.preferences import EXACT_SCAN, LIST_CAP, build_preferences
from bot.matching.rules import (
    REQUEST_POINTS,
    Part,
    SlotProfile,
    WishProfile,
    compatible,
    id_key,
    max_score,
    score,
)
from tests.unit.matching_rounds import TOPICS, instances

HOVED, SJAEL = REGIONS[0], REGIONS[1]


def slot(id: int | str = "s", **kw: object) -> SlotProfile:
    base: dict[str, object] = dict(
        capacity=1,
        days=frozenset({1, 2}),
        sector=Sector.KOMMUNE,
        municipality="Køge",
        region=SJAEL,
        topics=frozenset({"klima", "data"}),
    )
    return SlotProfile(id=id, **(base | kw))  # type: ignore[arg-type]


def wish(id: int | str = "w", **kw: object) -> WishProfile:
    base: dict[str, object] = dict(
        sector=Sector.STAT,
        region=HOVED,
        days=frozenset({2, 3}),
        topics=frozenset({"klima"}),
    )
    return WishProfile(id=id, **(base | kw))  # type: ignore[arg-type]


def test_each_part_is_named_so_the_ui_can_explain_it() -> None:
    s = score(slot(), wish(wanted_regions=frozenset({SJAEL}), choices=("s",)))
    assert s.parts == (
        (Part.REQUESTED, 1000),
        (Part.TOPICS, 10),
        (Part.CROSS_SECTOR, 6),
        (Part.REGION, 4),
        (Part.DAYS, 1),
    )
    assert s.total == 1021
    assert s.points(Part.WANTED_SECTOR) == 0


def test_open_region_wish_prefers_the_interns_home_region() -> None:
    assert score(slot(region=HOVED), wish()).points(Part.REGION) == 4
    assert score(slot(region=SJAEL), wish()).points(Part.REGION) == 0
    assert score(slot(region=None), wish()).points(Part.REGION) == 0


def test_wanted_sector_and_cross_sector_weight() -> None:
    w = wish(wanted_sectors=frozenset({Sector.KOMMUNE}))
    assert score(slot(), w).points(Part.WANTED_SECTOR) == 3
    assert score(slot(), w, cross_sector_weight=0).points(Part.CROSS_SECTOR) == 0
    assert score(slot(), w, cross_sector_weight=20).points(Part.CROSS_SECTOR) == 20
    assert score(slot(sector=Sector.STAT), w).points(Part.CROSS_SECTOR) == 0
    assert score(slot(), wish(sector=None)).points(Part.CROSS_SECTOR) == 0
    with pytest.raises(ValueError):
        score(slot(), w, cross_sector_weight=-1)


def test_compatible_needs_a_common_day() -> None:
    assert compatible(slot(days=frozenset({3})), wish())
    assert not compatible(slot(days=frozenset({1, 5})), wish())


def test_topics_count_up_to_five() -> None:
    many = frozenset(f"t{k}" for k in range(8))
    assert score(slot(topics=many), wish(topics=many)).points(Part.TOPICS) == 50


def naive_order(slots: list[SlotProfile], w: WishProfile, weight: int) -> list[int | str]:
    usable = {s.id: s for s in slots if s.capacity > 0 and compatible(s, w)}
    chosen = list(dict.fromkeys(c for c in w.choices if c in usable))
    rest = sorted(
        (s for s in usable.values() if s.id not in chosen),
        key=lambda s: (-score(s, w, cross_sector_weight=weight).total, id_key(s.id)),
    )
    return chosen + [s.id for s in rest]


@settings(max_examples=100, deadline=None)
@given(instances(), st.sampled_from([0, 6, 40]))
def test_small_instances_order_both_sides_by_the_score(
    instance: tuple[list[SlotProfile], list[WishProfile]], weight: int
) -> None:
    """Interns: compatible choices in their order, then every other compatible slot by
    score and id. Hosts: their ranking, then score, then id."""
    slots, wishes = instance
    prefs = build_preferences(slots, wishes, cross_sector_weight=weight, list_cap=50)
    for w in wishes:
        assert list(prefs.order(w.id)) == naive_order(slots, w, weight)

    n = len(prefs.wishes)
    by_slot: dict[int, list[tuple[int, WishProfile]]] = {}
    for i, w in enumerate(prefs.wishes):
        for p in range(prefs.start[i], prefs.start[i + 1]):
            assert prefs.host_key[p] % n == i
            by_slot.setdefault(prefs.slot_of[p], []).append((prefs.host_key[p], w))
    for s, keyed in by_slot.items():
        host = prefs.slots[s]
        ranking = [str(r) for r in dict.fromkeys(host.ranking)]

        def expected(
            w: WishProfile, host: SlotProfile = host, ranking: list[str] = ranking
        ) -> tuple[object, ...]:
            if w.id in ranking:
                return (0, ranking.index(str(w.id)))
            return (1, -score(host, w, cross_sector_weight=weight).total, id_key(w.id))

        by_key = [w.id for _, w in sorted(keyed, key=lambda kw: kw[0])]
        assert by_key == [w.id for w in sorted((w for _, w in keyed), key=expected)]


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        build_preferences([slot(1), slot(1)], [])


def big_instance(n_slots: int) -> tuple[list[SlotProfile], list[WishProfile]]:
    slots = [
        slot(
            k,
            days=frozenset({k % 5 + 1, (k * 7) % 5 + 1}),
            sector=list(Sector)[k % 3],
            region=REGIONS[k % 5],
            topics=frozenset({TOPICS[k % 4], TOPICS[(k // 4) % 4]}),
        )
        for k in range(n_slots)
    ]
    wishes = [
        wish(
            f"w{k}",
            days=frozenset({k % 5 + 1}),
            region=REGIONS[k % 5] if k % 7 else None,
            topics=frozenset({TOPICS[k % 4]}),
            choices=(k % n_slots, (k * 13) % n_slots, 10**6),
        )
        for k in range(300)
    ]
    return slots, wishes


def test_large_instances_sample_buckets_but_keep_the_order_rules() -> None:
    slots, wishes = big_instance(EXACT_SCAN * 4)
    prefs = build_preferences(slots, wishes)
    by_id = {s.id: s for s in slots}
    for w in wishes:
        order = prefs.order(w.id)
        assert len(order) == len(set(order))
        assert all(compatible(by_id[s], w) for s in order)
        chosen = list(dict.fromkeys(c for c in w.choices if c in by_id and compatible(by_id[c], w)))
        assert list(order[: len(chosen)]) == chosen
        rest = order[len(chosen) :]
        assert len(rest) == LIST_CAP  # plenty of compatible slots everywhere
        keys = [(-score(by_id[s], w).total, id_key(s)) for s in rest]
        assert keys == sorted(keys)


def test_same_input_in_any_order_gives_the_same_preferences() -> None:
    slots, wishes = big_instance(EXACT_SCAN * 2)
    a = build_preferences(slots, wishes)
    b = build_preferences(slots[::-1], wishes[::-1])
    assert (a.start, a.slot_of, a.host_key) == (b.start, b.slot_of, b.host_key)


def test_a_request_outweighs_everything_else_together() -> None:
    assert max_score(100) - REQUEST_POINTS < REQUEST_POINTS
