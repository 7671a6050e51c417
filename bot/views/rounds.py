"""The coordinator's matching round: the side-by-side preview with its CSV, what sending
reports, and what an expired proposal's buttons turn into."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ConfirmObject,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot import texts
from bot.buttons.values import MatchSend
from bot.domain.placement import ANSWERING
from bot.domain.season import Season, to_local
from bot.matching.rounds import Preview
from bot.matching.rules import WishId
from bot.matching.solvers import MatchResult, Mode, Reason
from bot.registry.ids import CoordinatorAction
from bot.sheets import csvio
from bot.slack.message import Message
from bot.texts import dates
from bot.texts import rounds as t
from bot.texts import steering as steer_t
from bot.views.common import button, md, message, notice
from bot.views.files import FileWords
from bot.views.match_list import NamedRound
from bot.views.mrkdwn import literal
from bot.views.slots import Hit, suggestions

UNPLACED_NAMES = 10  # listed by name in the preview; the rest are counted

SEND_ACTIONS = {
    Mode.STABIL: CoordinatorAction.MATCH_SEND_STABIL,
    Mode.FLEST: CoordinatorAction.MATCH_SEND_FLEST,
}


def deadline_text(deadline: datetime, season: Season) -> str:
    local = to_local(deadline, season.tz)
    return dates.moment(local)


def figures(mode: Mode, found: MatchResult) -> str:
    """One column of the preview: the figures every preview reports (docs/product.md)."""
    m = found.metrics
    placed = m.placed > 0
    reasons = Counter(u.reason for u in m.unplaced)
    lines = [
        f"*{t.MODE_TITLES[mode.value]}*",
        f"{t.PLACED}: {t.placed(t.pct(m.placed_pct), m.placed)}",
        f"{t.CROSS_SECTOR}: {t.pct(m.cross_sector_pct) if placed else t.NONE_SHOWN}",
        f"{t.FIRST_CHOICE}: {t.pct(m.first_choice_pct) if placed else t.NONE_SHOWN}",
        f"{t.TOP3}: {t.pct(m.top3_pct) if placed else t.NONE_SHOWN}",
        f"{t.MEAN_RANK}: {t.number(m.mean_rank, 2) if m.mean_rank is not None else t.NONE_SHOWN}",
        f"{t.BLOCKING}: {m.blocking_pairs}",
        f"{t.UNPLACED}: {len(m.unplaced)}",
    ]
    lines += [f"   – {t.REASONS[r.value]}: {reasons[r]}" for r in Reason if reasons[r]]
    lines.append(f"{t.SEATS_LEFT}: {m.seats_left}")
    return "\n".join(lines)


def _send_button(mode: Mode, found: MatchResult, round_no: int, deadline: str) -> Any:
    confirm = ConfirmObject(
        title=t.CONFIRM_TITLE,
        text=t.confirm_text(
            mode.value, found.metrics.placed, len(found.metrics.unplaced), deadline
        ),
        confirm=t.CONFIRM_YES,
        deny=t.CONFIRM_NO,
    )
    return button(
        t.send_button(mode.value),
        SEND_ACTIONS[mode],
        MatchSend(mode, round_no).encode(),
        style="primary",
        confirm=confirm,
    )


def preview_message(
    shown: Preview,
    *,
    round_no: int,
    year: int,
    seats: int,
    slots: int,
    pending: int,
    placed: int,
    deadline: str,
    names: Mapping[WishId, str],
    note: str | None = None,
    listing: Sequence[Block] = (),
    csv_line: str | None = None,
) -> Message:
    """names: the interns' names by wish id, for the list of those a mode leaves out;
    `note` above it all (what a steer did), then the figures, the named `listing` and
    `csv_line` (whether the CSV went out)."""
    title = t.preview_title(round_no, year)
    blocks: list[Block] = [
        *([md(note)] if note else []),
        HeaderBlock(text=title),
        md(t.preview_intro(shown.stabil.metrics.wishes, seats, slots)),
    ]
    held = t.preview_held(pending, placed)
    if held:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=held)]))
    if seats == 0:
        blocks.append(md(t.NO_SEATS))
    blocks.append(
        SectionBlock(
            fields=[
                MarkdownTextObject(text=figures(Mode.STABIL, shown.stabil)),
                MarkdownTextObject(text=figures(Mode.FLEST, shown.flest)),
            ]
        )
    )
    left_out = [
        MarkdownTextObject(text=_unplaced(mode, found, names))
        for mode, found in ((Mode.STABIL, shown.stabil), (Mode.FLEST, shown.flest))
        if found.metrics.unplaced
    ]
    if left_out:
        blocks.append(ContextBlock(elements=left_out))
    other = shown.compared
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=t.weight_line(
                        shown.weight,
                        other.weight,
                        (_cross(shown.stabil), _cross(shown.flest)),
                        (_cross(other.stabil), _cross(other.flest)),
                    )
                ),
                MarkdownTextObject(text=t.MODES_EXPLAINED),
            ]
        )
    )
    blocks.append(
        ActionsBlock(
            elements=[
                _send_button(Mode.STABIL, shown.stabil, round_no, deadline),
                _send_button(Mode.FLEST, shown.flest, round_no, deadline),
            ]
        )
    )
    blocks += listing
    if csv_line is not None:
        blocks.append(md(csv_line))
    return message(title, blocks)


def _unplaced(mode: Mode, found: MatchResult, names: Mapping[WishId, str]) -> str:
    shown = [
        literal(names.get(u.wish_id) or str(u.wish_id), 60)
        for u in found.metrics.unplaced[:UNPLACED_NAMES]
    ]
    return t.unplaced_names(mode.value, shown, len(found.metrics.unplaced) - len(shown))


def _cross(found: MatchResult) -> str:
    return t.pct(found.metrics.cross_sector_pct) if found.metrics.placed else t.NONE_SHOWN


def unplaced_message(reason: Reason | None, hits: Sequence[Hit], season: Season) -> Message:
    intro = t.UNPLACED_NO_DAY if reason is Reason.NO_COMPATIBLE_SLOT else t.UNPLACED_FULL
    return suggestions(intro, hits, season, none_text=t.UNPLACED_NONE_LEFT)


# The coordinator's answers -------------------------------------------------------------------


def outdated(shown_round: int | None = None, current_round: int = 0) -> Message:
    """A preview's button from an older round; `shown_round` None: from before page buttons
    carried their round."""
    if shown_round is None:
        return notice(t.PREVIEW_OUTDATED)
    return notice(t.preview_outdated(shown_round, current_round))


def nothing_to_match(pending: int, placed: int) -> Message:
    """No wish waits for a seat; what the earlier rounds hold, if anything."""
    held = t.preview_held(pending, placed)
    return notice(f"{t.NOTHING_TO_MATCH}\n{held}".strip())


def bad_button() -> Message:
    return notice(t.BAD_BUTTON)


def already_sent(round_no: int) -> Message:
    return notice(t.already_sent(round_no))


def sent(round_no: int, mode: Mode, proposals: int, deadline: str, unplaced: int) -> Message:
    """The coordinator's receipt once the round's proposals are out."""
    return notice(t.sent(round_no, mode.value, proposals, deadline, unplaced))


def expired_lines() -> dict[str, str]:
    """What each answering side's buttons turn into when a proposal expires."""
    return dict.fromkeys([r.value for r in ANSWERING], texts.OUTCOME_EXPIRED)


# The whole preview as CSV, to the coordinator's DM ----------------------------------------------


def preview_sheet(named: NamedRound, shown: Preview) -> bytes:
    """Both modes' pairs and unplaced, one row each."""
    return csvio.write_sheet(steer_t.CSV_HEADER, named.csv(shown.stabil, shown.flest))


def preview_file(year: int, round_no: int) -> FileWords:
    return FileWords(steer_t.csv_filename(year, round_no), steer_t.csv_title(year, round_no))


def csv_line(pairs: int, *, sent: bool) -> str:
    """Under the preview: whether the CSV with `pairs` pairs reached the coordinator."""
    return steer_t.csv_sent(pairs) if sent else steer_t.CSV_FAILED
