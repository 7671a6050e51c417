"""Reading `GET /metrics` as a test does: every sample by name and labels, and the flow of
gestures whose figures the process tests compare before and after."""

from __future__ import annotations

import asyncio
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

from prometheus_client.parser import text_string_to_metric_families

from bot.registry.ids import PlacementAction
from bot.sandbox.fake_slack import FakeSlack
from bot.sandbox.person import Workspace
from tests.scenario.flows import offer, wish
from tests.waiting import wait_until

Sample = tuple[str, frozenset[tuple[str, str]]]


class Figures(dict[Sample, float]):
    def get_one(self, name: str, **labels: str) -> float:
        return self.get((name, frozenset(labels.items())), 0.0)


def scrape(port: int) -> Figures:
    with urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
        assert answer.status == 200
        assert answer.headers["Content-Type"].startswith("text/plain")
        text = answer.read().decode()
    figures = Figures()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            figures[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return figures


def moved(before: Figures, after: Figures, name: str, **labels: str) -> float:
    return after.get_one(name, **labels) - before.get_one(name, **labels)


def health(port: int) -> tuple[int | None, str]:
    """The status and body of GET /healthz; (None, "") when nothing answers."""
    try:
        with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
            return int(answer.status), answer.read().decode()
    except HTTPError as error:
        return int(error.code), error.read().decode()
    except (URLError, OSError):
        return None, ""


async def wait_for_health(port: int, status: int, *, limit: float = 60.0) -> str:
    """Until /healthz answers `status`; its body then."""
    seen: list[str] = []

    def answered() -> bool:
        code, body = health(port)
        seen[:] = [body]
        return code == status

    await asyncio.to_thread(wait_until, answered, limit=limit, step=0.2, what=f"/healthz {status}")
    return seen[0]


def posted(fake: FakeSlack) -> int:
    return sum(1 for call in fake.calls_to("chat.postMessage") if call.error is None)


async def press_search_and_dm(
    ws: Workspace, fake: FakeSlack, port: int
) -> tuple[Figures, Figures, int]:
    """A host offers a slot and an intern her wish; then, between two scrapes: a search
    (`/praktik find ærø`), two presses (*Anmod*, the host's *Acceptér*) and the confirmed
    placement's DMs sent by the dispatcher. The scrapes before and after, and how many
    messages the fake Slack took in between."""
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await wish(anna)
    await ws.settle()
    before = await asyncio.to_thread(scrape, port)
    posts = posted(fake)
    await anna.command("/praktik", "find ærø")
    await anna.press(PlacementAction.REQUEST)
    await ws.settle()
    await bo.press(PlacementAction.ACCEPT)
    await ws.settle()

    def dispatched() -> bool:
        return moved(before, scrape(port), "praktik_outbox_dispatched_total", outcome="sent") > 0

    try:
        await asyncio.to_thread(wait_until, dispatched, limit=20, step=0.2, what="a dispatched DM")
    except AssertionError:
        print({k: v for k, v in scrape(port).items() if "praktik" in k[0]})
        raise
    await fake.quiet(1.5, limit=30)
    return before, await asyncio.to_thread(scrape, port), posted(fake) - posts


def assert_counters_moved(before: Figures, after: Figures, *, posts: int) -> None:
    """The figures of `press_search_and_dm`, exactly: one search, two presses, the DMs."""
    assert moved(before, after, "praktik_requests_total", kind="command", outcome="ok") == 1
    assert moved(before, after, "praktik_requests_total", kind="action", outcome="ok") == 2
    assert moved(before, after, "praktik_ack_seconds_count", kind="command") == 1
    assert moved(before, after, "praktik_ack_seconds_count", kind="action") == 2
    assert after.get_one("praktik_ack_seconds_bucket", kind="action", le="+Inf") >= 2
    sent = moved(before, after, "praktik_slack_calls_total", method="chat.postMessage", result="ok")
    assert sent == posts > 0
    assert moved(before, after, "praktik_outbox_dispatched_total", outcome="sent") >= 1
    assert after.get_one("praktik_outbox_rows", status="sent") >= 1
    assert after.get_one("praktik_database_up") == 1
    last_run = after.get_one("praktik_dispatch_last_run_timestamp_seconds")
    assert last_run > before.get_one("praktik_dispatch_last_run_timestamp_seconds")
