"""`praktik sandbox`: the real app and a local Slack in one process, driven from a console.

Like errbot's text backend, but nothing is short-circuited: each line becomes what Slack
would send (a signed slash command, `block_actions` or `view_submission` over HTTP to the
app's real endpoint), the app answers through the Web API of the local fake Slack, and the
console prints what the current person now sees, with numbers to act on. DMs to others are
printed too, marked. `--script FILE` runs the same lines unattended, so tests can drive it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import tempfile
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TextIO
from uuid import uuid4

from bot.domain.season import default_season_year
from bot.process.clock import ManualClock
from bot.process.config import ConfigError
from bot.sandbox.block_state import option_text, options_of
from bot.sandbox.console_options import Options, options_from
from bot.sandbox.console_screen import Pick, Printer, Seat, modal_targets
from bot.sandbox.console_tools import (
    Dispatch,
    ErrorCount,
    SandboxError,
    app_logging,
    compact_view,
    due_between,
    element_of,
    listed,
    load_dispatcher,
    names_for,
    parse_moment,
    read_lines,
    resolve_option,
    shown_count,
    split_number,
    typed_value,
    user_id,
    wrap,
)
from bot.sandbox.fake_slack import AppResponseError
from bot.sandbox.harness import Harness
from bot.sandbox.render import render_view
from bot.texts import console as more
from bot.texts import sandbox as say
from bot.texts import sandbox_confirm as confirm_say
from bot.texts import socket_mode as over_socket
from models.db import Database

MAX_DISPATCH_STEPS = 500


def run_sandbox(args: argparse.Namespace) -> int:
    """The `praktik sandbox` command: 0 when done, 1 for a failed line under --strict."""
    try:
        options = options_from(args)
    except SandboxError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        return asyncio.run(_main(options, sys.stdin, sys.stdout))
    except KeyboardInterrupt:
        print("\n" + say.BYE)
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head` that has stopped reading: end quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2


async def _main(options: Options, stdin: TextIO, out: TextIO) -> int:
    with contextlib.ExitStack() as stack:
        if options.db_url is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="praktik-sandbox-"))
            db_url, shown = f"sqlite:///{Path(folder) / 'praktik-sandbox.db'}", say.DB_TEMPORARY
        else:
            db_url, shown = options.db_url, options.db_url
        db = Database(db_url)
        stack.callback(db.dispose)
        db.upgrade()  # the sandbox owns its database, whatever the engine
        errors = ErrorCount()
        stack.enter_context(app_logging(errors))
        coordinators = frozenset(user_id(p.handle) for p in say.PRESETS if p.coordinator)
        # The sandbox is its own world: the season year comes from --year or its own clock.
        harness = await Harness.start(
            db=db,
            clock=ManualClock(options.start),
            admins=coordinators,
            trigger_ttl=None,
            socket=options.socket,
            praktik_year=options.year,
        )
        try:
            console = Console(harness, out=out, errors=errors, strict=options.strict)
            title = over_socket.SANDBOX_TITLE if options.socket else say.TITLE
            console.banner(shown, options.year or default_season_year(options.start), title=title)
            if options.socket:
                console.screen.emit(over_socket.SANDBOX_OVER_SOCKET)
            if options.script is not None:
                lines = options.script.read_text(encoding="utf-8").splitlines()
                return await console.run(listed(lines), echo=True, numbered=True)
            interactive = stdin.isatty()
            if interactive:
                with contextlib.suppress(ImportError):
                    import readline  # noqa: F401 - line editing and history for input()
            source = read_lines(stdin, console.prompt if interactive else None)
            return await console.run(source, echo=not interactive, numbered=not interactive)
        finally:
            await harness.stop()
    return 0  # pragma: no cover - the ExitStack never swallows


# --- the console ---------------------------------------------------------------------------


class Console:
    """Reads lines, turns them into what a Slack user does, and prints what changed."""

    def __init__(
        self,
        harness: Harness,
        *,
        out: TextIO,
        errors: ErrorCount | None = None,
        strict: bool = False,
        ansi: bool | None = None,
        files: Path | None = None,
    ) -> None:
        self.h = harness
        self.errors = errors or ErrorCount()
        self.strict = strict
        if ansi is None:
            ansi = out.isatty() and "NO_COLOR" not in os.environ
        self.seats: dict[str, Seat] = {}
        # Made at the first file, and kept after the sandbox ends (unlike its temporary
        # database): the files are the user's.
        self.files = (
            files or Path(tempfile.gettempdir()) / f"praktik-sandbox-filer-{uuid4().hex[:8]}"
        )
        self.screen = Printer(
            fake=harness.fake,
            seats=self.seats,
            out=out,
            ansi=ansi,
            tz=harness.settings.tz,
            files=self.files,
        )
        self.dispatch: Dispatch | None
        self.dispatch, self.dispatch_problem = load_dispatcher(harness)
        for preset in say.PRESETS:
            self._create(preset.handle, preset.real_name, preset.title, preset.coordinator)
        self.me = self.seats[say.DEFAULT_PERSON]
        self.pending_confirm: Pick | None = None  # a pressed button waiting for ja/nej
        self._commands: dict[str, Callable[[str], Awaitable[None]]] = {}
        for names, handler in (
            (("/som",), self._as),
            (("tryk", "press"), self._press),
            (("udfyld", "fill"), self._fill),
            (("valg", "options"), self._options),
            (("send", "submit"), self._submit),
            (("luk", "close"), self._close),
            (("hjem", "home"), self._home),
            (("vis", "show"), self._show),
            (("tid", "time"), self._time),
            (("hvem", "who"), self._who),
            (("hjælp", "?", "help"), self._help),
            (("ja", "yes"), self._confirm),
            (("nej", "no"), self._deny),
        ):
            self._commands.update(dict.fromkeys(names, handler))

    # --- running lines ------------------------------------------------------------------

    def prompt(self) -> str:
        return f"{self.me.handle}> "

    def banner(self, database: str, year: int, *, title: str = say.TITLE) -> None:
        me, screen = self.me.person, self.screen
        screen.emit(screen.bold(title))
        screen.emit(say.banner_details(str(year), screen.moment(self.h.clock.now()), database))
        screen.emit(say.banner_start(f"{self.me.handle} ({me.real_name}, {me.title})"))
        screen.emit(screen.dim(more.files_folder(str(self.files))))

    async def run(self, lines: AsyncIterator[str], *, echo: bool, numbered: bool) -> int:
        """Carry out every line; 1 when a line failed under --strict, else 0."""
        screen, number, failed = self.screen, 0, 0
        async for raw in lines:
            number += 1
            line = raw.strip()
            if echo and line:
                screen.emit(screen.dim(line) if line.startswith("#") else self.prompt() + line)
            if not line or line.startswith("#"):
                continue
            logged = self.errors.count
            problem: str | None = None
            try:
                if not await self.execute(line):
                    return self._end(failed, numbered)
            except SandboxError as error:
                problem = str(error)
            except AppResponseError as error:
                problem = say.app_refused(str(error))
                screen.report(self.me)  # whatever the app did manage to show
            except BrokenPipeError:  # the reader has gone (`| head`): nobody to tell
                raise
            except Exception as error:
                traceback.print_exc(file=sys.stderr)
                problem = say.unexpected(f"{type(error).__name__}: {error}")
            if problem is None and self.errors.count > logged:
                problem = say.app_logged_errors(self.errors.count - logged)
            if problem is not None:
                failed += 1
                screen.emit("! " + (say.line_failed(number, problem) if numbered else problem))
                if self.strict:
                    screen.emit(say.STOPPED_STRICT)
                    return 1
        # Ctrl-D at the prompt: end the prompt's line first.
        return self._end(failed, numbered, newline=not echo)

    def _end(self, failed: int, numbered: bool, *, newline: bool = False) -> int:
        """A script with a failed line exits 1; at the prompt each failure was seen."""
        if failed and numbered:
            self.screen.emit(more.lines_failed(failed))
        self.screen.emit(("\n" if newline else "") + say.BYE)
        return 1 if failed and numbered else 0

    async def execute(self, line: str) -> bool:
        """Carry out one line; False when the person wants to stop."""
        word, _, rest = line.partition(" ")
        key = word.casefold()
        if key in ("afslut", "quit", "exit"):
            return False
        handler = self._commands.get(key)
        if handler is not None:
            await handler(rest.strip())
        elif word.startswith("/"):
            await self._slash(word, rest.strip())
        else:
            raise SandboxError(say.unknown_command(word))
        return True

    # --- gestures -----------------------------------------------------------------------

    async def _slash(self, command: str, text: str) -> None:
        if command != "/praktik":
            raise SandboxError(say.unknown_slash_command(command))
        self._no_modal()
        self.me.on_home = False
        response = await self.me.person.command(command, text)
        self.screen.report(self.me)
        if response.status != 200:
            raise SandboxError(say.app_http_error(response.status))

    async def _press(self, rest: str) -> None:
        number, choice = split_number(rest)
        pick = self._pick(number)
        target, person = pick.target, self.me.person
        if target.kind == "input":
            raise SandboxError(say.not_a_button(number))
        if target.kind == "select" and not choice:
            raise SandboxError(say.select_needs_choice(number))
        try:
            if target.kind == "select":
                element = element_of(person, pick.where, target)
                value = resolve_option(element, choice, label=target.label, number=number)
                response = await person.choose(
                    target.action_id, value, where=pick.where, block_id=target.block_id
                )
            else:
                confirm = element_of(person, pick.where, target).get("confirm")
                if isinstance(confirm, dict):
                    # As in Slack: a button with a confirm object asks first, and only "yes"
                    # sends the press.
                    self.pending_confirm = pick
                    self.screen.confirm_dialog(confirm)
                    return
                response = await person.press(
                    target.action_id, where=pick.where, value=target.value, block_id=target.block_id
                )
        except LookupError:  # the message changed under the number since it was printed
            raise SandboxError(say.BUTTON_GONE) from None
        self.screen.report(self.me)
        if response.status != 200:
            raise SandboxError(say.app_http_error(response.status))

    async def _confirm(self, _rest: str) -> None:
        pick, self.pending_confirm = self.pending_confirm, None
        if pick is None:
            raise SandboxError(confirm_say.NOTHING_TO_CONFIRM)
        target = pick.target
        try:
            response = await self.me.person.press(
                target.action_id, where=pick.where, value=target.value, block_id=target.block_id
            )
        except LookupError:
            raise SandboxError(say.BUTTON_GONE) from None
        self.screen.report(self.me)
        if response.status != 200:
            raise SandboxError(say.app_http_error(response.status))

    async def _deny(self, _rest: str) -> None:
        pick, self.pending_confirm = self.pending_confirm, None
        if pick is None:
            raise SandboxError(confirm_say.NOTHING_TO_CONFIRM)
        self.screen.emit(confirm_say.CANCELLED)

    async def _fill(self, rest: str) -> None:
        number, raw = split_number(rest)
        person = self.me.person
        target = modal_targets(self._modal()).get(number)
        if target is None:
            raise SandboxError(say.no_such_number(number))
        if target.kind != "input":
            raise SandboxError(say.not_an_input(number))
        element = element_of(person, "modal", target)
        value = typed_value(element, raw, label=target.label, number=number, find_user=self._user)
        person.fill(target.block_id, value)
        shown = render_view(compact_view(self._modal())).text.splitlines()
        line = next((s for s in shown if s.startswith(f"[{number}] ")), target.label)
        if isinstance(value, str) and value in self.h.fake.users:
            line += f" (@{self.h.fake.users[value].name})"
        self.screen.emit(say.filled(line))

    async def _submit(self, _rest: str) -> None:
        labels = {t.block_id: (n, t.label) for n, t in modal_targets(self._modal()).items()}
        outcome = await self.me.person.submit()
        if outcome.action in ("client_errors", "errors"):
            self.screen.emit(say.MODAL_ERRORS)
            for block_id, message in outcome.errors.items():
                n, label = labels.get(block_id, (0, block_id))
                self.screen.emit(f"  [{n}] {label}: {message}")
        self.screen.report(self.me)
        if outcome.action == "failed" and outcome.response is not None:
            raise SandboxError(say.submit_failed(outcome.response.status))

    async def _close(self, _rest: str) -> None:
        self._modal()
        await self.me.person.close()
        self.screen.report(self.me)

    async def _home(self, _rest: str) -> None:
        self._no_modal()
        self.me.on_home = True
        await self.me.person.open_home()
        home = self.me.person.home
        if not self.screen.report(self.me) and home is not None:
            picks: dict[int, Pick] = {}
            self.screen.home(self.me, home, picks, again=True)
            self.me.picks, self.me.bare_screen = picks, not picks

    async def _as(self, rest: str) -> None:
        name, _, title = (part.strip() for part in rest.partition(","))
        if not name:
            raise SandboxError(say.NEED_NAME)
        seat = self._find(name)
        if seat is None:
            handle, real_name = names_for(name)
            seat = self._create(handle, real_name, title or say.DEFAULT_TITLE)
            self.screen.emit(say.new_person(real_name, handle, seat.person.id))
            await self.h.workspace.announce_join(seat.person.id)  # Slack's team_join
        self.me, seat.on_home = seat, False
        person = seat.person
        self.screen.emit(say.you_are(person.real_name, person.title))
        unread = sorted(
            (m for m in [*person.dms, *person.ephemerals] if m.seq > seat.read_upto),
            key=lambda m: m.seq,
        )
        if unread:
            self.screen.emit(say.unread(len(unread)))
            self.screen.messages(seat, unread)
        if person.modal is not None:
            self.screen.emit(say.MODAL_STILL_OPEN)
        seat.read_upto = self.screen.max_seq()

    # --- the clock ----------------------------------------------------------------------

    async def _time(self, rest: str) -> None:
        clock, screen = self.h.clock, self.screen
        assert isinstance(clock, ManualClock)
        now = clock.now()
        if not rest:
            screen.emit(say.now_is(screen.moment(now)))
            return
        try:
            target = parse_moment(rest, now, self.h.settings.tz)
        except ValueError:
            raise SandboxError(say.bad_time(rest)) from None
        if target < now:
            raise SandboxError(say.time_backwards(screen.moment(now)))
        if self.dispatch is None:
            clock.set(target)
            screen.emit(say.now_is(screen.moment(target)))
            problem = self.dispatch_problem
            screen.emit(
                screen.dim(say.dispatcher_unusable(problem) if problem else say.NO_DISPATCHER)
            )
            screen.report(self.me)
            return
        # Stop at each moment a DM is planned for, so each goes out at its own time and a
        # reminder is not judged too late just because the console jumped past it.
        steps = await self.h.db.run(due_between, start=now, end=target)
        for moment in sorted({*steps[:MAX_DISPATCH_STEPS], target}):
            clock.set(moment)
            await self.dispatch(moment)
            await self.h.workspace.settle()
            at = say.now_is if moment == target else say.dispatching_at
            screen.emit(at(screen.moment(moment)))
            screen.report(self.me)

    # --- looking ------------------------------------------------------------------------

    async def _show(self, rest: str) -> None:
        """The screen again; `vis 10` or `vis alle` reach older messages' buttons too."""
        count = shown_count(rest)
        person = self.me.person
        if person.modal is not None:
            self.screen.modal(person.modal, person.modal_errors)
        elif self.me.on_home and person.home is not None:
            picks: dict[int, Pick] = {}
            self.screen.home(self.me, person.home, picks, again=True)
            self.me.picks, self.me.bare_screen = picks, not picks
        else:
            everything = sorted([*person.dms, *person.ephemerals], key=lambda m: m.seq)
            latest = everything if count is None else everything[-count:]
            if not latest:
                self.screen.emit(say.NOTHING_ON_SCREEN)
            self.screen.messages(self.me, latest, again=True)

    async def _options(self, rest: str) -> None:
        number, _ = split_number(rest)
        pick = self._pick(number)
        options = options_of(element_of(self.me.person, pick.where, pick.target))
        if not options:
            raise SandboxError(say.no_options(pick.target.label))
        self.screen.emit(f"[{number}] {pick.target.label}:")
        self.screen.emit(wrap(", ".join(option_text(o) for o in options)))

    async def _who(self, _rest: str) -> None:
        self.screen.who(self.me)

    async def _help(self, _rest: str) -> None:
        self.screen.help()

    # --- helpers ------------------------------------------------------------------------

    def _create(self, handle: str, real_name: str, title: str, coordinator: bool = False) -> Seat:
        person = self.h.workspace.person(user_id(handle), handle, real_name, title)
        seat = Seat(person, handle, coordinator, read_upto=self.screen.max_seq())
        self.seats[handle] = seat
        return seat

    def _find(self, name: str) -> Seat | None:
        wanted = name.casefold()
        for seat in self.seats.values():
            person = seat.person
            if wanted in (seat.handle, person.real_name.casefold(), person.id.casefold()):
                return seat
        return None

    def _user(self, name: str) -> str:
        seat = self._find(name.removeprefix("@"))
        if seat is None:
            raise SandboxError(say.unknown_person(name))
        return seat.person.id

    def _pick(self, number: int) -> Pick:
        """While a modal is open its numbers count: Slack lets nothing behind it be clicked."""
        modal = self.me.person.modal
        if modal is not None:
            target = modal_targets(modal).get(number)
            pick = Pick("modal", target) if target is not None else None
        else:
            pick = self.me.picks.get(number)
            if pick is None and self.me.bare_screen:
                raise SandboxError(more.no_button_now(number))
        if pick is None:
            raise SandboxError(say.no_such_number(number))
        return pick

    def _modal(self) -> dict[str, Any]:
        modal = self.me.person.modal
        if modal is None:
            raise SandboxError(say.NO_MODAL)
        return modal

    def _no_modal(self) -> None:
        if self.me.person.modal is not None:
            raise SandboxError(say.MODAL_IN_THE_WAY)
