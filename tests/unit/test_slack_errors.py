"""Which of Slack's answers to a DM are a refusal for good: only those may be recorded as
failed; Slack away, busy or unreachable never is."""

from __future__ import annotations

from bot.sandbox.fake_slack import FakeSlack
from bot.slack import dm
from bot.slack.message import Message
from tests.outbox_seed import client_for


async def test_only_a_documented_lasting_refusal_of_a_dm_is_lasting() -> None:
    async with FakeSlack() as fake:
        fake.add_user("U1", name="anna", real_name="Anna")
        client = client_for(fake)
        content = Message("hej")
        fake.fail("chat.postMessage", status=503, times=1)
        busy = await dm.post(client, "U1", content)
        fake.fail("chat.postMessage", error="internal_error", times=1)
        internal = await dm.post(client, "U1", content)
        fake.fail("chat.postMessage", error="invalid_auth", times=1)
        undocumented = await dm.post(client, "U1", content)
        gone = await dm.post(client, "U404", content)
        assert isinstance(await dm.post(client, "U1", content), tuple)
    unreachable = await dm.post(client, "U1", content)  # the fake has stopped
    refusals = [busy, internal, undocumented, gone, unreachable]
    assert all(isinstance(r, dm.Refused) for r in refusals)
    assert [(r.error, r.lasting) for r in refusals if isinstance(r, dm.Refused)] == [
        ("http_503", False),
        ("internal_error", False),
        ("invalid_auth", False),
        ("user_not_found", True),
        ("ClientConnectorError", False),
    ]
