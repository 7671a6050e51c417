"""The local Slack, driven by the real slack_sdk client and a real Bolt app over HTTP."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.sandbox import blockkit_limits
from bot.sandbox.fake_slack import BOT_TOKEN, AppResponseError, FakeSlack
from bot.sandbox.person import Workspace
from bot.sandbox.wire import Actor, Signing, SlackWire

SECRET = "s"


def section(text: str, block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if block_id:
        block["block_id"] = block_id
    return block


def buttons(*labels: str, block_id: str = "choice") -> dict[str, Any]:
    return {
        "type": "actions",
        "block_id": block_id,
        "elements": [
            {
                "type": "button",
                "action_id": f"press_{i}",
                "text": {"type": "plain_text", "text": label},
                "value": label.lower(),
            }
            for i, label in enumerate(labels)
        ],
    }


MODAL: dict[str, Any] = {
    "type": "modal",
    "callback_id": "slot",
    "private_metadata": "slot-7",
    "title": {"type": "plain_text", "text": "Værtsplads"},
    "submit": {"type": "plain_text", "text": "Gem"},
    "blocks": [
        {
            "type": "input",
            "block_id": "workplace",
            "label": {"type": "plain_text", "text": "Arbejdsplads"},
            "element": {"type": "plain_text_input", "action_id": "v", "max_length": 100},
        },
        {
            "type": "input",
            "block_id": "seats",
            "label": {"type": "plain_text", "text": "Pladser"},
            "element": {"type": "number_input", "action_id": "v", "is_decimal_allowed": False},
        },
        {
            "type": "input",
            "block_id": "sector",
            "label": {"type": "plain_text", "text": "Sektor"},
            "element": {
                "type": "static_select",
                "action_id": "v",
                "options": [
                    {"text": {"type": "plain_text", "text": "Kommune"}, "value": "kommune"},
                    {"text": {"type": "plain_text", "text": "Region"}, "value": "region"},
                ],
            },
        },
        {
            "type": "input",
            "block_id": "days",
            "label": {"type": "plain_text", "text": "Dage"},
            "element": {
                "type": "checkboxes",
                "action_id": "v",
                "options": [
                    {"text": {"type": "plain_text", "text": "Mandag"}, "value": "mon"},
                    {"text": {"type": "plain_text", "text": "Tirsdag"}, "value": "tue"},
                ],
            },
        },
        {
            "type": "input",
            "block_id": "contact",
            "label": {"type": "plain_text", "text": "Kontakt"},
            "element": {"type": "users_select", "action_id": "v"},
        },
        {
            "type": "input",
            "block_id": "start",
            "optional": True,
            "label": {"type": "plain_text", "text": "Start"},
            "element": {"type": "datepicker", "action_id": "v"},
        },
        {
            "type": "input",
            "block_id": "mode",
            "label": {"type": "plain_text", "text": "Form"},
            "element": {
                "type": "radio_buttons",
                "action_id": "v",
                "initial_option": {
                    "text": {"type": "plain_text", "text": "Fysisk"},
                    "value": "onsite",
                },
                "options": [
                    {"text": {"type": "plain_text", "text": "Fysisk"}, "value": "onsite"},
                    {"text": {"type": "plain_text", "text": "Online"}, "value": "online"},
                ],
            },
        },
    ],
}


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as running:
        running.add_user("U0IDA", name="ida", real_name="Ida Holm", title="Konsulent")
        running.add_user("U0BO", name="bo", real_name="Bo Lund")
        yield running


@pytest.fixture
def client(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url)


@dataclass
class Bolt:
    app: AsyncApp
    url: str
    seen: list[dict[str, Any]]


@pytest.fixture
async def bolt(fake: FakeSlack) -> AsyncIterator[Bolt]:
    app = AsyncApp(
        signing_secret=SECRET, client=AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url)
    )
    runner = web.AppRunner(app.web_app(path="/slack/events"), access_log=None)
    await runner.setup()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    await web.SockSite(runner, sock).start()
    yield Bolt(app, f"http://127.0.0.1:{port}/slack/events", [])
    await runner.cleanup()


# --- the Web API through the real client -----------------------------------------------


async def test_a_message_to_a_user_lands_in_their_dm_and_updates_in_place(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    opened = await client.conversations_open(users="U0IDA")
    dm = opened["channel"]["id"]
    posted = await client.chat_postMessage(
        channel="U0IDA", text="Hej", blocks=[section("*Hej* Ida"), buttons("Acceptér", "Afslå")]
    )
    assert posted["channel"] == dm
    assert posted["message"]["blocks"][0]["text"]["text"] == "*Hej* Ida"

    await client.chat_update(channel=dm, ts=posted["ts"], text="Tak", blocks=[section("Tak")])

    [message] = fake.screen("U0IDA").dms
    assert (message.ts, message.text, message.edited) == (posted["ts"], "Tak", True)
    assert message.blocks[0]["text"]["text"] == "Tak"
    assert [c.method for c in fake.calls] == [
        "conversations.open",
        "chat.postMessage",
        "chat.update",
    ]
    assert fake.calls_to("chat.postMessage")[0].params["channel"] == "U0IDA"


async def test_views_open_update_and_hash_conflict(fake: FakeSlack, client: AsyncWebClient) -> None:
    trigger = fake.issue_trigger("U0IDA")
    opened = (await client.views_open(trigger_id=trigger, view=MODAL))["view"]
    assert opened["id"].startswith("V") and opened["hash"]
    assert opened["state"] == {"values": {}}
    assert opened["title"] == {"type": "plain_text", "text": "Værtsplads", "emoji": True}

    changed = {**MODAL, "title": {"type": "plain_text", "text": "Ny titel"}}
    updated = await client.views_update(view_id=opened["id"], hash=opened["hash"], view=changed)
    assert updated["view"]["id"] == opened["id"]
    assert fake.screen("U0IDA").modal == updated["view"]

    with pytest.raises(SlackApiError) as stale:
        await client.views_update(view_id=opened["id"], hash=opened["hash"], view=MODAL)
    assert stale.value.response["error"] == "hash_conflict"

    with pytest.raises(SlackApiError) as reused:
        await client.views_open(trigger_id=trigger, view=MODAL)
    assert reused.value.response["error"] == "exchanged_trigger_id"


async def test_a_trigger_expires_after_three_seconds_of_the_fakes_clock() -> None:
    now = [100.0]
    async with FakeSlack(clock=lambda: now[0]) as fake:
        fake.add_user("U0IDA", name="ida", real_name="Ida Holm")
        client = AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url)
        trigger = fake.issue_trigger("U0IDA")
        now[0] += 3.5
        with pytest.raises(SlackApiError) as late:
            await client.views_open(trigger_id=trigger, view=MODAL)
        assert late.value.response["error"] == "expired_trigger_id"

        fake.trigger_ttl = None  # the sandbox: a person reads before they click
        assert (await client.views_open(trigger_id=trigger, view=MODAL))["ok"]


async def test_a_51_block_message_is_refused_and_shown_to_nobody(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    with pytest.raises(SlackApiError) as refused:
        await client.chat_postMessage(
            channel="U0IDA", text="x", blocks=[section(str(i)) for i in range(51)]
        )
    assert refused.value.response["error"] == "invalid_blocks"
    assert refused.value.response["errors"] == ["must be less than 51 items [json-pointer:/blocks]"]
    assert fake.screen("U0IDA").dms == []


async def test_text_over_slacks_limits_as_sent_is_refused_entities_counted_in_full(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    escaped = "&amp;&lt;&gt;" * 230 + "&amp;&lt;x"  # 3,000 characters as sent, 693 as read
    assert len(escaped) == 3000
    assert (await client.chat_postMessage(channel="U0IDA", text="x", blocks=[section(escaped)]))[
        "ok"
    ]
    with pytest.raises(SlackApiError) as refused:
        await client.chat_postMessage(channel="U0IDA", text="x", blocks=[section(escaped + "&")])
    assert refused.value.response["error"] == "invalid_blocks"
    assert refused.value.response["errors"] == [
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    ]
    field = {"type": "section", "fields": [{"type": "mrkdwn", "text": "&amp;" * 401}]}
    with pytest.raises(SlackApiError) as refused:
        await client.chat_postMessage(channel="U0IDA", text="x", blocks=[field])
    assert refused.value.response["errors"] == [
        "must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]"
    ]
    with pytest.raises(SlackApiError) as refused:
        await client.chat_postMessage(channel="U0IDA", text="&lt;" * 10_001)
    assert refused.value.response["error"] == "msg_too_long"
    assert len(fake.screen("U0IDA").dms) == 1


async def test_an_invalid_view_is_refused_with_slacks_messages(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    long_title = {**MODAL, "title": {"type": "plain_text", "text": "x" * 25}}
    with pytest.raises(SlackApiError) as refused:
        await client.views_open(trigger_id=fake.issue_trigger("U0IDA"), view=long_title)
    assert refused.value.response["error"] == "invalid_arguments"
    assert refused.value.response["response_metadata"]["messages"] == [
        "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"
    ]
    assert fake.screen("U0IDA").modals == []


async def test_form_bodies_tokens_and_unknown_methods(fake: FakeSlack) -> None:
    form = {
        "token": BOT_TOKEN,
        "channel": "U0BO",
        "text": "form",
        "blocks": json.dumps([section("fra en formular")]),
    }
    async with aiohttp.ClientSession() as session:
        async with session.post(fake.api_url + "chat.postMessage", data=form) as res:
            assert (await res.json())["ok"]
        async with session.post(fake.api_url + "auth.test") as res:
            assert await res.json() == {"ok": False, "error": "not_authed"}
    assert fake.screen("U0BO").dms[0].blocks[0]["text"]["text"] == "fra en formular"

    with pytest.raises(SlackApiError) as wrong:
        await AsyncWebClient(token="xoxb-wrong", base_url=fake.api_url).auth_test()
    assert wrong.value.response["error"] == "invalid_auth"

    client = AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url)
    with pytest.raises(SlackApiError) as unknown:
        await client.api_call("chat.teleport")
    assert unknown.value.response["error"] == "unknown_method"
    auth = await client.auth_test()
    assert (auth["team_id"], auth["user_id"]) == ("T0PRAKTIK", "UBOT")


async def test_users_come_from_the_registry(fake: FakeSlack, client: AsyncWebClient) -> None:
    ida = (await client.users_info(user="U0IDA"))["user"]
    assert (ida["real_name"], ida["profile"]["title"]) == ("Ida Holm", "Konsulent")
    with pytest.raises(SlackApiError) as missing:
        await client.users_info(user="U0NOBODY")
    assert missing.value.response["error"] == "user_not_found"

    fake.fail("users.info", "user_not_found")
    with pytest.raises(SlackApiError) as injected:
        await client.users_info(user="U0IDA")
    assert (injected.value.response.status_code, injected.value.response["error"]) == (
        200,
        "user_not_found",
    )
    assert (await client.users_info(user="U0IDA"))["ok"]


async def test_429_carries_retry_after_and_the_retry_handler_gets_through(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    fake.fail("chat.postMessage", retry_after=0)
    with pytest.raises(SlackApiError) as limited:
        await client.chat_postMessage(channel="U0IDA", text="1")
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "0"
    assert limited.value.response["error"] == "ratelimited"

    fake.fail("chat.postMessage", retry_after=0, times=2)
    patient = AsyncWebClient(
        token=BOT_TOKEN,
        base_url=fake.api_url,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=2)],
    )
    assert (await patient.chat_postMessage(channel="U0IDA", text="2"))["ok"]
    assert [c.error for c in fake.calls_to("chat.postMessage")] == [
        "ratelimited",
        "ratelimited",
        "ratelimited",
        None,
    ]


async def test_server_errors_slow_answers_and_per_channel_limits(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    fake.fail("chat.postMessage", status=500)
    with pytest.raises(SlackApiError) as broken:
        await client.chat_postMessage(channel="U0IDA", text="x")
    assert broken.value.response.status_code == 500

    fake.fail("auth.test", delay=1.5)
    impatient = AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url, timeout=1)
    with pytest.raises(TimeoutError):
        await impatient.auth_test()

    fake.rate_limit("chat.postMessage", per_channel_per_second=1)
    await client.chat_postMessage(channel="U0IDA", text="first")
    await client.chat_postMessage(channel="U0BO", text="other channel")
    with pytest.raises(SlackApiError) as limited:
        await client.chat_postMessage(channel="U0IDA", text="second")
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "1"


async def test_response_url_replaces_posts_and_deletes(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    posted = await client.chat_postMessage(channel="U0IDA", text="Forslag", blocks=[buttons("Ja")])
    [original] = fake.screen("U0IDA").dms
    url = fake.new_response_url("U0IDA", posted["channel"], original=original)
    hook = AsyncWebhookClient(url)

    replaced = await hook.send(
        text="Accepteret", blocks=[section("✅ Accepteret")], replace_original=True
    )
    assert replaced.status_code == 200
    [message] = fake.screen("U0IDA").dms
    assert message is original and message.blocks[0]["text"]["text"] == "✅ Accepteret"

    await hook.send(text="Kun til dig")
    assert [e.text for e in fake.screen("U0IDA").ephemerals] == ["Kun til dig"]

    await hook.send_dict({"delete_original": True})
    assert fake.screen("U0IDA").dms == []
    assert [c.method for c in fake.calls[-3:]] == ["response_url"] * 3


async def test_files_upload_v2_round_trip(fake: FakeSlack, client: AsyncWebClient) -> None:
    dm = (await client.conversations_open(users="U0IDA"))["channel"]["id"]
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    csv = "navn;kommune\nIda;Ærø\n"
    await client.files_upload_v2(
        channel=dm, filename="eksport.csv", content=csv, initial_comment="Her er dine data"
    )
    await client.files_upload_v2(channel=dm, filename="graf.png", file=png, title="Graf")

    first, second = fake.screen("U0IDA").files
    assert (first.name, first.mimetype, first.text()) == ("eksport.csv", "text/csv", csv)
    assert (second.title, second.content) == ("Graf", png)
    assert fake.screen("U0IDA").dms[0].text == "Her er dine data"
    assert [c.method for c in fake.calls][-3:] == [
        "files.getUploadURLExternal",
        "upload",
        "files.completeUploadExternal",
    ]


async def test_wait_for_sees_a_call_that_happens_later(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    async def later() -> None:
        await asyncio.sleep(0.05)  # the point of the test: the call comes after wait_for began
        await client.chat_postMessage(channel="U0BO", text="Velkommen")

    task = asyncio.create_task(later())
    call = await fake.wait_for("chat.postMessage", lambda c: c.params["channel"] == "U0BO")
    assert call.params["text"] == "Velkommen"
    await task
    with pytest.raises(TimeoutError):
        await fake.wait_for("views.publish", timeout=0.05)


def test_block_kit_limits_name_the_offending_field() -> None:
    blocks = [
        {"type": "header", "text": {"type": "mrkdwn", "text": "Overskrift"}},
        {
            "type": "actions",
            "block_id": "a",
            "elements": [
                {
                    "type": "button",
                    "action_id": "x",
                    "text": {"type": "plain_text", "text": "y" * 76},
                },
                {"type": "button", "action_id": "x", "text": {"type": "plain_text", "text": "ok"}},
            ],
        },
        {"type": "section", "block_id": "a", "text": {"type": "mrkdwn", "text": "z" * 3001}},
    ]
    assert blockkit_limits.validate_message(text="t", blocks=blocks) == [
        "must be a valid enum value [json-pointer:/blocks/0/text/type]",
        "must be less than 76 characters [json-pointer:/blocks/1/elements/0/text/text]",
        "duplicate action_id 'x' [json-pointer:/blocks/1/elements/1/action_id]",
        "duplicate block_id 'a' [json-pointer:/blocks/2/block_id]",
        "must be less than 3001 characters [json-pointer:/blocks/2/text/text]",
    ]
    too_many = {
        "type": "static_select",
        "action_id": "s",
        "options": [
            {"text": {"type": "plain_text", "text": str(i)}, "value": str(i)} for i in range(101)
        ],
    }
    view = {
        **MODAL,
        "private_metadata": "m" * 3001,
        "blocks": [{"type": "actions", "elements": [too_many]}],
    }
    assert blockkit_limits.validate_view(view) == [
        "must be less than 3001 characters [json-pointer:/view/private_metadata]",
        "must be less than 101 items [json-pointer:/view/blocks/0/elements/0/options]",
    ]


# --- signed requests into a real Bolt app ---------------------------------------------


async def test_a_signed_slash_command_is_answered(fake: FakeSlack, bolt: Bolt) -> None:
    @bolt.app.command("/praktik")
    async def praktik(ack: Any, body: dict[str, Any]) -> None:
        bolt.seen.append(body)
        await ack(f"Hej {body['user_name']}: {body['text']}")

    wire = SlackWire(bolt.url, SECRET, fake=fake)
    res = await wire.slash_command(Actor("U0IDA", "ida"), "/praktik", "find ærø")
    assert (res.status, res.body) == (200, "Hej ida: find ærø")  # Bolt answers plain text
    [body] = bolt.seen
    assert list(body) == [
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "command",
        "text",
        "api_app_id",
        "is_enterprise_install",
        "response_url",
        "trigger_id",
    ]
    assert body["channel_id"] == fake.dm_channel("U0IDA")
    assert body["response_url"].startswith(fake.base_url + "respond/")


async def test_forged_replayed_and_tampered_requests_get_401(fake: FakeSlack, bolt: Bolt) -> None:
    @bolt.app.command("/praktik")
    async def praktik(ack: Any) -> None:
        await ack()

    wire = SlackWire(bolt.url, SECRET, fake=fake)
    ida = Actor("U0IDA", "ida")
    six_minutes_ago = int(time.time()) - 360
    for signing in (
        Signing(secret="not-the-secret"),
        Signing(timestamp=six_minutes_ago),
        Signing(tamper=lambda body: body.replace("find", "slet")),
    ):
        res = await wire.slash_command(ida, "/praktik", "find", signing=signing)
        assert res.status == 401, signing
    assert (await wire.slash_command(ida, "/praktik", "find")).status == 200


async def test_a_person_fills_and_submits_a_modal_in_slacks_exact_shape(
    fake: FakeSlack, bolt: Bolt
) -> None:
    @bolt.app.command("/praktik")
    async def open_modal(ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.views_open(trigger_id=body["trigger_id"], view=MODAL)

    @bolt.app.view("slot")
    async def save(ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        bolt.seen.append(body)
        if view["state"]["values"]["workplace"]["v"]["value"] == "?":
            await ack(response_action="errors", errors={"workplace": "Skriv en arbejdsplads"})
        else:
            await ack()

    ws = Workspace(fake, bolt.url, SECRET)
    ida = ws.person("U0IDA3", "ida3", "Ida Tre")
    answer = await ida.command("/praktik", "tilbyd")
    assert (answer.status, answer.body, ida.ephemerals) == (200, None, [])
    assert ida.modal is not None and ida.modal["callback_id"] == "slot"

    incomplete = await ida.submit()
    assert incomplete.action == "client_errors" and "workplace" in incomplete.errors
    assert bolt.seen == []

    ida.fill("Arbejdsplads", "?")
    ida.fill("seats", 2)
    ida.fill("Sektor", "Region")
    ida.fill("days", ["mon", "Tirsdag"])
    ida.fill("Kontakt", "U0BO")
    refused = await ida.submit()
    assert refused.action == "errors"
    assert ida.modal_errors == {"workplace": "Skriv en arbejdsplads"}
    assert ida.modal is not None

    ida.fill("workplace", "Odense Kommune")
    closed = await ida.submit()
    assert closed.action == "close" and ida.modal is None

    body = bolt.seen[-1]
    assert body["type"] == "view_submission"
    assert body["user"] == {
        "id": "U0IDA3",
        "username": "ida3",
        "name": "ida3",
        "team_id": "T0PRAKTIK",
    }
    assert body["view"]["private_metadata"] == "slot-7"
    assert body["view"]["hash"] and body["view"]["id"].startswith("V")
    option = {"type": "plain_text", "text": "Region", "emoji": True}
    assert body["view"]["state"]["values"] == {
        "workplace": {"v": {"type": "plain_text_input", "value": "Odense Kommune"}},
        "seats": {"v": {"type": "number_input", "value": "2"}},
        "sector": {
            "v": {"type": "static_select", "selected_option": {"text": option, "value": "region"}}
        },
        "days": {
            "v": {
                "type": "checkboxes",
                "selected_options": [
                    {
                        "text": {"type": "plain_text", "text": "Mandag", "emoji": True},
                        "value": "mon",
                    },
                    {
                        "text": {"type": "plain_text", "text": "Tirsdag", "emoji": True},
                        "value": "tue",
                    },
                ],
            }
        },
        "contact": {"v": {"type": "users_select", "selected_user": "U0BO"}},
        "start": {"v": {"type": "datepicker", "selected_date": None}},
        "mode": {
            "v": {
                "type": "radio_buttons",
                "selected_option": {
                    "text": {"type": "plain_text", "text": "Fysisk", "emoji": True},
                    "value": "onsite",
                },
            }
        },
    }


async def test_a_person_presses_a_dm_button_and_the_app_replaces_the_message(
    fake: FakeSlack, bolt: Bolt
) -> None:
    @bolt.app.action("press_0")
    async def accept(ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        bolt.seen.append(body)
        await respond(text="Accepteret", replace_original=True)

    ws = Workspace(fake, bolt.url, SECRET)
    bo = ws.person("U0BO2", "bo2", "Bo To")
    client = AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url)
    posted = await client.chat_postMessage(
        channel=bo.id, text="Forslag", blocks=[section("Et forslag"), buttons("Acceptér", "Afslå")]
    )

    await bo.press("Acceptér")

    [body] = bolt.seen
    assert body["container"] == {
        "type": "message",
        "message_ts": posted["ts"],
        "channel_id": posted["channel"],
        "is_ephemeral": False,
    }
    assert body["message"]["ts"] == posted["ts"]
    assert body["actions"][0]["value"] == "acceptér"
    assert body["response_url"].startswith(fake.base_url + "respond/")
    assert [m.text for m in bo.dms] == ["Accepteret"]
    with pytest.raises(LookupError):
        await bo.press("Acceptér")


async def test_home_opened_publishes_and_a_home_button_carries_the_view(
    fake: FakeSlack, bolt: Bolt
) -> None:
    @bolt.app.event("app_home_opened")
    async def home(event: dict[str, Any], client: AsyncWebClient) -> None:
        view = {"type": "home", "blocks": [section("Din oversigt"), buttons("Status")]}
        await client.views_publish(user_id=event["user"], view=view)

    @bolt.app.action("press_0")
    async def status(ack: Any, body: dict[str, Any]) -> None:
        bolt.seen.append(body)
        await ack()

    ws = Workspace(fake, bolt.url, SECRET)
    ida = ws.person("U0IDA4", "ida4", "Ida Fire")
    await ida.open_home()
    assert ida.home is not None and ida.home["type"] == "home"

    await ida.press("Status", where="home")
    [body] = bolt.seen
    assert body["container"] == {"type": "view", "view_id": ida.home["id"]}
    assert body["view"]["type"] == "home" and "response_url" not in body


async def test_a_person_sees_the_answer_to_a_command_and_a_refusal_shows_nothing(
    fake: FakeSlack, bolt: Bolt
) -> None:
    @bolt.app.command("/praktik")
    async def praktik(ack: Any) -> None:
        await ack("Velkommen")

    ws = Workspace(fake, bolt.url, SECRET)
    ida = ws.person("U0IDA5", "ida5", "Ida Fem")
    forged = await ida.command("/praktik", signing=Signing(secret="forged"))
    assert forged.status == 401 and ida.ephemerals == []

    answer = await ida.command("/praktik", "hjælp")
    assert answer.status == 200
    assert [e.text for e in ida.ephemerals] == ["Velkommen"]


async def test_an_app_too_slow_to_ack_is_an_error(fake: FakeSlack, bolt: Bolt) -> None:
    @bolt.app.command("/praktik")
    async def slow(ack: Any) -> None:
        await asyncio.sleep(0.5)  # an app slower than the 0.2 s ack timeout: under test
        await ack()

    ws = Workspace(fake, bolt.url, SECRET, ack_timeout=0.2)
    ida = ws.person("U0IDA6", "ida6", "Ida Seks")
    with pytest.raises(AppResponseError, match="did not answer"):
        await ida.command("/praktik")


@pytest.mark.parametrize(
    ("given", "limit"), [(None, 3.0), ("30", 30.0), ("0.5", 0.5), ("0", 3.0), ("tre", 3.0)]
)
def test_a_sandbox_process_waits_as_slack_unless_the_suite_widened_it(
    monkeypatch: pytest.MonkeyPatch, given: str | None, limit: float
) -> None:
    from bot.sandbox import wire

    if given is None:
        monkeypatch.delenv(wire.ANSWER_LIMIT_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(wire.ANSWER_LIMIT_VARIABLE, given)
    assert wire._from_environment() == limit
    # In this process the suite has widened every wire's default (tests/conftest.py).
    assert SlackWire("", "").timeout == wire.slack_limit() > wire.SLACK_ANSWER_LIMIT


async def test_response_actions_push_update_and_clear_the_modal_stack(
    fake: FakeSlack, bolt: Bolt
) -> None:
    def step(callback_id: str, title: str) -> dict[str, Any]:
        return {
            "type": "modal",
            "callback_id": callback_id,
            "title": {"type": "plain_text", "text": title},
            "submit": {"type": "plain_text", "text": "Videre"},
            "blocks": [section(title)],
        }

    @bolt.app.command("/praktik")
    async def open_first(ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.views_open(trigger_id=body["trigger_id"], view=step("one", "Et"))

    @bolt.app.view("one")
    async def push(ack: Any) -> None:
        await ack(response_action="push", view=step("two", "To"))

    @bolt.app.view("two")
    async def update(ack: Any) -> None:
        await ack(response_action="update", view=step("three", "Tre"))

    @bolt.app.view("three")
    async def clear(ack: Any) -> None:
        await ack(response_action="clear")

    ida = Workspace(fake, bolt.url, SECRET).person("U0IDA7", "ida7", "Ida Syv")
    await ida.command("/praktik")
    first_id = ida.modal["id"] if ida.modal else ""

    assert (await ida.submit()).action == "push"
    assert [v["callback_id"] for v in ida.screen.modals] == ["one", "two"]
    assert ida.screen.modals[1]["previous_view_id"] == first_id

    pushed_id = ida.screen.modals[1]["id"]
    assert (await ida.submit()).action == "update"
    assert ida.modal is not None
    assert (ida.modal["callback_id"], ida.modal["id"]) == ("three", pushed_id)

    assert (await ida.submit()).action == "clear"
    assert ida.screen.modals == []
