"""What the sandbox console prints: everything new the bot showed, as numbered text.

The fake Slack stamps every message and view with a rising sequence number when it is shown
or changed, so "what is new since the last line" is everything above a watermark. The
current person's DMs, ephemerals, modal and (while it is open) home tab are printed with
numbers to act on; DMs to others are printed too, marked, with their buttons unnumbered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, TextIO

from bot.sandbox.console_tools import compact_view, without_numbers, wrap
from bot.sandbox.fake_slack import FakeSlack, Message, StoredFile
from bot.sandbox.person import Person, Where
from bot.sandbox.render import Rendered, Target, render_confirm, render_message, render_view
from bot.texts import console as more
from bot.texts import dates
from bot.texts import sandbox as say

_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_OTHER = "   │ "


@dataclass(frozen=True)
class Pick:
    """What a number on the console stands for, and on which surface."""

    where: Where
    target: Target
    surface: tuple[str, str] | None = None  # the message (channel, ts) or home tab it is on


@dataclass
class Seat:
    """A person at the console, and what they have been shown."""

    person: Person
    handle: str
    coordinator: bool = False
    read_upto: int = 0  # everything up to this sequence number has been shown to them
    picks: dict[int, Pick] = field(default_factory=dict)
    # The first number each message or home tab got when it was numbered: `vis` shows it
    # with the same numbers again, so "tryk 3" means what it meant a moment ago.
    starts: dict[tuple[str, str], int] = field(default_factory=dict)
    # The last thing printed for this person had no numbers: its absence is explained.
    bare_screen: bool = False
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
        files: Path,
    ) -> None:
        self.fake = fake
        self.seats = seats
        self.out = out
        self.ansi = ansi
        self.tz = tz
        self.files = files
        self._mark = 0
        self._seen: set[tuple[str, str]] = set()
        self._saved: dict[str, Path] = {}

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
        return dates.moment(local, year=True)

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
        printed = False
        for _seq, seat, message in sorted(fresh, key=lambda item: item[0]):
            updated = (message.channel, message.ts) in self._seen
            if seat is me:
                self._message(me, message, updated=updated, picks=picks)
                printed = True
                continue
            self.emit(self.bold(say.heading_to_other(seat.person.real_name, updated=updated)))
            text = without_numbers(render_message(message, names=names), say.FOREIGN_BUTTON)
            self.emit("\n".join(_OTHER + line for line in text.splitlines()))
            self._seen.add((message.channel, message.ts))
        home, home_printed = me.person.home, False
        if me.on_home and home is not None and me.person.screen.view_seq[home["id"]] > mark:
            self.home(me, home, picks)
            home_printed = printed = True
        if printed:
            # What is on the screen now is what the numbers mean: a button of an older
            # message is not pressed by a number the newest one does not show.
            me.picks, me.bare_screen = picks, not picks
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

    def messages(self, me: Seat, messages: Sequence[Message], *, again: bool = False) -> None:
        """Messages shown as a new screen (unread ones), numbered from 1, or shown again
        (`vis`): then those the current numbers are on keep them, the others come after."""
        picks: dict[int, Pick] = {}
        for message in messages:
            self._message(me, message, updated=False, picks=picks, again=again)
        if messages:
            me.picks, me.bare_screen = picks, not picks

    def _message(
        self,
        me: Seat,
        message: Message,
        *,
        updated: bool,
        picks: dict[int, Pick],
        again: bool = False,
    ) -> None:
        if message.ephemeral:
            heading = say.HEADING_EPHEMERAL_UPDATED if updated else say.HEADING_EPHEMERAL
        else:
            heading = say.HEADING_DM_UPDATED if updated else say.HEADING_DM
        key = (message.channel, message.ts)
        start = _start(me, key, picks, again=again)
        rendered = render_message(message, start=start, ansi=self.ansi, names=self._names())
        if rendered.targets:
            me.starts[key] = start
        _collect(rendered, "ephemeral" if message.ephemeral else "message", picks, key)
        self.emit(self.bold(heading))
        self.emit(rendered.text)
        for stored in message.files:
            self.emit(more.file_saved(str(self._save(stored))))
        self._seen.add(key)

    def home(
        self, me: Seat, home: dict[str, Any], picks: dict[int, Pick], *, again: bool = False
    ) -> None:
        key = ("home", str(home.get("id")))
        start = _start(me, key, picks, again=again)
        rendered = render_view(home, start=start, ansi=self.ansi, names=self._names())
        if rendered.targets:
            me.starts[key] = start
        _collect(rendered, "home", picks, key)
        self.emit(rendered.text)

    def _save(self, stored: StoredFile) -> Path:
        """The file as the bot uploaded it, in the console's folder (once per file)."""
        if stored.id not in self._saved:
            self.files.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.\-]+", "_", Path(stored.name).name) or stored.id
            path = self.files / name
            if path.exists():
                path = self.files / f"{path.stem}-{stored.id}{path.suffix}"
            path.write_bytes(stored.content)
            self._saved[stored.id] = path
        return self._saved[stored.id]

    def modal(self, modal: dict[str, Any], errors: dict[str, str]) -> None:
        """A modal has its own numbers, from 1: while it is open, only it can be used."""
        rendered = render_view(
            compact_view(modal), errors=errors, ansi=self.ansi, names=self._names()
        )
        self.emit(rendered.text)
        self.emit(self.dim(say.MODAL_HINT))

    def who(self, me: Seat) -> None:
        """Everyone at the console: `*` marks who is typing, `K` a coordinator."""
        self.emit(say.WHO_TITLE)
        for seat in self.seats.values():
            p = seat.person
            mark = ("*" if seat is me else " ") + ("K" if seat.coordinator else " ")
            self.emit(f"{mark} {seat.handle:<10} {p.real_name} · {p.title} · {p.id}")

    def help(self) -> None:
        self.emit(self.bold(say.HELP_TITLE))
        width = max(len(command) for command, _ in say.HELP_LINES)
        for command, what in say.HELP_LINES:
            self.emit(f"  {command:<{width}}  {what}")
        for note in (*say.HELP_NOTES, more.HELP_COORDINATOR):
            self.emit(wrap(note))

    def confirm_dialog(self, confirm: dict[str, Any]) -> None:
        self.emit(render_confirm(confirm, names=self._names()))

    def _names(self) -> dict[str, str]:
        # Slack shows a mention by the user's display name.
        return {user.id: user.name for user in self.fake.users.values()}


def modal_targets(modal: dict[str, Any]) -> dict[int, Target]:
    """The numbers of an open modal, as `Printer.modal` shows them."""
    return render_view(compact_view(modal)).targets


def _start(me: Seat, key: tuple[str, str], picks: dict[int, Pick], *, again: bool) -> int:
    """The first number of a surface. Shown again (`vis`), a surface the current numbers
    are on keeps them; anything else is numbered after every number in use."""
    if again:
        current = {pick.surface for pick in me.picks.values()}
        if key in current and key in me.starts:
            return me.starts[key]
        return max({*picks, *me.picks}, default=0) + 1
    return max(picks, default=0) + 1


def _collect(
    rendered: Rendered, where: Where, picks: dict[int, Pick], surface: tuple[str, str]
) -> None:
    picks.update({n: Pick(where, t, surface) for n, t in rendered.targets.items()})
