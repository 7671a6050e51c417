"""Matching rounds: leaving pairs out, comparing weights, and sending a round only once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from bot.domain.geo import Sector
from bot.matching.preferences import build_preferences
from bot.matching.rounds import RoundInput, plan, preferences, preview, seats_left
from bot.matching.rules import SlotProfile, WishProfile
from bot.matching.solvers import Mode, without_pairs
from models.db import Database
from models.rounds import expire_due, round_rows, send_round
from models.tables import (
    AuditEntry,
    HostSlot,
    Participant,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
    Wish,
)

NOW = datetime(2027, 5, 3, 8, 0, tzinfo=UTC)
ALL = frozenset(range(1, 6))


def _slot(id: int, sector: Sector, capacity: int = 1) -> SlotProfile:
    return SlotProfile(id, capacity, ALL, sector, None, "Region Midtjylland", frozenset({"klima"}))


def _wish(id: int, sector: Sector) -> WishProfile:
    return WishProfile(id, sector, "Region Midtjylland", ALL, frozenset({"klima"}))


def test_pairs_left_out_are_never_proposed_and_orders_keep_their_sequence() -> None:
    slots = [_slot(1, Sector.KOMMUNE), _slot(2, Sector.REGION), _slot(3, Sector.STAT)]
    wishes = [_wish(10, Sector.STAT), _wish(11, Sector.STAT)]
    prefs = build_preferences(slots, wishes)
    trimmed = without_pairs(prefs, {(10, 1), (11, 2), (99, 1)})
    assert trimmed.order(10) == tuple(s for s in prefs.order(10) if s != 1)
    assert trimmed.order(11) == tuple(s for s in prefs.order(11) if s != 2)
    data = RoundInput(tuple(slots), tuple(wishes), frozenset({(10, 1), (11, 1)}))
    for mode in Mode:
        found = plan(data, mode, 6)
        assert 1 not in found.assignments.values()
        assert found.metrics.placed == 2 and found.metrics.seats_left == 1
        assert seats_left(data, found) == frozenset({1})


def test_a_small_round_ranks_every_compatible_slot() -> None:
    slots = [_slot(k, Sector.KOMMUNE) for k in range(40)]
    data = RoundInput(tuple(slots), (_wish(1, Sector.STAT),))
    assert len(preferences(data, 6).order(1)) == 40


def test_the_preview_shows_what_the_cross_sector_weight_changes() -> None:
    # Two interns from the state; one state slot and one municipal slot. Without weight both
    # modes fill the state slot first by id; with weight they cross sector where they can.
    slots = (_slot(1, Sector.STAT), _slot(2, Sector.KOMMUNE))
    wishes = (_wish(10, Sector.STAT),)
    shown = preview(RoundInput(slots, wishes), 6)
    assert shown.compared.weight == 0
    assert shown.stabil.metrics.cross_sector_pct == 100.0
    assert shown.compared.stabil.metrics.cross_sector_pct == 0.0
    assert preview(RoundInput(slots, wishes), 0).compared.weight == 6


def _season(session: Session) -> None:
    people = [
        Participant(slack_user_id=f"U{k}", sector="stat", created_at=NOW, updated_at=NOW)
        for k in range(4)
    ]
    session.add_all(people)
    session.flush()
    for host in people[:2]:
        assert host.id is not None
        session.add(
            HostSlot(
                host_id=host.id,
                season_year=2027,
                workplace="X",
                sector="kommune",
                municipality="0751",
                region="Region Midtjylland",
                capacity=1,
                days=[1, 2],
                topics=["klima"],
                created_at=NOW,
                updated_at=NOW,
            )
        )
    for intern in people[1:]:
        assert intern.id is not None
        session.add(
            Wish(
                intern_id=intern.id,
                season_year=2027,
                days=[1],
                topics=["klima"],
                created_at=NOW,
                updated_at=NOW,
            )
        )


def _send(db: Database, round_no: int) -> object:
    def choose(rows: object) -> dict[int, int]:
        assert hasattr(rows, "wishes") and hasattr(rows, "slots")
        free = [f.slot.id for f in rows.slots]
        return {w.wish.id: s for w, s in zip(rows.wishes, free, strict=False)}

    return db.call(
        send_round,
        year=2027,
        round_no=round_no,
        mode="stabil",
        actor="UKOORD01",
        now=NOW,
        deadline=NOW + timedelta(days=7),
        approval_required=False,
        choose=choose,
    )


# Expiry plans one DM per side; its content is the service's, so any will do here.
_TELL = {"due": NOW + timedelta(days=7), "notice": lambda deal: {"text": "udløbet"}}


async def test_a_round_is_sent_once_even_when_two_presses_race(db: Database) -> None:
    await db.run(_season)
    rows = await db.run(round_rows, year=2027, now=NOW)
    assert rows.round_no == 1 and len(rows.slots) == 2 and len(rows.wishes) == 3
    # A host is never proposed their own slot (U1 hosts and wishes).
    own = next(f.slot.id for f in rows.slots if f.host.slack_user_id == "U1")
    own_wish = next(w.wish.id for w in rows.wishes if w.intern.slack_user_id == "U1")
    assert (own_wish, own) in rows.excluded

    results = await asyncio.gather(*(asyncio.to_thread(_send, db, 1) for _ in range(4)))
    assert sum(r is not None for r in results) == 1
    proposals = await db.run(lambda s: s.exec(select(Proposal)).all())
    assert len(proposals) == 2 and {p.round for p in proposals} == {1}
    assert all(p.origin == ProposalOrigin.MATCH and p.deadline is not None for p in proposals)
    marks = await db.run(lambda s: s.exec(select(AuditEntry)).all())
    assert [a.detail["round"] for a in marks] == [1]

    # Round 2 sees only the intern left over, and no seat (both are held by proposals).
    rows = await db.run(round_rows, year=2027, now=NOW)
    assert rows.round_no == 2 and rows.pending == 2 and rows.slots == []
    assert len(rows.wishes) == 1

    # After the deadline they expire, and the seats and people are back for round 2.
    assert await db.run(expire_due, now=NOW + timedelta(days=7), **_TELL) != []
    assert await db.run(expire_due, now=NOW + timedelta(days=8), **_TELL) == []
    statuses = await db.run(lambda s: s.exec(select(Proposal.status)).all())
    assert set(statuses) == {ProposalStatus.EXPIRED}
    rows = await db.run(round_rows, year=2027, now=NOW)
    assert rows.round_no == 2 and len(rows.slots) == 2 and len(rows.wishes) == 3
    assert len(rows.excluded) == 1  # U1's own slot: the expired pairs never block again
