"""`/praktik admin match lås|forbyd|placér|fjern`: the coordinator steers the next round."""

from __future__ import annotations

from collections import Counter

from bot.matching.steering import Steering
from bot.service import Env
from bot.service.admin import audit
from bot.slack.message import Message
from bot.views import steering as views
from bot.views.steering import slot_label
from models.rounds import RoundRows, round_rows
from models.steering import FIXED, clear_steers, set_steer
from models.tables import SteerKind

VERBS = {
    "lås": SteerKind.LOCK,
    "laas": SteerKind.LOCK,
    "forbyd": SteerKind.FORBID,
    "placér": SteerKind.PLACE,
    "placer": SteerKind.PLACE,
}
CLEAR = ("fjern", "glem")


def _number(word: str, prefix: str) -> int | None:
    digits = word.upper().removeprefix(prefix)
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 9:
        return None
    return int(digits)


def steering_of(rows: RoundRows) -> Steering:
    """The steers that concern this round: interns still waiting, slots with free seats,
    fixed pairs within each slot's free seats (the earliest first) that the round may
    propose."""
    waiting = {w.wish.id for w in rows.wishes}
    free = {f.slot.id: f.free for f in rows.slots}
    fixed: dict[int | str, int | str] = {}
    forbidden: set[tuple[int | str, int | str]] = set()
    taken: Counter[int] = Counter()
    for steer in rows.steers:
        if steer.wish_id not in waiting or steer.slot_id not in free:
            continue
        # A pair the round may not propose (asked already, or someone on both sides since
        # the steer was set: a co-host named later) is not fixed by an old lock either.
        if steer.kind != SteerKind.FORBID and (steer.wish_id, steer.slot_id) in rows.excluded:
            continue
        if steer.kind == SteerKind.FORBID:
            forbidden.add((steer.wish_id, steer.slot_id))
        elif taken[steer.slot_id] < free[steer.slot_id] and steer.wish_id not in fixed:
            fixed[steer.wish_id] = steer.slot_id
            taken[steer.slot_id] += 1
    return Steering(fixed=fixed, forbidden=frozenset(forbidden - set(fixed.items())))


def _refusal(rows: RoundRows, wish_id: int, slot_id: int, kind: SteerKind) -> Message | None:
    if wish_id not in {w.wish.id for w in rows.wishes}:
        return views.not_waiting(wish_id)
    free = {f.slot.id: f.free for f in rows.slots}
    if slot_id not in free:
        return views.no_free_seat(slot_id)
    if kind in FIXED:
        if (wish_id, slot_id) in rows.excluded:
            return views.excluded_pair(wish_id, slot_id)
        others = sum(
            1
            for s in rows.steers
            if s.kind in FIXED and s.slot_id == slot_id and s.wish_id != wish_id
        )
        if others >= free[slot_id]:
            return views.seats_all_fixed(slot_id, free[slot_id])
    return None


async def steer_command(env: Env, *, user_id: str, verb: str, args: str) -> Message | str:
    """Store one steer; the refusal, or the confirmation line to put over the new preview."""
    season, _ = await env.season()
    words = args.split()
    wish_id = _number(words[0], "P") if words else None
    if wish_id is None or (verb not in VERBS and verb not in CLEAR):
        return views.usage()
    if verb in CLEAR:
        await env.db.run(clear_steers, year=season.year, wish_id=wish_id)
        await audit(env, actor=user_id, action="match steer", allowed=True, clear=wish_id)
        return views.cleared(wish_id)
    kind = VERBS[verb]
    slot_id = _number(words[1], "V") if len(words) == 2 else None
    if slot_id is None:
        return views.usage()
    rows = await env.db.read(round_rows, year=season.year, now=env.now())
    why = _refusal(rows, wish_id, slot_id, kind)
    if why is not None:
        return why
    replaced = await env.db.run(
        set_steer,
        year=season.year,
        wish_id=wish_id,
        slot_id=slot_id,
        kind=kind,
        actor=user_id,
        now=env.now(),
    )
    await audit(
        env,
        actor=user_id,
        action="match steer",
        allowed=True,
        kind=kind.value,
        wish=wish_id,
        slot=slot_id,
        replaced=[f"{was.value} {slot_label(slot)}" for slot, was in replaced],
    )
    return views.confirmation(kind, wish_id, slot_id, replaced)
