"""The network: `/praktik netværk til|fra|<søgeord>`, and the evaluation DM's invitation.

Only people who chose it are ever listed; choosing shows first what others will see.
"""

from __future__ import annotations

from sqlmodel import Session

from bot import search
from bot.registry.ids import NetworkWord
from bot.search.people import person_document
from bot.service import Env
from bot.slack.message import Message
from bot.views import network as views
from models import network as repo
from models.db import read_only
from models.tables import NetworkEntry

NETWORK = "network"  # the cache's key: there is one network, over every season


async def command(env: Env, *, user_id: str, args: str) -> Message:
    word = args.strip()
    if not word:
        return views.usage()
    if word.casefold() == NetworkWord.ON:
        return await offer(env, user_id=user_id)
    if word.casefold() == NetworkWord.OFF:
        return await leave(env, user_id=user_id)
    return await find(env, user_id=user_id, query=word)


def _preview(session: Session, *, user_id: str) -> tuple[NetworkEntry, bool] | None:
    found = repo.snapshot(session, user_id=user_id)
    if found is None:
        return None
    shown = NetworkEntry(
        slack_user_id=user_id,
        name=found.name,
        title=found.title,
        workplace=found.workplace,
        topics=found.topics,
        did=found.did,
    )
    return shown, repo.entry_of(session, user_id=user_id) is not None


async def offer(env: Env, *, user_id: str) -> Message:
    """What others would see, with the button that confirms it (nothing is stored yet)."""
    found = await env.db.read(_preview, user_id=user_id)
    if found is None:
        return views.not_signed_up()
    shown, already = found
    return views.preview(shown, already=already)


async def confirm(env: Env, *, user_id: str) -> Message:
    entry = await env.db.run(repo.opt_in, user_id=user_id, now=env.now())
    return views.confirmed(joined=entry is not None)


async def leave(env: Env, *, user_id: str) -> Message:
    removed = await env.db.run(repo.opt_out, user_id=user_id)
    return views.left(removed=removed)


async def refresh(env: Env, *, user_id: str) -> None:
    """The person took part again (a slot, a wish): their entry, if any, shows it."""
    await env.db.run(repo.refresh, user_id=user_id, now=env.now())


def _docs(session: Session) -> list[search.Doc]:
    return [
        person_document(
            entry_id=e.id,
            workplace=e.workplace,
            sector=e.sector,
            municipality_code=e.municipality,
            topics=e.topics,
            did=views.did_text(e.did),
            title=e.title,
            owner=e.slack_user_id,
        )
        for e in repo.entries(session)
        if e.id is not None
    ]


def _ranked(
    session: Session, *, cache: search.SearchCache, writes: int, user_id: str, query: str
) -> tuple[list[NetworkEntry], int]:
    """Entries matching the query, best first (never one's own), and how many in all. The
    index is kept per process and built again when an entry changes, as the slots' is
    (bench/network_search.py has the figures)."""
    assert read_only(session), "the network index is read in a write transaction"
    snapshot = cache.get(
        NETWORK,
        writes=writes,
        version=lambda: repo.version(session),
        load=lambda: _docs(session),
        taken=dict,
    )
    own = snapshot.index.owned_by(user_id)
    ids, total = snapshot.index.page(query, hidden=own, offset=0, limit=views.SHOWN)
    found = repo.entries_by_ids(session, ids=ids)
    return [found[i] for i in ids if i in found], total


async def find(env: Env, *, user_id: str, query: str) -> Message:
    if not search.terms(query):
        return views.empty_query()
    found, total = await env.db.read(
        _ranked,
        cache=env.caches.network,
        writes=env.db.network_writes,
        user_id=user_id,
        query=query,
    )
    return views.results(query, found, total)
