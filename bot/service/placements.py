"""Requests, answers and withdrawals, and telling everyone concerned."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from functools import partial

from bot.domain.placement import Effect, Event, Refusal, Role
from bot.domain.season import Season
from bot.process.current import approval_required, season_of
from bot.registry.ids import AskKind
from bot.service import Env, manager
from bot.service.calendar import send_calendar
from bot.service.cohosts import host_side
from bot.service.find import suggestions_for
from bot.service.home import refresh_homes
from bot.slack import dm
from bot.slack.message import Message
from bot.slack.people import STALE_AFTER, profile_of
from bot.views import placements as views
from bot.views.common import notice
from bot.views.placements import Lost
from bot.views.refusals import refusal_text
from models import placements
from models.outbox_repo import answer_and_plan
from models.participants import Profile
from models.placement_messages import COHOST_KEY, MessageRef, remember_messages
from models.placements import Deal, Outcome, Result
from models.requests import Pressed, press_request
from models.returning import visited_year
from models.tables import ProposalOrigin
from models.undelivered import close_unseen_request, record_refused


def refusal(reason: Refusal) -> Message:
    return notice(refusal_text(reason))


Answer = Callable[[Message], Awaitable[None]]


async def request(env: Env, *, user_id: str, slot_id: int, answer: Answer) -> None:
    """*Anmod*: create the request, `answer` the intern, then ask the host. The intern's
    answer goes first: it is what the presser waits for, and the host's DM may have to wait
    its turn within Slack's posting limit. Should Slack refuse the host's DM (and the
    co-host's), the request is withdrawn and the intern is answered again with the truth."""
    season, overrides = await env.season()
    now = env.now()

    async def press(intern: Profile | None) -> Pressed:
        return await env.db.run(
            press_request,
            slot_id=slot_id,
            user_id=user_id,
            intern=intern,
            fresh_since=now - STALE_AFTER,
            year=season.year,
            now=now,
            approval_required=approval_required(env.settings, overrides),
        )

    # One transaction reads the stored profile, makes the request and sees whose App Home
    # to redraw; Slack is asked for the profile only when none is stored fresh.
    known = env.caches.profiles.get(user_id)
    pressed = await press(known)
    if pressed.result is None:
        profile = await profile_of(
            env.client, user_id, db=env.db, clock=env.clock, known=env.caches.profiles
        )
        pressed = await press(profile)
    elif known is None and pressed.intern is not None:
        env.caches.profiles.put(user_id, pressed.intern)  # as bot.slack.people keeps what it read
    result = pressed.result
    assert result is not None
    if result.refusal is not None or result.deal is None:
        await answer(refusal(result.refusal or Refusal.UNKNOWN))
        return
    deal = result.deal
    await answer(views.request_sent(deal))
    # She asked for it by name: a workplace she visited before is hers to choose, and the
    # host is told she has been there.
    been = await env.db.read(
        visited_year,
        intern_id=deal.intern.id or 0,
        workplace=deal.slot.workplace,
        before=season.year,
    )
    refused = await ask(env, deal, Role.HOST, views.ask_host(deal, season, visited=been))
    if refused is not None and deal.proposal.id is not None:
        await env.db.run(close_unseen_request, proposal_id=deal.proposal.id, now=env.now())
        await answer(views.request_undelivered(deal, lasting=refused.lasting))
    await refresh_homes(env, [*host_side(deal), user_id], opened=pressed.opened)


async def ask(env: Env, deal: Deal, role: Role, content: Message) -> dm.Refused | None:
    """DM the question to `role`'s side, remembering each message so that `mark_outcome`
    can replace its buttons later (a request here, a round's proposals in rounds).

    A DM Slack refuses for good is kept as a failed outbox row for the coordinators.
    Returns Slack's refusal when nobody on the side got the question (the lasting one
    first), None when someone did."""
    who = {
        Role.HOST: deal.host.slack_user_id,
        Role.INTERN: deal.intern.slack_user_id,
        Role.MANAGER: deal.proposal.manager_user_id,
    }[role]
    if who is None or deal.proposal.id is None:
        return None
    # The host's co-host gets the same buttons; the first answer counts.
    cohost = deal.slot.cohost_user_id if role is Role.HOST else None
    sent_to: list[MessageRef] = []
    refusals: list[dm.Refused] = []
    for user in [who] + ([cohost] if cohost else []):
        sent = await dm.post(env.client, user, content)
        if isinstance(sent, dm.Refused):
            refusals.append(sent)
            if sent.lasting:
                await env.db.run(
                    record_refused,
                    year=deal.proposal.season_year,
                    kind=_ask_kind(deal, role),
                    ref=str(deal.proposal.id),
                    recipient=user,
                    reason=sent.error,
                    now=env.now(),
                )
            continue
        channel, ts = sent
        sent_to.append(MessageRef(deal.proposal.id, role, channel, ts, user == cohost))

    async def store(refs: list[MessageRef]) -> None:
        await env.db.run_statement(remember_messages, refs)

    await env.caches.message_refs.put(sent_to, store)
    if sent_to or not refusals:
        return None
    return next((r for r in refusals if r.lasting), refusals[-1])


def _ask_kind(deal: Deal, role: Role) -> AskKind:
    if role is Role.MANAGER:
        return AskKind.MANAGER
    return AskKind.REQUEST if deal.proposal.origin == ProposalOrigin.REQUEST else AskKind.PROPOSAL


async def answer(
    env: Env, *, user_id: str, proposal_id: int, role: Role, accept: bool
) -> Message | None:
    """*Acceptér*/*Afslå*/*Godkend*/*Afvis* of one side. Returns an ephemeral for the presser."""
    season, _ = await env.season()
    # A confirmed placement's DM plan is written with it; Slack is told after the commit.
    result = await env.db.run(
        answer_and_plan,
        proposal_id=proposal_id,
        role=role,
        user_id=user_id,
        accept=accept,
        season=season,
        seasons=partial(season_of, env.settings),
        now=env.now(),
    )
    # A stale press (answered by the other host, closed, expired, placed elsewhere, begun) is
    # told why; the first press already told everyone concerned.
    if result.refusal is not None or result.deal is None or result.outcome is None:
        return refusal(result.refusal or Refusal.UNKNOWN)
    if result.deal.proposal.season_year != season.year:
        season, _ = await env.season(result.deal.proposal.season_year)  # the deal's own week 37
    await _tell(env, result, role, season)
    return None


def _original(deal: Deal, role: str, season: Season) -> Message:
    if role == Role.HOST:
        return views.ask_host(deal, season)
    if role == Role.INTERN:
        return views.ask_intern(deal, season)
    return views.ask_manager(deal, season)


async def mark_outcome(env: Env, deal: Deal, season: Season, line_for: dict[str, str]) -> None:
    """Replace each side's buttons with the outcome, so nothing can be pressed twice."""
    for key, where in deal.proposal.messages.items():
        role = Role.HOST.value if key == COHOST_KEY else key
        line = line_for.get(role)
        if line is None:
            continue
        content = views.outcome(_original(deal, role, season), line)
        await dm.update(env.client, where["channel"], where["ts"], content)


async def _tell(env: Env, result: Result, role: Role, season: Season) -> None:
    """Carry out the move's effects (bot.domain.placement) that reach people, in the order a person
    reads them: the buttons, the news, then its calendar file, then the others closed."""
    deal, move = result.deal, result.move
    assert deal is not None and move is not None
    intern = deal.intern.slack_user_id
    if move.does(Effect.MARK_BUTTONS):
        await mark_outcome(env, deal, season, views.outcome_lines(result.outcome, role, deal))
    if result.outcome is Outcome.NEEDS_MANAGER:
        await ask(env, deal, Role.MANAGER, views.ask_manager(deal, season))
        await manager.tell_intern_manager_pending(env, deal)
    if move.does(Effect.TELL_BOTH):
        for user in host_side(deal):
            await dm.send(env.client, user, views.confirmed(deal, season, to_host=True))
        await dm.send(env.client, intern, views.confirmed(deal, season, to_host=False))
        await manager.tell_manager_agreed(env, deal, season)
    if move.does(Effect.SEND_CALENDAR):  # after the news it belongs to
        await send_calendar(env, deal=deal, season=season, cancelled=False)
    if move.does(Effect.CLOSE_OTHERS):
        await tell_placed_elsewhere(env, result.superseded, season)
    if move.does(Effect.TELL_COUNTERPART):  # a decline: the side that did not answer
        if role is Role.INTERN:
            for user in host_side(deal):
                await dm.send(env.client, user, views.declined_host(deal))
        elif role is Role.MANAGER:
            for user in [*host_side(deal), intern]:
                await dm.send(env.client, user, views.manager_declined(deal))
        else:
            await _offer_alternatives(env, deal, season, Lost.DECLINED)
    if move.does(Effect.OFFER_ALTERNATIVES):  # the seat went to someone else first
        await _offer_alternatives(env, deal, season, Lost.FULL)
    await refresh_homes(env, [*host_side(deal), intern])


async def tell_placed_elsewhere(env: Env, closed: Sequence[Deal], season: Season) -> None:
    """The intern was confirmed elsewhere: each of her other requests and proposals shows it
    is closed, and its host side is told once; nothing else (no alternatives, no decline)."""
    for deal in closed:
        await mark_outcome(env, deal, season, views.placed_elsewhere_lines())
        for user in host_side(deal):
            await dm.send(env.client, user, views.placed_elsewhere_host(deal))
    await refresh_homes(env, {u for deal in closed for u in host_side(deal)})


async def _offer_alternatives(env: Env, deal: Deal, season: Season, lost: Lost) -> None:
    intern = deal.intern.slack_user_id
    hits = await suggestions_for(env, user_id=intern, season=season)
    await dm.send(env.client, intern, views.alternatives(lost, deal, hits, season))


async def withdraw(env: Env, *, user_id: str, role: Role, event: Event = Event.WITHDRAW) -> Message:
    """`/praktik afmeld` of one side, or (`event` ERASE) the first step of an erasure."""
    season, _ = await env.season()
    done = await env.db.run(
        placements.withdraw,
        user_id=user_id,
        role=role,
        year=season.year,
        now=env.now(),
        event=event,
    )
    touched = {user_id}
    for deal in done.placements:
        await mark_outcome(env, deal, season, views.withdrawn_lines())
        await send_calendar(env, deal=deal, season=season, cancelled=True)
        if role is Role.HOST:
            await _offer_alternatives(env, deal, season, Lost.HOST_LEFT)
            touched.add(deal.intern.slack_user_id)
        else:
            for user in host_side(deal):
                await dm.send(env.client, user, views.counterpart_intern_left(deal))
                touched.add(user)
    for deal in done.proposals:
        await mark_outcome(env, deal, season, views.withdrawn_lines())
        if role is Role.HOST:
            await dm.send(
                env.client, deal.intern.slack_user_id, views.counterpart_host_left_request(deal)
            )
            touched.add(deal.intern.slack_user_id)
        else:
            await dm.send(
                env.client, deal.host.slack_user_id, views.counterpart_intern_left_request(deal)
            )
            touched.add(deal.host.slack_user_id)
    await refresh_homes(env, touched)
    return views.withdrawn(done, role)
