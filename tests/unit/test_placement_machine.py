"""Random sequences through a placement's life, against a real database, with every invariant
of bot.domain.placement checked after every step.

Five people who may each be host, co-host, intern or someone's manager offer, wish, ask,
answer as host or co-host, run rounds with locks, forbids and placements by hand, withdraw,
erase their data, change days, refine the intern's learning goals, write the programme for
the days, evaluate, and move the clock across the proposal deadline, week 37 and into the
next season. Goals and programmes are written to any placement by anyone of the five, so
that many writes are ones the product must refuse. The moves go through the same model
functions the services call, each in its own transaction (Database.call), as a press would.

`PRAKTIK_MACHINE_EXAMPLES=5000 pytest tests/unit/test_placement_machine.py -k sqlite` is
the long run; the suite runs a few dozen sequences per database.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import delete
from sqlmodel import Session, SQLModel, col, select

from bot.domain.geo import Sector
from bot.domain.placement import CLOSED, Event, Role, Span, State, sides_conflict
from bot.domain.season import COPENHAGEN, Season, next_allowed
from bot.domain.timeline import SkipReason
from bot.matching.rounds import plan
from bot.matching.solvers import Mode
from bot.outbox.rules import Settle
from bot.outbox.rules import decide as dispatch_decision
from bot.registry.ids import GOALS_CHANGED_KIND, DMKind
from bot.service.rounds import to_input
from bot.service.steering import _refusal as steer_refusal
from models import cohosts, days_change, goals, placements, privacy, programme, rounds, steering
from models.anonymise import is_stand_in
from models.db import Database
from models.feedback import SaveRefusal, placement_contexts, save_answer
from models.forms import SlotForm, WishForm
from models.outbox_repo import Claimed, answer_and_plan
from models.participants import Profile
from models.programme_form import ProgrammeForm, parse
from models.requests import press_request
from models.slots import EditConflict, save_slot
from models.tables import (
    Evaluation,
    HostSlot,
    MatchSteer,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Placement,
    PlacementStatus,
    Programme,
    Proposal,
    ProposalStatus,
    SteerKind,
    Wish,
)
from models.wishes import save_wish

# The DMs every confirmation promises both sides, however late it came (before the week).
PROMISED = {DMKind.CHECKIN.value, DMKind.EVALUATION.value, DMKind.FOLLOWUP.value}
EXAMPLES = int(os.environ.get("PRAKTIK_MACHINE_EXAMPLES", "0"))
PEOPLE = ["U1", "U2", "U3", "U4", "U5"]
YEAR = 2027
SEASON = Season.for_year(YEAR)
START = datetime(2027, 5, 3, 10, 0, tzinfo=COPENHAGEN)
# Mostly days that overlap, so that requests and rounds find each other; any set sometimes.
DAYS = st.sampled_from([[1, 2, 3, 4, 5], [1, 2, 3], [3, 4, 5], [2, 3]]) | st.lists(
    st.integers(1, 5), min_size=1, max_size=5, unique=True
).map(sorted)
# Moments the clock is moved to: a little, past a proposal's deadline, the week, after it,
# the next season.
MOVES = st.sampled_from(
    [
        timedelta(hours=2),
        timedelta(hours=2),
        timedelta(days=3),
        timedelta(days=3),
        timedelta(days=8),
        timedelta(days=8),
        timedelta(days=8),
        datetime(2027, 9, 13, 9, tzinfo=COPENHAGEN),
        datetime(2027, 9, 14, 9, tzinfo=COPENHAGEN),
        datetime(2027, 9, 15, 12, tzinfo=COPENHAGEN),
        datetime(2027, 9, 20, 10, tzinfo=COPENHAGEN),
        datetime(2028, 1, 20, 10, tzinfo=COPENHAGEN),
    ]
)


# Who acts on a placement's goals or programme: mostly the side whose text it is, else the other
# side or one of the five picked outright (often someone with no part in it).
GOALS_BY = st.sampled_from(["intern"] * 4 + ["host", "cohost"] + PEOPLE)
PROGRAMME_BY = st.sampled_from(["host", "cohost"] * 2 + ["intern"] + PEOPLE)
# A programme's phone as people write it; the last is no Danish number, so the form refuses it.
PHONES = st.sampled_from(["", "12 34 56 78", "+45 12345678", "123"])


def _note(what: str) -> None:
    """Count a kind of step for `--hypothesis-show-statistics`; a regression test that calls
    the rules by hand runs outside Hypothesis, where there is nothing to count."""
    if currently_in_test_context():
        event(what)


def _notice(_deal: placements.Deal) -> dict[str, Any]:
    return {"text": "udløbet"}


def _choose(rows: rounds.RoundRows) -> dict[int, int]:
    result = plan(to_input(rows), Mode.STABIL, 6)
    return {int(w): int(s) for w, s in result.assignments.items()}


class PlacementLife(RuleBasedStateMachine):
    db: Database  # set by the test before the machine runs

    def __init__(self) -> None:
        super().__init__()
        self.db.call(_empty)
        self.now = START
        self.happened: set[int] = set()  # placements that began while confirmed
        self.erased: set[str] = set()
        self.written = 0  # goals and programmes written, to tell each text apart

    def call(self, fn: Any, /, **kwargs: Any) -> Any:
        return self.db.call(fn, **kwargs)

    def _placed(self) -> list[Placement]:
        return list(
            self.call(
                lambda s: s.exec(
                    select(Placement).where(Placement.status == PlacementStatus.CONFIRMED)
                ).all()
            )
        )

    # --- signing up -------------------------------------------------------------------------

    @initialize(
        hosts=st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=3, unique=True),
        interns=st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4, unique=True),
        picks=st.lists(st.integers(0, 9), min_size=4, max_size=4),
        agreed=st.integers(0, 2),
        seats=st.integers(1, 2),
    )
    def season_opens(
        self, hosts: list[str], interns: list[str], picks: list[int], agreed: int, seats: int
    ) -> None:
        """A few slots, wishes and requests to start from, so that sequences meet early, and
        mostly a host who says yes at once, so that the goals and the programme have a
        placement to be written for in most sequences (with two seats, sometimes two interns at
        one host, who may write one programme for both)."""
        for host in hosts:
            self.offer(host, capacity=seats, days=[1, 2, 3, 4, 5], cohost=None)
        for intern, pick in zip(interns, picks, strict=False):
            self.wish(intern, days=[1, 2, 3, 4, 5], manager=None)
            self.request(intern, pick)
        for _ in range(agreed):
            self.answer(pick=1, role=Role.HOST, by_cohost=False, accept=True)  # an open one

    @rule(
        host=st.sampled_from(PEOPLE),
        capacity=st.integers(1, 2),
        days=DAYS,
        cohost=st.none() | st.sampled_from(PEOPLE),
    )
    def offer(self, host: str, capacity: int, days: list[int], cohost: str | None) -> None:
        if self.now >= SEASON.week_ends_at:
            return  # sign-up is closed for the season (bot.domain.season.signup_open)
        form = SlotForm(
            workplace=f"Sted {host}",
            sector=Sector.KOMMUNE,
            municipality="0101",
            region=None,
            capacity=capacity,
            days=tuple(days),
            topics=("klima",),
            description="",
        )
        saved = self.call(
            save_slot, host=Profile(host, f"Navn {host}"), year=YEAR, form=form, now=self.now
        )
        if isinstance(saved, EditConflict):
            return  # an edit that would break an agreement is refused, nothing stored
        slot_id = saved.slot.id
        if cohost != host and not self.call(cohosts.conflict, slot_id=slot_id, user_id=cohost):
            self.call(cohosts.set_cohost, slot_id=slot_id, cohost=cohost)

    @rule(intern=st.sampled_from(PEOPLE), days=DAYS, manager=st.none() | st.sampled_from(PEOPLE))
    def wish(self, intern: str, days: list[int], manager: str | None) -> None:
        if self.now >= SEASON.week_ends_at:
            return
        form = WishForm(
            workplace=f"Hjem {intern}",
            sector=Sector.STAT,
            municipality=None,
            topics=("klima",),
            wanted_sectors=(),
            wanted_regions=(),
            days=tuple(days),
            text="",
            manager_user_id=manager if manager != intern else None,
            goals=f"wish goals {intern}",  # a confirmed placement starts with a copy
        )
        self.call(
            save_wish, intern=Profile(intern, f"Navn {intern}"), year=YEAR, form=form, now=self.now
        )

    # --- asking and answering ---------------------------------------------------------------

    @rule(intern=st.sampled_from(PEOPLE), pick=st.integers(0, 9))
    def request(self, intern: str, pick: int) -> None:
        slots = self.call(lambda s: s.exec(select(HostSlot.id).order_by(col(HostSlot.id))).all())
        if not slots:
            return
        slot_id = slots[pick % len(slots)]
        forbidden = self.call(steering.forbidden_slots, user_id=intern, year=YEAR)
        pressed = self.call(
            press_request,
            slot_id=slot_id,
            user_id=intern,
            intern=Profile(intern, f"Navn {intern}"),
            fresh_since=self.now,
            year=YEAR,
            now=self.now,
            approval_required=False,
        )
        result = pressed.result
        if slot_id in forbidden:  # a forbidden pair is never asked, not even by an old button
            assert result is not None and result.refused
        if result is not None and result.deal is not None and result.refusal is None:
            deal = result.deal
            assert (
                sides_conflict(
                    intern=intern,
                    host=deal.host.slack_user_id,
                    cohost=deal.slot.cohost_user_id,
                    manager=deal.proposal.manager_user_id,
                )
                is None
            )

    @rule(
        pick=st.integers(0, 99),
        role=st.sampled_from([Role.HOST, Role.INTERN]),
        by_cohost=st.booleans(),
        accept=st.booleans(),
    )
    def answer(self, pick: int, role: Role, by_cohost: bool, accept: bool) -> None:
        proposals = self.call(lambda s: s.exec(select(Proposal).order_by(col(Proposal.id))).all())
        # Mostly a press on an open one; one in five on any, stale presses on closed ones too.
        pending = [p for p in proposals if p.status == ProposalStatus.PENDING]
        among = proposals if pick % 5 == 0 or not pending else pending
        if not among:
            return
        proposal = among[pick // 5 % len(among)]
        deal = self.call(placements.deal_of, proposal_id=proposal.id)
        if deal is None:
            return
        if role is Role.HOST:
            user = deal.slot.cohost_user_id if by_cohost and deal.slot.cohost_user_id else None
            user = user or deal.host.slack_user_id
        else:
            user = deal.intern.slack_user_id
        before = self._placed()
        result = self.call(
            answer_and_plan,
            proposal_id=proposal.id,
            role=role,
            user_id=user,
            accept=accept,
            season=SEASON,
            seasons=lambda _settings: SEASON,
            now=self.now,
        )
        if proposal.status != ProposalStatus.PENDING:
            # A press on a closed one changes nothing.
            assert result.refused and self._placed() == before

    @rule(
        mode=st.sampled_from([Mode.STABIL, Mode.FLEST]),
        steer=st.none()
        | st.tuples(st.sampled_from(list(SteerKind)), st.integers(0, 9), st.integers(0, 9)),
    )
    def match_round(self, mode: Mode, steer: tuple[SteerKind, int, int] | None) -> None:
        rows = self.call(rounds.round_rows, year=YEAR, now=self.now)
        if steer is not None and rows.wishes and rows.slots:
            kind, w, s = steer
            wish_id = rows.wishes[w % len(rows.wishes)].wish.id
            slot_id = rows.slots[s % len(rows.slots)].slot.id
            assert wish_id is not None and slot_id is not None
            if steer_refusal(rows, wish_id, slot_id, kind) is None:
                self.call(
                    steering.set_steer,
                    year=YEAR,
                    wish_id=wish_id,
                    slot_id=slot_id,
                    kind=kind,
                    actor="UKOORD",
                    now=self.now,
                )
                pairs = self.call(
                    lambda s: Counter(
                        (m.wish_id, m.slot_id) for m in s.exec(select(MatchSteer)).all()
                    )
                )
                assert max(pairs.values()) == 1  # the later steer of a pair replaced the earlier
        forbidden = self.call(
            lambda s: {
                (m.wish_id, m.slot_id)
                for m in s.exec(select(MatchSteer).where(MatchSteer.kind == SteerKind.FORBID))
            }
        )
        sent = self.call(
            rounds.send_round,
            year=YEAR,
            round_no=rows.round_no,
            mode=mode.value,
            actor="UKOORD",
            now=self.now,
            deadline=SEASON.proposal_deadline(self.now),
            approval_required=False,
            choose=_choose,
        )
        if sent is None:
            return
        for deal in sent.deals:
            assert deal.wish is not None
            assert (deal.wish.id, deal.slot.id) not in forbidden  # never proposed
            assert (
                sides_conflict(
                    intern=deal.intern.slack_user_id,
                    host=deal.host.slack_user_id,
                    cohost=deal.slot.cohost_user_id,
                    manager=deal.proposal.manager_user_id,
                )
                is None
            )

    # --- leaving ----------------------------------------------------------------------------

    @rule(person=st.sampled_from(PEOPLE), role=st.sampled_from([Role.HOST, Role.INTERN]))
    def withdraw(self, person: str, role: Role) -> None:
        self.call(placements.withdraw, user_id=person, role=role, year=YEAR, now=self.now)

    @rule(person=st.sampled_from(PEOPLE))
    def erase(self, person: str) -> None:
        for role in (Role.HOST, Role.INTERN):
            self.call(
                placements.withdraw,
                user_id=person,
                role=role,
                year=YEAR,
                now=self.now,
                event=Event.ERASE,
            )
        me = self.call(
            lambda s: s.exec(
                select(Participant.id).where(Participant.slack_user_id == person)
            ).first()
        )
        self.call(privacy.erase, user_id=person, now=self.now)
        self.erased.add(person)
        self.call(partial(_forgotten, user_id=person, participant_id=me))

    @rule(pick=st.integers(0, 9), days=DAYS, by_host=st.booleans(), accept=st.booleans())
    def change_days(self, pick: int, days: list[int], by_host: bool, accept: bool) -> None:
        placed = self._placed()
        if not placed:
            return
        placement = placed[pick % len(placed)]
        deal = self.call(placements.deal_of, proposal_id=placement.proposal_id)
        assert deal is not None
        host, intern = deal.host.slack_user_id, deal.intern.slack_user_id
        proposer, answerer = (host, intern) if by_host else (intern, host)
        found = self.call(
            days_change.propose,
            proposal_id=placement.proposal_id,
            user_id=proposer,
            values=[str(d) for d in days],
            now=self.now,
        )
        if isinstance(found, days_change.DaysRefusal):
            return
        self.call(
            days_change.decide,
            change_id=found.change.id,
            user_id=answerer,
            accept=accept,
            season=SEASON,
            seasons=lambda _settings: SEASON,
            now=self.now,
        )

    # --- goals, programme, evaluation -------------------------------------------------------

    @rule(pick=st.integers(0, 99), who=GOALS_BY)
    def refine_goals(self, pick: int, who: str) -> None:
        found = self.call(partial(_pick, pick=pick, who=who))
        if found is None:
            return
        placement, user = found
        assert placement.id is not None
        self.written += 1
        text = f"goals {user} #{self.written}"  # names its writer, for the erasure's check
        allowed = self.call(partial(_may_refine, placement_id=placement.id, user_id=user))
        before = None if allowed else self.call(_snapshot)
        opened = self.call(
            goals.may_refine,
            proposal_id=placement.proposal_id,
            user_id=user,
            tz=COPENHAGEN,
            now=self.now,
        )
        assert isinstance(opened, goals.GoalsRefusal) is not allowed, (opened, user)
        # Submitted whatever the modal said: one opened before a withdrawal or an evaluation
        # is checked again under the placement's lock.
        refined = self.call(
            goals.refine_goals,
            proposal_id=placement.proposal_id,
            user_id=user,
            goals=text,
            payload=_goals_payload,
            tz=COPENHAGEN,
            now=self.now,
        )
        _note(f"goals {'refined' if allowed else 'refused'}")
        if not allowed:
            assert isinstance(refined, goals.GoalsRefusal), refined
            assert self.call(_snapshot) == before  # a refused write changed nothing
            return
        assert isinstance(refined, goals.Refined) and refined.changed, refined
        assert self.call(lambda s: s.get(Placement, placement.id).goals) == text
        assert user not in refined.told  # the intern is not told of her own goals

    @rule(
        pick=st.integers(0, 99),
        who=PROGRAMME_BY,
        entries=st.lists(st.booleans(), min_size=5, max_size=5),
        address=st.booleans(),
        phone=PHONES,
        also=st.integers(0, 7),
        stray=st.none() | st.integers(0, 99),
    )
    def write_programme(
        self,
        pick: int,
        who: str,
        entries: list[bool],
        address: bool,
        phone: str,
        also: int,
        stray: int | None,
    ) -> None:
        found = self.call(partial(_pick, pick=pick, who=who))
        if found is None:
            return
        placement, user = found
        self.written += 1
        mark = f"{user} #{self.written}"  # names its writer, for the erasure's check
        # The modal shows the placement's own days; the host fills some of them in. A form
        # with faults is answered inline, next to the field: nothing reaches the database.
        form = parse(
            days={
                day: [f"plan {mark}" if on else None, "9-15" if on else None, None]
                for day, on in zip(sorted(placement.days), entries, strict=False)
            },
            address=f"addr {mark}" if address else None,
            meeting_point=None,
            phone=phone,
        )
        if not isinstance(form, ProgrammeForm):
            return
        may = partial(_may_write, user_id=user, now=self.now)
        allowed = self.call(partial(may, proposal_ids=[placement.proposal_id]))
        writable = self.call(
            programme.writable, proposal_id=placement.proposal_id, user_id=user, now=self.now
        )
        assert isinstance(writable, programme.ProgrammeRefusal) is not allowed, (writable, user)
        ids = [placement.proposal_id]
        if not isinstance(writable, programme.ProgrammeRefusal):
            deal, _ = writable
            others = self.call(programme.also_for, deal=deal, user_id=user, now=self.now)
            expected = self.call(
                partial(_also_writable, proposal_id=placement.proposal_id, may=may)
            )
            assert [o.proposal.id for o in others] == expected, (others, expected)
            ids += [o.proposal.id or 0 for i, o in enumerate(others) if also >> i & 1]
        if stray is not None:  # a tick that was allowed when the modal opened, or a forged one
            proposals = self.call(
                lambda s: list(s.exec(select(Proposal.id).order_by(col(Proposal.id))).all())
            )
            ids.append(proposals[stray % len(proposals)])
        allowed = self.call(partial(may, proposal_ids=ids))
        _note(f"programme {'saved' if allowed else 'refused'} ({len(set(ids))} placements)")
        save = partial(programme.save, proposal_ids=ids, user_id=user, form=form, now=self.now)
        if not allowed:  # one refused refuses them all
            before = self.call(_snapshot)
            assert isinstance(self.call(save), programme.ProgrammeRefusal)
            assert self.call(_snapshot) == before  # a refused write changed nothing
            return
        revisions = self.call(partial(_revisions, proposal_ids=ids))
        saved = self.call(save)
        assert not isinstance(saved, programme.ProgrammeRefusal), saved
        assert [one.deal.proposal.id for one in saved] == list(dict.fromkeys(ids))
        after = self.call(partial(_revisions, proposal_ids=ids))
        for one in saved:
            pid = one.deal.proposal.id or 0
            assert after[pid] == revisions.get(pid, 0) + 1
            assert one.programme.days == form.for_days(sorted(one.placement.days))
            assert one.programme.updated_by == user

    @rule(pick=st.integers(0, 99), who=st.sampled_from(["intern", "host", "cohost"]))
    def evaluate(self, pick: int, who: str) -> None:
        """A side evaluates after the visit; the intern's evaluation fixes her goals."""
        found = self.call(partial(_pick, pick=pick, who=who))
        if found is None:
            return
        placement, user = found
        span = Span.of_week(placement.season_year, placement.days)
        if span is None or span.stage(self.now) is not State.COMPLETED:
            return  # the service offers the evaluation only once the visit is over ...
        if self.now >= SEASON.closes_at:
            return  # ... and until the season closes
        values: dict[str, int | str | bool] = {"benefit": "ja", "recommend": 9}
        if who == "intern":
            values["goals_met"] = 4
        saved = self.call(
            save_answer,
            table=Evaluation,
            placement_id=placement.id,
            user_id=user,
            values=values,
            now=self.now,
            closes_at=SEASON.closes_at,
        )
        if placement.status != PlacementStatus.CONFIRMED:
            assert saved is SaveRefusal.UNKNOWN
        _note(f"evaluated as {who}: {type(saved).__name__}")

    # --- the clock --------------------------------------------------------------------------

    @rule(move=MOVES)
    def time_passes(self, move: timedelta | datetime) -> None:
        target = self.now + move if isinstance(move, timedelta) else move
        if target <= self.now:
            return
        self.now = target
        # The scheduler's expiry job (every few minutes): what is due is expired now.
        self.call(
            rounds.expire_due,
            now=self.now,
            due=next_allowed(self.now, SEASON),
            notice=_notice,
        )

    def teardown(self) -> None:
        # What the sequence reached, for `--hypothesis-show-statistics`: the states seen.
        reached = self.call(
            lambda s: {
                placements.state_of_proposal(p, now=self.now).value
                for p in s.exec(select(Proposal)).all()
            }
        )
        for state in sorted(reached):
            event(f"reached {state}")
        if os.environ.get("MACHINE_TRACE"):  # a file to append the states reached to
            with Path(os.environ["MACHINE_TRACE"]).open("a") as f:
                f.write(" ".join(sorted(reached)) + (" BEGAN" if self.happened else "") + "\n")
        if self.happened:
            event("a placement began")

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def holds(self) -> None:
        """Every invariant of bot.domain.placement, and of the goals and the programme (one
        transaction, read once: these run after every step)."""
        self.happened |= self.db.call(partial(_check, now=self.now, happened=self.happened))

    @invariant()
    def closed_ones_never_block_a_pair(self) -> None:
        self.db.call(partial(_unblocked, now=self.now))


def _empty(session: Session) -> None:
    for table in reversed(SQLModel.metadata.sorted_tables):
        session.execute(delete(table))


def _check(session: Session, *, now: datetime, happened: set[int]) -> set[int]:
    """Every invariant of bot.domain.placement; returns the placements that have begun."""
    people = {p.id: p for p in session.exec(select(Participant)).all()}
    slots = {s.id: s for s in session.exec(select(HostSlot)).all()}
    proposals = {p.id: p for p in session.exec(select(Proposal)).all()}
    placed = list(session.exec(select(Placement)).all())
    outbox = list(session.exec(select(OutboxMessage)).all())
    confirmed = [p for p in placed if p.status == PlacementStatus.CONFIRMED]

    # An intern has at most one confirmed placement a season ...
    per_intern = Counter((p.intern_id, p.season_year) for p in confirmed)
    assert max(per_intern.values(), default=0) <= 1, per_intern
    # ... and, once placed, no open request or proposal that season.
    for proposal in proposals.values():
        if proposal.status == ProposalStatus.PENDING:
            assert (proposal.intern_id, proposal.season_year) not in per_intern, proposal
            # Nothing open is past its moment: the scheduler expired it.
            assert placements.state_of_proposal(proposal, now=now) is not State.EXPIRED, proposal

    begun: set[int] = set()
    for placement in placed:
        assert placement.id is not None
        proposal = proposals[placement.proposal_id]
        slot = slots[placement.slot_id]
        if placement.status == PlacementStatus.CONFIRMED:
            # Nobody is on both sides of one placement.
            assert (
                sides_conflict(
                    intern=people[placement.intern_id].slack_user_id,
                    host=people[placement.host_id].slack_user_id,
                    cohost=slot.cohost_user_id,
                    manager=proposal.manager_user_id,
                )
                is None
            ), placement
            span = Span.of_week(placement.season_year, placement.days)
            if span is not None and span.stage(now) is not State.CONFIRMED:
                begun.add(placement.id)
            # Its DM plan was written with it, for both sides (unless erased since): what the
            # confirmation promises after the week is there whenever it was confirmed.
            for side in (people[placement.host_id], people[placement.intern_id]):
                if not side.slack_user_id.startswith(privacy.ERASED):
                    kinds = {
                        m.kind
                        for m in outbox
                        if m.placement_id == placement.id and m.recipient == side.slack_user_id
                    }
                    assert kinds >= PROMISED, (placement, side.slack_user_id, kinds)
        else:
            # From its first day nothing undoes a placement.
            assert placement.id not in happened, placement
            # Nor is anything about it still to be sent: the timeline, the programme's notice
            # (both by placement) and the host side's note of her goals (by its key).
            about = goals.goals_key_prefix(placement.id)
            assert not any(
                (m.placement_id == placement.id or m.key.startswith(about))
                and m.status == OutboxStatus.PLANNED
                for m in outbox
            ), placement

    # A seat is never taken twice: the count matches the placements and the capacity.
    seats = Counter(p.slot_id for p in confirmed)
    for slot in slots.values():
        assert slot.confirmed == seats[slot.id] <= max(slot.capacity, seats[slot.id]), slot
        assert slot.confirmed <= slot.capacity or seats[slot.id] == slot.confirmed

    # Each side of an expired one is told once (the outbox row is keyed by proposal and person).
    keys = {m.key for m in outbox}
    for proposal in proposals.values():
        if proposal.status != ProposalStatus.EXPIRED:
            continue
        slot = slots[proposal.slot_id]
        for user in (people[slot.host_id].slack_user_id, people[proposal.intern_id].slack_user_id):
            if not user.startswith(privacy.ERASED):
                assert f"{rounds.KIND_EXPIRED}:{proposal.id}:{user}" in keys, proposal
    _written(session, now=now, people=people, placed=placed, outbox=outbox)
    return begun


def _unblocked(session: Session, *, now: datetime) -> None:
    """A pair whose requests and proposals are all closed is free for a round again."""
    rows = rounds.round_rows(session, year=YEAR, now=now)
    by_proposal = {p.proposal_id: p for p in session.exec(select(Placement)).all()}
    by_pair: dict[tuple[int, int], list[State]] = {}
    wish_of = {w.intern_id: w for w in session.exec(select(Wish)).all()}
    for proposal in session.exec(select(Proposal)).all():
        wish = wish_of.get(proposal.intern_id)
        if wish is None or wish.id is None:
            continue
        state = placements.state_of_proposal(
            proposal, now=now, placement=by_proposal.get(proposal.id or 0)
        )
        by_pair.setdefault((wish.id, proposal.slot_id), []).append(state)
    hosting = {f.slot.id: f for f in rows.slots}
    for waiting in rows.wishes:
        for slot_id, free in hosting.items():
            states = by_pair.get((waiting.wish.id or 0, slot_id or 0))
            if not states or not set(states) <= CLOSED:
                continue
            conflict = sides_conflict(
                intern=waiting.intern.slack_user_id,
                host=free.host.slack_user_id,
                cohost=free.slot.cohost_user_id,
                manager=waiting.wish.manager_user_id,
            )
            if conflict is None:
                assert (waiting.wish.id, slot_id) not in rows.excluded, (waiting.wish, slot_id)


# --- goals and programmes -------------------------------------------------------------------


def _goals_payload(text: str) -> dict[str, Any]:
    """The host side's DM about her goals is fixed content: here, the goals themselves."""
    return {"text": text}


def _snapshot(session: Session) -> dict[str, list[dict[str, Any]]]:
    """What a write of goals or a programme may touch, to compare before and after a refusal."""
    return {
        table.__name__: [
            row.model_dump(mode="json")
            for row in session.exec(select(table).order_by(col(table.id)))  # type: ignore[attr-defined]
        ]
        for table in (Placement, Programme, OutboxMessage)
    }


def _pick(session: Session, *, pick: int, who: str) -> tuple[Placement, str] | None:
    """Mostly a confirmed placement, one in five any, whatever became of it (a write to a
    withdrawn one must be refused); and who acts: its intern, host or co-host, or `who`."""
    every = list(session.exec(select(Placement).order_by(col(Placement.id))).all())
    confirmed = [p for p in every if p.status == PlacementStatus.CONFIRMED]
    among = every if pick % 5 == 0 or not confirmed else confirmed
    if not among:
        return None
    placement = among[pick // 5 % len(among)]
    host = session.get(Participant, placement.host_id)
    intern = session.get(Participant, placement.intern_id)
    slot = session.get(HostSlot, placement.slot_id)
    assert host is not None and intern is not None and slot is not None
    if who == "intern":
        user = intern.slack_user_id
    elif who == "cohost" and slot.cohost_user_id:
        user = slot.cohost_user_id
    else:
        user = host.slack_user_id if who in ("host", "cohost") else who
    # Nobody presses as a stand-in: an erased side's old button carries their own Slack ID,
    # which the placement no longer knows, so it is one of the five like any other.
    return placement, PEOPLE[(placement.id or 0) % len(PEOPLE)] if is_stand_in(user) else user


def _may_refine(session: Session, *, placement_id: int, user_id: str) -> bool:
    """Who may refine the goals, from the rows (bot.domain.placement.goals_editable): the
    intern of a confirmed placement, before, during or after the visit, until she evaluated it."""
    placement = session.get(Placement, placement_id)
    assert placement is not None
    intern = session.get(Participant, placement.intern_id)
    evaluated = session.exec(
        select(Evaluation.id).where(
            Evaluation.placement_id == placement_id, Evaluation.role == Role.INTERN
        )
    ).first()
    return (
        placement.status == PlacementStatus.CONFIRMED
        and intern is not None
        and intern.slack_user_id == user_id
        and evaluated is None
    )


def _may_write(session: Session, *, proposal_ids: list[int], user_id: str, now: datetime) -> bool:
    """Whether the user may write the programme of all these placements, from the rows: the
    host or co-host of a confirmed placement, until its first agreed day begins."""
    for proposal_id in proposal_ids:
        placement = session.exec(
            select(Placement).where(
                Placement.proposal_id == proposal_id,
                Placement.status == PlacementStatus.CONFIRMED,
            )
        ).first()
        if placement is None:
            return False
        host = session.get(Participant, placement.host_id)
        slot = session.get(HostSlot, placement.slot_id)
        assert host is not None and slot is not None
        span = Span.of_week(placement.season_year, placement.days)
        if user_id not in (host.slack_user_id, slot.cohost_user_id):
            return False
        if span is None or span.stage(now) is not State.CONFIRMED:
            return False
    return True


def _also_writable(session: Session, *, proposal_id: int, may: Any) -> list[int]:
    """The user's other placements that season whose programme they may write too."""
    this = session.exec(select(Proposal).where(Proposal.id == proposal_id)).one()
    others = session.exec(
        select(Placement.proposal_id)
        .where(Placement.season_year == this.season_year, Placement.proposal_id != proposal_id)
        .order_by(col(Placement.proposal_id))
    ).all()
    return [pid for pid in dict.fromkeys(others) if may(session, proposal_ids=[pid])]


def _revisions(session: Session, *, proposal_ids: list[int]) -> dict[int, int]:
    found = session.exec(select(Programme).where(col(Programme.proposal_id).in_(proposal_ids)))
    return {p.proposal_id: p.revision for p in found}


def _texts_of(row: Programme) -> str:
    return " ".join([*(str(d.get("text", "")) for d in row.days), row.address])


def _forgotten(session: Session, *, user_id: str, participant_id: int | None) -> None:
    """Right after an erasure: nothing is to be sent to the person, their goals are gone
    wherever they were copied, and of the programmes they wrote only a co-host's text for
    another's placement stays, no longer naming them (README: programme, learning goals)."""
    outbox = session.exec(select(OutboxMessage)).all()
    assert not [m for m in outbox if m.recipient == user_id], user_id
    theirs = f"goals {user_id}"  # her goals as written, in the wish or refined
    assert not [m for m in outbox if theirs in json.dumps(m.payload)], user_id
    assert not [p for p in session.exec(select(Placement)) if theirs in p.goals], user_id
    assert not [w for w in session.exec(select(Wish)) if theirs in w.goals], user_id
    hosts = {p.proposal_id: p.host_id for p in session.exec(select(Placement))}
    for row in session.exec(select(Programme)):
        assert row.updated_by != user_id, row
        if f"{user_id} #" in _texts_of(row):  # they wrote it: as co-host, of another's placement
            assert hosts[row.proposal_id] != participant_id, row
    assert programme.export_of(session, user_id=user_id) == [], user_id


def _written(
    session: Session,
    *,
    now: datetime,
    people: dict[int | None, Participant],
    placed: list[Placement],
    outbox: list[OutboxMessage],
) -> None:
    """What goals and programmes promise after every step (the rows as _check read them)."""
    user = {i: p.slack_user_id for i, p in people.items()}
    by_id = {p.id: p for p in placed}
    by_proposal = {p.proposal_id: p for p in placed}
    written = {p.proposal_id: p for p in session.exec(select(Programme))}
    # Nothing is planned for an erased person's stand-in: nobody would read it.
    assert not [m for m in outbox if m.status == OutboxStatus.PLANNED and is_stand_in(m.recipient)]
    # A programme belongs to a placement, and goes when its host erases their data.
    for proposal_id in written:
        assert proposal_id in by_proposal, written[proposal_id]
        assert not is_stand_in(user[by_proposal[proposal_id].host_id]), written[proposal_id]
    # An erased intern's goals go, in the placement and in the host side's note of them.
    for placement in placed:
        if is_stand_in(user[placement.intern_id]):
            assert placement.goals == "", placement
            assert not [
                m for m in outbox if m.key.startswith(goals.goals_key_prefix(placement.id or 0))
            ]
    # The host side's note of her goals: one still to be sent per person, with the latest goals.
    waiting: Counter[tuple[int, str]] = Counter()
    for m in outbox:
        if m.kind != GOALS_CHANGED_KIND:
            continue
        placement_id = int(m.key.split(":")[1])
        assert placement_id in by_id, m  # about a placement that exists
        if m.status == OutboxStatus.PLANNED:
            waiting[placement_id, m.recipient] += 1
            assert m.payload == _goals_payload(by_id[placement_id].goals), m
    assert max(waiting.values(), default=0) <= 1, waiting
    # The intern's notice of a changed programme: one for a burst of edits, to her alone.
    notices: Counter[int] = Counter()
    for m in outbox:
        if m.kind == DMKind.PROGRAMME_CHANGED.value and m.status == OutboxStatus.PLANNED:
            assert m.placement_id is not None and m.placement_id in by_id, m
            assert m.recipient == user[by_id[m.placement_id].intern_id], m
            notices[m.placement_id] += 1
    assert max(notices.values(), default=0) <= 1, notices
    # When they come due (bot.outbox.rules.decide), a programme reminder still planned for a
    # placement whose programme is written is not sent, nor a notice of a programme that is
    # gone (its host erased their data once the placement had begun). (A withdrawn
    # placement's are not planned at all: _check.)
    has_programme = {i: p.proposal_id in written for i, p in by_id.items()}
    unsendable = [
        m
        for m in outbox
        if m.status == OutboxStatus.PLANNED
        and m.placement_id is not None
        and (
            (m.kind == DMKind.PROGRAMME_REMINDER.value and has_programme[m.placement_id])
            or (m.kind == DMKind.PROGRAMME_CHANGED.value and not has_programme[m.placement_id])
        )
    ]
    contexts = placement_contexts(session, placement_ids=[m.placement_id or 0 for m in unsendable])
    for m in unsendable:
        assert m.id is not None and m.placement_id is not None
        at = next_allowed(max(now, m.due_at), SEASON)
        claimed = Claimed(m.id, m.key, m.placement_id, m.recipient, m.kind, m.due_at, attempts=1)
        decision = dispatch_decision(
            claimed, contexts.get(m.placement_id), SEASON, at, max_attempts=5
        )
        # Skipped (for the programme written, or a reason of the clock that comes first), or
        # cancelled when the recipient is no longer on the placement (a co-host taken off).
        assert isinstance(decision, Settle), (m, decision)
        assert decision.status in (OutboxStatus.SKIPPED, OutboxStatus.CANCELLED), (m, decision)
        if decision.status == OutboxStatus.SKIPPED:
            assert decision.reason in {r.value for r in SkipReason}, decision


def _settings() -> settings:
    return settings(
        max_examples=EXAMPLES or 25,
        stateful_step_count=50,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        derandomize=not EXAMPLES,  # the suite's run is the same every time
        database=None,
    )


@pytest.mark.slow
def test_every_sequence_keeps_every_invariant(db: Database) -> None:
    PlacementLife.db = db
    PlacementLife.TestCase.settings = _settings()
    PlacementLife.TestCase().runTest()


pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")


def test_a_lock_set_before_the_intern_became_co_host_is_not_honoured(db: Database) -> None:
    """Found by a long run: the coordinator locks U3 to U2's slot, then U2 names U3 co-host;
    the next round must not propose U3 to the slot U3 now co-hosts."""
    PlacementLife.db = db
    life = PlacementLife()
    life.offer("U2", capacity=1, days=[1, 2, 3, 4, 5], cohost=None)
    life.wish("U3", days=[1, 2, 3, 4, 5], manager=None)
    rows = life.call(rounds.round_rows, year=YEAR, now=life.now)
    wish_id, slot_id = rows.wishes[0].wish.id, rows.slots[0].slot.id
    assert wish_id is not None and slot_id is not None
    life.call(
        steering.set_steer,
        year=YEAR,
        wish_id=wish_id,
        slot_id=slot_id,
        kind=SteerKind.LOCK,
        actor="UKOORD",
        now=life.now,
    )
    life.offer("U2", capacity=1, days=[1, 2, 3, 4, 5], cohost="U3")
    assert life.call(lambda s: s.get(HostSlot, slot_id)).cohost_user_id == "U3"
    life.match_round(Mode.STABIL, None)  # asserts that nobody is proposed on both sides
    assert life.call(lambda s: s.exec(select(Proposal)).all()) == []


def test_a_co_host_who_never_signed_up_is_sent_nothing_after_erasing_their_data(
    db: Database,
) -> None:
    """Found by the machine's check after an erasure: U5, named co-host without signing up,
    is planned the host's DMs and the note of U3's refined goals; once U5 erases their data,
    none of it may remain, nor go out (the note is fixed content, which the dispatcher sends
    as it is)."""
    PlacementLife.db = db
    life = PlacementLife()
    life.offer("U2", capacity=1, days=[1, 2, 3, 4, 5], cohost="U5")
    life.wish("U3", days=[1, 2, 3, 4, 5], manager=None)
    life.request("U3", 0)
    life.answer(pick=1, role=Role.HOST, by_cohost=False, accept=True)
    life.refine_goals(0, "intern")
    to_u5 = select(OutboxMessage).where(OutboxMessage.recipient == "U5")
    kinds = {m.kind for m in life.call(lambda s: s.exec(to_u5).all())}
    assert GOALS_CHANGED_KIND in kinds and kinds >= PROMISED  # what there is to erase
    life.erase("U5")  # asserts that nothing is left for U5
    assert life.call(lambda s: s.exec(to_u5).all()) == []


def test_goals_refined_after_the_host_erased_their_data_are_told_to_no_stand_in(
    db: Database,
) -> None:
    """Found by a long run: U2 erases their data during the visit, which leaves the placement
    with U2's stand-in as host; U3 then refines her goals, and the note of them must not be
    planned for the stand-in, whom no DM reaches."""
    PlacementLife.db = db
    life = PlacementLife()
    life.offer("U2", capacity=1, days=[1, 2, 3, 4, 5], cohost=None)
    life.wish("U3", days=[1, 2, 3, 4, 5], manager=None)
    life.request("U3", 0)
    life.answer(pick=1, role=Role.HOST, by_cohost=False, accept=True)
    life.time_passes(datetime(2027, 9, 15, 12, tzinfo=COPENHAGEN))  # under way
    life.erase("U2")
    placement = life.call(lambda s: s.exec(select(Placement)).one())
    refined = life.call(
        goals.refine_goals,
        proposal_id=placement.proposal_id,
        user_id="U3",
        goals="goals U3 #1",
        payload=_goals_payload,
        tz=COPENHAGEN,
        now=life.now,
    )
    assert isinstance(refined, goals.Refined) and refined.changed and refined.told == ()
    life.holds()  # nothing planned for a stand-in, among the rest
