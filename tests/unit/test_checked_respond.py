"""A refused answer through the response_url is logged: Bolt's respond() does not raise."""

from __future__ import annotations

import logging

import pytest

from bot.sandbox.harness import Harness
from handlers.middleware import CheckedRespond

TWIN_BUTTONS = [
    {
        "type": "actions",
        "elements": [
            {"type": "button", "action_id": "same", "text": {"type": "plain_text", "text": "A"}},
            {"type": "button", "action_id": "same", "text": {"type": "plain_text", "text": "B"}},
        ],
    }
]


async def test_a_refused_answer_is_logged_and_an_accepted_one_is_not(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    fake = harness.fake
    respond = CheckedRespond(response_url=fake.new_response_url("UANNA", fake.dm_channel("UANNA")))
    with caplog.at_level(logging.ERROR, logger="praktik.respond"):
        said = await respond(text="to", blocks=TWIN_BUTTONS)
    assert said.status_code == 400
    assert any("invalid_blocks" in r.getMessage() for r in caplog.records)

    caplog.clear()
    respond = CheckedRespond(response_url=fake.new_response_url("UANNA", fake.dm_channel("UANNA")))
    with caplog.at_level(logging.ERROR, logger="praktik.respond"):
        assert (await respond(text="Hej")).status_code == 200
    assert not caplog.records
