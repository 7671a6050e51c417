"""Danish orthography checks over everything the fake Slack holds: what a user can read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.sandbox.fake_slack import FakeSlack, Message

# A month abbreviation's full stop followed by another: "sep.." or "sep. ." (one is enough,
# the abbreviation's full stop ends the sentence too).
DOUBLE_STOP = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|okt|nov|dec)\.\s*\.")


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, Message):
        yield from _strings(node.payload())
    elif isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _strings(item)


def slack_texts(fake: FakeSlack) -> Iterator[str]:
    """Every string the app sent to Slack or Slack now shows: calls, channels, screens."""
    for call in fake.calls:
        yield from _strings(call.params)
    for messages in fake.channels.values():
        yield from _strings(messages)
    for user_id in fake.users:
        screen = fake.screen(user_id)
        yield from _strings([screen.ephemerals, screen.modals, screen.home])


def double_stops(fake: FakeSlack) -> list[str]:
    """The texts with a month abbreviation followed by a second full stop."""
    return sorted({text for text in slack_texts(fake) if DOUBLE_STOP.search(text)})


def assert_one_full_stop_after_dates(fake: FakeSlack) -> None:
    found = double_stops(fake)
    assert found == [], found
