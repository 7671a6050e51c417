"""Running the dispatcher as its job would, over app time: each run at the moment the next
row falls due, so an hour of retries takes as long as the runs themselves."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot.domain.season import COPENHAGEN
from bot.outbox.dispatcher import Dispatcher
from models.db import Database
from models.tables import OutboxMessage

# Friday before week 37, 10:00: every seeded placement's intro and practical DMs are due
# (four per placement), late but still meaningful, and the host's programme reminder (late;
# none is written).
FRIDAY = datetime(2027, 9, 10, 10, 0, tzinfo=COPENHAGEN)
DUE_EACH = 5  # DMs of one placement due by FRIDAY
DUE_BY = datetime(2027, 9, 11, tzinfo=COPENHAGEN)
LEASE = timedelta(minutes=10)  # the dispatcher's default


def statuses(session: Session, due_by: datetime = DUE_BY) -> Counter[str]:
    """Rows due by `due_by`, by status."""
    rows = session.exec(
        select(OutboxMessage.status).where(col(OutboxMessage.due_at) < due_by)
    ).all()
    return Counter(rows)


def rows_due(session: Session, due_by: datetime = DUE_BY) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage).where(col(OutboxMessage.due_at) < due_by)).all())


def every_row(session: Session) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage)).all())


Event = tuple[datetime, Callable[[], Awaitable[None]]]


@dataclass
class Drain:
    """Run the dispatcher as the job would, moving the clock over each retry's wait; an
    event (Slack coming back) happens before the first run at or after its moment."""

    db: Database
    worker: Dispatcher
    now: datetime
    runs: int = 0
    due_by: datetime = DUE_BY
    events: list[Event] = field(default_factory=list)
    waits: list[timedelta] = field(default_factory=list)  # the clock's steps between runs
    wave: set[int] = field(default_factory=set)  # rows open and due by `due_by` at the start

    async def rows(self) -> list[OutboxMessage]:
        """The wave's rows as they are now (a retry moves a row's due time past `due_by`)."""
        if not self.wave:
            due = await self.db.run(rows_due, self.due_by)
            self.wave = {r.id for r in due if r.id and r.status in ("planned", "sending")}
        return [r for r in await self.db.run(every_row) if r.id in self.wave]

    async def until_settled(self, *, max_runs: int = 40) -> None:
        await self.rows()
        for _ in range(max_runs):
            while self.events and self.events[0][0] <= self.now:
                _, happen = self.events.pop(0)
                await happen()
            self.runs += 1
            await self.worker.run_once(self.now)
            rows = await self.rows()
            open_rows = [r for r in rows if r.status in ("planned", "sending")]
            if not open_rows:
                return
            planned = [r.due_at for r in open_rows if r.status == "planned"]
            # The next moment something can go: a retry's due time, else (only claims of a
            # failed run are left) the moment their lease runs out.
            later = min(planned) if planned else self.now + LEASE + timedelta(seconds=1)
            self.waits.append(max(later - self.now, timedelta(0)))
            self.now = max(self.now, later)
        raise AssertionError(f"outbox still open after {max_runs} runs")
