"""`praktik sandbox` tried as a new user would: becoming a coordinator, the files the bot
sends, numbers that mean the same after `vis`, a number that is not on the screen now, and
a script whose failed line shows in the exit code."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.process.clock import ManualClock
from bot.sandbox.console import Console
from bot.sandbox.console_tools import listed, user_id
from bot.sandbox.harness import Harness
from bot.texts import console as more
from bot.texts import sandbox as say
from models.db import Database
from models.tables import Proposal
from tests.scenario.console_scripts import HOST_INTERN_ACCEPT, said_after

VIBORG = """\
/som cecilie
/praktik tilbyd
udfyld 1 Viborg Bibliotek
udfyld 2 Kommune
udfyld 3 Viborg
udfyld 4 1
udfyld 5 man 13. sep.
udfyld 6 klima
udfyld 7 Bibliotek og klima.
send
"""


def _requests(session: Session) -> int:
    return len(session.exec(select(Proposal)).all())


@pytest.fixture
async def harness(db: Database, clock: ManualClock) -> AsyncIterator[Harness]:
    """The app as `praktik sandbox` starts it: its preset coordinator is a coordinator."""
    admins = frozenset(user_id(p.handle) for p in say.PRESETS if p.coordinator)
    running = await Harness.start(db=db, clock=clock, admins=admins, trigger_ttl=None)
    try:
        yield running
    finally:
        await running.stop()


async def _run(harness: Harness, lines: list[str], files: Path) -> tuple[int, str]:
    out = io.StringIO()
    console = Console(harness, out=out, files=files)
    code = await console.run(listed(lines), echo=True, numbered=True)
    return code, out.getvalue()


async def test_help_says_how_to_be_a_coordinator_and_it_works(
    harness: Harness, tmp_path: Path
) -> None:
    code, said = await _run(harness, ["hjælp", "/som kim", "/praktik admin stats"], tmp_path)
    assert code == 0, said
    help_text = " ".join(said_after(said, "anna> hjælp").split())
    assert "Koordinator: skriv `/som kim`" in help_text and "PRAKTIK_ADMINS" in help_text
    assert "Statistik for Innovationspraktikken" in said_after(said, "kim> /praktik admin stats")


async def test_files_the_bot_sends_are_saved_where_the_console_says(
    harness: Harness, tmp_path: Path
) -> None:
    lines = [
        *HOST_INTERN_ACCEPT.splitlines(),
        "/som anna",
        "/praktik mine-data",
        "/som kim",
        "/praktik admin stats",
        "/praktik admin eksport",
    ]
    code, said = await _run(harness, lines, tmp_path / "filer")
    assert code == 0, said
    saved = [Path(p) for p in re.findall(r"^   gemt som (.+)$", said, re.MULTILINE)]
    # Both sides' calendar files (sent right after the confirmation) come first; then what
    # was asked for.
    assert all(p.parent == tmp_path / "filer" for p in saved)
    assert [p.suffix for p in saved[:2]] == [".ics", ".ics"]
    assert [p.name for p in saved[2:]] == [
        "praktikbot-mine-data.json",
        "innovationspraktik-2027-statistik.png",
        "innovationspraktik-2027-aftaler.csv",
    ]
    uploaded = {f.name: f.content for f in harness.fake.files.values()}
    for path in saved[2:]:
        assert path.read_bytes() == uploaded[path.name]  # the very bytes the bot uploaded
    calendars = [f.content for f in harness.fake.files.values() if f.name.endswith(".ics")]
    assert sorted(p.read_bytes() for p in saved[:2]) == sorted(calendars)  # same name twice
    assert saved[3].read_bytes().startswith(b"\x89PNG")
    assert "Anna Jensen" in saved[2].read_text(encoding="utf-8")


async def test_vis_shows_a_message_with_the_numbers_it_had(
    harness: Harness, tmp_path: Path
) -> None:
    lines = [
        *HOST_INTERN_ACCEPT.splitlines()[:-6],  # Bo's slot only
        *VIBORG.splitlines(),
        "/som anna",
        "/praktik find klima",  # both slots: [1] Ærø, [2] Viborg
        "/praktik find viborg",  # only Viborg: [1]
        "vis",
        "tryk 1",
    ]
    code, said = await _run(harness, lines, tmp_path)
    assert code == 0, said
    found = said_after(said, "anna> /praktik find viborg")
    assert "[1] Anmod" in found and "Viborg Bibliotek" in found
    shown = said_after(said, "anna> vis")
    older, _, newest = shown.rpartition("── Kun synlig for dig ──")
    assert "Viborg Bibliotek" in newest and "[1] Anmod" in newest  # as before `vis`
    assert "[2] Anmod" in older and "[3] Anmod" in older  # the older list, after it
    assert "hos *Viborg Bibliotek*" in said_after(said, "anna> tryk 1")


async def test_a_number_not_on_the_screen_now_presses_nothing_older(
    harness: Harness, tmp_path: Path
) -> None:
    lines = [
        *HOST_INTERN_ACCEPT.splitlines()[:-6],
        "/som anna",
        "/praktik find ærø",  # [1] Anmod
        "/praktik status",  # no buttons
        "tryk 1",
    ]
    code, said = await _run(harness, lines, tmp_path)
    assert code == 1
    pressed = said_after(said, "anna> tryk 1")
    assert more.no_button_now(1) in pressed
    assert "→ til Bo Hansen" not in said  # no request reached the host
    assert await harness.db.run(_requests) == 0


def test_a_script_with_a_failed_line_exits_non_zero_and_says_how_many(tmp_path: Path) -> None:
    script = tmp_path / "fejl.txt"
    script.write_text("/praktik hjælp\nhop\n/som kim\n/praktik admin eksport\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "NO_COLOR"))}
    env["TMPDIR"] = str(tmp_path)
    done = subprocess.run(  # noqa: S603 - our own entry point, no shell
        [sys.executable, "-m", "bot.cli", "sandbox", "--script", str(script)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    out = done.stdout
    assert "! Linje 2: Det forstår jeg ikke: »hop«." in out
    assert out.rstrip().endswith("1 linje fejlede.\nFarvel.")
    folder = re.search(r"gemmes i (\S+)", out)
    assert folder is not None and Path(folder.group(1)).parent == tmp_path
    csv = Path(folder.group(1)) / "innovationspraktik-2027-aftaler.csv"
    assert f"gemt som {csv}" in out and csv.read_bytes().startswith(b"\xef\xbb\xbf")
