"""`/praktik admin match`: preview a round, send it, and let unanswered proposals expire."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.buttons.values import MatchPage
from bot.domain.placement import Role
from bot.domain.season import next_allowed
from bot.matching.rounds import RoundInput, plan, preview, seats_left
from bot.matching.solvers import MatchResult, Mode, Reason
from bot.process.clock import Clock
from bot.process.config import Settings
from bot.process.current import approval_required
from bot.service import Env, files
from bot.service.admin import audit
from bot.service.find import slot_profile, suggestions_for, wish_profile
from bot.service.home import refresh_homes
from bot.service.placements import ask, mark_outcome
from bot.service.seasons import invite_back
from bot.service.steering import steering_of
from bot.slack import dm
from bot.slack.coordinators import Coordinators
from bot.slack.message import Message
from bot.views import placements as placement_views
from bot.views import rounds as views
from bot.views.admin import not_coordinator
from bot.views.match_list import NamedRound
from models.db import Database
from models.rounds import (
    SENT_ACTION,
    RoundRows,
    expire_due,
    round_rows,
    send_round,
)

log = logging.getLogger("praktik.rounds")


def to_input(rows: RoundRows) -> RoundInput:
    """The round's rows as matching input: each slot's capacity is its free seats, and the
    coordinator's steers that still concern this round."""
    return RoundInput(
        slots=tuple(replace(slot_profile(f.slot), capacity=f.free) for f in rows.slots),
        wishes=tuple(wish_profile(w.wish, w.intern) for w in rows.wishes),
        # A workplace the intern visited before is left off her list (bot.matching.returning);
        # steering_of still lets the coordinator place her there by hand.
        excluded=frozenset(rows.excluded | rows.repeats.keys()),
        steering=steering_of(rows),
    )


async def preview_message(
    env: Env,
    *,
    user_id: str = "",
    mode: Mode = Mode.STABIL,
    page: int = 1,
    upload: bool = True,
    note: str | None = None,
    round_no: int | None = None,
) -> Message:
    """Both modes' figures side by side, then the pairs and the unplaced of one mode by name,
    paged; the whole list of both modes goes to the coordinator as CSV (`upload`). With
    `round_no` (a button of an earlier preview), only while that round is still the one to
    send: another round's pairs under the old message's buttons would mislead."""
    if round_no == 0:  # a button from before page buttons carried their round
        return views.outdated()
    # Expire first, so the round shows every seat and person that is free by now, even
    # when the periodic job has not run yet.
    await expire_proposals(env, env.now())
    season, overrides = await env.season()
    rows = await env.db.read(round_rows, year=season.year, now=env.now())
    if round_no is not None and round_no != rows.round_no:
        return views.outdated(round_no, rows.round_no)
    if not rows.wishes:
        return views.nothing_to_match(rows.pending, rows.placed)
    data = to_input(rows)
    shown = await asyncio.to_thread(preview, data, overrides.cross_sector_weight)
    named = NamedRound(rows, data, season)
    csv_line = None
    if upload and user_id:
        sent = await files.upload(
            env,
            user_id=user_id,
            file=views.preview_sheet(named, shown),
            **views.preview_file(season.year, rows.round_no).upload_args(),
        )
        pairs = len(shown.stabil.assignments) + len(shown.flest.assignments)
        csv_line = views.csv_line(pairs, sent=sent)
    return views.preview_message(
        shown,
        round_no=rows.round_no,
        year=season.year,
        seats=sum(f.free for f in rows.slots),
        slots=len(rows.slots),
        pending=rows.pending,
        placed=rows.placed,
        deadline=views.deadline_text(season.proposal_deadline(env.now()), season),
        names={
            w.wish.id: w.intern.name or w.intern.slack_user_id for w in rows.wishes if w.wish.id
        },
        note=note,
        listing=named.blocks(shown.of(mode), mode, page),
        csv_line=csv_line,
    )


async def page(env: Env, *, user_id: str, shown: MatchPage | None) -> Message:
    """A page of the named preview, or the other mode's pairs; None: the button pressed
    was not one of ours (told only to a coordinator)."""
    if not await env.is_coordinator(user_id):
        await audit(env, actor=user_id, action="match page", allowed=False)
        return not_coordinator()
    if shown is None:
        return views.bad_button()
    return await preview_message(
        env,
        user_id=user_id,
        mode=shown.mode,
        page=shown.page,
        upload=False,
        round_no=shown.round_no,
    )


class _Planner:
    """Chooses the round inside the sending transaction, and keeps what it chose."""

    def __init__(self, mode: Mode, weight: int) -> None:
        self.mode, self.weight = mode, weight
        self.data = RoundInput((), ())
        self.result: MatchResult | None = None

    def __call__(self, rows: RoundRows) -> Mapping[int, int]:
        self.data = to_input(rows)
        self.result = plan(self.data, self.mode, self.weight)
        return {int(w): int(s) for w, s in self.result.assignments.items()}


async def send(env: Env, *, user_id: str, mode: Mode, round_no: int) -> Message:
    """*Send forslag*: write the round's proposals and tell everyone. Only once per round."""
    if not await env.is_coordinator(user_id):
        await audit(env, actor=user_id, action=SENT_ACTION, allowed=False)
        return not_coordinator()
    season, overrides = await env.season()
    now = env.now()
    deadline = season.proposal_deadline(now)
    planner = _Planner(mode, overrides.cross_sector_weight)
    sent = await env.db.run(
        send_round,
        year=season.year,
        round_no=round_no,
        mode=mode.value,
        actor=user_id,
        now=now,
        deadline=deadline,
        approval_required=approval_required(env.settings, overrides),
        choose=planner,
    )
    if sent is None or planner.result is None:
        return views.already_sent(round_no)
    shown_deadline = views.deadline_text(deadline, season)
    for deal in sent.deals:
        # A coordinator's placement may send an intern back: the host is told so.
        been = sent.rows.repeats.get((deal.wish.id or 0, deal.slot.id or 0)) if deal.wish else None
        to_host = placement_views.ask_host(deal, season, shown_deadline, visited=been)
        await ask(env, deal, Role.HOST, to_host)
        await ask(env, deal, Role.INTERN, placement_views.ask_intern(deal, season, shown_deadline))
    rooms = seats_left(planner.data, planner.result)
    reasons = {u.wish_id: u.reason for u in planner.result.metrics.unplaced}
    for waiting in sent.unplaced:
        intern = waiting.intern.slack_user_id
        hits = await suggestions_for(env, user_id=intern, season=season)
        hits = [h for h in hits if h.slot.id in rooms]
        reason: Reason | None = reasons.get(waiting.wish.id or 0)
        await dm.send(env.client, intern, views.unplaced_message(reason, hits, season))
    touched = {d.host.slack_user_id for d in sent.deals} | {
        d.intern.slack_user_id for d in sent.deals
    }
    await refresh_homes(env, touched | {user_id})
    return views.sent(sent.round_no, mode, len(sent.deals), shown_deadline, len(sent.unplaced))


async def expire_proposals(env: Env, now: datetime) -> int:
    """Unanswered proposals past their deadline become expired, and both sides' messages
    say so. Returns how many expired. Safe to run from any number of processes: each
    proposal is expired (and announced) by the one transaction that changes it."""
    season, _ = await env.season()
    deals = await env.db.run(
        expire_due,
        now=now,
        due=next_allowed(now, season),
        notice=lambda deal: placement_views.expired(deal).to_dict(),
    )
    if not deals:
        return 0
    expired = views.expired_lines()
    for deal in deals:
        # Their buttons say so at once; the DM that says what it means is in the outbox.
        await mark_outcome(env, deal, season, expired)
    await refresh_homes(
        env, {d.host.slack_user_id for d in deals} | {d.intern.slack_user_id for d in deals}
    )
    log.info("expired %d proposals", len(deals))
    return len(deals)


def expiry_job(
    settings: Settings,
    db: Database,
    clock: Clock,
    *,
    client: AsyncWebClient,
    coordinators: Coordinators,
) -> Callable[[], Awaitable[int]]:
    """A no-argument coroutine function for the scheduler: expire what is due now. `client`
    is the app's own, so the job spends the process's Slack budget like everything else;
    `coordinators` too, so a coordinator's Home redrawn after an expiry keeps the dashboard."""
    env = Env(client=client, db=db, clock=clock, settings=settings, coordinators=coordinators)

    async def tick() -> int:
        try:
            expired = await expire_proposals(env, clock.now())
        except Exception:
            log.exception("expiring proposals failed; the next run tries again")
            return 0
        try:
            await invite_back(env)  # a season that opened on its own date
        except Exception:
            log.exception("planning invitations failed; the next run tries again")
        return expired

    return tick
