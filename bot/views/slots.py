"""Host slots in messages: the saved confirmation, an edit's refusals, search results and
suggestions."""

from __future__ import annotations

import threading
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot import texts
from bot.buttons.values import MoreResults, SlotButton
from bot.domain.season import Season, week37
from bot.registry.ids import FindAction, PlacementAction, SlotAction
from bot.slack.message import Message, Rendered
from bot.texts import changes
from bot.texts import find as find_texts
from bot.views.common import button, days_text, message, notice, place_text, sector_text, user_text
from bot.views.forms import SLOT_KEYS
from bot.views.mrkdwn import clip, literal
from bot.views.mrkdwn import workplace as workplace_text
from models.slots import EditConflict
from models.tables import HostSlot

PAGE = 10


def slot_blocks(
    slot: HostSlot, season: Season, *, accessory: Any = None, why: str | None = None
) -> list[Block]:
    topics = ", ".join(slot.topics) or texts.NOT_GIVEN
    free = slot.capacity - slot.confirmed
    head = (
        f"*{workplace_text(slot.workplace)}* · {sector_text(slot.sector)} · "
        f"{place_text(slot.municipality, slot.region)}"
    )
    fields = [
        MarkdownTextObject(text=f"*{texts.DAYS_LABEL}*\n{days_text(slot.days, season)}"),
        MarkdownTextObject(text=f"*{texts.TOPICS_LABEL}*\n{literal(topics, 1500)}"),
        MarkdownTextObject(text=f"*{texts.SEATS_LABEL}*\n{texts.seats(free, slot.capacity)}"),
    ]
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=head), fields=fields, accessory=accessory)
    ]
    lines = [user_text(slot.description, 400)] if slot.description else []
    if why:
        lines.append(f"_{texts.WHY_LABEL}: {why}_")
    if lines:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text="\n".join(lines))]))
    return blocks


def request_button(slot: HostSlot) -> Any:
    return button(
        texts.REQUEST, PlacementAction.REQUEST, SlotButton(slot.id or 0).encode(), style="primary"
    )


def slot_saved(
    slot: HostSlot, season: Season, *, created: bool, deadline: str | None = None
) -> Message:
    """The host's confirmation; a new slot after the sign-up `deadline` (written out) is
    told what it joins."""
    late = texts.late_slot(deadline) if deadline and created else None
    blocks: list[Block] = [SectionBlock(text=texts.slot_saved(created))]
    blocks += slot_blocks(slot, season)
    if late:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=late)))
    blocks.append(
        ActionsBlock(
            elements=[button(texts.EDIT, SlotAction.EDIT, SlotButton(slot.id or 0).encode())]
        )
    )
    return message(texts.slot_saved(created), blocks)


def slot_refusals(conflict: EditConflict, *, year: int) -> dict[str, str]:
    """Why the edit would break an agreement, in Danish by block."""
    errors: dict[str, str] = {}
    if conflict.confirmed is not None:
        errors[SLOT_KEYS["capacity"]] = texts.err_capacity_below_confirmed(conflict.confirmed)
    if conflict.dropped_days:
        week = week37(year)
        dropped = [week[d - 1] for d in conflict.dropped_days if 1 <= d <= 5]
        errors[SLOT_KEYS["days"]] = changes.agreed_days_dropped(dropped)
    return errors


@dataclass(frozen=True, slots=True)
class Hit:
    slot: HostSlot
    why: str | None = None


class RenderedSlots:
    """Search results' blocks per slot version, so a search serialises only what changed.

    Turning slack_sdk block objects into dicts was most of a search's CPU time under load.
    The `size` most recently used are kept (cachetools' LRUCache; the lock, since even a
    read reorders it).
    """

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._blocks: LRUCache[Hashable, tuple[Block, ...]] = LRUCache(maxsize=size)

    @staticmethod
    def key(
        slot_id: int | None, updated_at: Hashable, taken: int, capacity: int, year: int
    ) -> Hashable:
        """What a slot's result blocks depend on."""
        return (slot_id, updated_at, taken, capacity, year)

    def get(self, key: Hashable) -> tuple[Block, ...] | None:
        """Blocks kept under `key` (see `key`), if any."""
        with self._lock:
            return self._blocks.get(key)

    def of(self, slot: HostSlot, season: Season) -> tuple[Block, ...]:
        key = self.key(slot.id, slot.updated_at, slot.confirmed, slot.capacity, season.year)
        found = self.get(key)
        if found is not None:
            return found
        made = tuple(
            Rendered.of(b) for b in slot_blocks(slot, season, accessory=request_button(slot))
        )
        with self._lock:
            self._blocks[key] = made
        return made


def search_results(
    query: str,
    slots: Sequence[Sequence[Block]],
    *,
    offset: int,
    total: int,
    every_word: bool = True,
) -> Message:
    """One page of results; `slots` holds each shown slot's blocks (see RenderedSlots);
    `every_word` False: no slot had every word, these have the most of them."""
    shown = literal(query, 100)
    if total == 0:
        return message(texts.search_none(shown), [SectionBlock(text=texts.search_none(shown))])
    header = texts.search_header(shown, total, offset + 1, offset + len(slots))
    if not every_word:
        header = f"{find_texts.SOME_WORDS}\n{header}"
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=header))]
    for slot in slots:
        blocks += slot

    if offset + len(slots) < total:
        value = MoreResults(offset + len(slots), clip(query, 200)).encode()
        more = ActionsBlock(elements=[button(texts.MORE, FindAction.MORE_RESULTS, value)])
        blocks.append(more)
    return message(header, blocks)


def suggestions(
    intro: str, hits: Sequence[Hit], season: Season, *, none_text: str = texts.SUGGESTIONS_NONE
) -> Message:
    if not hits:
        return notice(none_text)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=intro))]
    for hit in hits[:PAGE]:
        blocks += slot_blocks(hit.slot, season, accessory=request_button(hit.slot), why=hit.why)
    return message(intro, blocks)
