"""Small writes gathered into one (bot.runtime.batch)."""

from __future__ import annotations

import asyncio

import pytest

from bot.runtime.batch import Batch


class Store:
    def __init__(self, fail: bool = False) -> None:
        self.writes: list[list[str]] = []
        self.fail = fail

    async def write(self, items: list[str]) -> None:
        await asyncio.sleep(0.01)  # a thread hop and a round trip
        if self.fail:
            raise RuntimeError("the database said no")
        self.writes.append(items)


async def test_puts_within_the_window_are_one_write_and_each_returns_once_stored() -> None:
    store, batch = Store(), Batch[str](window=0.05)
    returned: list[str] = []

    async def put(items: list[str]) -> None:
        await batch.put(items, store.write)
        if items:  # nothing to store returns at once
            assert any(set(items) <= set(w) for w in store.writes)  # stored when put returns
            returned.append(items[0])

    await asyncio.gather(put(["host"]), put(["cohost", "host2"]), put([]), put(["intern"]))
    assert store.writes == [["host", "cohost", "host2", "intern"]]
    assert sorted(returned) == ["cohost", "host", "intern"]
    await batch.put(["later"], store.write)  # after the window: a write of its own
    assert store.writes[-1] == ["later"]


async def test_a_failed_write_is_raised_to_every_put_of_its_batch() -> None:
    store, batch = Store(fail=True), Batch[str](window=0.01)
    results = await asyncio.gather(
        batch.put(["a"], store.write), batch.put(["b"], store.write), return_exceptions=True
    )
    assert [type(r) for r in results] == [RuntimeError, RuntimeError]
    store.fail = False
    await batch.put(["c"], store.write)  # the next batch starts afresh
    assert store.writes == [["c"]]


async def test_a_cancelled_put_does_not_cancel_the_others_write() -> None:
    store, batch = Store(), Batch[str](window=0.02)
    first = asyncio.ensure_future(batch.put(["gone"], store.write))
    second = asyncio.ensure_future(batch.put(["kept"], store.write))
    await asyncio.sleep(0)
    first.cancel()
    await second
    with pytest.raises(asyncio.CancelledError):
        await first
    assert store.writes == [["gone", "kept"]]  # what was put is stored all the same
