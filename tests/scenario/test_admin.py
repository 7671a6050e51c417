"""Coordinators: only they get in, everything they do is in the audit log."""

from __future__ import annotations

import copy

import pytest
from sqlmodel import Session, select

from bot.sandbox.harness import Harness
from bot.texts import admin as admin_texts
from bot.texts.commands import did_you_mean_admin
from models.tables import AuditEntry, OutboxMessage, SeasonSettings
from tests.conftest import ADMIN
from tests.scenario.flows import offer, wish
from tests.talk import buttons, press_as, shown


def _audit(session: Session) -> list[tuple[str, str, bool]]:
    return [
        (a.actor, a.action, a.allowed)
        for a in session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
    ]


@pytest.mark.parametrize(
    "sub", ["", "match", "stats", "eksport", "sæson", "sæson frist 2027-06-01", "besked hej"]
)
async def test_every_admin_command_is_refused_for_others_and_audited(
    harness: Harness, sub: str
) -> None:
    eve = harness.workspace.person("UEVE", "eve", "Eve Mallory")
    await eve.command("/praktik", f"admin {sub}")
    assert "Kun koordinatorer" in shown(eve.ephemerals[-1])
    entries = await harness.db.run(_audit)
    assert entries == [("UEVE", f"admin {sub.split(' ')[0]}".strip(), False)]
    assert await harness.db.run(lambda s: s.exec(select(SeasonSettings)).all()) == []


async def test_coordinator_sees_and_changes_the_season(harness: Harness) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", "admin sæson")
    facts = shown(kim.ephemerals[-1])
    assert (
        "Sæson 2027" in facts
        and "man 13. sep. – fre 17. sep." in facts
        and "fre 11. jun. 2027" in facts
    )

    await kim.command("/praktik", "admin sæson frist 2027-09-20")
    assert "før uge 37" in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin sæson frist 2027-06-04")
    assert "fre 4. jun. 2027" in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin sæson godkendelse til")
    assert "Lederens godkendelse:* til" in shown(kim.ephemerals[-1])
    actions = [a for _, a, _ in await harness.db.run(_audit)]
    assert actions.count("season set") == 2


async def test_announcement_is_previewed_then_queued_once_for_every_participant(
    harness: Harness,
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo, anna = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await wish(anna)
    await kim.command("/praktik", "admin besked Husk evalueringen <!channel> *tak*")
    preview = copy.deepcopy(kim.ephemerals[-1])
    assert "sendes til *2* deltagere" in shown(preview) and buttons(preview) == ["Send til alle"]
    await kim.press("Send til alle")
    assert admin_texts.announce_planned(2) in shown(kim.ephemerals[-1])
    await press_as(kim, preview, "Send til alle")  # a retried press queues nothing more
    assert admin_texts.announce_planned(0) in shown(kim.ephemerals[-1])
    rows = await harness.db.run(
        lambda s: s.exec(select(OutboxMessage).where(OutboxMessage.kind == "announcement")).all()
    )
    assert sorted(r.recipient for r in rows) == ["UANNA", "UBO"]
    # The DM shows what the preview showed: the text as written, no live @channel.
    assert all(r.payload["text"] == "Husk evalueringen &lt;!channel&gt; *tak*" for r in rows)
    assert all(
        r.payload["blocks"][-1]["text"]
        == {"type": "plain_text", "text": "Husk evalueringen <!channel> *tak*", "emoji": False}
        for r in rows
    )


async def test_nobody_who_erased_their_data_is_written_to(harness: Harness) -> None:
    """Their anonymous row stays for the figures; an announcement does not go to it."""
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo, anna = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await wish(anna)
    await anna.command("/praktik", "slet-mine-data")
    await anna.press("Slet mine data")
    await kim.command("/praktik", "admin besked Husk evalueringen")
    assert "sendes til *1* deltager" in shown(kim.ephemerals[-1])


async def test_coordinator_extends_the_topic_list_and_hosts_can_pick_the_new_topic(
    harness: Harness,
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", "admin emne tilføj grøn omstilling")
    assert "»grøn omstilling« er tilføjet" in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin emne tilføj grøn omstilling")
    assert "findes allerede" in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin emner")
    assert "grøn omstilling" in shown(kim.ephemerals[-1])

    bo = ws.person("UBO", "bo", "Bo Hansen")
    await offer(bo, topics=["grøn omstilling", "klima"])
    assert "grøn omstilling, klima" in shown(bo.last_dm)


@pytest.mark.parametrize("word", ["hjælp", "HJÆLP", "hjaelp", "help"])
async def test_admin_help_lists_the_coordinators_commands(harness: Harness, word: str) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", f"admin {word}")
    seen = shown(kim.ephemerals[-1])
    assert "Koordinatorens kommandoer" in seen and "findes ikke" not in seen
    for command in ("match", "stats", "eksport", "sæson", "besked", "emner"):
        assert f"/praktik admin {command}" in seen


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("sæsn", "/praktik admin sæson"),
        ("stast", "/praktik admin stats"),
        ("hjlp", "/praktik admin hjælp"),
    ],
)
async def test_admin_typo_names_the_closest_coordinator_command(
    harness: Harness, text: str, meant: str
) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", f"admin {text}")
    seen = shown(kim.ephemerals[-1])
    assert did_you_mean_admin(text, meant) in seen
    assert "/praktik admin besked" not in seen
    await kim.command("/praktik", "admin xyzzy")
    seen = shown(kim.ephemerals[-1])
    assert "»xyzzy« findes ikke" in seen and "/praktik admin match" in seen
