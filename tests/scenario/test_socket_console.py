"""`praktik sandbox --socket` and `praktik demo --socket`, started as a user starts them:
the same console and the same season as over HTTP, every gesture a Socket Mode envelope."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scenario.console_scripts import HOST_INTERN_ACCEPT

PRAKTIK = Path(sys.executable).parent / "praktik"
TIMINGS = "## Tid pr. fase"


def _praktik(*args: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "NO_COLOR"))}
    return subprocess.run(  # noqa: S603 - the installed command, fixed arguments
        [str(PRAKTIK), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        cwd=folder,
        env=env,
        check=False,
    )


def test_the_sandbox_over_socket_mode_shows_what_it_shows_over_http(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text(HOST_INTERN_ACCEPT, encoding="utf-8")
    over_http = _praktik("sandbox", "--script", str(script), "--strict", folder=tmp_path)
    over_socket = _praktik(
        "sandbox", "--socket", "--script", str(script), "--strict", folder=tmp_path
    )
    assert over_http.returncode == 0, over_http.stdout + over_http.stderr
    assert over_socket.returncode == 0, over_socket.stdout + over_socket.stderr
    assert "Traceback" not in over_socket.stderr
    banner, *after = _same_folder(over_socket.stdout).split("\n# Bo offers a host slot\n")
    assert "Forbindelse: Socket Mode" in banner
    assert "Aftalen er bekræftet" in after[0]
    assert after == _same_folder(over_http.stdout).split("\n# Bo offers a host slot\n")[1:]


def _same_folder(transcript: str) -> str:
    """Each run saves the files the bot sends in a temporary folder of its own."""
    return re.sub(r"/\S*praktik-sandbox-filer-[^/\s]+/", "MAPPE/", transcript)


def _figures(report: str) -> tuple[list[str], list[list[str]]]:
    """The report without how it ran: the intro line and the seconds per phase left out."""
    figures, timings = report.split(TIMINGS)
    lines = figures.splitlines()
    del lines[2]  # "... Alt gik gennem appens rigtige HTTP-endepunkt ..." or "... Socket Mode ..."
    rows = [line.split("|") for line in timings.splitlines() if line.startswith("| ")]
    counted = [row[2:3] + row[4:] for row in rows[1:]]  # simulated time, requests, Slack calls
    return lines, counted


@pytest.mark.slow
def test_the_demo_over_socket_mode_reports_the_same_season_as_over_http(tmp_path: Path) -> None:
    args = ("demo", "--participants", "12", "--seed", "5", "--year", "2027")
    over_http = _praktik(*args, "--out", str(tmp_path / "http"), folder=tmp_path)
    over_socket = _praktik(*args, "--socket", "--out", str(tmp_path / "socket"), folder=tmp_path)
    assert over_http.returncode == 0, over_http.stdout + over_http.stderr
    assert over_socket.returncode == 0, over_socket.stdout + over_socket.stderr
    assert "Socket Mode" in over_socket.stdout.split(TIMINGS)[1]
    assert "Databasen giver de samme tal" in over_socket.stdout
    assert _figures(over_socket.stdout) == _figures(over_http.stdout)
