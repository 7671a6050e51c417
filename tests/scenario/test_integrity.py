"""Capacity and answers under concurrency, and manager approval."""

from __future__ import annotations

import asyncio
import copy
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from sqlmodel import Session, select

from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from bot.views.forms import FormBlock
from models.db import Database
from models.tables import HostSlot, Placement, PlacementStatus, Proposal, ProposalStatus
from tests.scenario.flows import offer, wish
from tests.talk import buttons, last_words, press_as, shown, submit_raw


def _confirmed(session: Session) -> list[Placement]:
    return list(
        session.exec(select(Placement).where(Placement.status == PlacementStatus.CONFIRMED)).all()
    )


def _slots(session: Session) -> list[HostSlot]:
    return list(session.exec(select(HostSlot)).all())


async def test_three_accepts_at_once_for_two_seats_confirm_exactly_two(harness: Harness) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    interns = [ws.person(f"UINT{i}", f"i{i}", f"Praktikant {i}") for i in range(3)]
    await offer(bo, capacity="2")
    for intern in interns:
        await intern.command("/praktik", "find ærø")
        await intern.press("Anmod")
    asks = [copy.deepcopy(m) for m in bo.dms if "vil gerne i praktik" in shown(m)]
    assert len(asks) == 3

    await asyncio.gather(*(press_as(bo, ask, "Acceptér") for ask in asks))

    placements = await harness.db.run(_confirmed)
    assert len(placements) == 2
    slot = (await harness.db.run(_slots))[0]
    assert slot.confirmed == 2 == slot.capacity
    told_full = [i for i in interns if "blev desværre fuld" in shown(i.last_dm)]
    confirmed = [i for i in interns if any("Din praktik er bekræftet" in shown(m) for m in i.dms)]
    assert len(told_full) == 1 and len(confirmed) == 2


def _accept_in_thread(
    db: Database, proposal_id: int, host: str, now: datetime, barrier: threading.Barrier
) -> str:
    from bot.domain.placement import Role
    from models.placements import answer

    barrier.wait()
    result = db.call(
        answer, proposal_id=proposal_id, role=Role.HOST, user_id=host, accept=True, now=now
    )
    return str(result.outcome or result.refusal)


def _withdraw_in_thread(
    db: Database, user: str, year: int, now: datetime, barrier: threading.Barrier
) -> str:
    from bot.domain.placement import Role
    from models.placements import withdraw

    barrier.wait()
    done = db.call(withdraw, user_id=user, role=Role.INTERN, year=year, now=now)
    return f"withdrew {len(done.placements)}"


async def test_accepts_and_a_withdrawal_racing_never_overfill_a_slot(
    harness: Harness, clock: ManualClock
) -> None:
    """Eight pending requests for two seats; the host accepts all while a placed intern leaves."""
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    await offer(bo, capacity="2")
    interns = [ws.person(f"URACE{i}", f"r{i}", f"Racer {i}") for i in range(9)]
    for intern in interns:
        await intern.command("/praktik", "find ærø")
        await intern.press("Anmod")
    first = next(m for m in bo.dms if "Racer 0" in shown(m))
    await press_as(bo, first, "Acceptér")  # Racer 0 is placed; one seat left

    proposals = await harness.db.run(
        lambda s: [
            p.id
            for p in s.exec(select(Proposal).where(Proposal.status == ProposalStatus.PENDING)).all()
        ]
    )
    assert len(proposals) == 8
    barrier = threading.Barrier(len(proposals) + 1)
    now = clock.now()
    loop = asyncio.get_running_loop()
    # One thread each: they must all be waiting at the barrier at once.
    with ThreadPoolExecutor(max_workers=len(proposals) + 1) as pool:
        jobs = [
            loop.run_in_executor(pool, _accept_in_thread, harness.db, pid, "UBO", now, barrier)
            for pid in proposals
        ]
        jobs.append(
            loop.run_in_executor(
                pool, _withdraw_in_thread, harness.db, "URACE0", 2027, now, barrier
            )
        )
        outcomes = await asyncio.gather(*jobs)

    assert outcomes[-1] == "withdrew 1"
    placed = await harness.db.run(_confirmed)
    slot = (await harness.db.run(_slots))[0]
    assert slot.confirmed == len(placed) <= slot.capacity
    # Either the withdrawal came first (two newcomers fit) or last (one did): never more.
    assert outcomes[:-1].count("confirmed") in (1, 2)
    assert outcomes[:-1].count("confirmed") == len(placed)


async def test_with_manager_approval_the_placement_waits_for_the_manager(
    approving: Harness,
) -> None:
    ws = approving.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    mia = ws.person("UMIA", "mia", "Mia Leder", title="Kontorchef")
    await offer(bo)

    await anna.command("/praktik", "find")
    anna.fill(FormBlock.WISH_WORKPLACE, "Styrelsen")
    anna.fill(FormBlock.WISH_SECTOR, "Stat")
    outcome = await anna.submit()
    assert (
        outcome.action == "client_errors" and FormBlock.WISH_MANAGER in outcome.errors
    )  # required field
    _, action, errors = await submit_raw(anna)  # and the app refuses it too, should a client not
    assert action == "errors" and "leder" in errors[FormBlock.WISH_MANAGER]
    anna.fill(FormBlock.WISH_MANAGER, "UMIA")
    assert (await anna.submit()).action == "close"

    await anna.press("Anmod")
    await bo.press("Acceptér")
    assert "Nu skal praktikantens leder godkende" in shown(bo.dms[-1])
    assert not any("bekræftet" in shown(m) for m in anna.dms)
    ask = mia.last_dm
    assert "Anna Jensen" in shown(ask) and buttons(ask) == ["Godkend", "Afvis"]

    await mia.press("Godkend")
    assert "Din praktik er bekræftet" in shown(last_words(anna))
    assert any("Aftalen er bekræftet" in shown(m) for m in bo.dms)
    assert len(await approving.db.run(_confirmed)) == 1


async def test_manager_declines_and_both_are_told(approving: Harness) -> None:
    ws = approving.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    mia = ws.person("UMIA", "mia", "Mia Leder")
    await offer(bo)
    await wish(anna, manager="UMIA")
    await anna.press("Anmod")
    await bo.press("Acceptér")
    await mia.press("Afvis")
    assert "har ikke godkendt praktikken" in shown(anna.last_dm)
    assert "har ikke godkendt praktikken" in shown(bo.last_dm)
    assert await approving.db.run(_confirmed) == []
    slot = (await approving.db.run(_slots))[0]
    assert slot.confirmed == 0
