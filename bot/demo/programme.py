"""The demo's host sides writing the programme for the days.

The intro (T−14) asks the host side for it with *Skriv programmet*, and so does the T−7
reminder when it is still missing. As `Behaviour.programme` decides, the host or the co-host
presses it on one of those DMs, fills the modal day by day and the practical block (some type
the phone number wrong first and meet the modal's inline error), and gives the same programme
to the host's other interns. The interns then check that the notice they get shows what
their host wrote.
"""

from __future__ import annotations

from typing import Any

from bot.demo.corpus import PHONE_SLIP
from bot.demo.crowd import buttons, perform, text_of
from bot.demo.ledger import Ledger
from bot.demo.people import Behaviour, ProgrammePlan
from bot.registry.ids import DMKind, ProgrammeAction
from bot.sandbox.fake_slack import Message
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.views.programme import ProgrammeBlock, day_block

_ASKS = {DMKind.INTRO.value: "intro", DMKind.PROGRAMME_REMINDER.value: "reminder"}
_DAY_PREFIX = f"{ProgrammeBlock.TEXT}_"


def modal_days(blocks: list[dict[str, Any]]) -> list[int]:
    """The weekdays the open programme modal asks about (its day text inputs)."""
    return [
        int(str(b["block_id"])[len(_DAY_PREFIX) :])
        for b in blocks
        if str(b.get("block_id", "")).startswith(_DAY_PREFIX)
    ]


def also_for_options(blocks: list[dict[str, Any]]) -> list[str]:
    """The host's other placements the modal offers the same programme to."""
    for block in blocks:
        if block.get("block_id") == ProgrammeBlock.ALSO_FOR:
            return [str(o["value"]) for o in block["element"].get("options", [])]
    return []


class Programmes:
    def __init__(self, harness: Harness, ledger: Ledger, behaviour: Behaviour) -> None:
        self.h = harness
        self.ledger = ledger
        self.behaviour = behaviour

    async def host_side_reads(
        self, message: Message, *, host: str, writer: Person, kind: str, shared: bool
    ) -> None:
        """A DM to the host (or, `writer` being the co-host, to the co-host of a slot that
        is `shared`): the one the plan says writes it does so when it is asked for."""
        plan = self.behaviour.programme(host)
        asked = _ASKS.get(kind)
        if plan is None or asked != plan.when:
            return
        by_cohost = writer.id != host
        if by_cohost != (plan.by_cohost and shared):
            return
        values = buttons(message.blocks, ProgrammeAction.WRITE)
        if not values or values[0] in self.ledger.programmes:
            return  # not asked, or already written for several at once
        await self._write(plan, host, writer, values[0], after_reminder=asked == "reminder")

    async def _write(
        self, plan: ProgrammePlan, host: str, writer: Person, proposal: str, *, after_reminder: bool
    ) -> None:
        what = f"Skriv programmet ({writer.id})"
        press = writer.press(ProgrammeAction.WRITE, value=proposal, where="message")
        if await perform(self.h, self.ledger, what, press) is None:
            return
        if writer.modal is None:
            self.ledger.fail(f"{what}: no modal")
            return
        blocks = writer.modal["blocks"]
        for day in modal_days(blocks):
            writer.fill(day_block(ProgrammeBlock.TEXT, day), plan.days[day - 1])
            writer.fill(day_block(ProgrammeBlock.TIME, day), plan.time)
            writer.fill(day_block(ProgrammeBlock.PLACE, day), plan.place or None)
        writer.fill(ProgrammeBlock.ADDRESS, plan.address)
        writer.fill(ProgrammeBlock.MEETING_POINT, plan.meeting_point)
        writer.fill(ProgrammeBlock.PHONE, PHONE_SLIP if plan.phone_slip else plan.phone)
        others = also_for_options(blocks) if plan.share else []
        if others:
            writer.fill(ProgrammeBlock.ALSO_FOR, others)
        outcome = await perform(self.h, self.ledger, what, writer.submit())
        if plan.phone_slip and outcome is not None:
            if outcome.action != "errors" or ProgrammeBlock.PHONE not in outcome.errors:
                self.ledger.fail(f"{what}: the phone number {PHONE_SLIP!r} was let through")
                return
            self.ledger.programme["phone_corrected"] += 1
            writer.fill(ProgrammeBlock.PHONE, plan.phone)
            outcome = await perform(self.h, self.ledger, what, writer.submit())
        if outcome is None or outcome.action != "close":
            self.ledger.fail(f"{what} was refused: {getattr(outcome, 'errors', None)}")
            return
        self.ledger.programmes |= {proposal, *others}
        self.ledger.programme_address[host] = plan.address
        self.ledger.programme["saved"] += 1
        self.ledger.programme["shared"] += bool(others)
        self.ledger.programme["after_reminder"] += after_reminder
        self.ledger.programme["by_cohost"] += writer.id != host

    def intern_reads(self, message: Message, intern: str) -> None:
        """The intern's notice of the programme shows the address her host typed."""
        address = self.ledger.programme_address.get(self.ledger.placements.get(intern, ""))
        if address is None or address not in text_of(message):
            self.ledger.fail(f"programme notice to {intern} without its host's address")
            return
        self.ledger.programme["interns_told"] += 1
