"""The simulated people at work: every gesture goes to the app as Slack would send it.

A `Crowd` holds one sandbox `Person` per persona. It types `/praktik tilbyd` and
`/praktik find`, fills and submits the modals, presses *Anmod*, *Acceptér* and *Afslå*, the
check-in ratings and *Evaluér*, and tallies what it did and saw in the `Ledger`. Buttons are
found by their action IDs (bot.registry.ids) and told apart by their values, as they are on screen.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Iterable
from typing import Any

from bot import texts
from bot.demo.ledger import Ledger
from bot.demo.people import Behaviour, Persona
from bot.registry.ids import (
    FeedbackAction,
    GoalsAction,
    PlacementAction,
    WorkshopAction,
    rating_action,
)
from bot.sandbox.fake_slack import Message
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person, Where
from bot.texts import cohosts as cohost_texts
from bot.texts import demo as texts_demo
from bot.texts import programme as programme_texts
from bot.texts.goals import GOALS_MET_LABELS, PRACTISED_LABELS, QUOTE_OK
from bot.views.cohosts import CohostBlock
from bot.views.feedback import FeedbackBlock
from bot.views.forms import FormBlock as B
from bot.views.goals import GoalsBlock

MENTION = re.compile(r"<@([UW][A-Z0-9]+)>")
# The start of the DM that tells an intern the placement is confirmed (from the catalogue).
CONFIRMED_INTERN = texts.confirmed_intern(["\0"], "\0", "\0").split("\0", 1)[0]
REQUEST_SENT = texts.request_sent("\0").split("\0", 1)[0]
CONFIRMED_HOST = texts.confirmed_host("\0", "\0").split("\0", 1)[0]


def _shared_ending(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n :]


# The ending that a request and a proposal to a host share ("… i praktik hos dig i uge 37 …").
ASKED = _shared_ending(texts.request_to_host("\0"), texts.proposal_to_host("\0"))
COHOST_TOLD = cohost_texts.added("\0", "\0").split("\0")[1]  # "… har gjort dig til medvært …"


def colleague_id(host: str) -> str:
    return f"{host}CO"


LONG_LISTENER = 3600.0  # seconds a listener may keep working before the demo gives up


def buttons(blocks: Iterable[dict[str, Any]], action_id: str) -> list[str]:
    """The values of the buttons with this action ID, top to bottom."""
    found: list[str] = []
    for block in blocks:
        elements = list(block.get("elements") or [])
        if isinstance(block.get("accessory"), dict):
            elements.append(block["accessory"])
        for element in elements:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                found.append(str(element.get("value", "")))
    return found


def text_of(message: Message) -> str:
    """The message's fallback text and every text in its blocks."""
    parts = [message.text]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    parts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.blocks)
    return "\n".join(parts)


async def perform(harness: Harness, ledger: Ledger, what: str, gesture: Awaitable[Any]) -> Any:
    """One gesture; a failure is tallied for the report, never hidden and never fatal.

    The sandbox waits up to 30 s for the app to finish reacting. A listener that works on
    longer (Bolt acked at once, so Slack is content) is waited for here, and its time is
    noted for the report: the person sees the outcome only when it is done.
    """
    ledger.gestures += 1
    began = time.perf_counter()
    try:
        return await gesture
    except TimeoutError:
        await harness.inflight.idle(limit=LONG_LISTENER)
        ledger.slow.append((what, time.perf_counter() - began))
        return True
    except Exception as error:
        ledger.fail(f"{what}: {type(error).__name__}: {error}")
        return None


class Crowd:
    def __init__(
        self, harness: Harness, personas: Iterable[Persona], behaviour: Behaviour, ledger: Ledger
    ) -> None:
        self.h = harness
        self.behaviour = behaviour
        self.ledger = ledger
        self.personas = {p.user_id: p for p in personas}
        ws = harness.workspace
        self.people: dict[str, Person] = {
            p.user_id: ws.person(p.user_id, p.handle, p.real_name, p.title)
            for p in self.personas.values()
        }
        # Colleagues some hosts share the hosting with: in Slack, not participants themselves.
        self.colleagues: dict[str, Person] = {
            p.user_id: ws.person(
                colleague_id(p.user_id), f"{p.handle}-kollega", texts_demo.colleague(p.real_name)
            )
            for p in self.personas.values()
            if p.is_host and behaviour.shares_hosting(p.user_id)
        }
        self._considered: set[tuple[str, str]] = set()  # (user, button value) already decided
        self._answered: set[tuple[str, str, str]] = set()  # (user, kind, placement) acted on

    async def _do(self, persona: Persona, what: str, gesture: Awaitable[Any]) -> Any:
        return await perform(self.h, self.ledger, f"{what} ({persona.user_id})", gesture)

    # --- sign-up ------------------------------------------------------------------------

    async def sign_up(self, persona: Persona) -> bool:
        person = self.people[persona.user_id]
        if persona.is_host:
            opened = await self._do(
                persona, "/praktik tilbyd", person.command("/praktik", "tilbyd")
            )
            if opened is None or person.modal is None:
                self.ledger.fail(f"/praktik tilbyd ({persona.user_id}): no modal")
                return False
            place = persona.workplace
            person.fill(B.SLOT_WORKPLACE, place.name)
            person.fill(B.SLOT_SECTOR, place.sector)
            person.fill(B.SLOT_MUNICIPALITY, place.municipality)
            person.fill(B.SLOT_CAPACITY, str(persona.capacity))
            person.fill(B.SLOT_DAYS, [str(d) for d in persona.days])
            person.fill(B.SLOT_TOPICS, list(persona.topics))
            person.fill(B.SLOT_DESCRIPTION, persona.description)
            colleague = self.colleagues.get(persona.user_id)
            if colleague is not None:
                person.fill(CohostBlock.SLOT_COHOST, colleague.id)
        else:
            opened = await self._do(persona, "/praktik find", person.command("/praktik", "find"))
            if opened is None or person.modal is None:
                self.ledger.fail(f"/praktik find ({persona.user_id}): no modal")
                return False
            place = persona.workplace
            person.fill(B.WISH_WORKPLACE, place.name)
            person.fill(B.WISH_SECTOR, place.sector)
            person.fill(B.WISH_MUNICIPALITY, place.municipality)
            person.fill(B.WISH_TOPICS, list(persona.topics))
            person.fill(B.WISH_SECTORS, list(persona.wanted_sectors))
            person.fill(B.WISH_REGIONS, list(persona.wanted_regions))
            person.fill(B.WISH_DAYS, [str(d) for d in persona.days])
            person.fill(B.WISH_TEXT, persona.wish_text)
            if persona.goals:
                person.fill(B.WISH_GOALS, persona.goals)
        outcome = await self._do(persona, "submit the modal", person.submit())
        if outcome is None or outcome.action != "close":
            errors = getattr(outcome, "errors", None)
            self.ledger.fail(f"sign-up of {persona.user_id} was refused: {errors}")
            return False
        self.ledger.signed_up[persona.role] += 1
        colleague = self.colleagues.get(persona.user_id)
        if colleague is not None and colleague.dms and COHOST_TOLD in text_of(colleague.dms[-1]):
            self.ledger.cohosts[persona.user_id] = colleague.id
        self.ledger.signed_up_by_sector[f"{persona.role}:{place.sector}"] += 1
        return True

    # --- requests -----------------------------------------------------------------------

    async def request(self, persona: Persona) -> bool:
        """Search with a word, or else use the suggestions the wish brought; press *Anmod*."""
        person = self.people[persona.user_id]
        values: list[str] = []
        where: Where = "ephemeral"
        if persona.query:
            self.ledger.searches += 1
            before = len(person.ephemerals)
            await self._do(
                persona, "/praktik find <ord>", person.command("/praktik", f"find {persona.query}")
            )
            if len(person.ephemerals) > before:
                values = buttons(person.ephemerals[-1].blocks, PlacementAction.REQUEST)
        if not values:
            where = "message"
            for message in reversed(person.dms):
                values = buttons(message.blocks, PlacementAction.REQUEST)
                if values:
                    break
        if not values:
            return False
        value = values[min(persona.pick, len(values) - 1)]
        shown = len(person.ephemerals)
        pressed = await self._do(
            persona, "Anmod", person.press(PlacementAction.REQUEST, value=value, where=where)
        )
        if pressed is None:
            return False
        self.ledger.requests += 1
        answer = person.ephemerals[-1].text if len(person.ephemerals) > shown else ""
        if not answer.startswith(REQUEST_SENT):
            # The app said no (no common day, full, …): its first sentence, for the report.
            self.ledger.requests_refused[answer.split(". ", 1)[0].rstrip(".")] += 1
        return True

    async def answer_asks(self, users: Iterable[str], kind: str) -> int:
        """Everyone answers the *Acceptér*/*Afslå* DMs they have not decided on yet (or leaves
        them, to expire). `kind`: "request" or the matching round, for the tally."""
        pressed = 0
        for user in users:
            person, persona = self.people[user], self.personas[user]
            for message in person.dms:
                for value in buttons(message.blocks, PlacementAction.ACCEPT):
                    if (user, value) in self._considered:
                        continue
                    self._considered.add((user, value))
                    if kind == "request":
                        answer = self.behaviour.request_answer(user, value)
                    else:
                        answer = self.behaviour.proposal_answer(user, value)
                        self.ledger.proposals[kind] += 1
                    self.ledger.answers[(kind, answer)] += 1
                    if answer == "ignore":
                        continue
                    action = (
                        PlacementAction.ACCEPT if answer == "accept" else PlacementAction.DECLINE
                    )
                    press = person.press(action, value=value, where="message")
                    if await self._do(persona, f"{answer} ({kind})", press) is not None:
                        pressed += 1
                        if answer == "accept" and self._found_full(person, message.ts):
                            self.ledger.answers[(kind, "full")] += 1
        return pressed

    @staticmethod
    def _found_full(person: Person, ts: str) -> bool:
        """Whether the answered message now says the seat went to someone else first."""
        now = next((m for m in person.dms if m.ts == ts), None)
        return now is not None and texts.OUTCOME_FULL in text_of(now)

    def confirmed(self, via: str) -> int:
        """Placements that interns have been told about since the last look, by their host."""
        new = 0
        for user, persona in self.personas.items():
            if persona.is_host or user in self.ledger.placements:
                continue
            for message in self.people[user].dms:
                if message.text.startswith(CONFIRMED_INTERN):
                    hosts = [m for m in MENTION.findall(text_of(message)) if m != user]
                    if hosts:
                        self.ledger.placements[user] = hosts[0]
                        self.ledger.placed_via[via] += 1
                        new += 1
                    break
        return new

    # --- week 37 and after --------------------------------------------------------------

    def cohost_mail(self, year: int) -> tuple[int, int, int]:
        """What the co-hosts got: asks with buttons, confirmations, calendar files (those of
        the confirmations; a programme's update comes on top)."""
        update = programme_texts.filename_update(year)
        asks = confirmations = calendars = 0
        for colleague in self.colleagues.values():
            for message in colleague.dms:
                if message.text.startswith(CONFIRMED_HOST):
                    confirmations += 1
                elif ASKED in text_of(message):  # a request or a proposal (answered or not)
                    asks += 1
            calendars += sum(
                1 for f in colleague.files if f.name.endswith(".ics") and f.name != update
            )
        return asks, confirmations, calendars

    async def _workshop(self, message: Message, user: str) -> None:
        """The workshop's invitation: most say whether they come, some never answer."""
        coming = self.behaviour.workshop_answer(user)
        action = WorkshopAction.COMING if coming else WorkshopAction.NOT_COMING
        values = buttons(message.blocks, action)
        if coming is None or not values:
            return
        press = self.people[user].press(action, value=values[0], where="message")
        if await self._do(self.personas[user], "workshop", press) is not None:
            self.ledger.workshop[coming] += 1

    async def react(self, message: Message, user: str, kind: str) -> None:
        """What a participant does with a timeline DM: check-in and evaluation get answers."""
        self.ledger.dms[kind] += 1
        person, persona = self.people[user], self.personas[user]
        if kind == "workshop":
            await self._workshop(message, user)
        elif kind == "checkin":
            values = buttons(message.blocks, rating_action(1))
            if not values or (user, kind, values[0]) in self._answered:
                return
            placement = values[0]
            self._answered.add((user, kind, placement))
            feedback = self.behaviour.feedback(user, placement)
            if feedback.rating is None:
                return
            rate = person.press(rating_action(feedback.rating), value=placement, where="message")
            if await self._do(persona, "check-in", rate) is None:
                return
            self.ledger.checkins.append(feedback.rating)
            if feedback.comment:
                opened = person.press(FeedbackAction.COMMENT, value=placement, where="message")
                if await self._do(persona, "check-in comment", opened) is not None and (
                    await self._submit(persona, {FeedbackBlock.COMMENT: feedback.comment})
                ):
                    self.ledger.comments += 1
        elif kind == "evaluation":
            values = buttons(message.blocks, FeedbackAction.EVALUATE)
            if not values or (user, kind, values[0]) in self._answered:
                return
            placement = values[0]
            self._answered.add((user, kind, placement))
            feedback = self.behaviour.feedback(user, placement)
            if feedback.benefit is None:
                return
            opened = person.press(FeedbackAction.EVALUATE, value=placement, where="message")
            if await self._do(persona, "Evaluér", opened) is None:
                return
            answers: dict[str, object] = {
                FeedbackBlock.BENEFIT: feedback.benefit,
                FeedbackBlock.RECOMMEND: str(feedback.recommend),
            }
            if feedback.text:
                answers[FeedbackBlock.TEXT] = feedback.text
            asked = _blocks_of(person.modal)
            against = GoalsBlock.GOALS_MET in asked  # an intern who wrote goals
            if against:
                answers[GoalsBlock.GOALS_MET] = GOALS_MET_LABELS[feedback.goals_met]
            said = GoalsBlock.TAKE_HOME if GoalsBlock.TAKE_HOME in asked else GoalsBlock.INSPIRATION
            if feedback.take_home:
                answers[said] = feedback.take_home
            if feedback.quote_ok:
                answers[GoalsBlock.QUOTE] = [QUOTE_OK]
            if await self._submit(persona, answers):
                self.ledger.evaluations.append((feedback.benefit, feedback.recommend))
                if against:
                    self.ledger.goals_met.append(feedback.goals_met)
        elif kind == "followup":
            await self._follow_up(message, person, persona)

    async def _follow_up(self, message: Message, person: Person, persona: Persona) -> None:
        """The 90-day DM: was something put into practice, and what."""
        values = buttons(message.blocks, GoalsAction.FOLLOWUP)
        user = persona.user_id
        if not values or (user, "followup", values[0]) in self._answered:
            return
        placement = values[0]
        self._answered.add((user, "followup", placement))
        feedback = self.behaviour.feedback(user, placement)
        if feedback.practised is None:
            return
        opened = person.press(GoalsAction.FOLLOWUP, value=placement, where="message")
        if await self._do(persona, "opfølgning", opened) is None:
            return
        answers: dict[str, object] = {GoalsBlock.PRACTISED: PRACTISED_LABELS[feedback.practised]}
        if feedback.practised_what:
            answers[GoalsBlock.PRACTISED_WHAT] = feedback.practised_what
        if feedback.quote_ok:
            answers[GoalsBlock.QUOTE] = [QUOTE_OK]
        if await self._submit(persona, answers):
            self.ledger.practised[feedback.practised] += 1

    async def _submit(self, persona: Persona, answers: dict[str, object]) -> bool:
        person = self.people[persona.user_id]
        if person.modal is None:
            self.ledger.fail(f"no modal for {persona.user_id} to fill")
            return False
        for block, value in answers.items():
            person.fill(block, value)
        outcome = await self._do(persona, "submit", person.submit())
        if outcome is None or outcome.action != "close":
            self.ledger.fail(f"{persona.user_id}'s answer was refused: {outcome}")
            return False
        return True


def _blocks_of(view: dict[str, Any] | None) -> set[str]:
    return {str(b.get("block_id")) for b in (view or {}).get("blocks", [])}
