"""The named match preview: every pair and every unplaced intern, paged, and as CSV rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, MarkdownTextObject, SectionBlock

from bot.buttons.values import MatchPage
from bot.domain.season import Season
from bot.matching.rounds import RoundInput
from bot.matching.rules import SlotId, WishId
from bot.matching.solvers import MatchResult, Mode
from bot.matching.steering import Steering
from bot.registry.ids import CoordinatorAction
from bot.texts import returning as returning_texts
from bot.texts import rounds as mt
from bot.texts import steering as t
from bot.views.common import button, days_text
from bot.views.mrkdwn import SECTION_TEXT, fit, literal
from models.rounds import FreeSlot, RoundRows, Waiting

PAGE = 12  # lines of pairs (and of unplaced interns) per page; a section holds 3,000 chars


@dataclass(frozen=True, slots=True)
class Pair:
    wish: Waiting
    slot: FreeSlot
    rank: int  # on the intern's own list; 0: placed by hand off the list
    days: tuple[int, ...]
    crosses: bool
    steered: str  # "lock", "place" or ""
    repeat: int | None = None  # the year the intern was at this workplace before


def pairs_of(
    found: MatchResult,
    wishes: Mapping[WishId, Waiting],
    slots: Mapping[SlotId, FreeSlot],
    steering: Steering,
    kinds: Mapping[WishId, str],
    repeats: Mapping[tuple[int, int], int] | None = None,
) -> list[Pair]:
    pairs = []
    for wish_id, slot_id in found.assignments.items():
        w, f = wishes[wish_id], slots[slot_id]
        days = tuple(sorted(set(w.wish.days) & set(f.slot.days)) or sorted(f.slot.days))
        crosses = bool(w.intern.sector) and w.intern.sector != f.slot.sector
        steered = kinds.get(wish_id, "") if steering.fixed.get(wish_id) == slot_id else ""
        repeat = (repeats or {}).get((int(wish_id), int(slot_id)))
        pairs.append(Pair(w, f, found.ranks.get(wish_id, 0), days, crosses, steered, repeat))
    return pairs


def _name(w: Waiting) -> str:
    return literal(w.intern.name or w.intern.slack_user_id, 40)


def _place(text: str) -> str:
    return literal(text, 40) or "–"


def _intern(w: Waiting) -> str:
    return t.named_intern(f"P{w.wish.id}", _name(w), _place(w.intern.workplace))


def pair_line(pair: Pair, season: Season) -> str:
    w, f = pair.wish, pair.slot
    parts = [
        t.named_pair(_intern(w), f"V{f.slot.id}", _place(f.slot.workplace)),
        days_text(pair.days, season),
        t.nth_option(pair.rank) if pair.rank else t.OFF_LIST,
        t.CROSSES if pair.crosses else t.SAME_SECTOR,
    ]
    if pair.steered:
        parts.append(t.LOCKED_MARK if pair.steered == "lock" else t.PLACED_MARK)
    if pair.repeat is not None:
        parts.append(returning_texts.repeat_mark(pair.repeat))
    return " · ".join(parts)


def unplaced_line(w: Waiting, reason: str) -> str:
    return t.named_unplaced(_intern(w), mt.REASONS[reason])


def pages(pairs: int, unplaced: int) -> int:
    return max(1, -(-pairs // PAGE), -(-unplaced // PAGE))


def list_blocks(
    *,
    mode: Mode,
    page: int,
    round_no: int,
    pair_lines: Sequence[str],
    unplaced_lines: Sequence[str],
    forbidden_lines: Sequence[str],
) -> list[Block]:
    """One page of the chosen mode's pairs and unplaced interns, with paging and the switch
    to the other mode; the coordinator steers with the P/V numbers shown."""
    total = pages(len(pair_lines), len(unplaced_lines))
    page = min(max(page, 1), total)
    lo, hi = (page - 1) * PAGE, page * PAGE
    shown = pair_lines[lo:hi]
    head = f"*{t.PAIRS_TITLE[mode.value]}* – {t.page_of(page, total)}"
    body = "\n".join(shown) if shown else (t.NOTHING_PLACED if page == 1 else "")
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=fit(f"{head}\n{body}", SECTION_TEXT)))
    ]
    left = unplaced_lines[lo:hi]
    if left:
        text = f"*{t.UNPLACED_TITLE}*\n" + "\n".join(left)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=fit(text, SECTION_TEXT))))
    if forbidden_lines and page == 1:
        text = f"*{t.FORBIDDEN_TITLE}*\n" + "\n".join(forbidden_lines[:PAGE])
        blocks.append(SectionBlock(text=MarkdownTextObject(text=fit(text, SECTION_TEXT))))
    other = Mode.FLEST if mode is Mode.STABIL else Mode.STABIL
    buttons = []
    # One action_id per button: Slack refuses a block where two share one (invalid_blocks).
    if page > 1:
        previous = _page_button(
            t.PREVIOUS_PAGE, CoordinatorAction.MATCH_PAGE_PREVIOUS, mode, page - 1, round_no
        )
        buttons.append(previous)
    if page < total:
        buttons.append(
            _page_button(t.NEXT_PAGE, CoordinatorAction.MATCH_PAGE, mode, page + 1, round_no)
        )
    buttons.append(
        _page_button(
            t.show_mode(other.value), CoordinatorAction.MATCH_PAGE_MODE, other, 1, round_no
        )
    )
    blocks.append(ActionsBlock(block_id="match_pages", elements=buttons))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=t.STEER_USAGE)))
    return blocks


def _page_button(
    label: str, action: CoordinatorAction, mode: Mode, page: int, round_no: int
) -> Any:
    return button(label, action, MatchPage(mode, page, round_no).encode())


def csv_rows(
    mode: Mode, pairs: Sequence[Pair], unplaced: Sequence[tuple[Waiting, str]], season: Season
) -> list[list[object]]:
    rows: list[list[object]] = []
    for p in pairs:
        rows.append(
            [
                mode.value,
                f"P{p.wish.wish.id}",
                p.wish.intern.name,
                p.wish.intern.workplace,
                f"V{p.slot.slot.id}",
                p.slot.slot.workplace,
                days_text(p.days, season),
                p.rank or "",
                t.CROSSES if p.crosses else t.SAME_SECTOR,
                {"lock": t.LOCKED_MARK, "place": t.PLACED_MARK}.get(p.steered, ""),
                "",
            ]
        )
    for w, reason in unplaced:
        who: list[object] = [mode.value, f"P{w.wish.id}", w.intern.name, w.intern.workplace]
        rows.append([*who, "", "", "", "", "", "", mt.REASONS[reason]])
    return rows


class NamedRound:
    """A round's pairs by name: the preview's pages and its CSV."""

    def __init__(self, rows: RoundRows, data: RoundInput, season: Season) -> None:
        self.season, self.steering = season, data.steering
        self.round_no = rows.round_no  # in the page buttons: a later round refuses them
        self.wishes: dict[WishId, Waiting] = {
            w.wish.id: w for w in rows.wishes if w.wish.id is not None
        }
        self.slots: dict[SlotId, FreeSlot] = {
            f.slot.id: f for f in rows.slots if f.slot.id is not None
        }
        self.kinds: dict[WishId, str] = {s.wish_id: s.kind for s in rows.steers}
        self.repeats = rows.repeats

    def pairs(self, found: MatchResult) -> list[Pair]:
        return pairs_of(found, self.wishes, self.slots, self.steering, self.kinds, self.repeats)

    def unplaced(self, found: MatchResult) -> list[tuple[Waiting, str]]:
        return [(self.wishes[u.wish_id], u.reason.value) for u in found.metrics.unplaced]

    def blocks(self, found: MatchResult, mode: Mode, page: int) -> list[Block]:
        forbidden = [
            t.named_forbidden(
                f"P{w}",
                literal(self.wishes[w].intern.name, 40),
                f"V{s}",
                literal(self.slots[s].slot.workplace, 40),
            )
            for w, s in sorted(self.steering.forbidden, key=str)
        ]
        return list_blocks(
            mode=mode,
            page=page,
            round_no=self.round_no,
            pair_lines=[pair_line(p, self.season) for p in self.pairs(found)],
            unplaced_lines=[unplaced_line(w, r) for w, r in self.unplaced(found)],
            forbidden_lines=forbidden,
        )

    def csv(self, stabil: MatchResult, flest: MatchResult) -> list[list[object]]:
        return [
            *csv_rows(Mode.STABIL, self.pairs(stabil), self.unplaced(stabil), self.season),
            *csv_rows(Mode.FLEST, self.pairs(flest), self.unplaced(flest), self.season),
        ]
