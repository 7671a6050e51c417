"""The app's front door: signatures, health, help and the error sentence."""

from __future__ import annotations

import logging
import time

import aiohttp
import pytest

from bot import texts
from bot.sandbox.harness import Harness
from bot.sandbox.wire import Signing
from bot.texts.commands import did_you_mean
from bot.views.mrkdwn import angles
from tests.talk import shown


async def test_healthz_answers_when_the_database_does(harness: Harness) -> None:
    async with aiohttp.ClientSession() as http, http.get(f"{harness.base_url}/healthz") as answer:
        assert answer.status == 200
        assert await answer.json() == {"ok": True}


async def test_wrong_secret_is_401_and_nothing_happens(harness: Harness) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    answer = await anna.command("/praktik", "hjælp", signing=Signing(secret="not-the-secret"))
    assert answer.status == 401
    assert harness.fake.calls_to("chat.postEphemeral") == []
    assert anna.ephemerals == []


async def test_six_minutes_old_timestamp_is_401(harness: Harness) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    answer = await anna.command(
        "/praktik", "hjælp", signing=Signing(timestamp=int(time.time()) - 360)
    )
    assert answer.status == 401


async def test_body_altered_after_signing_is_401(harness: Harness) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    answer = await anna.command(
        "/praktik", "hjælp", signing=Signing(tamper=lambda body: body.replace("hj", "xx"))
    )
    assert answer.status == 401


@pytest.mark.parametrize("text", ["", "hjælp", "  HJÆLP  "])
async def test_help_lists_every_subcommand(harness: Harness, text: str) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    answer = await anna.command("/praktik", text)
    assert answer.status == 200
    seen = shown(anna.ephemerals[-1])
    for command, _ in texts.HELP_LINES:
        assert angles(command) in seen  # as Slack reads it: "<søgeord>" escaped, not a link
    assert "kender ikke" not in seen


async def test_unknown_subcommand_gets_help_with_a_line_saying_so(harness: Harness) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    await anna.command("/praktik", "xyzzy noget")
    seen = shown(anna.ephemerals[-1])
    assert "Jeg kender ikke kommandoen »xyzzy«" in seen
    assert "/praktik tilbyd" in seen and "Mente du" not in seen


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("staus", "/praktik status"),
        ("afmled", "/praktik afmeld"),
        ("tilbydd", "/praktik tilbyd"),
        ("hjaelpp", "/praktik hjælp"),
        ("fnd plejehjem", "/praktik find plejehjem"),
    ],
)
async def test_a_typo_gets_the_closest_subcommand_not_the_whole_help(
    harness: Harness, text: str, meant: str
) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    answer = await anna.command("/praktik", text)
    assert answer.status == 200
    seen = shown(anna.ephemerals[-1])
    word = text.split(" ")[0]
    assert did_you_mean(word, meant) in seen
    assert "Her er det, jeg kan" not in seen and "/praktik mine-data" not in seen


async def test_internal_error_gives_the_danish_sentence_and_logs_the_trace(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.service import home

    async def broken(*_args: object, **_kwargs: object) -> dict[str, object]:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(home, "status", broken)
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    with caplog.at_level(logging.ERROR):
        answer = await anna.command("/praktik", "status")
    assert answer.status == 200
    assert shown(anna.ephemerals[-1]).startswith("Beklager, noget gik galt")
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "database on fire" in caplog.text
    assert harness.fake.bot_token not in caplog.text and harness.fake.bot_token not in logged


async def test_the_apps_client_waits_out_a_rate_limit_and_retries(harness: Harness) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    harness.fake.fail("views.publish", status=429, retry_after=1, times=2)
    await anna.open_home()
    publishes = harness.fake.calls_to("views.publish")
    assert len(publishes) == 3  # two 429s, then the call that went through
    assert "Innovationspraktikken" in shown(anna.home)


async def test_a_payload_naming_another_workspace_is_refused(harness: Harness) -> None:
    from bot.sandbox.wire import Actor

    wire = harness.workspace.wire
    answer = await wire.slash_command(
        Actor("UEVE", "eve", "TOTHER"), "/praktik", "status", team_id="TOTHER"
    )
    assert answer.status == 403
    assert harness.fake.calls_to("chat.postEphemeral") == []
