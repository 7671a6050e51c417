"""A pair the coordinator forbids is never offered to that intern: not in her suggestions,
not in her search (on no page), not through an old *Anmod* button; everyone else still sees
the slot. And a steer on a pair replaces the earlier one and says what it replaced."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot import texts
from bot.domain.placement import Refusal
from bot.registry.ids import PlacementAction
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts.steering import LOCKED_MARK, PLACED_MARK, replaced, steered
from bot.views.refusals import refusal_text
from models.tables import HostSlot, Participant, Proposal
from tests.conftest import ADMIN
from tests.scenario.flows import numbers, offer, wish
from tests.talk import buttons, shown

OTHERS = 10  # slots besides the two named ones: a search for "klima" fills two pages


def _requests(session: Session) -> set[tuple[str, str]]:
    rows = session.exec(
        select(Participant.name, HostSlot.workplace)
        .join(Proposal, col(Proposal.intern_id) == Participant.id)
        .join(HostSlot, col(HostSlot.id) == Proposal.slot_id)
    ).all()
    return {(name, workplace) for name, workplace in rows}


def _anmod(message: object) -> set[str]:
    """The slot numbers the message's *Anmod* buttons ask for."""
    blocks = getattr(message, "blocks", None) or (
        message.get("blocks", []) if isinstance(message, dict) else []
    )
    return {
        b["accessory"]["value"]
        for b in blocks
        if b.get("accessory", {}).get("action_id") == PlacementAction.REQUEST
    }


async def _search_every_page(person: Person, query: str) -> tuple[list[str], set[str]]:
    """What each page of a search shows, and the slots it offers *Anmod* for on any."""
    await person.command("/praktik", f"find {query}")
    pages, offered = [shown(person.ephemerals[-1])], _anmod(person.ephemerals[-1])
    while "Vis flere" in buttons(person.ephemerals[-1]):
        await person.press("Vis flere", where="ephemeral")
        pages.append(shown(person.ephemerals[-1]))
        offered |= _anmod(person.ephemerals[-1])
    return pages, offered


async def test_a_forbidden_pair_is_never_offered_to_that_intern_yet_others_may_ask(
    harness: Harness,
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo, dan = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UDAN", "dan", "Dan Berg")
    anna, gorm = ws.person("UANNA", "anna", "Anna Jensen"), ws.person("UGORM", "gorm", "Gorm Vang")
    await offer(dan, workplace="Digitaliseringsstyrelsen", sector="Stat", municipality="København")
    for n in range(OTHERS):
        host = ws.person(f"UHOST{n}", f"host{n}", f"Vært{n} Holm")
        await offer(host, workplace=f"Klimahuset {n}", sector="Stat", municipality="København")
    # Ærø: across the sector for both interns, their best fit; the newest, so a search for
    # "klima" (every slot's topic) shows it last, on the second page.
    await offer(bo)
    await wish(anna)
    await wish(gorm, workplace="Skat")
    ids = await harness.db.run(numbers)
    bo_slot, dan_slot = ids["bo"].removeprefix("V"), ids["dan"].removeprefix("V")
    old_suggestions = anna.last_dm
    assert bo_slot in _anmod(old_suggestions)  # her best fit, until the coordinator says no
    assert bo_slot in _anmod(gorm.last_dm)

    await kim.command("/praktik", f"admin match forbyd {ids['anna']} {ids['bo']}")
    assert steered("forbid", ids["anna"], ids["bo"]) in shown(kim.ephemerals[-1])

    # Her suggestions leave it out, without a word about why.
    await wish(anna)
    assert "Digitaliseringsstyrelsen" in shown(anna.last_dm)
    assert "Ærø" not in shown(anna.last_dm) and bo_slot not in _anmod(anna.last_dm)

    # Her search leaves it out on every page, and counts without it.
    pages, offered = await _search_every_page(anna, "klima")
    assert len(pages) == 2
    assert texts.search_header("klima", OTHERS + 1, 11, 11) in pages[1]
    assert not any("Ærø" in page for page in pages) and bo_slot not in offered
    assert len(offered) == OTHERS + 1

    # Her old button for it is refused kindly; nothing is made and the host hears nothing.
    host_dms = len(bo.dms)
    await anna.press("Anmod", value=bo_slot, where="message")
    assert refusal_text(Refusal.NOT_OPEN) in shown(anna.ephemerals[-1])
    assert await harness.db.run(_requests) == set()
    assert len(bo.dms) == host_dms

    # A host's no brings other slots, and still not that one.
    await anna.press("Anmod", value=dan_slot)
    await dan.press("Afslå")
    told = anna.last_dm
    assert texts.declined_intern("Digitaliseringsstyrelsen") in shown(told)
    assert "Ærø" not in shown(told) and bo_slot not in _anmod(told) and _anmod(told)

    # App Home lists no slot to ask for.
    await anna.open_home()
    assert "Anmod" not in buttons(anna.home) and "Ærø" not in shown(anna.home)

    # Another intern still finds the slot and asks for it; the host is asked.
    pages, offered = await _search_every_page(gorm, "klima")
    assert texts.search_header("klima", OTHERS + 2, 11, 12) in pages[1]
    assert "Ærø" in pages[1] and bo_slot in offered  # on the later page, as it would be hers
    await gorm.press("Anmod", value=bo_slot)
    assert texts.request_sent("Ærø Kommune") in shown(gorm.ephemerals[-1])
    assert "Gorm Vang" in shown(bo.last_dm) and buttons(bo.last_dm) == ["Acceptér", "Afslå"]
    assert await harness.db.run(_requests) == {
        ("Anna Jensen", "Digitaliseringsstyrelsen"),
        ("Gorm Vang", "Ærø Kommune"),
    }


async def _two_slots_one_intern(harness: Harness) -> tuple[Person, dict[str, str]]:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo, dan = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UDAN", "dan", "Dan Berg")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await offer(dan, workplace="Digitaliseringsstyrelsen", sector="Stat", municipality="København")
    await wish(anna)
    return kim, await harness.db.run(numbers)


async def test_lock_then_forbid_says_it_replaced_the_lock_and_the_preview_forbids(
    harness: Harness,
) -> None:
    kim, ids = await _two_slots_one_intern(harness)
    anna, bo, dan = ids["anna"], ids["bo"], ids["dan"]
    paired = f"`{anna}` *Anna Jensen* (Styrelsen for Dataforsyning) → "

    await kim.command("/praktik", f"admin match lås {anna} {bo}")
    said = shown(kim.ephemerals[-1])
    assert steered("lock", anna, bo) in said
    assert "i stedet" not in said  # nothing was said of the pair before
    assert f"{paired}`{bo}`" in said and LOCKED_MARK in said

    await kim.command("/praktik", f"admin match forbyd {anna} {bo}")
    said = shown(kim.ephemerals[-1])
    assert replaced(anna, ("lock", bo), ("forbid", bo)) in said
    assert f"`{anna}` *Anna Jensen* ↛ `{bo}`" in said
    assert f"{paired}`{bo}`" not in said and LOCKED_MARK not in said
    assert f"{paired}`{dan}`" in said  # she is matched elsewhere


async def test_forbid_then_lock_says_it_replaced_the_forbid_and_the_preview_locks(
    harness: Harness,
) -> None:
    kim, ids = await _two_slots_one_intern(harness)
    anna, bo, dan = ids["anna"], ids["bo"], ids["dan"]
    paired = f"`{anna}` *Anna Jensen* (Styrelsen for Dataforsyning) → "

    await kim.command("/praktik", f"admin match forbyd {anna} {bo}")
    said = shown(kim.ephemerals[-1])
    assert steered("forbid", anna, bo) in said
    assert "i stedet" not in said

    await kim.command("/praktik", f"admin match lås {anna} {bo}")
    said = shown(kim.ephemerals[-1])
    assert replaced(anna, ("forbid", bo), ("lock", bo)) in said
    assert f"{paired}`{bo}`" in said and LOCKED_MARK in said
    assert "↛" not in said

    # Placing her elsewhere by hand replaces the lock (she is placed once), and says so.
    await kim.command("/praktik", f"admin match placér {anna} {dan}")
    said = shown(kim.ephemerals[-1])
    assert replaced(anna, ("lock", bo), ("place", dan)) in said
    assert f"{paired}`{dan}`" in said and PLACED_MARK in said
    assert LOCKED_MARK not in said
