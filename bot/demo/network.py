"""The demo's network: after the season some participants choose to be findable as sparring
partners (the evaluation DM's button, then the confirmation), and one searches the network.
Every person a search shows must be one who said yes on their side."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.demo.crowd import Crowd, perform
from bot.demo.ledger import Ledger
from bot.demo.people import Behaviour, Persona
from bot.registry.ids import NetworkAction
from bot.sandbox.harness import Harness
from bot.texts import demo as t
from bot.texts import network as network_texts

_MENTION = re.compile(r"<@([A-Z0-9]+)>")


async def play_network(
    harness: Harness,
    crowd: Crowd,
    personas: Sequence[Persona],
    behaviour: Behaviour,
    ledger: Ledger,
) -> None:
    placed = set(ledger.placements) | set(ledger.placements.values())
    for persona in personas:
        user = persona.user_id
        if user not in placed or not behaviour.joins_network(user):
            continue
        person = crowd.people[user]
        shown = await perform(
            harness, ledger, f"{user}: netværk", person.press(NetworkAction.JOIN, where="message")
        )
        if shown is None:
            continue
        confirm = person.press(NetworkAction.CONFIRM, where="ephemeral")
        if await perform(harness, ledger, f"{user}: netværk ja", confirm) is None:
            continue
        if person.ephemerals and network_texts.JOINED in person.ephemerals[-1].text:
            ledger.network.add(user)
        else:
            ledger.fail(t.network_not_joined(user))
    await _search(harness, crowd, personas, ledger)


async def _search(
    harness: Harness, crowd: Crowd, personas: Sequence[Persona], ledger: Ledger
) -> None:
    """Someone outside the network looks for a sparring partner by a joined person's topic."""
    joined = [p for p in personas if p.user_id in ledger.network and p.topics]
    asking = next((p for p in personas if p.user_id not in ledger.network), None)
    if not joined or asking is None:
        return
    query = joined[0].topics[0]
    person = crowd.people[asking.user_id]
    before = len(person.ephemerals)
    search = person.command("/praktik", f"netværk {query}")
    if await perform(harness, ledger, f"{asking.user_id}: netværk {query}", search) is None:
        return
    answers = person.ephemerals[before:]
    if not answers:
        ledger.fail(t.network_no_answer(query))
        return
    found = set(_MENTION.findall(str(answers[-1].blocks)))
    members = found & ledger.network
    if found - members:
        ledger.fail(t.network_shown_outsiders(query, len(found - members)))
    ledger.network_search = (query, len(found), len(members))
