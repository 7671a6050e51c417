"""Which workplace an intern visited before: names folded, the last year kept, pairs found."""

from __future__ import annotations

from bot.matching.returning import repeats, visited, workplace_key


def test_one_workplace_however_its_name_is_written() -> None:
    same = {
        workplace_key(n) for n in ("Ærø Kommune", "ærø  kommune.", "Aeroe Kommune", "ÆRØ KOMMUNE")
    }
    assert len(same) == 1
    assert workplace_key("Ærø Kommune") != workplace_key("Fanø Kommune")
    assert workplace_key("  ") == ""


def test_the_last_year_at_each_workplace_counts() -> None:
    found = visited([("Ærø Kommune", 2025), ("ærø kommune", 2026), ("Skat", 2024), ("", 2026)])
    assert found == {workplace_key("Ærø Kommune"): 2026, workplace_key("Skat"): 2024}


def test_repeats_pair_each_wish_with_the_slots_at_a_workplace_it_visited() -> None:
    wanted = {1: visited([("Ærø Kommune", 2026)]), 2: {}}
    slots = {10: "ærø kommune", 11: "Viborg Kommune", 12: "Ærø Kommune "}
    assert repeats(wanted, slots) == {(1, 10): 2026, (1, 12): 2026}
