"""Log lines: secrets hidden as whole values only, one time zone with its offset, and no
per-run library chatter."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from bot.process import logs
from bot.process.logs import HIDDEN, Redact

SECRET = "8f742231b10e8888abcd99a0b1c2d385"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"secret={SECRET}", f"secret={HIDDEN}"),
        (f"signing {SECRET}.", f"signing {HIDDEN}."),
        ("token xoxb-123-456-abc sent", f"token {HIDDEN} sent"),
        ("https://x/?token=abc&b=1", f"https://x/?token={HIDDEN}&b=1"),
        ("xapp-1-A0-99-ff in a line", f"{HIDDEN} in a line"),
        # Part of a longer word or token is no secret of ours: left as it is.
        (f"{SECRET}ff and ff{SECRET}", f"{SECRET}ff and ff{SECRET}"),
        ("sommerhus, slots og sessions", "sommerhus, slots og sessions"),
    ],
)
def test_redaction_hides_whole_secrets_and_nothing_else(text: str, expected: str) -> None:
    assert Redact(SECRET, "s", "", "kort").scrub(text) == expected


def test_a_secret_too_short_to_be_one_never_mangles_other_text() -> None:
    line = "Sending 3 DMs to Susanne's slots"
    assert Redact("s", "S", "DM", "e").scrub(line) == line


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    yield from _captured("text")


@pytest.fixture
def captured_json() -> Iterator[io.StringIO]:
    yield from _captured("json")


def _captured(fmt: logs.Format) -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    stream = io.StringIO()
    logs.setup(SECRET, tz=ZoneInfo("Europe/Copenhagen"), fmt=fmt)
    root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
    try:
        yield stream
    finally:
        root.handlers[:] = saved
        root.setLevel(level)
        logging.getLogger("apscheduler").setLevel(logging.NOTSET)


def test_timestamps_are_in_one_zone_with_the_offset(captured: io.StringIO) -> None:
    logging.getLogger("praktik.test").info("hej %s", SECRET)
    line = captured.getvalue().strip()
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[12]:00 INFO praktik\.test: hej \[hemmelig\]",
        line,
    ), line


def test_apscheduler_runs_and_alembic_boilerplate_stay_out_at_info(captured: io.StringIO) -> None:
    logging.getLogger("apscheduler.executors.default").info('Running job "tick"')
    logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
    logging.getLogger("alembic.runtime.migration").info("Running upgrade 0001 -> 0002")
    logging.getLogger("apscheduler.scheduler").warning("Run time of job was missed")
    kept = captured.getvalue()
    assert "Running job" not in kept and "Context impl" not in kept
    assert "Running upgrade 0001 -> 0002" in kept and "was missed" in kept


def test_json_lines_carry_the_text_lines_fields_and_their_redaction(
    captured_json: io.StringIO,
) -> None:
    logging.getLogger("praktik.test").warning("hej %s og xoxb-1-2-abc\nanden linje", SECRET)
    try:
        raise ValueError(f"token=xoxp-9-9 {SECRET}")
    except ValueError:
        logging.getLogger("praktik.test").exception("det gik galt for %s", "Ærø")
    lines = captured_json.getvalue().splitlines()
    assert len(lines) == 2, lines  # a line break inside a message stays inside its object
    first, second = map(json.loads, lines)
    assert set(first) == {"time", "level", "logger", "message"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[12]:00", first["time"])
    assert (first["level"], first["logger"]) == ("WARNING", "praktik.test")
    assert first["message"] == f"hej {HIDDEN} og {HIDDEN}\nanden linje"
    assert second["message"] == "det gik galt for Ærø"
    assert "ValueError" in second["exception"] and "Traceback" in second["exception"]
    assert SECRET not in captured_json.getvalue() and "xoxp-9-9" not in captured_json.getvalue()
