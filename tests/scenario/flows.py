"""Steps that many conversations share: offering a slot, registering a wish."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, select

from bot.registry.ids import PlacementAction
from bot.sandbox.person import Person
from bot.views.forms import FormBlock
from models.tables import HostSlot, Participant, Wish

# Week 37's days by value, for a season other than 2027 (the labels name the dates).
WEEK = ("1", "2", "3", "4", "5")
ALL_DAYS = ("man 13. sep.", "tir 14. sep.", "ons 15. sep.", "tor 16. sep.", "fre 17. sep.")


async def offer(
    host: Person,
    *,
    workplace: str = "Ærø Kommune",
    sector: str = "Kommune",
    municipality: str = "Ærø",
    capacity: str = "1",
    days: Sequence[str] = ALL_DAYS,
    topics: Sequence[str] = ("klima",),
    description: str = "Du følger vores klimateam og besøger havnen.",
) -> None:
    await host.command("/praktik", "tilbyd")
    host.fill(FormBlock.SLOT_WORKPLACE, workplace)
    host.fill(FormBlock.SLOT_SECTOR, sector)
    host.fill(FormBlock.SLOT_MUNICIPALITY, municipality)
    host.fill(FormBlock.SLOT_CAPACITY, capacity)
    host.fill(FormBlock.SLOT_DAYS, list(days))
    host.fill(FormBlock.SLOT_TOPICS, list(topics))
    host.fill(FormBlock.SLOT_DESCRIPTION, description)
    outcome = await host.submit()
    assert outcome.action == "close", outcome.errors


async def wish(
    intern: Person,
    *,
    workplace: str = "Styrelsen for Dataforsyning",
    sector: str = "Stat",
    days: Sequence[str] = ALL_DAYS,
    topics: Sequence[str] = ("klima",),
    text: str = "Jeg vil lære om lokal klimatilpasning.",
    manager: str | None = None,
) -> None:
    await intern.command("/praktik", "find")
    intern.fill(FormBlock.WISH_WORKPLACE, workplace)
    intern.fill(FormBlock.WISH_SECTOR, sector)
    intern.fill(FormBlock.WISH_DAYS, list(days))
    intern.fill(FormBlock.WISH_TOPICS, list(topics))
    intern.fill(FormBlock.WISH_TEXT, text)
    if manager is not None:
        intern.fill(FormBlock.WISH_MANAGER, manager)
    outcome = await intern.submit()
    assert outcome.action == "close", outcome.errors


async def name_cohost(host: Person, cohost_id: str) -> None:
    """The host names a colleague as co-host of the slot they offered."""
    await host.command("/praktik", "tilbyd")
    host.fill("slot_cohost", cohost_id)
    outcome = await host.submit()
    assert outcome.action == "close", outcome.errors


def numbers(session: Session) -> dict[str, str]:
    """ "anna" -> "P3", "bo" -> "V1": the numbers the coordinator's match preview shows."""
    found = {}
    for w, p in session.exec(select(Wish, Participant).join(Participant)).all():
        found[p.name.split()[0].lower()] = f"P{w.id}"
    for s, p in session.exec(select(HostSlot, Participant).join(Participant)).all():
        found[p.name.split()[0].lower()] = f"V{s.id}"
    return found


async def placed(host: Person, intern: Person, query: str) -> None:
    """The intern finds the host's slot by a search and asks for it; the host accepts."""
    await intern.command("/praktik", f"find {query}")
    await intern.press(PlacementAction.REQUEST)
    await host.press(PlacementAction.ACCEPT)
