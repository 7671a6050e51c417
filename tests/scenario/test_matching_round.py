"""The coordinator matches: preview both modes, send proposals, answers come in, one expires,
a second round places the rest, and those left over are told kindly."""

from __future__ import annotations

import copy
from datetime import timedelta

from sqlmodel import Session, col, select

from bot import texts
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.service import Env
from bot.service.rounds import expire_proposals
from bot.texts import rounds as round_texts
from models.tables import AuditEntry, Placement, Proposal, ProposalOrigin
from tests.conftest import ADMIN
from tests.scenario.flows import offer, wish
from tests.talk import buttons, last_words, press_as, shown

SEND_STABIL = "Send forslag (stabil)"
SEND_FLEST = "Send forslag (flest)"


def _proposals(session: Session) -> list[tuple[int, str, str, str]]:
    rows = session.exec(select(Proposal).order_by(col(Proposal.id))).all()
    return [(p.round, p.origin, p.status, p.host_answer + "/" + p.intern_answer) for p in rows]


def _env(harness: Harness) -> Env:
    return Env(
        client=harness.app.client,
        db=harness.db,
        clock=harness.clock,
        settings=harness.settings,
        coordinators=harness.coordinators,
    )


def _proposal_dm(person: Person) -> object:
    return next(m for m in reversed(person.dms) if "Koordinatoren foreslår" in shown(m))


async def test_two_rounds_of_proposals_with_accept_decline_expiry_and_the_unplaced_told(
    harness: Harness,
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cille = ws.person("UCILLE", "cille", "Cille Dahl")
    dan = ws.person("UDAN", "dan", "Dan Berg")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    emil = ws.person("UEMIL", "emil", "Emil Krog")
    frida = ws.person("UFRIDA", "frida", "Frida Lund")
    gorm = ws.person("UGORM", "gorm", "Gorm Vang")
    await kim.command("/praktik", "admin match")
    assert "ingen praktikønsker, der venter" in shown(kim.ephemerals[-1])
    assert buttons(kim.ephemerals[-1]) == []
    await offer(bo, topics=["klima"])
    await offer(
        cille,
        workplace="Region Midtjylland",
        sector="Region",
        municipality="Viborg",
        topics=["sundhed"],
    )
    await offer(
        dan,
        workplace="Digitaliseringsstyrelsen",
        sector="Stat",
        municipality="København",
        topics=["digitalisering"],
    )
    await wish(anna, sector="Stat", topics=["klima"])
    await wish(emil, workplace="Viborg Kommune", sector="Kommune", topics=["sundhed"])
    await wish(frida, workplace="Odense Kommune", sector="Kommune", topics=["digitalisering"])
    await wish(gorm, sector="Stat", topics=["klima"])

    # Round 1: both modes side by side, with the figures every preview reports.
    await kim.command("/praktik", "admin match")
    preview = copy.deepcopy(kim.ephemerals[-1])
    seen = shown(preview)
    assert "runde 1" in seen and "*4* praktikønsker" in seen and "*3* ledige pladser" in seen
    for figure in (
        "Placeret",
        "På tværs af sektor",
        "Førstevalg",
        "Blandt top 3",
        "Gns. placering",
        "Blokerende par",
        "Ikke placeret",
        "Ledige pladser bagefter",
        "Vægt på tværgående match: 6",
        "med vægt 0",
    ):
        assert figure in seen, figure
    assert "*Stabil*" in seen and "*Flest*" in seen and "75,0 % (3)" in seen
    assert buttons(preview)[:2] == [SEND_STABIL, SEND_FLEST]
    send = next(b for b in preview.blocks if b["type"] == "actions")["elements"][0]
    assert send["style"] == "primary" and "confirm" in send

    # Someone else replaying the button gets a refusal, and nothing is sent.
    eve = ws.person("UEVE", "eve", "Eve Mallory")
    await press_as(eve, preview, SEND_STABIL)
    assert "Kun koordinatorer" in shown(eve.ephemerals[-1])
    assert await harness.db.run(_proposals) == []

    await kim.press(SEND_STABIL)
    assert "Runde 1 er sendt (stabil): 3 forslag" in shown(kim.ephemerals[-1])
    assert buttons(kim.ephemerals[-1]) == []
    # A second press on the old preview, and the same payload retried, send nothing more.
    await press_as(kim, preview, SEND_STABIL)
    await press_as(kim, preview, SEND_FLEST)
    assert "Runde 1 er allerede sendt" in shown(kim.ephemerals[-1])
    first = await harness.db.run(_proposals)
    assert first == [(1, ProposalOrigin.MATCH, "pending", "pending/pending")] * 3

    for person in (bo, cille, dan, anna, emil, frida):
        asked = _proposal_dm(person)
        assert buttons(asked) == ["Acceptér", "Afslå"], person
        assert "Svar senest man 10. maj kl. 10.00" in shown(asked), person
    assert "Bo Hansen" not in shown(gorm.last_dm)
    told = shown(gorm.last_dm)
    assert "ikke fået et forslag" in told and "ikke en vurdering af dig" in told
    assert sum("ikke fået et forslag" in shown(m) for m in gorm.dms) == 1

    # Anna and Bo accept; Emil declines; Dan accepts but Frida never answers.
    await bo.press("Acceptér", where="message")
    await anna.press("Acceptér", where="message")
    assert "Din praktik er bekræftet" in shown(last_words(anna))
    await emil.press("Afslå", where="message")
    await dan.press("Acceptér", where="message")
    to_cille = _proposal_dm(cille)  # Emil said no: Cille's buttons are gone
    assert buttons(to_cille) == [] and "afslået" in shown(to_cille)

    harness.clock.advance(timedelta(days=7, minutes=1))
    assert await expire_proposals(_env(harness), harness.clock.now()) == 1
    assert await expire_proposals(_env(harness), harness.clock.now()) == 0
    for person in (dan, frida):
        expired = _proposal_dm(person)
        assert texts.OUTCOME_EXPIRED in shown(expired)
        assert buttons(expired) == []

    # Round 2: only the free seats (Cille's and Dan's) and the people still without a place.
    await kim.command("/praktik", "admin match")
    second = copy.deepcopy(kim.ephemerals[-1])
    seen = shown(second)
    assert "runde 2" in seen and "*3* praktikønsker" in seen and "*2* ledige pladser" in seen
    assert round_texts.preview_held(0, 1) in seen
    await kim.press(SEND_FLEST)
    assert "Runde 2 er sendt (flest): 2 forslag" in shown(kim.ephemerals[-1])

    rows = await harness.db.run(lambda s: s.exec(select(Proposal).where(Proposal.round == 2)).all())
    firsts = await harness.db.run(
        lambda s: s.exec(select(Proposal).where(Proposal.round == 1)).all()
    )
    # A pair closed in round 1 (declined or expired) may be proposed again; the placed
    # intern and her seat are not.
    placed_pair = {(p.slot_id, p.intern_id) for p in firsts if p.status == "confirmed"}
    assert len(rows) == 2 and not placed_pair & {(p.slot_id, p.intern_id) for p in rows}
    placed = await harness.db.run(lambda s: s.exec(select(Placement)).all())
    assert len(placed) == 1
    # Whoever is left over is told once per round, kindly.
    left = [p for p in (emil, frida, gorm) if "ikke fået et forslag" in shown(p.last_dm)]
    assert len(left) == 1
    sends = await harness.db.run(
        lambda s: s.exec(select(AuditEntry).where(AuditEntry.action == "match send")).all()
    )
    assert [(a.actor, a.allowed, a.detail.get("round")) for a in sends] == [
        ("UEVE", False, None),
        (ADMIN, True, 1),
        (ADMIN, True, 2),
    ]
