"""`/praktik admin log [antal | @person]`: who did what as a coordinator, allowed and
refused, newest first – over the real endpoint, within Slack's limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import admin as admin_texts
from bot.texts import audit as t
from models import audit
from models.tables import AuditEntry
from tests.conftest import ADMIN
from tests.scenario.flows import offer, wish
from tests.talk import shown


def _rows(session: Session) -> list[tuple[str, str, bool]]:
    found = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()  # type: ignore[arg-type]
    return [(a.actor, a.action, a.allowed) for a in found]


def _lines(person: Person) -> list[str]:
    """The log's entries as shown: one line each, below the title and summary."""
    blocks = person.ephemerals[-1].blocks
    return [
        line for b in blocks if b["type"] == "section" for line in b["text"]["text"].split("\n")
    ]


async def test_the_log_shows_who_did_what_newest_first_and_what_an_export_held(
    harness: Harness,
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    eve = ws.person("UEVE", "eve", "Eve Mallory")
    await offer(ws.person("UBO", "bo", "Bo Hansen"))
    await wish(ws.person("UANNA", "anna", "Anna Jensen"))
    await kim.command("/praktik", "admin eksport 2027")
    harness.clock.advance(timedelta(minutes=1))  # type: ignore[attr-defined]
    await eve.command("/praktik", "admin log")
    assert admin_texts.NOT_COORDINATOR in shown(eve.ephemerals[-1])
    harness.clock.advance(timedelta(minutes=1))  # type: ignore[attr-defined]
    await kim.command("/praktik", "admin log")

    lines = _lines(kim)
    # Newest first: kim's own `log`, eve's refused `log`, the export, the `eksport` command.
    assert len(lines) == 4
    assert f"<@{ADMIN}> · {t.used_command('log')} · {t.ALLOWED}" in lines[0]
    assert f"<@UEVE> · {t.used_command('log')} · *{t.REFUSED}*" in lines[1]
    exported = t.exported(
        t.EXPORTED_WHAT["placements"], 2027, "csv", [t.placements(0), t.people(0)]
    )
    assert f"<@{ADMIN}> · {exported} · {t.ALLOWED}" in lines[2]
    assert t.used_command("eksport") in lines[3]
    assert "man 3. maj 2027 kl. 10.02" in lines[0]
    assert t.summary(4, 4, None) in shown(kim.ephemerals[-1])
    assert await harness.db.run(_rows) == [
        (ADMIN, "admin eksport", True),
        (ADMIN, audit.EXPORT_ACTION, True),
        ("UEVE", "admin log", False),
        (ADMIN, "admin log", True),
    ]


@pytest.mark.parametrize("who", ["<@UEVE|eve>", "<@UEVE>", "UEVE"])
async def test_a_person_or_a_count_narrows_the_log(harness: Harness, who: str) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    eve = ws.person("UEVE", "eve", "Eve Mallory")
    for word in ("stats", "sæson", "match"):
        await eve.command("/praktik", f"admin {word}")
    await kim.command("/praktik", f"admin log {who}")
    lines = _lines(kim)
    assert len(lines) == 3 and all("<@UEVE>" in line and t.REFUSED in line for line in lines)
    assert t.used_command("match") in lines[0] and t.used_command("stats") in lines[2]
    assert t.summary(3, 3, "<@UEVE>") in shown(kim.ephemerals[-1])

    await kim.command("/praktik", f"admin log 2 {who}")
    assert len(_lines(kim)) == 2
    assert t.summary(2, 3, "<@UEVE>") in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin log 1")
    assert len(_lines(kim)) == 1 and t.used_command("log") in _lines(kim)[0]


@pytest.mark.parametrize(
    ("args", "answer"),
    [
        ("-5", t.COUNT_RANGE),
        ("0", t.COUNT_RANGE),
        ("101", t.COUNT_RANGE),
        ("99999999999", t.COUNT_RANGE),
        ("9" * 5000, t.COUNT_RANGE),
        ("<@U1|x>", t.nothing_by("<@U1>")),
        ("UNOBODY1", t.nothing_by("<@UNOBODY1>")),
        ("٣", t.not_a_person("٣")),
        ("@kim", t.not_a_person("@kim")),
        ("*fed* <script>", t.not_a_person("*\u200bfed*\u200b")),
        ("10 20", t.USAGE),
        ("<@UEVE> <@UKIM>", t.USAGE),
        ("hjælp", t.USAGE),
    ],
)
async def test_odd_text_gets_a_clear_danish_answer_and_changes_nothing(
    harness: Harness, args: str, answer: str
) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", f"admin log {args}")
    assert shown(kim.ephemerals[-1]) == f"{answer}\n{answer}"
    # Only the call itself was recorded.
    assert await harness.db.run(_rows) == [(ADMIN, "admin log", True)]


def _many(session: Session, now: object) -> None:
    """Entries whose detail is as long and as hostile as a coordinator can make it."""
    for n in range(150):
        audit.record(
            session,
            actor=ADMIN,
            action="topic add",
            allowed=True,
            now=now,  # type: ignore[arg-type]
            detail={"topic": f"{n} " + "&<>*" * 200, "added": True},
        )


async def test_a_hundred_long_entries_stay_within_slacks_limits(harness: Harness) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await harness.db.run(_many, now=harness.clock.now())
    await kim.command("/praktik", "admin log 100")
    shown_log = kim.ephemerals[-1]
    assert len(shown_log.blocks) <= 50
    lines = _lines(kim)
    assert len(lines) == 100
    assert all(len(b["text"]["text"]) <= 3000 for b in shown_log.blocks if b["type"] == "section")
    # Escaped first, clipped after: the user's text shows literally and ends in an ellipsis.
    assert "&amp;&lt;&gt;*\u200b" in lines[1] and "…" in lines[1]
    assert t.summary(100, 151, None) in shown(shown_log)
