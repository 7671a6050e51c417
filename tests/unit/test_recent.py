from __future__ import annotations

from bot.runtime.recent import Recent


def test_values_are_kept_for_the_ttl_and_forgotten_on_demand() -> None:
    clock = [0.0]
    kept: Recent[str, int] = Recent(ttl=10.0, timer=lambda: clock[0])
    kept.put("a", 1)
    clock[0] = 9.9
    assert kept.get("a") == 1
    clock[0] = 10.0
    assert kept.get("a") is None
    kept.put("a", 2)
    kept.forget()
    assert kept.get("a") is None


def test_past_its_size_the_expired_go_first_then_the_least_recently_used() -> None:
    clock = [0.0]
    kept: Recent[str, int] = Recent(ttl=5.0, timer=lambda: clock[0], size=3)
    kept.put("old", 0)
    clock[0] = 6.0  # "old" has expired
    for n, key in enumerate(["a", "b", "c"]):
        kept.put(key, n)
    assert [kept.get(k) for k in ("old", "a", "b", "c")] == [None, 0, 1, 2]
    kept.put("a", 10)  # written again: now the newest
    kept.put("d", 3)  # over the size: "b" is the least recently used
    assert [kept.get(k) for k in ("a", "b", "c", "d")] == [10, None, 2, 3]
    assert len(kept) == 3
