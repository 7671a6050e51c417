"""What the app does, as keyword-only async functions: handlers ack and call these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.season import Season, season_in_force
from bot.process.clock import Clock
from bot.process.config import Settings
from bot.process.current import season_of, season_year
from bot.service.caches import Caches
from bot.slack.coordinators import Coordinators
from models import seasons as repo
from models.db import Database
from models.tables import SeasonSettings


@dataclass(frozen=True, slots=True)
class Env:
    """The app's parts a service needs, gathered from Bolt's context."""

    client: AsyncWebClient
    db: Database
    clock: Clock
    settings: Settings
    # Who is a coordinator: the process's one source (its cache is shared like `caches`).
    coordinators: Coordinators
    # Shared by every request of the process (the middleware hands the app's one in).
    caches: Caches = field(default_factory=Caches)

    def now(self) -> datetime:
        return self.clock.now()

    async def is_coordinator(self, user_id: str) -> bool:
        return await self.coordinators.includes(user_id, client=self.client, now=self.now())

    async def year(self) -> int:
        """The season in force: where sign-ups go and what the coordinator works in."""
        if self.settings.praktik_year is not None:
            return self.settings.praktik_year
        now = self.now()
        upcoming = season_year(self.settings, now)
        opens_on = (await self.overrides(upcoming)).opens_on
        year = season_in_force(now, self.settings.tz, opens_on=opens_on)
        # A season nobody took part in has nothing to finish: the next one is in force (a new
        # deployment after week 37 need not wait for 15 January).
        if year != upcoming and not await self._held(year):
            return upcoming
        return year

    async def _held(self, year: int) -> bool:
        if self.caches.seasons_held.get(year):
            return True  # once a season has participants it keeps them
        held = await self.db.read(repo.season_has_participants, year=year)
        if held:
            self.caches.seasons_held.put(year, True)
        return held

    async def season(self, year: int | None = None) -> tuple[Season, SeasonSettings]:
        """Season `year` (default: the one in force) with the coordinator's settings."""
        overrides = await self.overrides(await self.year() if year is None else year)
        return season_of(self.settings, overrides), overrides

    async def overrides(self, year: int) -> SeasonSettings:
        overrides = self.caches.seasons.get(year)
        if overrides is None:
            # One read per expiry, not one per request in flight at that moment.
            async with self.caches.season_reload:
                overrides = self.caches.seasons.get(year)
                if overrides is None:
                    overrides = await self.db.read(repo.season_settings, year=year)
                    self.caches.seasons.put(year, overrides)
        return overrides
