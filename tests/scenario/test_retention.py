"""Retention: a season's personal data goes a configurable time after its evaluations close,
while its figures stay; the coordinators are warned once, 14 days ahead."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from typing import Any

from sqlalchemy import JSON, String, Text, select
from sqlmodel import Session, SQLModel

from bot.domain.retention import retention_at, warning_at
from bot.process.clock import ManualClock
from bot.registry.ids import NetworkAction
from bot.report.build import load_report
from bot.sandbox.harness import Harness
from bot.service.retention import retention_job, warning_key
from bot.service.rounds import expiry_job
from bot.texts import goal_figures as goal_texts
from bot.texts import network as network_texts
from bot.texts import retention as rt
from bot.texts import season as st
from models.db import Database
from models.tables import AuditEntry, OutboxMessage
from tests.conftest import ADMIN
from tests.scenario.flows import offer, wish
from tests.scenario.seasons import (
    dispatcher,
    local,
    placed_and_declined,
    sign_up_in_may_confirm_in_june,
)
from tests.talk import shown

MONTHS = 12
SECRET_WISH = "Jeg vil lære om hemmelig klimatilpasning."


def every_text(session: Session) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text and JSON cell of every table the app has."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        columns = [
            c
            for c in table.columns
            if isinstance(getattr(c.type, "impl", c.type), String | Text | JSON)
        ]
        for row in session.execute(select(*columns)).all() if columns else []:
            for column, value in zip(columns, row, strict=True):
                if value is not None:
                    found.append((table.name, column.name, str(value)))
    return found


def left(db: Database, values: list[str]) -> list[tuple[str, str, str]]:
    return [cell for cell in db.call(every_text) if any(v in cell[2] for v in values)]


async def stats_text(harness: Harness, year: int) -> str:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", f"admin stats {year}")
    return shown(kim.ephemerals[-1])


def figures(db: Database, year: int) -> Any:
    report = db.call(load_report, year=year)
    return report.figures


async def test_past_its_date_a_season_keeps_its_figures_and_loses_every_personal_value(
    harness: Harness, clock: ManualClock, db: Database
) -> None:
    clock.set(local(5, 3, 10))
    await placed_and_declined(harness)
    await offer(harness.workspace.person("UKIM2", "kim2", "Kim Anden"), description=SECRET_WISH)
    await harness.workspace.person(ADMIN, "kim", "Kim Koordinator").command(
        "/praktik", "admin sæson åbn 2028 2027-12-01"
    )  # an audit entry about season 2028 (kept) and invitations to 2027's people
    await dispatcher(harness).run_once(local(12, 1, 10))
    personal = ["UBO", "UCILLE", "UANNA", "UEMIL", "UKIM2", ADMIN, "Bo Hansen", "Anna Jensen"]
    personal += ["Cille Dahl", "Emil Krog", "Kim Anden", "Meget lærerigt", SECRET_WISH]
    assert left(db, personal)  # the scan finds them while they are there
    clock.set(local(1, 10, 10, y=2028))
    stats_before = await stats_text(harness, 2027)
    figures_before = figures(db, 2027)
    audit_before = db.call(lambda s: len(s.exec(select(AuditEntry)).all()))

    job = retention_job(
        harness.settings, db, clock, client=harness.app.client, coordinators=harness.coordinators
    )
    clock.set(retention_at(2027, MONTHS) - local(1, 1, y=2029).resolution)
    assert await job() == 0  # one moment before its date: untouched
    assert left(db, ["Anna Jensen", SECRET_WISH])

    clock.set(retention_at(2027, MONTHS))
    assert await job() == 1
    assert left(db, personal) == []
    assert figures(db, 2027) == figures_before
    assert await stats_text(harness, 2027) == stats_before.replace(
        goal_texts.NO_QUOTES, goal_texts.QUOTES_GONE
    )
    assert db.call(lambda s: len(s.exec(select(AuditEntry)).all())) > audit_before
    assert await job() == 0  # done once: a second run changes nothing
    assert figures(db, 2027) == figures_before


async def test_the_admin_stats_figures_are_the_same_after_anonymisation(
    harness: Harness, clock: ManualClock, db: Database
) -> None:
    await placed_and_declined(harness)
    clock.set(local(1, 10, 10, y=2028))
    before = await stats_text(harness, 2027)
    clock.set(retention_at(2027, MONTHS))
    assert (
        await retention_job(
            harness.settings,
            db,
            clock,
            client=harness.app.client,
            coordinators=harness.coordinators,
        )()
        == 1
    )
    after = await stats_text(harness, 2027)
    # The same figures; only the quotes (free text) are said to be gone with the season.
    assert after == before.replace(goal_texts.NO_QUOTES, goal_texts.QUOTES_GONE)
    assert goal_texts.QUOTES_GONE in after


async def test_a_later_seasons_data_stays_and_so_does_its_participants_name(
    harness: Harness, clock: ManualClock, db: Database
) -> None:
    _bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    clock.set(local(3, 1, 10, y=2028))
    await wish(anna, text=SECRET_WISH, days=["man 11. sep."])  # Anna signs up for 2028 too
    clock.set(retention_at(2027, MONTHS))
    assert (
        await retention_job(
            harness.settings,
            db,
            clock,
            client=harness.app.client,
            coordinators=harness.coordinators,
        )()
        == 1
    )
    assert left(db, ["Bo Hansen", "UBO", "lokal klimatilpasning"]) == []
    assert {cell[0] for cell in left(db, ["UANNA", "Anna Jensen", SECRET_WISH])} >= {
        "participant",
        "wish",
    }
    assert figures(db, 2027).placements == 1


async def test_the_network_entry_outlives_the_season_it_was_made_in(
    harness: Harness, clock: ManualClock, db: Database
) -> None:
    """The person chose to be findable: retention anonymises the season around the entry,
    and the entry alone still holds her name, title and workplace, and finds her."""
    _bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    clock.set(local(10, 5, 10))
    await anna.command("/praktik", "netværk til")
    await anna.press(NetworkAction.CONFIRM)
    assert network_texts.JOINED in shown(anna.ephemerals[-1])
    hers = ["UANNA", "Anna Jensen", "Udviklingskonsulent", "Styrelsen for Dataforsyning"]
    assert {cell[0] for cell in left(db, hers)} > {"networkentry"}  # in the season's rows too

    clock.set(retention_at(2027, MONTHS))
    job = retention_job(
        harness.settings, db, clock, client=harness.app.client, coordinators=harness.coordinators
    )
    assert await job() == 1
    assert {cell[0] for cell in left(db, hers)} == {"networkentry"}
    assert left(db, ["Bo Hansen", "UBO", "lokal klimatilpasning"]) == []  # never opted in

    emil = harness.workspace.person("UEMIL", "emil", "Emil Krog")
    await emil.command("/praktik", "netværk dataforsyning")
    found = shown(emil.ephemerals[-1])
    assert network_texts.found(1, "dataforsyning") in found
    for shown_of_her in ("<@UANNA>", "Anna Jensen", "Udviklingskonsulent"):
        assert shown_of_her in found
    assert "Styrelsen for Dataforsyning" in found
    assert network_texts.did_intern("Ærø Kommune", 2027) in found
    assert {cell[0] for cell in left(db, hers)} == {"networkentry"}  # searching kept it so


async def test_next_seasons_invitation_reaches_last_years_people_inside_the_period(
    harness: Harness, clock: ManualClock, db: Database
) -> None:
    _bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    job = retention_job(
        harness.settings, db, clock, client=harness.app.client, coordinators=harness.coordinators
    )
    clock.set(local(1, 17, 10, y=2028))  # 2028 opened on its own on 15 January
    assert await job() == 0
    await expiry_job(
        harness.settings, db, clock, client=harness.app.client, coordinators=harness.coordinators
    )()
    assert (await dispatcher(harness).run_once(clock.now())).sent == 2
    assert st.invite(2028).split("*")[1] in shown(anna.last_dm)
    clock.set(local(4, 12, 10, y=2028))  # spring: the invitation is answered
    assert await job() == 0
    await anna.press(st.INVITE_AS_INTERN)
    # Last year's answer filled in: the 2027 wish is still there.
    assert "lokal klimatilpasning" in json.dumps(anna.modal, ensure_ascii=False)


async def test_the_coordinators_are_warned_once_inside_the_send_window(
    harness: Harness, clock: ManualClock, db: Database
) -> None:
    await sign_up_in_may_confirm_in_june(harness, clock)
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    job = retention_job(
        harness.settings, db, clock, client=harness.app.client, coordinators=harness.coordinators
    )
    warn = warning_at(2027, MONTHS)
    clock.set(local(12, 31, 7, y=2028))  # before the 14 days: nothing
    await job()
    await dispatcher(harness).run_once(local(12, 31, 10, y=2028))
    assert kim.last_dm is None
    clock.set(local(1, 1, 6, y=2029))  # inside the 14 days, before the send window
    await job()
    assert (await dispatcher(harness).run_once(clock.now())).sent == 0
    clock.set(warn)
    await job()  # once per coordinator: planned again, nothing new
    assert (await dispatcher(harness).run_once(clock.now())).sent == 1
    assert rt.warning(2027, "").split(".*")[0] in shown(kim.last_dm)
    keys = db.call(lambda s: s.execute(select(OutboxMessage.key)).scalars().all())
    assert keys.count(warning_key(2027, ADMIN)) == 1
    clock.set(local(1, 2, 10, y=2029))
    await job()
    assert (await dispatcher(harness).run_once(clock.now())).sent == 0


async def test_praktik_retention_dry_run_lists_what_would_go_and_changes_nothing(
    harness: Harness, db: Database
) -> None:
    await placed_and_declined(harness)

    def praktik(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own entry point, as a coordinator runs it
            [sys.executable, "-m", "bot.cli", "retention", *args],
            env={**os.environ, "DATABASE_URL": db.url, **env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    done = await asyncio.to_thread(praktik, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert rt.season_line(2027, "man 15. jan. 2029", "").split(" – ")[0] in done.stdout
    assert rt.row_count(4, rt.TABLE_NAMES["participant"]) in done.stdout
    assert left(db, ["Anna Jensen"])
    bad = await asyncio.to_thread(lambda: praktik(PRAKTIK_RETENTION_MONTHS="mange"))
    assert bad.returncode == 2 and "PRAKTIK_RETENTION_MONTHS" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert left(db, ["Anna Jensen"])
