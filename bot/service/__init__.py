"""What the app does, as keyword-only async functions: handlers ack and call these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.caches import Caches
from bot.clock import Clock
from bot.config import Settings
from bot.current import season_of, season_year
from bot.season import Season
from models import repo
from models.db import Database
from models.tables import SeasonSettings


@dataclass(frozen=True, slots=True)
class Env:
    """The app's parts a service needs, gathered from Bolt's context."""

    client: AsyncWebClient
    db: Database
    clock: Clock
    settings: Settings
    # Shared by every request of the process (the middleware hands the app's one in).
    caches: Caches = field(default_factory=Caches)

    def now(self) -> datetime:
        return self.clock.now()

    def year(self) -> int:
        return season_year(self.settings, self.now())

    async def season(self) -> tuple[Season, SeasonSettings]:
        year = self.year()
        overrides = self.caches.seasons.get(year)
        if overrides is None:
            # One read per expiry, not one per request in flight at that moment.
            async with self.caches.season_reload:
                overrides = self.caches.seasons.get(year)
                if overrides is None:
                    overrides = await self.db.run(repo.season_settings, year=year)
                    self.caches.seasons.put(year, overrides)
        return season_of(self.settings, overrides), overrides
