"""Finding a placement: the wish modal, suggestions by score, and free-text search."""

from __future__ import annotations

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from sqlmodel import Session

from bot import search
from bot.domain.geo import Sector, region_of
from bot.domain.season import Season
from bot.matching.returning import workplace_key
from bot.matching.rules import (
    DAY_POINTS,
    TOPIC_POINTS,
    Part,
    SlotProfile,
    WishProfile,
    compatible,
    score,
)
from bot.process.current import approval_required
from bot.service import Env, network
from bot.service.forms import parse_wish
from bot.service.home import refresh_home
from bot.service.seasons import SignupStart, open_signup_modal, past_deadline
from bot.slack import dm
from bot.slack.message import Message
from bot.slack.people import profile_of
from bot.slack.view_state import ViewState
from bot.views import find as views
from bot.views.forms import (
    DEFAULT_TOPICS,
    WISH_KEYS,
    FieldProblem,
    field_errors,
    keyed,
    read_state,
    wish_modal,
)
from bot.views.slots import PAGE, Hit, search_results
from models import participants, slots, wishes
from models import topics as topic_repo
from models.cohosts import cohosted
from models.db import read_only
from models.forms import WishForm
from models.returning import visits
from models.steering import forbidden_slots
from models.tables import HostSlot, Participant, Wish


async def open_wish_modal(env: Env, *, user_id: str, trigger_id: str) -> None:
    def wish_form(start: SignupStart[Wish]) -> View:
        required = approval_required(env.settings, start.overrides)
        return wish_modal(
            wish=start.answers,
            intern=start.person,
            topics=start.topics,
            season=start.season,
            approval_required=required,
        )

    await open_signup_modal(
        env, user_id=user_id, trigger_id=trigger_id, answers_of=wishes.wish_of, modal=wish_form
    )


async def validate_wish(
    env: Env, state: ViewState, *, user_id: str = ""
) -> WishForm | dict[str, str]:
    _, overrides = await env.season()
    topics = set(await env.db.read(topic_repo.topics, defaults=DEFAULT_TOPICS))
    parsed = parse_wish(keyed(read_state(state), WISH_KEYS), known_topics=topics, keys=WISH_KEYS)
    if isinstance(parsed, WishForm) and user_id and parsed.manager_user_id == user_id:
        return field_errors({WISH_KEYS["manager"]: FieldProblem.OWN_MANAGER})
    if (
        isinstance(parsed, WishForm)
        and parsed.manager_user_id is None
        and approval_required(env.settings, overrides)
    ):
        return field_errors({WISH_KEYS["manager"]: FieldProblem.MANAGER})
    return parsed


async def save_wish(env: Env, *, user_id: str, form: WishForm) -> None:
    season, _ = await env.season()
    profile = await profile_of(
        env.client, user_id, db=env.db, clock=env.clock, known=env.caches.profiles
    )
    saved = await env.db.run(
        wishes.save_wish, intern=profile, year=season.year, form=form, now=env.now()
    )
    await network.refresh(env, user_id=user_id)  # taking part again shows in the network
    hits = await suggestions_for(env, user_id=user_id, season=season)
    deadline = past_deadline(season, env.now())
    new = saved.created_at == saved.updated_at  # a new wish, not an edit
    asked = visited = 0
    if not hits:  # say the true reason: the fitting slots were asked, or visited before
        asked, visited = await env.db.read(_fitting_but_left_out, user_id=user_id, year=season.year)
    said = views.wish_saved(
        hits, season, late=deadline if new else None, asked=asked, visited=visited
    )
    await dm.send(env.client, user_id, said)
    await refresh_home(env, user_id=user_id)


def _fitting_but_left_out(session: Session, *, user_id: str, year: int) -> tuple[int, int]:
    """Open slots that fit the wish but are left out of the suggestions: as already asked,
    and as at a workplace she was in placement at in an earlier season."""
    wish = wishes.wish_of(session, slack_user_id=user_id, year=year)
    intern = participants.participant(session, slack_user_id=user_id)
    if wish is None or intern is None:
        return 0, 0
    profile = wish_profile(wish, intern)
    asked = wishes.slots_asked_by(session, intern_id=intern.id or 0, year=year)
    been = visits(session, intern_ids=[intern.id or 0], before=year).get(intern.id or 0, {})
    fitting = [
        found.slot
        for found in slots.open_slots(session, year=year, exclude_user=user_id)
        if compatible(slot_profile(found.slot), profile)
    ]
    return (
        sum(1 for slot in fitting if slot.id in asked),
        sum(
            1 for slot in fitting if slot.id not in asked and workplace_key(slot.workplace) in been
        ),
    )


def slot_profile(slot: HostSlot) -> SlotProfile:
    assert slot.id is not None
    return SlotProfile(
        id=slot.id,
        capacity=slot.capacity,
        days=frozenset(slot.days),
        sector=Sector(slot.sector),
        municipality=slot.municipality,
        region=slot.region,
        topics=frozenset(slot.topics),
    )


def wish_profile(wish: Wish, intern: Participant) -> WishProfile:
    assert wish.id is not None
    return WishProfile(
        id=wish.id,
        sector=Sector(intern.sector) if intern.sector else None,
        region=region_of(intern.municipality) if intern.municipality else None,
        days=frozenset(wish.days),
        topics=frozenset(wish.topics),
        wanted_sectors=frozenset(Sector(s) for s in wish.wanted_sectors),
        wanted_regions=frozenset(wish.wanted_regions),
    )


def _rank_for(
    session: Session,
    *,
    cache: search.SearchCache,
    writes: int,
    user_id: str,
    year: int,
    weight: int,
) -> list[Hit]:
    wish = wishes.wish_of(session, slack_user_id=user_id, year=year)
    intern = participants.participant(session, slack_user_id=user_id)
    if intern is None:
        return []
    # Someone who searched and requested without a wish is open to every slot and day.
    profile = wish_profile(
        wish or Wish(id=0, intern_id=0, season_year=year, days=[1, 2, 3, 4, 5]), intern
    )
    # Among slots of equal score, those whose words the wish's free text uses come first,
    # read by the same Danish analysis as a search (the score itself stays as it is shown).
    said = _snapshot(session, cache=cache, writes=writes, year=year).index.matches(
        wish.text if wish else ""
    )
    asked = wishes.slots_asked_by(session, intern_id=intern.id or 0, year=year)
    never = asked | forbidden_slots(session, user_id=user_id, year=year)
    # Not back to a workplace she visited in an earlier season: she may still find it by
    # name in a search and ask for it herself.
    been = visits(session, intern_ids=[intern.id or 0], before=year).get(intern.id or 0, {})
    scored = []
    for found in slots.open_slots(session, year=year, exclude_user=user_id):
        candidate = slot_profile(found.slot)
        if found.slot.id in never or not compatible(candidate, profile):
            continue
        if been and workplace_key(found.slot.workplace) in been:
            continue

        result = score(candidate, profile, cross_sector_weight=weight)
        parts = {p.value: v for p, v in result.parts}
        parts["topics_count"] = result.points(Part.TOPICS) // TOPIC_POINTS
        parts["days_count"] = result.points(Part.DAYS) // DAY_POINTS
        hit = Hit(found.slot, views.why(parts))
        scored.append((-result.total, -said.get(found.slot.id or 0, 0.0), candidate.id, hit))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:PAGE]]


async def suggestions_for(env: Env, *, user_id: str, season: Season) -> list[Hit]:
    """The best open slots for the user's wish, by the transparent score (bot.matching.rules);
    never one she asked for already, nor one the coordinator forbade her."""
    _, overrides = await env.season()
    # Only reads: ranking and the index it may rebuild take no write lock meanwhile.
    return await env.db.read(
        _rank_for,
        cache=env.caches.search,
        writes=env.db.slot_writes,
        user_id=user_id,
        year=season.year,
        weight=overrides.cross_sector_weight,
    )


def _docs(session: Session, *, year: int) -> list[search.Doc]:
    return [
        search.document(
            slot_id=slot_id,
            workplace=workplace,
            sector=sector,
            municipality_code=where,
            region=region,
            topics=topics,
            description=description,
            owner=owner,
            capacity=capacity,
            version=updated_at,
        )
        for (
            slot_id,
            workplace,
            sector,
            where,
            region,
            topics,
            description,
            owner,
            capacity,
            updated_at,
        ) in slots.open_slot_texts(session, year=year)
    ]


def _snapshot(
    session: Session, *, cache: search.SearchCache, writes: int, year: int
) -> search.Snapshot:
    """In a read-only transaction only (Database.read; search.SearchCache.get says why)."""
    assert read_only(session), "the search index is read in a write transaction"
    return cache.get(
        year,
        writes=writes,
        version=lambda: slots.open_slots_version(session, year=year),
        load=lambda: _docs(session, year=year),
        taken=lambda: slots.seats_taken(session, year=year),
    )


def _search(
    session: Session,
    *,
    cache: search.SearchCache,
    writes: int,
    user_id: str,
    year: int,
    query: str,
    offset: int,
) -> tuple[list[int], int, search.Snapshot]:
    """One page of matching slots with room (not the user's own as host or co-host, nor one
    the coordinator forbade her: simply not listed, as a full one is), and how many there are."""
    snapshot = _snapshot(session, cache=cache, writes=writes, year=year)
    forbidden = forbidden_slots(session, user_id=user_id, year=year)
    cohosting = {slot.id for slot, _ in cohosted(session, user_id=user_id, year=year) if slot.id}
    hidden = snapshot.full | snapshot.index.owned_by(user_id) | forbidden | cohosting
    ids, total = snapshot.index.page(query, hidden=hidden, offset=offset, limit=PAGE)
    return ids, total, snapshot


async def _rendered(
    env: Env, ids: list[int], snapshot: search.Snapshot, season: Season
) -> list[tuple[Block, ...]]:
    """Each slot's result blocks: kept from an earlier search while the slot and its seats
    are unchanged (the index knows both), so a search usually reads no slot rows at all."""
    rendered = env.caches.slot_blocks
    found: dict[int, tuple[Block, ...]] = {}
    for slot_id in ids:
        capacity, version = snapshot.index.listed(slot_id)
        taken = snapshot.taken.get(slot_id, 0)
        blocks = rendered.get(rendered.key(slot_id, version, taken, capacity, season.year))
        if blocks is not None:
            found[slot_id] = blocks
    missing = [i for i in ids if i not in found]
    if missing:
        for slot in await env.db.read(slots.slots_by_ids, ids=missing):
            found[slot.id or 0] = rendered.of(slot, season)
    return [found[i] for i in ids if i in found]


async def find(env: Env, *, user_id: str, query: str, offset: int = 0) -> Message:
    """Ranked free-text search, one page of results with *Anmod* and *Vis flere*."""
    season, _ = await env.season()
    if not search.terms(query):
        return views.empty_query()
    ids, total, snapshot = await env.db.read(
        _search,
        cache=env.caches.search,
        writes=env.db.slot_writes,
        user_id=user_id,
        year=season.year,
        query=query,
        offset=offset,
    )

    offset = max(0, min(offset, total))
    shown = await _rendered(env, ids, snapshot, season)
    every = snapshot.index.has_every_word(query)
    return search_results(query, shown, offset=offset, total=total, every_word=every)
