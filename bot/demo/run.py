"""`praktik demo`: a whole season, from sign-up in May to the follow-up in December.

The real app runs over HTTP against the local fake Slack (bot.sandbox.harness) on a fresh
SQLite file; a simulated clock jumps from moment to moment. The app's two jobs, the
dispatcher (`Dispatcher.run_once`) and the proposals' expiry, run at every moment the clock
stops at, exactly as they are built for `praktik serve`. Simulated people do everything else.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as wall
from pathlib import Path

from sqlmodel import Session, col, func, select

from bot.demo.crowd import Crowd, buttons, perform
from bot.demo.ledger import Ledger, PhaseTiming
from bot.demo.network import play_network
from bot.demo.people import Behaviour, Persona, people
from bot.demo.programme import Programmes
from bot.demo.report import Played, Report, build_report
from bot.domain.season import Season, at_local, next_working_day, to_local
from bot.offline.progress import Progress
from bot.outbox.dispatcher import Dispatcher
from bot.process.clock import ManualClock
from bot.process.current import season_of
from bot.registry.ids import AdminAction, CoordinatorAction, DMKind
from bot.sandbox.console_tools import ErrorCount
from bot.sandbox.fake_slack import Message
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import dates
from bot.texts import demo as t
from bot.texts import rounds as round_texts
from bot.texts import socket_mode as over_socket
from bot.views.workshop import WorkshopBlock
from models.db import Database
from models.tables import OutboxMessage, OutboxStatus, SeasonSettings
from models.workshop import KIND_INVITE, KIND_MOVED, KIND_REMINDER

COORDINATOR = "UDEMOKOORD"
MAX_STEPS = 10_000  # a bound on the season loop: a dispatcher that never empties must not hang


@dataclass(frozen=True)
class DemoOptions:
    participants: int = 131
    seed: int = 37
    year: int = 2027
    out: Path | None = None  # None: a temporary folder (report printed, file kept there)
    socket: bool = False  # every gesture over Socket Mode instead of HTTP


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return at_local(day, wall(hour, minute))


class Demo:
    def __init__(
        self, harness: Harness, clock: ManualClock, options: DemoOptions, progress: Progress
    ) -> None:
        self.h = harness
        self.clock = clock
        self.options = options
        self.progress = progress
        self.ledger = Ledger()
        self.personas: list[Persona] = people(options.participants, options.seed)
        self.behaviour = Behaviour(options.seed)
        self.crowd = Crowd(harness, self.personas, self.behaviour, self.ledger)
        self.programmes = Programmes(harness, self.ledger, self.behaviour)
        self.coordinator: Person = harness.workspace.person(
            COORDINATOR, "koordinator", t.COORDINATOR_NAME, t.COORDINATOR_TITLE
        )
        self.season: Season = season_of(harness.settings, SeasonSettings(year=options.year))
        self.dispatcher = Dispatcher.from_settings(harness.settings, harness.db)
        self.expire = harness.expiry_job()
        self._seen_dms: dict[str, int] = {}
        self._seen_unplaced: dict[str, int] = {}  # how far _told_unplaced has read
        self.chart: bytes | None = None
        self.season_pdf: bytes | None = None

    # --- the clock and the app's jobs ------------------------------------------------------

    def at(self, moment: datetime) -> None:
        self.clock.set(moment)

    async def jobs(self) -> None:
        """What the app's scheduler does every 30 s: expire due proposals, send due DMs."""
        now = self.h.clock.now()
        await self.expire()
        report = await self.dispatcher.run_once(now)
        if report.failed or report.lost_claims:
            self.ledger.fail(f"dispatcher at {dates.moment(to_local(now))}: {report}")
        await self.h.workspace.settle()

    @contextlib.contextmanager
    def phase(self, key: str, total: int, start: datetime) -> Iterator[None]:
        calls, gestures, began = len(self.h.fake.calls), self.ledger.gestures, time.perf_counter()
        self.progress.stage(t.PHASES[key], total)
        try:
            yield
        finally:
            spent = time.perf_counter() - began
            end = self.h.clock.now()
            span = f"{dates.day(to_local(start).date())} – {dates.day(to_local(end).date())}"
            self.ledger.timings.append(
                PhaseTiming(
                    t.PHASES[key],
                    spent,
                    span,
                    self.ledger.gestures - gestures,
                    len(self.h.fake.calls) - calls,
                )
            )
            self.progress.done()

    # --- the phases ---------------------------------------------------------------------------

    async def sign_up(self) -> None:
        """May: everyone signs up through the modals, spread over four weeks."""
        start = local(next_working_day(date(self.options.year, 5, 3)), 9)
        span = timedelta(days=24)
        with self.phase("signup", len(self.personas), start):
            for n, persona in enumerate(self.personas):
                self.at(start + span * n / len(self.personas))
                await self.crowd.sign_up(persona)
                self.progress.tick()

    async def requests(self) -> None:
        """Early June: some interns search and ask a host themselves; hosts answer."""
        deadline = self.season.signup_deadline
        start = local(deadline - timedelta(days=10), 10)
        direct = [p for p in self.personas if not p.is_host and p.direct]
        with self.phase("requests", len(direct) + 1, start):
            for n, persona in enumerate(direct):
                self.at(start + timedelta(days=4) * n / max(1, len(direct)))
                await self.crowd.request(persona)
                self.progress.tick()
            self.at(local(deadline - timedelta(days=3), 11))
            await self.crowd.answer_asks(self._hosts(), "request")
            self.crowd.confirmed("request")
            self.progress.tick()

    async def round(self, number: int, start: datetime) -> datetime:
        """The coordinator previews and sends a round; both sides answer within two days or
        leave it; after the deadline the expiry job closes what is left. Returns its end."""
        key, mode = ("round1", "stabil") if number == 1 else ("round2", "flest")
        action = (
            CoordinatorAction.MATCH_SEND_STABIL
            if number == 1
            else CoordinatorAction.MATCH_SEND_FLEST
        )
        with self.phase(key, 4, start):
            self.at(start)
            await self.jobs()
            me = self.coordinator
            before = max((m.seq for m in me.ephemerals), default=-1)
            if await self._gesture(me.command("/praktik", "admin match"), "admin match"):
                self.progress.tick()
                # Only an answer to this command counts: an older ephemeral must not stand in
                # for a preview that never arrived (Slack refused it, or the app failed).
                fresh = [m for m in me.ephemerals if m.seq > before]
                preview = fresh[-1] if fresh else None
                if preview is None:
                    self.ledger.fail(f"round {number}: no preview came back from admin match")
                elif buttons(preview.blocks, action):
                    await self._gesture(me.press(action, where="ephemeral"), f"send {mode}")
                elif round_texts.NOTHING_TO_MATCH in preview.text:
                    self.ledger.notes.append(t.nothing_to_match(number))
                else:
                    self.ledger.fail(f"round {number}: the preview has no send {mode} button")
            self.progress.tick()
            self.ledger.told_unplaced += self._told_unplaced()
            self.at(start + timedelta(days=2))
            await self.jobs()
            everyone = [p.user_id for p in self.personas]
            await self.crowd.answer_asks(everyone, f"round {number}")
            self.crowd.confirmed(f"round {number}")
            self.progress.tick()
            end = self.season.proposal_deadline(start) + timedelta(minutes=1)
            self.at(end)
            await self.jobs()
            self.progress.tick()
        return end

    async def workshop(self, start: datetime) -> datetime:
        """Late June: the coordinator invites everyone to the kick-off workshop, three weeks
        before week 37; people answer their invitation (the reminders come in the season)."""
        day = self.season.days[0] - timedelta(days=18)
        with self.phase("workshop", 2, start):
            self.at(start)
            me = self.coordinator
            if await self._gesture(me.command("/praktik", "admin workshop"), "admin workshop"):
                me.fill(WorkshopBlock.DAY, day.isoformat())
                me.fill(WorkshopBlock.TIME, t.WORKSHOP_TIME)
                me.fill(WorkshopBlock.PLACE, t.WORKSHOP_PLACE)
                me.fill(WorkshopBlock.NOTE, t.WORKSHOP_NOTE)
                await self._gesture(me.submit(), "workshop")
            self.progress.tick()
            await self.jobs()
            await self._react()
            self.progress.tick()
        return start + timedelta(hours=1)

    async def through_the_season(self, start: datetime) -> None:
        """From the last round to the 90-day follow-up: the clock stops at every moment a
        planned DM falls due, the jobs run, and people answer what they get."""
        announce_at = local(self.season.days[0] - timedelta(days=28), 10)
        steps = await self.h.db.run(_moments, after=start)
        with self.phase("season", len(steps) + 1, start):
            self.at(max(start, announce_at))
            await self._announce()
            self.progress.tick()
            for _ in range(MAX_STEPS):
                due = await self.h.db.run(_moments, after=self.h.clock.now(), limit=1)
                if not due:
                    break
                self.at(due[0])
                await self.jobs()
                await self._react()
                self.progress.tick()
            else:
                self.ledger.fail(f"the season loop stopped after {MAX_STEPS} steps")

    async def network(self) -> None:
        """After the follow-up: some participants choose to be findable; one searches."""
        moment = local(next_working_day(to_local(self.h.clock.now()).date() + timedelta(1)), 9)
        with self.phase("network", 1, moment):
            self.at(moment)
            await play_network(self.h, self.crowd, self.personas, self.behaviour, self.ledger)
            self.progress.tick()

    async def stats(self) -> None:
        """After the follow-up: the coordinator's figures and chart, as a PNG in the DM, and the
        season report as a PDF."""
        moment = local(next_working_day(to_local(self.h.clock.now()).date() + timedelta(1)), 10)
        with self.phase("stats", 1, moment):
            self.at(moment)
            before = len(self.coordinator.files)
            await self._gesture(self.coordinator.command("/praktik", "admin stats"), "stats")
            pngs = [f for f in self.coordinator.files[before:] if f.filetype == "png"]
            self.chart = pngs[-1].content if pngs else None
            before = len(self.coordinator.files)
            await self._gesture(self.coordinator.command("/praktik", "admin rapport"), "rapport")
            pdfs = [f for f in self.coordinator.files[before:] if f.filetype == "pdf"]
            self.season_pdf = pdfs[-1].content if pdfs else None
            self.progress.tick()

    def played(self) -> Played:
        """What the report reads from this run."""
        return Played(
            year=self.options.year,
            seed=self.options.seed,
            socket=self.options.socket,
            personas=self.personas,
            ledger=self.ledger,
            cohost_mail=self.crowd.cohost_mail(self.options.year),
            chart=self.chart,
            season_pdf=self.season_pdf,
        )

    # --- helpers ----------------------------------------------------------------------------

    def _hosts(self) -> list[str]:
        return [p.user_id for p in self.personas if p.is_host]

    async def _gesture(self, gesture: Awaitable[object], what: str) -> bool:
        done = await perform(self.h, self.ledger, f"{COORDINATOR}: {what}", gesture)
        return done is not None

    async def _announce(self) -> None:
        """A coordinator's announcement to all participants, a month before week 37."""
        me = self.coordinator
        if await self._gesture(me.command("/praktik", f"admin besked {t.ANNOUNCEMENT}"), "besked"):
            await self._gesture(
                me.press(AdminAction.ANNOUNCE_SEND, where="ephemeral"), "send besked"
            )
        await self.jobs()
        await self._react()

    def _told_unplaced(self) -> int:
        """Interns whose newest DM says they got no proposal this round."""
        starts = (
            round_texts.UNPLACED_NO_DAY,
            round_texts.UNPLACED_FULL,
            round_texts.UNPLACED_NONE_LEFT,
        )
        told = 0
        for persona in self.personas:
            if persona.is_host:
                continue
            dms = self.crowd.people[persona.user_id].dms
            # Its own bookmark: the DMs stay unread for _react, which counts each by kind
            # (an expiry notice can arrive with this round's news).
            seen = self._seen_unplaced.get(persona.user_id, 0)
            if any(m.text.startswith(starts) for m in dms[seen:]):
                told += 1
            self._seen_unplaced[persona.user_id] = len(dms)
        return told

    async def _react(self) -> None:
        """Everyone looks at the DMs that arrived since they last looked."""
        for user, person in self.crowd.people.items():
            dms = person.dms
            seen = self._seen_dms.get(user, 0)
            self._seen_dms[user] = len(dms)
            for message in dms[seen:]:
                payload = (message.metadata or {}).get("event_payload") or {}
                key = str(payload.get("key") or "")
                if key:
                    await self.crowd.react(message, user, dm_kind(key))
                    await self._programme(message, user, dm_kind(key))
        # Co-hosts read their DMs too; what they get is counted, the answers are the host's,
        # but for the programme, which some co-hosts write.
        for host, colleague in self.crowd.colleagues.items():
            dms = colleague.dms
            seen = self._seen_dms.get(colleague.id, 0)
            self._seen_dms[colleague.id] = len(dms)
            for message in dms[seen:]:
                key = str(((message.metadata or {}).get("event_payload") or {}).get("key") or "")
                if key:
                    self.ledger.dms[dm_kind(key)] += 1
                    await self.programmes.host_side_reads(
                        message, host=host, writer=colleague, kind=dm_kind(key), shared=True
                    )

    async def _programme(self, message: Message, user: str, kind: str) -> None:
        """The host side writes the programme when asked; the intern reads the notice."""
        if self.crowd.personas[user].is_host:
            await self.programmes.host_side_reads(
                message,
                host=user,
                writer=self.crowd.people[user],
                kind=kind,
                shared=user in self.crowd.colleagues,
            )
        elif kind == DMKind.PROGRAMME_CHANGED:
            self.programmes.intern_reads(message, user)


def dm_kind(key: str) -> str:
    """The outbox kind from a DM's metadata key: "p42:welcome:U1:2027-09-13" → "welcome";
    a coordinator's announcement ("besked:2027:…") → "announcement"."""
    head, _, rest = key.partition(":")
    if head.startswith("p") and head[1:].isdigit():
        return rest.partition(":")[0]
    if head == "workshop":
        if ":moved:" in key:
            return KIND_MOVED
        return KIND_REMINDER if ":reminder:" in key else KIND_INVITE
    return "announcement" if head == "besked" else head


def _moments(session: Session, *, after: datetime, limit: int | None = None) -> list[datetime]:
    """Distinct moments after `after` at which planned DMs fall due, soonest first."""
    query = (
        select(OutboxMessage.due_at)
        .where(
            col(OutboxMessage.status) == OutboxStatus.PLANNED,
            col(OutboxMessage.due_at) > after,
        )
        .distinct()
        .order_by(col(OutboxMessage.due_at))
    )
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query).all())


def _left(session: Session) -> int:
    status = col(OutboxMessage.status)
    waiting = (OutboxStatus.PLANNED, OutboxStatus.SENDING)
    return session.exec(select(func.count()).where(status.in_(waiting))).one()


async def run_demo(
    options: DemoOptions, *, progress: Progress, errors: ErrorCount | None = None
) -> Report:
    """The whole season; returns the report (also written to the out folder)."""
    errors = errors or ErrorCount()
    with contextlib.ExitStack() as stack:
        folder = options.out
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix="praktik-demo-"))
        folder.mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        start_phase = over_socket.DEMO_START if options.socket else t.PHASES["start"]
        progress.stage(start_phase)
        db_file = folder / "praktik-demo.db"
        db_file.unlink(missing_ok=True)
        db = Database(f"sqlite:///{db_file}")
        stack.callback(db.dispose)
        db.upgrade()
        clock = ManualClock(local(next_working_day(date(options.year, 5, 3)), 9))
        harness = await Harness.start(
            db=db,
            clock=clock,
            admins=frozenset({COORDINATOR}),
            trigger_ttl=None,
            socket=options.socket,
            praktik_year=options.year,
        )
        try:
            demo = Demo(harness, clock, options, progress)
            demo.ledger.timings.append(
                PhaseTiming(start_phase, time.perf_counter() - began, "", 0, 0)
            )
            progress.done()
            await demo.sign_up()
            await demo.requests()
            first = local(next_working_day(demo.season.signup_deadline + timedelta(1)), 10)
            after_first = await demo.round(1, first)
            after_second = await demo.round(2, after_first + timedelta(hours=1))
            after_workshop = await demo.workshop(after_second + timedelta(hours=1))
            await demo.through_the_season(after_workshop)
            await demo.network()
            await demo.stats()
            left = await db.run(_left)
            report = await build_report(
                played=demo.played(),
                db=db,
                folder=folder,
                left=left,
                app_errors=errors.count,
            )
        finally:
            await harness.stop()
    return report
