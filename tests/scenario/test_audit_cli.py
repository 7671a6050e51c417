"""`praktik audit --out FILE [--since DATO]` as a real process: the coordinators' actions as
CSV; it and `praktik eksport` are recorded in the log, with what they exported."""

from __future__ import annotations

import csv
import getpass
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

from bot.sandbox.harness import Harness
from bot.texts import audit as t
from bot.texts import cli as cli_texts
from models import audit
from tests.commandline import praktik
from tests.conftest import ADMIN, CPH
from tests.scenario.flows import offer, wish


def _read(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


async def test_the_audit_file_holds_every_action_and_exports_are_logged_with_what_they_held(
    harness: Harness, tmp_path: Path
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    eve = ws.person("UEVE", "eve", "Eve Mallory")
    await offer(ws.person("UBO", "bo", "Bo Hansen"))
    await wish(ws.person("UANNA", "anna", "Anna Jensen"))
    await eve.command("/praktik", "admin eksport")
    await kim.command("/praktik", 'admin emne tilføj =HYPERLINK("x")')

    url = ("--url", harness.db.url)
    signups = praktik(
        "eksport", "--tilmeldinger", "--out", "ud", "--year", "2027", *url, cwd=tmp_path
    )
    assert signups.returncode == 0, signups.stderr
    run = praktik("audit", "--out", "log.csv", *url, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == t.written("log.csv", 4)

    rows = _read(tmp_path / "log.csv")
    assert tuple(rows[0]) == t.CSV_HEADER
    body = rows[1:]
    assert [(r[1], r[2], r[3]) for r in body] == [
        ("UEVE", "admin eksport", t.NO),
        (ADMIN, "admin emne", t.YES),
        (ADMIN, "topic add", t.YES),
        (body[3][1], audit.EXPORT_ACTION, t.YES),
    ]
    assert body[3][1] == t.cli_actor(getpass.getuser())  # the account that ran the command
    assert body[0][4] == t.used_command("eksport")
    assert body[2][4] == t.topic_added('=HYPERLINK("x")', True)
    signed_up = t.exported(t.EXPORTED_WHAT["signups"], 2027, "csv", [t.people(2)])
    assert body[3][4] == signed_up
    assert json.loads(body[3][5]) == {"what": "signups", "format": "csv", "year": 2027, "people": 2}

    # The audit export is itself in the log, and the coordinator reads it in Slack.
    await kim.command("/praktik", "admin log 3")
    lines = [b["text"]["text"] for b in kim.ephemerals[-1].blocks if b["type"] == "section"]
    exported = t.exported(t.EXPORTED_WHAT["audit"], None, "csv", [t.entries(4)])
    assert exported in lines[0] and signed_up in lines[0]


async def test_since_keeps_the_days_from_its_local_midnight(
    harness: Harness, tmp_path: Path
) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    harness.clock.set(datetime(2027, 5, 3, 23, 30, tzinfo=CPH))  # type: ignore[attr-defined]
    await kim.command("/praktik", "admin stats")
    harness.clock.advance(timedelta(hours=1))  # type: ignore[attr-defined]
    await kim.command("/praktik", "admin sæson")
    url = ("--url", harness.db.url)
    run = praktik("audit", "--out", "fra.csv", "--since", "2027-05-04", *url, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    rows = _read(tmp_path / "fra.csv")[1:]
    assert [(r[0], r[2]) for r in rows] == [("2027-05-04 00:30:00", "admin sæson")]

    bad = praktik("audit", "--out", "x.csv", "--since", "4. maj", *url, cwd=tmp_path)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert cli_texts.AUDIT_SINCE_FORMAT in bad.stderr
    assert not (tmp_path / "x.csv").exists()


def test_an_unmigrated_database_is_a_danish_sentence(tmp_path: Path) -> None:
    run = praktik(
        "audit", "--out", "x.csv", "--url", f"sqlite:///{tmp_path / 'tom.db'}", cwd=tmp_path
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.startswith("Databasen kan ikke læses")
