"""Helpers of `praktik sandbox`: typed values, long menus, time, the optional dispatcher,
logging and reading lines.

Kept apart from the console's command loop (`console.py`) so that each reads on its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import hashlib
import importlib
import importlib.util
import inspect
import logging
import re
import sys
import textwrap
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, TextIO

from sqlmodel import Session, col, select

from bot.process.current import season_of
from bot.process.logs import Redact
from bot.sandbox.block_state import option_text, options_of, state_values
from bot.sandbox.fake_slack import BOT_TOKEN
from bot.sandbox.person import Person, Where
from bot.sandbox.render import Rendered, Target, render_view
from bot.texts import sandbox as say
from models.tables import OutboxMessage, OutboxStatus, Proposal, ProposalStatus

if TYPE_CHECKING:
    from bot.sandbox.harness import Harness

LONG_MENU = 20  # longer option lists are folded to what is chosen; `valg <nr>` shows them all
Dispatch = Callable[[datetime], Awaitable[None]]
_RELATIVE = re.compile(r"^\+\s*(\d+)\s*(d|t|m)$")
_UNITS = {"d": "days", "t": "hours", "m": "minutes"}
_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d")


class SandboxError(Exception):
    """A line the console cannot carry out; the message is a Danish sentence."""


# --- values -----------------------------------------------------------------------------


def resolve_option(element: Mapping[str, Any], wanted: str, *, label: str, number: int) -> str:
    """An option's value from its value or visible text; a unique beginning or part will do."""
    options = options_of(element)
    if not options:
        raise SandboxError(say.no_options(label))
    for option in options:
        if option.get("value") == wanted:
            return str(option["value"])
    key = " ".join(wanted.split()).casefold()
    for matches in (
        lambda text: text == key,
        lambda text: text.startswith(key),
        lambda text: key in text,
    ):
        found = [o for o in options if matches(" ".join(option_text(o).split()).casefold())]
        if len(found) == 1:
            return str(found[0]["value"])
        if len(found) > 1:
            raise SandboxError(say.ambiguous_option(wanted, [option_text(o) for o in found[:6]]))
    raise SandboxError(say.no_option(wanted, label, number))


def typed_value(
    element: Mapping[str, Any],
    raw: str,
    *,
    label: str,
    number: int,
    find_user: Callable[[str], str],
) -> Any:
    """What `Person.fill` takes for this element, from what was typed (None empties it)."""
    kind = str(element.get("type"))
    text = raw.replace("\\n", "\n")
    items = [part.strip() for part in text.split(",") if part.strip()]
    if kind in ("static_select", "radio_buttons", "external_select"):
        return resolve_option(element, text, label=label, number=number) if text else None
    if kind in ("checkboxes", "multi_static_select", "multi_external_select"):
        return [resolve_option(element, item, label=label, number=number) for item in items]
    if kind == "users_select":
        return find_user(text) if text else None
    if kind == "multi_users_select":
        return [find_user(item) for item in items]
    if kind == "datepicker" and text:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise SandboxError(say.bad_date(text)) from None
    return text or None


def element_of(person: Person, where: Where, target: Target) -> dict[str, Any]:
    """The element behind a number, as it is on the person's screen now."""
    for surface in person.surfaces(where):
        for block in surface.blocks:
            if block.get("block_id") != target.block_id:
                continue
            for element in [
                block.get("element"),
                block.get("accessory"),
                *block.get("elements", []),
            ]:
                if isinstance(element, dict) and element.get("action_id") == target.action_id:
                    return element
    raise SandboxError(say.BUTTON_GONE)


def split_number(rest: str) -> tuple[int, str]:
    """ "3 Ærø Kommune" -> (3, "Ærø Kommune")."""
    first, _, tail = rest.partition(" ")
    if not first.isdigit():
        raise SandboxError(say.NEED_NUMBER)
    return int(first), tail.strip()


def wrap(text: str) -> str:
    return textwrap.fill(text, width=100, initial_indent="  ", subsequent_indent="  ")


def compact_view(view: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a modal for the console: a long menu shows only what is chosen, and a hint.

    Numbering is untouched (options carry no numbers), so "udfyld 3 Ærø" still means input 3.
    """
    numbers = {t.block_id: n for n, t in render_view(view).targets.items() if t.kind == "input"}
    shown: dict[str, Any] = copy.deepcopy(dict(view))
    blocks = shown.get("blocks") or []
    values = state_values(blocks, (shown.get("state") or {}).get("values") or {})
    for block in blocks:
        element = block.get("element")
        if block.get("type") != "input" or not isinstance(element, dict):
            continue
        options = options_of(element)
        if len(options) <= LONG_MENU:
            continue
        entry = values.get(block.get("block_id", ""), {}).get(element.get("action_id", ""), {})
        chosen = [entry["selected_option"]] if entry.get("selected_option") else []
        chosen += entry.get("selected_options") or []
        picked = {o.get("value") for o in chosen}
        element["options"] = [o for o in options if o.get("value") in picked]
        element.pop("option_groups", None)
        hint = (block.get("hint") or {}).get("text", "")
        folded = say.long_select(len(options), numbers.get(block.get("block_id", ""), 0))
        block["hint"] = {"type": "plain_text", "text": f"{hint} {folded}".strip()}
    return shown


def without_numbers(rendered: Rendered, mark: str) -> str:
    """Someone else's message: their buttons are shown, but not as numbers to press."""

    def swap(match: re.Match[str]) -> str:
        return mark if int(match.group(1)) in rendered.targets else match.group(0)

    return re.sub(r"\[(\d+)\] ", swap, rendered.text)


# --- time ---------------------------------------------------------------------------------


def parse_moment(text: str, now: datetime | None, tz: tzinfo) -> datetime:
    """ "2027-08-30 09:00" (local), "2027-08-30", or "+3d" / "+2t" / "+30m" after `now`."""
    relative = _RELATIVE.match(text.strip().casefold())
    if relative is not None and now is not None:
        amount, unit = int(relative.group(1)), _UNITS[relative.group(2)]
        return now + timedelta(**{unit: amount})
    for layout in _FORMATS:
        with contextlib.suppress(ValueError):
            return datetime.strptime(text.strip(), layout).replace(tzinfo=tz)
    raise ValueError(text)


def due_between(session: Session, *, start: datetime, end: datetime) -> list[datetime]:
    """The distinct moments in (start, end] at which planned DMs fall due or open proposals
    reach their deadline (the scheduler expires them then)."""
    rows = session.exec(
        select(OutboxMessage.due_at)
        .where(
            col(OutboxMessage.status) == OutboxStatus.PLANNED,
            col(OutboxMessage.due_at) > start,
            col(OutboxMessage.due_at) <= end,
        )
        .distinct()
    ).all()
    deadlines = session.exec(
        select(Proposal.deadline).where(
            col(Proposal.status) == ProposalStatus.PENDING,
            col(Proposal.deadline) > start,
            col(Proposal.deadline) <= end,
        )
    ).all()
    return sorted({*rows, *(d for d in deadlines if d is not None)})


SHOWN_BY_DEFAULT = 3  # what `vis` alone shows again: the newest messages


def shown_count(rest: str) -> int | None:
    """How many messages `vis …` shows again: 3, `vis 10`, or every one (None, `vis alle`)."""
    wanted = rest.strip().casefold()
    if not wanted:
        return SHOWN_BY_DEFAULT
    if wanted in say.SHOW_ALL_WORDS:
        return None
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    raise SandboxError(say.bad_show(rest.strip()))


# --- the optional dispatcher ------------------------------------------------------------------


def load_dispatcher(harness: Harness) -> tuple[Dispatch | None, str | None]:
    """`bot.outbox.dispatcher.Dispatcher(...).run_once(now)` if that module exists, else (None, …).

    The dispatcher is built elsewhere and may not be there yet: the sandbox then only moves
    the clock. Its constructor gets, by parameter name, whatever of ours it asks for.
    """
    try:
        if importlib.util.find_spec("bot.outbox.dispatcher") is None:
            return None, None
    except (ImportError, ValueError) as error:
        return None, f"{type(error).__name__}: {error}"
    offered: dict[str, Any] = {
        "db": harness.db,
        "client": harness.app.client,
        "clock": harness.clock,
        "settings": harness.settings,
        "inflight": harness.inflight,
        "app": harness.app,
        "tz": harness.settings.tz,
        # A season's calendar from its stored settings, exactly as the app builds it.
        "seasons": functools.partial(season_of, harness.settings),
    }
    try:
        cls = importlib.import_module("bot.outbox.dispatcher").Dispatcher
        kwargs: dict[str, Any] = {}
        for name, parameter in inspect.signature(cls).parameters.items():
            if name in offered:
                kwargs[name] = offered[name]
            elif parameter.default is parameter.empty and parameter.kind in (
                parameter.POSITIONAL_OR_KEYWORD,
                parameter.KEYWORD_ONLY,
            ):
                return None, f"Dispatcher() needs {name!r}"
        dispatcher = cls(**kwargs)
    except Exception as error:
        return None, f"{type(error).__name__}: {error}"
    run_once = dispatcher.run_once
    # What the scheduler runs beside the dispatcher: expiry (and the invitations back), and
    # retention (daily there; at every stop of the clock here, which changes nothing twice).
    expire = harness.expiry_job()
    retain = harness.retention_job()

    async def dispatch(now: datetime) -> None:
        await expire()
        await retain()
        if inspect.iscoroutinefunction(run_once):
            await run_once(now)
        else:
            # A blocking dispatcher must not hold the loop the app and the fake Slack run on.
            await asyncio.to_thread(run_once, now)

    return dispatch, None


# --- the process ---------------------------------------------------------------------------


async def listed(lines: Iterable[str]) -> AsyncIterator[str]:
    for line in lines:
        yield line


def user_id(handle: str) -> str:
    """A Slack-like user ID, the same for a name in every run (so `--db` files stay valid)."""
    digest = hashlib.blake2s(handle.casefold().encode(), digest_size=5).hexdigest()
    return "U" + digest.upper()


class ErrorCount(logging.Handler):
    """Counts errors the app logs (its global error handler logs every failed listener)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextlib.contextmanager
def app_logging(counter: ErrorCount) -> Iterator[None]:
    stream = logging.StreamHandler(sys.stderr)
    stream.setLevel(logging.WARNING)
    stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    stream.addFilter(Redact(BOT_TOKEN))
    root = logging.getLogger()
    root.addHandler(stream)
    root.addHandler(counter)
    try:
        yield
    finally:
        root.removeHandler(stream)
        root.removeHandler(counter)


# --- reading lines ----------------------------------------------------------------------------


async def read_lines(stream: TextIO, prompt: Callable[[], str] | None) -> AsyncIterator[str]:
    """Lines typed (with a prompt) or piped in, read off the event loop.

    Each line is read in a daemon thread: the app keeps serving meanwhile, and Ctrl-C ends
    the process without waiting for a read that will never finish.
    """
    loop = asyncio.get_running_loop()
    while True:
        future: asyncio.Future[str | None] = loop.create_future()
        text = prompt() if prompt is not None else None
        threading.Thread(target=_read_one, args=(stream, text, loop, future), daemon=True).start()
        line = await future
        if line is None:
            return
        yield line


def _read_one(
    stream: TextIO,
    prompt: str | None,
    loop: asyncio.AbstractEventLoop,
    future: asyncio.Future[str | None],
) -> None:
    try:
        if prompt is not None:
            line: str | None = input(prompt)
        else:
            raw = stream.readline()
            line = raw.rstrip("\n") if raw else None
    except (EOFError, OSError, ValueError):
        line = None

    def deliver() -> None:
        if not future.done():
            future.set_result(line)

    with contextlib.suppress(RuntimeError):  # the loop is gone: the console has ended
        loop.call_soon_threadsafe(deliver)


def names_for(typed: str) -> tuple[str, str]:
    """The handle and the real name of someone `/som` brings into the workspace by a name."""
    handle = "".join(c for c in typed.split()[0].casefold() if c.isalnum()) or "person"
    return handle, " ".join(w[:1].upper() + w[1:] for w in typed.split())
