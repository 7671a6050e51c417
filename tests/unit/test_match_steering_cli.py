"""`praktik match` honours the interns file's `locked` and `forbidden` columns in both modes,
started as a coordinator starts it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.texts import steering as steering_texts
from tests.unit.offline_sheets import HOSTS

# Anna (Monday) and Frida (Tuesday) both fit Bo's two seats; Emil fits Cille on Wednesday.
INTERNS = """\
id,name,organisation,sector,municipality,days,topics,wanted_sectors,wanted_regions,choices,locked,forbidden
UANNA1,Anna Jensen,Styrelsen for Dataforsyning,stat,København,man,klima,kommune,,,,UHOST1
i2,Emil Krog,Viborg Kommune,kommune,Viborg,ons;fre,sundhed,,Midtjylland,h2,h3,
i3,Frida Lund,Odense Kommune,kommune,Odense,tir,klima,,,UHOST1;h3,,
i4,Gorm Vang,Skat,stat,Aarhus,tor,klima,,,,h2,
"""


def praktik(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    return subprocess.run(  # noqa: S603 - our own entry point, no shell
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=tmp_path,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("mode", ["stabil", "flest"])
def test_locked_pairs_are_placed_and_forbidden_ones_never(tmp_path: Path, mode: str) -> None:
    (tmp_path / "hosts.csv").write_text(HOSTS, encoding="utf-8")
    (tmp_path / "interns.csv").write_text(INTERNS, encoding="utf-8")
    run = praktik(
        tmp_path,
        "match",
        "--hosts",
        "hosts.csv",
        "--interns",
        "interns.csv",
        "--mode",
        mode,
        "--json",
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    pairs = {a["intern"]: a["host"] for a in found["assignments"]}
    assert pairs["i2"] == "h3"  # locked there, though Emil asked for h2
    assert pairs["i4"] == "h2"  # placed by hand on a day Gorm did not give
    assert pairs.get("UANNA1") != "UHOST1"  # forbidden
    assert pairs["i3"] == "UHOST1"
    assert found["metrics"]["locked"] == 2 and found["metrics"]["forbidden"] == 1

    table = praktik(
        tmp_path, "match", "--hosts", "hosts.csv", "--interns", "interns.csv", "--mode", mode
    )
    assert steering_texts.steering_line(locked=2, forbidden=1) in table.stdout


def test_a_lock_beyond_the_hosts_seats_or_on_an_unknown_host_is_refused(tmp_path: Path) -> None:
    (tmp_path / "hosts.csv").write_text(HOSTS, encoding="utf-8")
    crowded = INTERNS.replace("UHOST1;h3,,\n", "UHOST1;h3,h3,\n").replace(",h2,\n", ",h9,\n")
    (tmp_path / "interns.csv").write_text(crowded, encoding="utf-8")
    run = praktik(tmp_path, "match", "--hosts", "hosts.csv", "--interns", "interns.csv")
    assert run.returncode == 1
    assert "ukendt vært 'h9'" in run.stderr
    fixed = crowded.replace(",h9,\n", ",,\n")
    (tmp_path / "interns.csv").write_text(fixed, encoding="utf-8")
    run = praktik(tmp_path, "match", "--hosts", "hosts.csv", "--interns", "interns.csv")
    assert run.returncode == 1
    assert steering_texts.locked_over_capacity("h3", count=2, capacity=1) + "\n" in run.stderr
