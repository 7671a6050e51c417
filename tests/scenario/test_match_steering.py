"""The coordinator reads the match by name and steers it: every pair and every unplaced
intern listed (paged, and as CSV), then lock, forbid and place by hand change the next
preview and the proposals that are sent."""

from __future__ import annotations

import copy
import csv
import io

from sqlmodel import Session, col, select

from bot.sandbox.harness import Harness
from bot.texts import steering as st
from models.tables import HostSlot, Participant, Proposal
from tests.conftest import ADMIN
from tests.scenario.flows import numbers, offer, wish
from tests.talk import buttons, shown

SEND_STABIL = "Send forslag (stabil)"


def _sent(session: Session) -> set[tuple[str, str]]:
    rows = session.exec(
        select(Proposal, HostSlot, Participant)
        .join(HostSlot, col(HostSlot.id) == Proposal.slot_id)
        .join(Participant, col(Participant.id) == Proposal.intern_id)
    ).all()
    return {(intern.name, slot.workplace) for _, slot, intern in rows}


async def test_the_preview_names_every_pair_and_the_coordinator_steers_it(
    harness: Harness,
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo, dan = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UDAN", "dan", "Dan Berg")
    anna, gorm = ws.person("UANNA", "anna", "Anna Jensen"), ws.person("UGORM", "gorm", "Gorm Vang")
    frida = ws.person("UFRIDA", "frida", "Frida Lund")
    await offer(bo, topics=["klima"])
    await offer(
        dan,
        workplace="Digitaliseringsstyrelsen",
        sector="Stat",
        municipality="København",
        topics=["digitalisering"],
    )
    await wish(anna, sector="Stat", topics=["klima"])
    await wish(gorm, workplace="Skat", sector="Stat", topics=["klima"], days=["tor 16. sep."])
    await wish(frida, workplace="Odense Kommune", sector="Kommune", topics=["digitalisering"])
    ids = await harness.db.run(numbers)

    await kim.command("/praktik", "admin match")
    preview = shown(kim.ephemerals[-1])
    assert "*Parrene (stabil)* – Side 1 af 1" in preview
    anna_at_bo = st.named_pair(
        st.named_intern(ids["anna"], "Anna Jensen", "Styrelsen for Dataforsyning"),
        ids["bo"],
        "Ærø Kommune",
    )
    week = "man 13. sep., tir 14. sep., ons 15. sep., tor 16. sep., fre 17. sep."
    assert " · ".join([anna_at_bo, week, st.nth_option(1), st.CROSSES]) in preview
    assert f"`{ids['frida']}` *Frida Lund* (Odense Kommune) → `{ids['dan']}`" in preview
    assert f"`{ids['gorm']}` *Gorm Vang* (Skat) – passende pladser er optaget" in preview
    assert "sendt til dig som CSV" in preview
    sheet = kim.files[-1]
    assert sheet.name == "match-2027-runde-1.csv"
    rows = list(csv.reader(io.StringIO(sheet.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["måde", "praktikant-nr", "praktikant"]
    assert {r[0] for r in rows[1:]} == {"stabil", "flest"}
    gorm_row = next(r for r in rows if r[:3] == ["stabil", ids["gorm"], "Gorm Vang"])
    assert gorm_row[-1] == "passende pladser er optaget"

    # The other mode's pairs, one press away.
    await kim.press("Vis parrene for flest")
    assert "*Parrene (flest)*" in shown(kim.ephemerals[-1])

    # Forbid Anna at Bo's, lock Gorm there, place Anna by hand at Dan's.
    await kim.command("/praktik", f"admin match forbyd {ids['anna']} {ids['bo']}")
    again = shown(kim.ephemerals[-1])
    assert st.steered("forbid", ids["anna"], ids["bo"]) in again
    assert st.named_forbidden(ids["anna"], "Anna Jensen", ids["bo"], "Ærø Kommune") in again
    assert f"`{ids['anna']}` *Anna Jensen* (Styrelsen for Dataforsyning) → `{ids['bo']}`" not in (
        again
    )
    await kim.command("/praktik", f"admin match lås {ids['gorm']} {ids['bo']}")
    again = shown(kim.ephemerals[-1])
    gorm_named = st.named_intern(ids["gorm"], "Gorm Vang", "Skat")
    assert st.named_pair(gorm_named, ids["bo"], "Ærø Kommune") in again
    assert st.LOCKED_MARK in again
    await kim.command("/praktik", f"admin match placér {ids['anna']} {ids['dan']}")
    again = copy.deepcopy(kim.ephemerals[-1])
    seen = shown(again)
    assert st.PLACED_MARK in seen
    assert f"`{ids['frida']}` *Frida Lund* (Odense Kommune) – passende pladser er optaget" in seen

    # Bad steering is refused and changes nothing.
    await kim.command("/praktik", f"admin match lås {ids['frida']} {ids['dan']}")
    assert st.seats_all_fixed(ids["dan"], 1) in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin match lås anna bo")
    assert "Styr næste runde" in shown(kim.ephemerals[-1])

    await kim.command("/praktik", "admin match")
    assert buttons(kim.ephemerals[-1])[0] == SEND_STABIL
    await kim.press(SEND_STABIL)
    assert "Runde 1 er sendt (stabil): 2 forslag" in shown(kim.ephemerals[-1])
    assert await harness.db.run(_sent) == {
        ("Gorm Vang", "Ærø Kommune"),
        ("Anna Jensen", "Digitaliseringsstyrelsen"),
    }
    assert "ikke fået et forslag" in shown(frida.last_dm)
    assert "*Dage i praktik:* tor 16. sep." in shown(gorm.last_dm)
