"""Per-process caches of what every request reads and almost nothing writes."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bot.runtime import heap
from bot.runtime.batch import Batch
from bot.runtime.coalesce import Coalescer
from bot.runtime.recent import Recent
from bot.search import SearchCache
from bot.views.slots import RenderedSlots
from models.participants import Profile
from models.placement_messages import MessageRef
from models.tables import SeasonSettings

PROFILE_SECONDS = 600.0  # a changed name or title in Slack shows in the app within this


@dataclass
class Caches:
    search: SearchCache = field(default_factory=lambda: SearchCache(on_rebuilt=heap.refreeze))
    # The network's entries, indexed as the slots are (bot.service.network).
    network: SearchCache = field(default_factory=lambda: SearchCache(on_rebuilt=heap.refreeze))
    seasons: Recent[int, SeasonSettings] = field(default_factory=Recent)
    profiles: Recent[str, Profile] = field(default_factory=lambda: Recent(ttl=PROFILE_SECONDS))
    season_reload: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Seasons known to have participants (bot.service.Env.year): only True is kept.
    seasons_held: Recent[int, bool] = field(default_factory=lambda: Recent(ttl=3600.0))
    # Seasons whose returning participants' invitations this process has planned
    # (bot.service.seasons.invite_back); after a restart the outbox keys prevent doubles.
    invited_back: set[int] = field(default_factory=set)
    slot_blocks: RenderedSlots = field(default_factory=RenderedSlots)
    homes: Coalescer = field(default_factory=Coalescer)  # App Home redraws per person
    # Where the DMs with answer buttons are, stored a few at a time (bot.service.placements.ask).
    message_refs: Batch[MessageRef] = field(default_factory=Batch)
