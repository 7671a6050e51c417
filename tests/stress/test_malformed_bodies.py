"""Correctly signed requests that no Slack sends: bodies Bolt cannot parse, payloads of the
wrong shape, duplicated signature headers, another organisation's enterprise ID.

Each is answered 400 or 401/403 with one log line and no traceback, and changes nothing.
"""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.sandbox.harness import Harness
from bot.sandbox.wire import FORM, JSON, Actor, WireResponse, signature, slash_command_form
from tests.stress.hostile import newcomer

PARSE_FAILURES = {
    "payload is no JSON": ("payload=%7Bnot+json", FORM),
    "payload is null": ("payload=null", FORM),
    "payload is a number": ("payload=1", FORM),
    "payload is a string": (urlencode({"payload": '"hej"'}), FORM),
    "JSON list": ("[]", JSON),
    "JSON null": ("null", JSON),
    "JSON no JSON": ("{not json", JSON),
    "event is null": (
        json.dumps({"type": "event_callback", "team_id": "T0PRAKTIK", "event": None}),
        JSON,
    ),
    "event is a list": (
        json.dumps({"type": "event_callback", "team_id": "T0PRAKTIK", "event": []}),
        JSON,
    ),
    "form sent as JSON": ("command=%2Fpraktik&text=hj%C3%A6lp&user_id=U1", JSON),
}


def _interactive(payload: dict[str, object]) -> tuple[str, str]:
    return urlencode({"payload": json.dumps(payload)}), FORM


def _button_press(user: object, actions: object) -> dict[str, object]:
    return {
        "type": "block_actions",
        "user": user,
        "team": {"id": "T0PRAKTIK", "domain": "praktik"},
        "api_app_id": "A0PRAKTIK",
        "trigger_id": "1.2.3",
        "container": {"type": "view", "view_id": "V1"},
        "actions": actions,
    }


SHAPE_FAILURES = {
    "actions is a string": _interactive(
        _button_press({"id": "U1", "team_id": "T0PRAKTIK"}, "anmod")
    ),
    "actions is an object": _interactive(
        _button_press({"id": "U1", "team_id": "T0PRAKTIK"}, {"action_id": "x"})
    ),
    "actions holds a number": _interactive(
        _button_press({"id": "U1", "team_id": "T0PRAKTIK"}, [1])
    ),
    "user is null": _interactive(
        _button_press(None, [{"action_id": "x", "block_id": "b", "type": "button"}])
    ),
    "user of a submission is null": _interactive(
        {"type": "view_submission", "user": None, "team": {"id": "T0PRAKTIK"}, "view": {}}
    ),
}


async def _post(harness: Harness, body: str, content_type: str) -> tuple[int, str]:
    secret = harness.workspace.wire.signing_secret
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature(secret, stamp, body),
    }
    async with (
        aiohttp.ClientSession() as http,
        http.post(harness.url, data=body.encode(), headers=headers) as res,
    ):
        return res.status, await res.text()


@pytest.mark.parametrize("case", sorted({**PARSE_FAILURES, **SHAPE_FAILURES}))
async def test_a_signed_body_of_no_slack_shape_is_a_400_with_one_line(
    harness: Harness, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    body, content_type = {**PARSE_FAILURES, **SHAPE_FAILURES}[case]
    caplog.set_level(logging.INFO)
    calls = len(harness.fake.calls)
    status, text = await _post(harness, body, content_type)
    await harness.workspace.settle()
    assert status == 400, (status, text)
    assert "Traceback" not in text
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("praktik")]
    assert len(ours) == 1 and "400" in ours[0], ours
    assert body not in ours[0]  # the body is never logged
    assert harness.fake.calls[calls:] == []


@pytest.mark.parametrize("doubled", ["X-Slack-Signature", "X-Slack-Request-Timestamp"])
@pytest.mark.parametrize("right_one", ["first", "last"])
async def test_two_signature_headers_are_refused_and_the_body_never_logged(
    harness: Harness, caplog: pytest.LogCaptureFixture, doubled: str, right_one: str
) -> None:
    caplog.set_level(logging.DEBUG)
    person = newcomer(harness)
    fake = harness.fake
    channel = fake.dm_channel(person.id)
    words = f"hemmelig fritekst {person.id}"
    form = {
        "team_id": "T0PRAKTIK",
        "user_id": person.id,
        "user_name": person.name,
        "command": "/praktik",
        "text": f"søg {words}",
        "channel_id": channel,
        "trigger_id": fake.issue_trigger(person.id),
        "response_url": fake.new_response_url(person.id, channel),
    }
    body = urlencode(form)
    stamp = str(int(time.time()))
    right = {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature(harness.workspace.wire.signing_secret, stamp, body),
    }
    wrong = {
        "X-Slack-Request-Timestamp": str(int(stamp) - 1),
        "X-Slack-Signature": "v0=" + "0" * 64,
    }
    pair = [right[doubled], wrong[doubled]]
    if right_one == "last":
        pair.reverse()
    headers = [("Content-Type", FORM), *((n, v) for n, v in right.items() if n != doubled)]
    headers += [(doubled, value) for value in pair]
    calls = len(fake.calls)
    async with (
        aiohttp.ClientSession() as http,
        http.post(harness.url, data=body.encode(), headers=headers) as res,
    ):
        status = res.status
    await harness.workspace.settle()
    assert status == 401
    assert fake.calls[calls:] == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "fritekst" not in logged and "response_url" not in logged


async def _command_naming(harness: Harness, enterprise: str | None) -> WireResponse:
    person = newcomer(harness)
    fake = harness.fake
    channel = fake.dm_channel(person.id)
    form = slash_command_form(
        actor=Actor(person.id, person.name),
        command="/praktik",
        text="hjælp",
        channel_id=channel,
        channel_name="directmessage",
        trigger_id=fake.issue_trigger(person.id),
        response_url=fake.new_response_url(person.id, channel),
    )
    if enterprise is not None:
        form["enterprise_id"] = enterprise
    answer = await harness.workspace.wire.form(form)
    await harness.workspace.settle()
    return answer


@pytest.mark.parametrize(
    ("ours", "named", "status"),
    [
        (None, None, 200),
        (None, "E0ANDEN", 403),
        ("E0VORES", "E0VORES", 200),
        ("E0VORES", None, 200),
        ("E0VORES", "E0ANDEN", 403),
    ],
)
async def test_another_organisations_enterprise_id_is_refused(
    harness: Harness, ours: str | None, named: str | None, status: int
) -> None:
    harness.fake.enterprise_id = ours  # before the app's first auth.test
    answer = await _command_naming(harness, named)
    assert answer.status == status
    assert ("/praktik" in answer.text) == (status == 200)  # the help text, or nothing
