"""What the sandbox console prints: everything new the bot showed, as numbered text.

The fake Slack stamps every message and view with a rising sequence number when it is shown
or changed, so "what is new since the last line" is everything above a watermark. The
current person's DMs, ephemerals, modal and (while it is open) home tab are printed with
numbers to act on; DMs to others are printed too, marked, with their buttons unnumbered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, TextIO

from bot.sandbox.console_tools import compact_view, without_numbers
from bot.sandbox.fake_slack import FakeSlack, Message
from bot.sandbox.person import REQUIRED, Person, Where
from bot.sandbox.render import Rendered, Target, render_confirm, render_message, render_view
from bot.season import day_label
from bot.texts import sandbox as say

_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_OTHER = "   │ "


@dataclass(frozen=True)
class Pick:
    """What a number on the console stands for, and on which surface."""

    where: Where
    target: Target


@dataclass
class Seat:
    """A person at the console, and what they have been shown."""

    person: Person
    handle: str
    coordinator: bool = False
    read_upto: int = 0  # everything up to this sequence number has been shown to them
    picks: dict[int, Pick] = field(default_factory=dict)
    modal_shown: tuple[str, int] | None = None
    on_home: bool = False


class Printer:
    def __init__(
        self,
        *,
        fake: FakeSlack,
        seats: dict[str, Seat],
        out: TextIO,
        ansi: bool,
        tz: tzinfo,
    ) -> None:
        self.fake = fake
        self.seats = seats
        self.out = out
        self.ansi = ansi
        self.tz = tz
        self._mark = 0
        self._seen: set[tuple[str, str]] = set()

    # --- plain output -----------------------------------------------------------------

    def emit(self, text: str) -> None:
        if text:
            print(text, file=self.out, flush=True)

    def bold(self, text: str) -> str:
        return f"{_BOLD}{text}{_RESET}" if self.ansi else text

    def dim(self, text: str) -> str:
        return f"{_DIM}{text}{_RESET}" if self.ansi else text

    def moment(self, instant: datetime) -> str:
        local = instant.astimezone(self.tz)
        return say.moment(day_label(local.date()), local.year, f"{local:%H:%M}")

    def max_seq(self) -> int:
        best = 0
        for seat in self.seats.values():
            screen = seat.person.screen
            seqs = [m.seq for m in [*screen.dms, *screen.ephemerals]]
            best = max([best, *seqs, *screen.view_seq.values()])
        return best

    # --- what changed -----------------------------------------------------------------

    def report(self, me: Seat) -> bool:
        """Print what changed since the last report; True when the home tab was printed."""
        mark, names = self._mark, self._names()
        fresh: list[tuple[int, Seat, Message]] = []
        for seat in self.seats.values():
            person = seat.person
            mine = person.ephemerals if seat is me else []
            fresh += [(m.seq, seat, m) for m in [*person.dms, *mine] if m.seq > mark]
        picks: dict[int, Pick] = {}
        for _seq, seat, message in sorted(fresh, key=lambda item: item[0]):
            updated = (message.channel, message.ts) in self._seen
            if seat is me:
                self._message(message, updated=updated, picks=picks)
                continue
            self.emit(self.bold(say.heading_to_other(seat.person.real_name, updated=updated)))
            text = without_numbers(render_message(message, names=names), say.FOREIGN_BUTTON)
            self.emit("\n".join(_OTHER + line for line in text.splitlines()))
            self._seen.add((message.channel, message.ts))
        home, home_printed = me.person.home, False
        if me.on_home and home is not None and me.person.screen.view_seq[home["id"]] > mark:
            self.home(home, picks)
            home_printed = True
        if picks:
            me.picks = picks
        self._modal_change(me)
        self._mark = self.max_seq()
        me.read_upto = self._mark
        return home_printed

    def _modal_change(self, me: Seat) -> None:
        person = me.person
        modal = person.modal
        now = (modal["id"], person.screen.view_seq[modal["id"]]) if modal is not None else None
        if now == me.modal_shown:
            return
        if modal is None:
            self.emit(self.dim(say.MODAL_CLOSED))
        else:
            self.modal(modal, person.modal_errors)
        me.modal_shown = now

    # --- surfaces ---------------------------------------------------------------------

    def messages(self, me: Seat, messages: Sequence[Message]) -> None:
        """Messages shown again (unread, or `vis`), numbered afresh."""
        picks: dict[int, Pick] = {}
        for message in messages:
            self._message(message, updated=False, picks=picks)
        if picks:
            me.picks = picks

    def _message(self, message: Message, *, updated: bool, picks: dict[int, Pick]) -> None:
        if message.ephemeral:
            heading = say.HEADING_EPHEMERAL_UPDATED if updated else say.HEADING_EPHEMERAL
        else:
            heading = say.HEADING_DM_UPDATED if updated else say.HEADING_DM
        rendered = render_message(
            message, start=len(picks) + 1, ansi=self.ansi, names=self._names()
        )
        _collect(rendered, "ephemeral" if message.ephemeral else "message", picks)
        self.emit(self.bold(heading))
        self.emit(rendered.text)
        self._seen.add((message.channel, message.ts))

    def home(self, home: dict[str, Any], picks: dict[int, Pick]) -> None:
        rendered = render_view(home, start=len(picks) + 1, ansi=self.ansi, names=self._names())
        _collect(rendered, "home", picks)
        self.emit(rendered.text)

    def modal(self, modal: dict[str, Any], errors: dict[str, str]) -> None:
        """A modal has its own numbers, from 1: while it is open, only it can be used."""
        shown = {k: say.FIELD_REQUIRED if v == REQUIRED else v for k, v in errors.items()}
        rendered = render_view(
            compact_view(modal), errors=shown, ansi=self.ansi, names=self._names()
        )
        self.emit(rendered.text)
        self.emit(self.dim(say.MODAL_HINT))

    def confirm_dialog(self, confirm: dict[str, Any]) -> None:
        self.emit(render_confirm(confirm, names=self._names()))

    def _names(self) -> dict[str, str]:
        # Slack shows a mention by the user's display name.
        return {user.id: user.name for user in self.fake.users.values()}


def modal_targets(modal: dict[str, Any]) -> dict[int, Target]:
    """The numbers of an open modal, as `Printer.modal` shows them."""
    return render_view(compact_view(modal)).targets


def _collect(rendered: Rendered, where: Where, picks: dict[int, Pick]) -> None:
    picks.update({n: Pick(where, t) for n, t in rendered.targets.items()})
