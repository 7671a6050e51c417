"""PRAKTIK_LOG_FORMAT=json as a log shipper meets it: `praktik serve` run as a real process,
every line on stderr one JSON object with the text line's fields and its redaction."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.sandbox.wire import JSON, signature
from bot.texts.coordinators import GROUP_UNREADABLE
from tests.stress.procs import BIN, ROOT, free_port, health, scratch_database, serve_env
from tests.waiting import wait_until

pytestmark = pytest.mark.slow

SECRET = "8f742231b10e8888abcd99a0b1c2d385"
TOKEN = "xoxb-1-praktik-json"
USER_TEXT = "hemmelig fritekst fra Anna"
FIELDS = {"time", "level", "logger", "message"}


def _post_unreadable(port: int) -> int:
    """A correctly signed body that is no JSON: answered 400 with one log line."""
    body = '{"text": "' + USER_TEXT + '", "token": "' + TOKEN + '"'
    stamp = str(int(time.time()))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body.encode(),
        headers={
            "Content-Type": JSON,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature(SECRET, stamp, body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return refused.code


def _lines(log: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("workers", [1, 2])
def test_every_line_of_serve_is_json_with_the_fields_and_nothing_secret(
    tmp_path: Path, workers: int
) -> None:
    database = f"sqlite:///{tmp_path / 'praktik.db'}"
    with scratch_database() if workers > 1 else contextlib.nullcontext() as url:
        port = free_port()
        env = serve_env(
            database_url=url or database,
            api_url="http://127.0.0.1:9/api/",  # Slack out of reach: the group is not read
            token=TOKEN,
            secret=SECRET,
            port=port,
        )
        env.update(PRAKTIK_LOG_FORMAT="json", PRAKTIK_ADMIN_GROUP="@praktik-koordinatorer")
        if workers > 1:
            subprocess.run(  # noqa: S603 - our own CLI, fixed arguments
                [str(BIN / "praktik"), "db", "upgrade"], env=env, cwd=ROOT, check=True
            )
        log = tmp_path / "stderr.log"
        with log.open("wb") as err:
            process = subprocess.Popen(  # noqa: S603 - our own CLI, fixed arguments
                [str(BIN / "praktik"), "serve", "--workers", str(workers)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
        try:
            wait_until(lambda: health(port) == 200, limit=60, what="serve answering")
            assert _post_unreadable(port) == 400
            wait_until(lambda: "400" in log.read_text(), limit=10, what="the refusal's line")
            wait_until(
                lambda: "Koordinatorgruppen" in log.read_text(), limit=30, what="group warning"
            )
        finally:
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 0
    lines = _lines(log)  # every line parses
    assert all(FIELDS <= set(line) <= FIELDS | {"exception"} for line in lines), lines
    assert any(line["logger"] == "praktik.requests" and "400" in line["message"] for line in lines)
    group = [line for line in lines if line["logger"] == "praktik.coordinators"]
    assert group and group[0]["level"] == "WARNING"
    assert group[0]["message"].startswith(GROUP_UNREADABLE.split("%s")[0])
    text = log.read_text(encoding="utf-8")
    assert TOKEN not in text and USER_TEXT not in text and SECRET not in text
    if workers > 1:  # gunicorn's own lines come through the app's handler too
        assert any(line["logger"].startswith("gunicorn") for line in lines)
