"""What Slack would refuse is never built, and a DM it refuses anyway is never called sent."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.sandbox.harness import Harness
from models.db import Database
from tests.conftest import ADMIN
from tests.scenario.flows import offer, wish
from tests.talk import buttons, last_words, shown

# 2,000 characters (the form's limit) that grow to 8,667 once escaped for Slack.
GROWING = ("&<>" * 667)[:2000]


async def test_a_wish_text_that_grows_when_escaped_still_reaches_the_host(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await wish(anna, text=GROWING)

    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")

    assert "Din anmodning er sendt" in shown(anna.ephemerals[-1])
    ask = bo.last_dm
    assert ask is not None and buttons(ask) == ["Acceptér", "Afslå"]
    assert "Anna Jensen" in shown(ask)
    assert "&amp;&lt;&gt;&amp;" in shown(ask) and "…" in shown(ask)  # clipped, never cut mid-entity
    assert [c.error for c in harness.fake.calls_to("chat.postMessage")] == [None] * 3


async def test_a_host_dm_slack_refuses_is_told_to_the_intern_and_the_coordinators(
    harness: Harness, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    await offer(bo)
    await anna.command("/praktik", "find ærø")

    harness.fake.fail("chat.postMessage", "invalid_blocks")  # the host's DM, as Slack says no
    await anna.press("Anmod")

    told = shown(anna.ephemerals[-1])
    assert "Din anmodning er sendt" not in told
    assert "kunne ikke nå" in told and "koordinator" in told
    assert not any("vil gerne i praktik" in shown(m) for m in bo.dms)

    # The coordinators see it: in the admin figures and in `praktik outbox --status fejlet`.
    await kim.command("/praktik", "admin stats")
    figures = shown(kim.ephemerals[-1])
    assert "UBO" in figures and "invalid_blocks" in figures
    assert main(["outbox", "--status", "fejlet", "--url", db.url]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 4 and "UBO" in listed[2] and "anmodning" in listed[2]
    assert "invalid_blocks" in listed[2] and listed[-1] == "1 DM: fejlet 1"

    # The request the host never saw blocks nothing: asking again reaches the host.
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    assert "Din anmodning er sendt" in shown(anna.ephemerals[-1])
    assert buttons(bo.last_dm) == ["Acceptér", "Afslå"]
    await bo.press("Acceptér")
    assert "Din praktik er bekræftet" in shown(last_words(anna))


async def test_a_host_dm_slack_cannot_take_now_is_withdrawn_and_the_intern_asked_to_retry(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    await offer(bo)
    await anna.command("/praktik", "find ærø")

    harness.fake.fail("chat.postMessage", status=500, times=3)  # the first try and 2 retries
    await anna.press("Anmod")

    told = shown(anna.ephemerals[-1])
    assert "nåede desværre ikke frem" in told and "prøv igen om et øjeblik" in told
    await kim.command("/praktik", "admin stats")
    assert "UBO" not in shown(kim.ephemerals[-1])  # nothing for the coordinators to mend

    await anna.press("Anmod")
    assert "Din anmodning er sendt" in shown(anna.ephemerals[-1])
    assert buttons(bo.last_dm) == ["Acceptér", "Afslå"]
